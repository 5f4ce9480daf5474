-- DATA TEST reconciliation: every email row of marts.channel_daily in the refreshed window equals
-- staging.email_daily mapped as marts/channel_daily_email.sql maps it (a row on one side only is a difference).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH s AS (
  SELECT day, 'all' AS platform,
         sum(sent)::bigint AS sent, sum(delivered)::bigint AS delivered, sum(opened)::bigint AS opened,
         sum(clicked)::bigint AS clicked, sum(soft_bounced + hard_bounced)::bigint AS bounced, sum(unsubscribed)::bigint AS unsubscribed,
         sum(soft_bounced)::bigint AS soft_bounced, sum(hard_bounced)::bigint AS hard_bounced, sum(spammed)::bigint AS spam_reports,
         sum(blocked)::bigint AS blocked
  FROM staging.email_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  GROUP BY day
), m AS (
  SELECT day, platform, sent, delivered, opened, clicked, bounced, unsubscribed, soft_bounced, hard_bounced, spam_reports, blocked
  FROM marts.channel_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'email'
)
SELECT coalesce(s.day, m.day) AS day, coalesce(s.platform, m.platform) AS platform, to_jsonb(s) AS staging, to_jsonb(m) AS mart
FROM s FULL JOIN m ON m.day = s.day AND m.platform = s.platform
WHERE (s.sent, s.delivered, s.opened, s.clicked, s.bounced, s.unsubscribed, s.soft_bounced, s.hard_bounced, s.spam_reports, s.blocked)
      IS DISTINCT FROM (m.sent, m.delivered, m.opened, m.clicked, m.bounced, m.unsubscribed, m.soft_bounced, m.hard_bounced, m.spam_reports, m.blocked)
