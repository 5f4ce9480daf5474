-- DATA TEST not_null: the project's marts.agents_now row has a day and a count.
-- Every row returned is a failure. Variables: project_id (from, to are not used: a snapshot).
SELECT project_id, day, active_agents
FROM marts.agents_now
WHERE project_id = :'project_id'::bigint AND (day IS NULL OR active_agents IS NULL OR active_agents < 0)
