-- DATA TEST reconciliation: every push row of marts.campaign_daily in the refreshed window equals
-- staging.push_campaign_daily mapped as marts/campaign_daily_push.sql maps it (a row on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT campaign_id, day, platform,
         sum(sent)::bigint AS sent, sum(received)::bigint AS delivered, sum(clicked)::bigint AS clicked,
         sum(success)::bigint AS accepted, sum(errors)::bigint AS errors
  FROM staging.push_campaign_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY campaign_id, day, platform
), m AS (
  SELECT campaign_id, day, platform, sent, delivered, clicked, accepted, errors
  FROM marts.campaign_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'push'
)
SELECT coalesce(s.campaign_id, m.campaign_id) AS campaign_id, coalesce(s.day, m.day) AS day, coalesce(s.platform, m.platform) AS platform, to_jsonb(s) AS staging, to_jsonb(m) AS mart
FROM s FULL JOIN m ON m.campaign_id = s.campaign_id AND m.day = s.day AND m.platform = s.platform
WHERE (s.sent, s.delivered, s.clicked, s.accepted, s.errors)
      IS DISTINCT FROM (m.sent, m.delivered, m.clicked, m.accepted, m.errors)
