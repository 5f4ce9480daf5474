-- DATA TEST reconciliation: every inapp row of marts.campaign_daily in the refreshed window equals
-- staging.inapp_daily mapped as marts/campaign_daily_inapp.sql maps it (a row on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT campaign_id, day, platform,
         sum(impressions)::bigint AS impressions, sum(clicks)::bigint AS clicked, sum(dismissed)::bigint AS dismissed
  FROM staging.inapp_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY campaign_id, day, platform
), m AS (
  SELECT campaign_id, day, platform, impressions, clicked, dismissed
  FROM marts.campaign_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'inapp'
)
SELECT coalesce(s.campaign_id, m.campaign_id) AS campaign_id, coalesce(s.day, m.day) AS day, coalesce(s.platform, m.platform) AS platform, to_jsonb(s) AS staging, to_jsonb(m) AS mart
FROM s FULL JOIN m ON m.campaign_id = s.campaign_id AND m.day = s.day AND m.platform = s.platform
WHERE (s.impressions, s.clicked, s.dismissed)
      IS DISTINCT FROM (m.impressions, m.clicked, m.dismissed)
