-- DATA TEST reconciliation: every inapp row of marts.channel_daily in the refreshed window equals
-- staging.inapp_daily mapped as marts/channel_daily_inapp.sql maps it (a row on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, platform,
         sum(impressions)::bigint AS impressions, sum(clicks)::bigint AS clicked, sum(dismissed)::bigint AS dismissed
  FROM staging.inapp_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day, platform
), m AS (
  SELECT day, platform, impressions, clicked, dismissed
  FROM marts.channel_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'inapp'
)
SELECT coalesce(s.day, m.day) AS day, coalesce(s.platform, m.platform) AS platform, to_jsonb(s) AS staging, to_jsonb(m) AS mart
FROM s FULL JOIN m ON m.day = s.day AND m.platform = s.platform
WHERE (s.impressions, s.clicked, s.dismissed)
      IS DISTINCT FROM (m.impressions, m.clicked, m.dismissed)
