-- MART refresh: marts.journeys, the journey dimension, from the latest list in staging.journeys.
-- Journeys still listed are upserted (removed_on cleared); journeys no longer listed keep their row
-- and get removed_on = the snapshot's day (`to`, the project's local today), once.
-- Only rows whose values differ are written.
-- Variables: project_id, to (from is not used: the list is a snapshot).
WITH src AS (
  SELECT project_id, journey_id, name, status, created_at, created_day
  FROM staging.journeys
  WHERE project_id = :'project_id'::bigint
), upserted AS (
  INSERT INTO marts.journeys AS m (project_id, journey_id, name, status, created_at, created_day, removed_on)
  SELECT project_id, journey_id, name, status, created_at, created_day, NULL FROM src
  ON CONFLICT (project_id, journey_id) DO UPDATE
    SET name = EXCLUDED.name, status = EXCLUDED.status, created_at = EXCLUDED.created_at,
        created_day = EXCLUDED.created_day, removed_on = NULL
    WHERE (m.name, m.status, m.created_at, m.created_day, m.removed_on)
          IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.status, EXCLUDED.created_at, EXCLUDED.created_day, NULL::date)
  RETURNING 1
), removed AS (
  UPDATE marts.journeys m SET removed_on = :'to'::date
  WHERE m.project_id = :'project_id'::bigint AND m.removed_on IS NULL
    AND NOT EXISTS (SELECT 1 FROM src WHERE src.journey_id = m.journey_id)
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM removed))::int AS changed;
