-- DATA TEST unique: one marts.devices_daily row per (project, day, platform) in the refreshed window.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, platform, count(*)::int AS copies
FROM marts.devices_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
GROUP BY project_id, day, platform
HAVING count(*) > 1
