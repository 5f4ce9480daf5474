-- DATA TEST unique: one marts.agent_daily row per (project, day, agent) in the refreshed window.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT project_id, day, agent_id, count(*)::int AS copies
FROM marts.agent_daily
WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
GROUP BY project_id, day, agent_id
HAVING count(*) > 1
