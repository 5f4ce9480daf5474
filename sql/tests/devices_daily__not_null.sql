-- DATA TEST not_null: marts.devices_daily rows of the refreshed window with a missing value.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform, new, active, unregistered
FROM marts.devices_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (day IS NULL OR platform IS NULL OR new IS NULL OR active IS NULL OR unregistered IS NULL)
