-- DATA TEST reconciliation: per day of the refreshed window, the chat rows of marts.channel_daily
-- equal staging.chat_stats_daily (sent, delivered, read as opened; one platform 'all'; nothing else
-- filled in). Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, sent, delivered, read FROM staging.chat_stats_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
), m AS (
  SELECT day, count(*) AS rows, sum(sent) AS sent, sum(delivered) AS delivered, sum(opened) AS opened,
         bool_and(platform = 'all' AND clicked IS NULL) AS shape_ok
  FROM marts.channel_daily
  WHERE project_id = :'project_id'::bigint AND channel = 'chat' AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
)
SELECT coalesce(s.day, m.day) AS day, s.sent AS staging_sent, m.sent AS mart_sent, s.delivered AS staging_delivered,
       m.delivered AS mart_delivered, s.read AS staging_read, m.opened AS mart_opened, m.rows AS mart_rows
FROM s FULL JOIN m ON m.day = s.day
WHERE (s.sent, s.delivered, s.read) IS DISTINCT FROM (m.sent, m.delivered, m.opened)
   OR m.rows <> 1 OR NOT m.shape_ok
