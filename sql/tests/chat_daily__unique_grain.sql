-- DATA TEST unique: one marts.chat_daily row per (project, day) in the refreshed window.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, count(*)::int AS copies
FROM marts.chat_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
GROUP BY project_id, day
HAVING count(*) > 1
