-- DATA TEST unique: one marts.journeys row per (project, journey).
-- Every row returned is a failure. Variables: project_id.
SELECT project_id, journey_id, count(*)::int AS copies
FROM marts.journeys
WHERE project_id = :'project_id'::bigint
GROUP BY project_id, journey_id
HAVING count(*) > 1
