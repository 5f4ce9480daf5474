-- MART refresh: marts.chat_messages_daily (messages, delivered, read and bot fallbacks per local day, sendType and
-- channel) for one project and window, from staging.chat_messages.
-- Same transaction as the staging load; only rows whose values differ are written.
-- Variables: project_id, from, to.
WITH src AS (
  SELECT project_id, day, send_type, channel, count(*) AS messages,
         count(*) FILTER (WHERE status IN ('delivered', 'read')) AS delivered, count(*) FILTER (WHERE status = 'read') AS read,
         count(*) FILTER (WHERE is_fallback) AS fallbacks
  FROM staging.chat_messages
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY project_id, day, send_type, channel
), upserted AS (
  INSERT INTO marts.chat_messages_daily AS m (project_id, day, send_type, channel, messages, delivered, read, fallbacks)
  SELECT project_id, day, send_type, channel, messages, delivered, read, fallbacks FROM src
  ON CONFLICT (project_id, day, send_type, channel) DO UPDATE
    SET messages = EXCLUDED.messages, delivered = EXCLUDED.delivered, read = EXCLUDED.read, fallbacks = EXCLUDED.fallbacks
    WHERE (m.messages, m.delivered, m.read, m.fallbacks) IS DISTINCT FROM (EXCLUDED.messages, EXCLUDED.delivered, EXCLUDED.read, EXCLUDED.fallbacks)
  RETURNING 1
), deleted AS (
  DELETE FROM marts.chat_messages_daily m
  WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE (src.day, src.send_type, src.channel) = (m.day, m.send_type, m.channel))
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
