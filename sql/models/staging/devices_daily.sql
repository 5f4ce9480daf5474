-- STAGING model: devices per local day and platform (new, active, unregistered), from one raw
-- payload of GET /v1/application/{id}/stats/device (≤ 7 days per request).
-- Rows are written only when a value differs (raw_id then names the payload the values came from);
-- rows of the window the payload no longer has are removed.
-- Variables: project_id, raw_id, from, to (the payload's request window).
WITH src AS (
  SELECT r.project_id,
         (e->>'statsDate')::date                   AS day,
         lower(e->>'platformGroup')                AS platform,
         (e->>'numDevicesNew')::bigint             AS new,
         (e->>'numDevicesActive')::bigint          AS active,
         (e->>'numDevicesUnregistered')::bigint    AS unregistered,
         r.id                                      AS raw_id
  FROM raw.api_responses r
  CROSS JOIN LATERAL jsonb_array_elements(r.payload->'data') AS e
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
    AND (e->>'statsDate')::date BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO staging.devices_daily AS s (project_id, day, platform, new, active, unregistered, raw_id)
  SELECT project_id, day, platform, new, active, unregistered, raw_id FROM src
  ON CONFLICT (project_id, day, platform) DO UPDATE
    SET new = EXCLUDED.new, active = EXCLUDED.active, unregistered = EXCLUDED.unregistered,
        raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.new, s.active, s.unregistered) IS DISTINCT FROM (EXCLUDED.new, EXCLUDED.active, EXCLUDED.unregistered)
  RETURNING 1
), deleted AS (
  -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
  DELETE FROM staging.devices_daily s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND (s.day, s.platform) NOT IN (SELECT day, platform FROM src)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed;
