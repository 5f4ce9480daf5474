-- MART refresh: marts.push_daily for one project and window, from staging.
-- Runs in the same transaction as the staging load, so readers see the window before or after,
-- never half-way. Unchanged rows are left untouched.
-- Variables: project_id, from, to.
WITH src AS (
  SELECT project_id, day, platform, sent, success, received, clicked
  FROM staging.push_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO marts.push_daily AS m (project_id, day, platform, sent, success, received, clicked)
  SELECT project_id, day, platform, sent, success, received, clicked FROM src
  ON CONFLICT (project_id, day, platform) DO UPDATE
    SET sent = EXCLUDED.sent, success = EXCLUDED.success, received = EXCLUDED.received, clicked = EXCLUDED.clicked
    WHERE (m.sent, m.success, m.received, m.clicked)
          IS DISTINCT FROM (EXCLUDED.sent, EXCLUDED.success, EXCLUDED.received, EXCLUDED.clicked)
  RETURNING 1
), deleted AS (
  DELETE FROM marts.push_daily m
  WHERE m.project_id = :'project_id'::bigint AND m.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE src.day = m.day AND src.platform = m.platform)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed;
