-- DATA TEST relationships: the marts.agents_now row belongs to a project in app.projects.
-- Every row returned is a failure. Variables: project_id.
SELECT m.project_id, m.active_agents
FROM marts.agents_now m
WHERE m.project_id = :'project_id'::bigint
  AND NOT EXISTS (SELECT 1 FROM app.projects p WHERE p.project_id = m.project_id)
