-- STAGING model: push statistics by day and platform, from one raw dateStats payload.
-- Upserts the payload's rows for its window and removes rows of that window the payload no longer
-- has. A row is written only when a value differs, so replaying the same payload changes nothing.
-- Variables: project_id, raw_id, from, to (the payload's request window).
WITH src AS (
  SELECT r.project_id,
         (e->>'statsDate')::date               AS day,
         lower(e->>'platformGroup')            AS platform,
         (e->>'numDevicesSent')::bigint        AS sent,
         (e->>'numDevicesSuccess')::bigint     AS success,
         (e->>'numDevicesReceived')::bigint    AS received,
         (e->>'numDevicesClicked')::bigint     AS clicked,
         r.id                                  AS raw_id
  FROM raw.api_responses r
  CROSS JOIN LATERAL jsonb_array_elements(r.payload->'data') AS e
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
    AND (e->>'statsDate')::date BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO staging.push_daily AS s (project_id, day, platform, sent, success, received, clicked, raw_id)
  SELECT project_id, day, platform, sent, success, received, clicked, raw_id FROM src
  ON CONFLICT (project_id, day, platform) DO UPDATE
    SET sent = EXCLUDED.sent, success = EXCLUDED.success, received = EXCLUDED.received,
        clicked = EXCLUDED.clicked, raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.sent, s.success, s.received, s.clicked, s.raw_id)
          IS DISTINCT FROM (EXCLUDED.sent, EXCLUDED.success, EXCLUDED.received, EXCLUDED.clicked, EXCLUDED.raw_id)
  RETURNING 1
), deleted AS (
  DELETE FROM staging.push_daily s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE src.day = s.day AND src.platform = s.platform)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed;
