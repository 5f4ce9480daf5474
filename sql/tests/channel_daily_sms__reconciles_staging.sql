-- DATA TEST reconciliation: every sms row of marts.channel_daily in the refreshed window equals
-- staging.sms_daily mapped as marts/channel_daily_sms.sql maps it (a row on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, 'all' AS platform,
         sum(sent)::bigint AS sent, sum(delivered)::bigint AS delivered, sum(clicked)::bigint AS clicked,
         sum(cost) AS cost, sum(rejected)::bigint AS rejected, sum(chunks)::bigint AS chunks,
         sum(unique_contacts)::bigint AS unique_contacts
  FROM staging.sms_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
), m AS (
  SELECT day, platform, sent, delivered, clicked, cost, rejected, chunks, unique_contacts
  FROM marts.channel_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'sms'
)
SELECT coalesce(s.day, m.day) AS day, coalesce(s.platform, m.platform) AS platform, to_jsonb(s) AS staging, to_jsonb(m) AS mart
FROM s FULL JOIN m ON m.day = s.day AND m.platform = s.platform
WHERE (s.sent, s.delivered, s.clicked, s.cost, s.rejected, s.chunks, s.unique_contacts)
      IS DISTINCT FROM (m.sent, m.delivered, m.clicked, m.cost, m.rejected, m.chunks, m.unique_contacts)
