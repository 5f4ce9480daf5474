-- DATA TEST reconciliation: for each day of the refreshed window, marts.chat_daily equals the
-- /v1/chat/stats staging rows (daily series and one-day window figures); a day on one side only is a
-- difference. A month's window figures (days > 1, past the daily horizon) belong to no day, but each of
-- its days has a row (ADR 029).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH cover AS (
  SELECT DISTINCT g::date AS day
  FROM staging.chat_stats_window w CROSS JOIN LATERAL generate_series(w.day, w.day + w.days - 1, interval '1 day') AS g
  WHERE w.project_id = :'project_id'::bigint AND w.days > 1 AND w.day BETWEEN :'from'::date - 31 AND :'to'::date
    AND g::date BETWEEN :'from'::date AND :'to'::date
), s AS (
  SELECT coalesce(d.day, w.day, c.day) AS day, d.sent, d.delivered, d.read, w.total_messages
  FROM (SELECT * FROM staging.chat_stats_daily WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date) d
  FULL JOIN (SELECT * FROM staging.chat_stats_window WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND days = 1) w
    ON w.day = d.day
  FULL JOIN cover c ON c.day = coalesce(d.day, w.day)
), m AS (
  SELECT day, sent, delivered, read, total_messages
  FROM marts.chat_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
)
SELECT coalesce(s.day, m.day) AS day,
       s.sent AS staging_sent, m.sent AS mart_sent, s.delivered AS staging_delivered, m.delivered AS mart_delivered,
       s.read AS staging_read, m.read AS mart_read, s.total_messages AS staging_total, m.total_messages AS mart_total
FROM s FULL JOIN m ON m.day = s.day
WHERE s.day IS NULL OR m.day IS NULL
   OR (coalesce(s.sent, 0), coalesce(s.delivered, 0), coalesce(s.read, 0), s.total_messages)
      IS DISTINCT FROM (m.sent, m.delivered, m.read, m.total_messages)
