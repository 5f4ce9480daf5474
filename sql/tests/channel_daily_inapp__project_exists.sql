-- DATA TEST relationships: the inapp rows of marts.channel_daily in the refreshed window belong to a project registered
-- in app.projects.
-- Every row returned is a failure. Variables: project_id, from, to.
SELECT m.project_id, count(*)::int AS rows
FROM marts.channel_daily m
WHERE m.project_id = :'project_id'::bigint AND m.channel = 'inapp' AND m.day BETWEEN :'from'::date AND :'to'::date
  AND NOT EXISTS (SELECT 1 FROM app.projects p WHERE p.project_id = m.project_id)
GROUP BY m.project_id
