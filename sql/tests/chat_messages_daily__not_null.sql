-- DATA TEST not_null: marts.chat_messages_daily rows of the refreshed window with a missing value.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, send_type, channel, messages, fallbacks
FROM marts.chat_messages_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (day IS NULL OR send_type IS NULL OR channel IS NULL OR messages IS NULL OR fallbacks IS NULL)
