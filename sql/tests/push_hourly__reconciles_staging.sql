-- DATA TEST reconciliation: every marts.push_hourly row of the refreshed window equals its
-- staging.push_hourly row (a row on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, hour, platform, hour_start_utc, sent, success, received, clicked
  FROM staging.push_hourly
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
), m AS (
  SELECT day, hour, platform, hour_start_utc, sent, success, received, clicked
  FROM marts.push_hourly
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
)
SELECT coalesce(s.day, m.day) AS day, coalesce(s.hour, m.hour) AS hour, coalesce(s.platform, m.platform) AS platform,
       to_jsonb(s) AS staging, to_jsonb(m) AS mart
FROM s FULL JOIN m ON m.day = s.day AND m.hour = s.hour AND m.platform = s.platform
WHERE (s.hour_start_utc, s.sent, s.success, s.received, s.clicked)
      IS DISTINCT FROM (m.hour_start_utc, m.sent, m.success, m.received, m.clicked)
