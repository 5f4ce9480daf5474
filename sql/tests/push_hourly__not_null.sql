-- DATA TEST not_null: marts.push_hourly rows of the refreshed window with a missing value.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, hour, platform, hour_start_utc, sent, success, received, clicked
FROM marts.push_hourly
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (day IS NULL OR hour IS NULL OR platform IS NULL OR hour_start_utc IS NULL
       OR sent IS NULL OR success IS NULL OR received IS NULL OR clicked IS NULL)
