-- MART refresh: marts.push_hourly (push by local day, hour and platform: the heatmap's source) for
-- one project and window, from staging.push_hourly. Runs in the refresh's transaction; unchanged rows
-- are left untouched.
-- Variables: project_id, from, to.
WITH src AS (
  SELECT project_id, day, hour, platform, hour_start_utc, sent, success, received, clicked
  FROM staging.push_hourly
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO marts.push_hourly AS m (project_id, day, hour, platform, hour_start_utc, sent, success, received, clicked)
  SELECT project_id, day, hour, platform, hour_start_utc, sent, success, received, clicked FROM src
  ON CONFLICT (project_id, day, hour, platform) DO UPDATE
    SET hour_start_utc = EXCLUDED.hour_start_utc, sent = EXCLUDED.sent, success = EXCLUDED.success,
        received = EXCLUDED.received, clicked = EXCLUDED.clicked
    WHERE m IS DISTINCT FROM EXCLUDED
  RETURNING 1
), deleted AS (
  -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
  DELETE FROM marts.push_hourly m
  WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
    AND (m.day, m.hour, m.platform) NOT IN (SELECT day, hour, platform FROM src)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed;
