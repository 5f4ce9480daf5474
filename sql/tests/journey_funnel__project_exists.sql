-- DATA TEST relationships: every marts.journey_funnel row belongs to a project in app.projects.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT m.project_id, count(*)::int AS rows
FROM marts.journey_funnel m
WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
  AND NOT EXISTS (SELECT 1 FROM app.projects p WHERE p.project_id = m.project_id)
GROUP BY m.project_id
