-- DATA TEST accepted_values: platform is one of android, ios, web (indigitall's platformGroup) and
-- no count is negative.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform, new, active, unregistered
FROM marts.devices_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  AND (platform NOT IN ('android', 'ios', 'web') OR least(new, active, unregistered) < 0)
