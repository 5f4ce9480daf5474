-- DATA TEST reconciliation: marts.agents_now equals the latest snapshot in staging.chat_agent_status
-- (a row on one side only is a difference). Every row returned is a failure. Variables: project_id.
WITH s AS (SELECT day, active_agents FROM staging.chat_agent_status WHERE project_id = :'project_id'::bigint),
     m AS (SELECT day, active_agents FROM marts.agents_now WHERE project_id = :'project_id'::bigint)
SELECT s.day AS staging_day, m.day AS mart_day, s.active_agents AS staging_active_agents, m.active_agents AS mart_active_agents
FROM s FULL JOIN m ON true
WHERE (s.day, s.active_agents) IS DISTINCT FROM (m.day, m.active_agents)
