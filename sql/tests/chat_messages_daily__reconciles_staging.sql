-- DATA TEST reconciliation: per day of the refreshed window, the mart's messages, delivered, read and
-- fallbacks equal those of staging.chat_messages (a day on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, count(*) AS messages, count(*) FILTER (WHERE status IN ('delivered', 'read')) AS delivered,
         count(*) FILTER (WHERE status = 'read') AS read, count(*) FILTER (WHERE is_fallback) AS fallbacks
  FROM staging.chat_messages
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
), m AS (
  SELECT day, sum(messages) AS messages, sum(delivered) AS delivered, sum(read) AS read, sum(fallbacks) AS fallbacks
  FROM marts.chat_messages_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
)
SELECT coalesce(s.day, m.day) AS day, s.messages AS staging_messages, m.messages AS mart_messages,
       s.delivered AS staging_delivered, m.delivered AS mart_delivered, s.read AS staging_read, m.read AS mart_read,
       s.fallbacks AS staging_fallbacks, m.fallbacks AS mart_fallbacks
FROM s FULL JOIN m ON m.day = s.day
WHERE (s.messages, s.delivered, s.read, s.fallbacks) IS DISTINCT FROM (m.messages, m.delivered, m.read, m.fallbacks)
