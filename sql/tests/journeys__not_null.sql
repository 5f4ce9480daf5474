-- DATA TEST not_null: marts.journeys rows with a missing value (a creation instant always comes with
-- its local day). Every row returned is a failure. Variables: project_id (a snapshot).
SELECT project_id, journey_id, name, status, created_at, created_day
FROM marts.journeys
WHERE project_id = :'project_id'::bigint
  AND (journey_id IS NULL OR name IS NULL OR status IS NULL OR (created_at IS NOT NULL AND created_day IS NULL))
