-- STAGING model: push statistics by local day, hour and platform, from one raw hourly dateStats
-- payload (GET /v1/application/{id}/dateStats?periodicity=hourly, ≤ 7 days). statsDate/statsHour are
-- the project's local day and hour; hour_start_utc is that hour's start in UTC, from app.projects'
-- time zone (a project missing there fails the load rather than loading hours without an instant).
-- Rows are written only when a value differs (raw_id then names the payload the values came from);
-- rows of the window the payload no longer has are removed.
-- Variables: project_id, raw_id, from, to (the payload's request window).
WITH src AS (
  SELECT r.project_id,
         (e->>'statsDate')::date                 AS day,
         (e->>'statsHour')::smallint             AS hour,
         lower(e->>'platformGroup')              AS platform,
         ((e->>'statsDate')::date + make_interval(hours => (e->>'statsHour')::int)) AT TIME ZONE p.time_zone AS hour_start_utc,
         (e->>'numDevicesSent')::bigint          AS sent,
         (e->>'numDevicesSuccess')::bigint       AS success,
         (e->>'numDevicesReceived')::bigint      AS received,
         (e->>'numDevicesClicked')::bigint       AS clicked,
         r.id                                    AS raw_id
  FROM raw.api_responses r
  LEFT JOIN app.projects p ON p.project_id = r.project_id
  CROSS JOIN LATERAL jsonb_array_elements(r.payload->'data') AS e
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
    AND (e->>'statsDate')::date BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO staging.push_hourly AS s (project_id, day, hour, platform, hour_start_utc, sent, success, received, clicked, raw_id)
  SELECT project_id, day, hour, platform, hour_start_utc, sent, success, received, clicked, raw_id FROM src
  ON CONFLICT (project_id, day, hour, platform) DO UPDATE
    SET hour_start_utc = EXCLUDED.hour_start_utc, sent = EXCLUDED.sent, success = EXCLUDED.success,
        received = EXCLUDED.received, clicked = EXCLUDED.clicked, raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.hour_start_utc, s.sent, s.success, s.received, s.clicked)
          IS DISTINCT FROM (EXCLUDED.hour_start_utc, EXCLUDED.sent, EXCLUDED.success, EXCLUDED.received, EXCLUDED.clicked)
  RETURNING 1
), deleted AS (
  -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
  DELETE FROM staging.push_hourly s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND (s.day, s.hour, s.platform) NOT IN (SELECT day, hour, platform FROM src)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed;
