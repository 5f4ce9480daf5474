-- DATA TEST not_null: marts.chat_daily rows of the refreshed window with a missing value; the peak
-- minute may be missing only on a day without messages or without a one-day stats window.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, sent, delivered, read, total_messages, peak_minute_utc
FROM marts.chat_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (day IS NULL OR sent IS NULL OR delivered IS NULL OR read IS NULL
       OR (total_messages > 0 AND peak_minute_utc IS NULL))
