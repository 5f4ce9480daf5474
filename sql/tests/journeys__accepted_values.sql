-- DATA TEST accepted_values: status is one of the journey statuses the list reports (lower-case).
-- Every row returned is a failure. Variables: project_id.
SELECT project_id, journey_id, status
FROM marts.journeys
WHERE project_id = :'project_id'::bigint
  AND (status IS NULL OR status NOT IN ('draft', 'scheduled', 'active', 'paused', 'finished', 'stopped', 'archived'))
