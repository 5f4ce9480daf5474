-- DATA TEST reconciliation: every marts.devices_daily row of the refreshed window equals its
-- staging.devices_daily row (a row on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, platform, new, active, unregistered
  FROM staging.devices_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
), m AS (
  SELECT day, platform, new, active, unregistered
  FROM marts.devices_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
)
SELECT coalesce(s.day, m.day) AS day, coalesce(s.platform, m.platform) AS platform, to_jsonb(s) AS staging, to_jsonb(m) AS mart
FROM s FULL JOIN m ON m.day = s.day AND m.platform = s.platform
WHERE (s.new, s.active, s.unregistered) IS DISTINCT FROM (m.new, m.active, m.unregistered)
