-- DATA TEST reconciliation: every push row of marts.channel_daily in the refreshed window equals
-- staging.push_daily mapped as marts/channel_daily_push.sql maps it (a row on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, platform,
         sum(sent)::bigint AS sent, sum(received)::bigint AS delivered, sum(clicked)::bigint AS clicked,
         sum(success)::bigint AS accepted
  FROM staging.push_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day, platform
), m AS (
  SELECT day, platform, sent, delivered, clicked, accepted
  FROM marts.channel_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'push'
)
SELECT coalesce(s.day, m.day) AS day, coalesce(s.platform, m.platform) AS platform, to_jsonb(s) AS staging, to_jsonb(m) AS mart
FROM s FULL JOIN m ON m.day = s.day AND m.platform = s.platform
WHERE (s.sent, s.delivered, s.clicked, s.accepted)
      IS DISTINCT FROM (m.sent, m.delivered, m.clicked, m.accepted)
