-- STAGING model: one GET /v1/journey?applicationId list (rows in data[]), the project's journeys. A
-- snapshot: the endpoint takes no dates, and journeys the list no longer has are removed from staging
-- (the mart keeps them, marked removed). Statuses are lower-case; createdAt becomes a UTC instant plus
-- the project's local day (a bare date is the local day already, and gives no instant).
-- Rows are written only when a value differs.
-- Variables: project_id, raw_id.
WITH p AS (
  SELECT time_zone FROM app.projects WHERE project_id = :'project_id'::bigint
), src AS (
  SELECT DISTINCT ON ((e->>'id')::bigint)
         r.project_id,
         (e->>'id')::bigint          AS journey_id,
         btrim(e->>'name')           AS name,
         lower(btrim(e->>'status'))  AS status,
         (staging.created_stamp(e->>'createdAt', p.time_zone)).*,
         r.id                        AS raw_id
  FROM raw.api_responses r CROSS JOIN p
  CROSS JOIN LATERAL jsonb_array_elements(r.payload->'data') AS e
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
  ORDER BY (e->>'id')::bigint, e::text
), upserted AS (
  INSERT INTO staging.journeys AS s (project_id, journey_id, name, status, created_at, created_day, raw_id)
  SELECT project_id, journey_id, name, status, created_at, created_day, raw_id FROM src
  ON CONFLICT (project_id, journey_id) DO UPDATE
    SET name = EXCLUDED.name, status = EXCLUDED.status, created_at = EXCLUDED.created_at,
        created_day = EXCLUDED.created_day, raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.name, s.status, s.created_at, s.created_day, s.raw_id)
          IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.status, EXCLUDED.created_at, EXCLUDED.created_day, EXCLUDED.raw_id)
  RETURNING 1
), deleted AS (
  DELETE FROM staging.journeys s
  WHERE s.project_id = :'project_id'::bigint
    AND NOT EXISTS (SELECT 1 FROM src WHERE src.journey_id = s.journey_id)
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
