-- DATA TEST unique: one marts.push_hourly row per (project, day, hour, platform) in the refreshed window.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, hour, platform, count(*)::int AS copies
FROM marts.push_hourly
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
GROUP BY project_id, day, hour, platform
HAVING count(*) > 1
