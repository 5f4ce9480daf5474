-- MART refresh: marts.devices_daily for one project and window, from staging.devices_daily. Runs in
-- the refresh's transaction; unchanged rows are left untouched.
-- Variables: project_id, from, to.
WITH src AS (
  SELECT project_id, day, platform, new, active, unregistered
  FROM staging.devices_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO marts.devices_daily AS m (project_id, day, platform, new, active, unregistered)
  SELECT project_id, day, platform, new, active, unregistered FROM src
  ON CONFLICT (project_id, day, platform) DO UPDATE
    SET new = EXCLUDED.new, active = EXCLUDED.active, unregistered = EXCLUDED.unregistered
    WHERE m IS DISTINCT FROM EXCLUDED
  RETURNING 1
), deleted AS (
  -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
  DELETE FROM marts.devices_daily m
  WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
    AND (m.day, m.platform) NOT IN (SELECT day, platform FROM src)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed;
