-- DATA TEST reconciliation: marts.campaign_totals equals the sum of marts.campaign_daily over every
-- day for each sms campaign of the refreshed window (a campaign with daily rows in the window and
-- no totals row, or a totals row overlapping the window without daily rows, is a difference too).
-- Every row returned is a failure. Variables: project_id, from, to.
WITH c AS (
  SELECT campaign_id FROM marts.campaign_daily
  WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date AND channel = 'sms'
  UNION
  SELECT campaign_id FROM marts.campaign_totals
  WHERE project_id = :'project_id'::bigint AND channel = 'sms'
    AND first_day <= :'to'::date AND last_day >= :'from'::date
), d AS (
  SELECT campaign_id,
         min(day) AS first_day, max(day) AS last_day, count(DISTINCT day)::int AS days,
         sum(sent)::bigint AS sent, sum(delivered)::bigint AS delivered, sum(opened)::bigint AS opened,
         sum(clicked)::bigint AS clicked, sum(bounced)::bigint AS bounced, sum(unsubscribed)::bigint AS unsubscribed,
         sum(cost) AS cost, sum(accepted)::bigint AS accepted, sum(errors)::bigint AS errors,
         sum(impressions)::bigint AS impressions, sum(dismissed)::bigint AS dismissed, sum(rejected)::bigint AS rejected,
         sum(chunks)::bigint AS chunks, sum(soft_bounced)::bigint AS soft_bounced, sum(hard_bounced)::bigint AS hard_bounced,
         sum(spam_reports)::bigint AS spam_reports, sum(blocked)::bigint AS blocked
  FROM marts.campaign_daily
  WHERE project_id = :'project_id'::bigint AND channel = 'sms' AND campaign_id IN (SELECT campaign_id FROM c)
  GROUP BY campaign_id
), t AS (
  SELECT campaign_id, first_day, last_day, days, sent, delivered, opened, clicked, bounced,
         unsubscribed, cost, accepted, errors, impressions, dismissed, rejected, chunks,
         soft_bounced, hard_bounced, spam_reports, blocked
  FROM marts.campaign_totals
  WHERE project_id = :'project_id'::bigint AND channel = 'sms' AND campaign_id IN (SELECT campaign_id FROM c)
)
SELECT coalesce(d.campaign_id, t.campaign_id) AS campaign_id, to_jsonb(d) AS daily_sum, to_jsonb(t) AS totals
FROM d FULL JOIN t ON t.campaign_id = d.campaign_id
WHERE (d.first_day, d.last_day, d.days, d.sent, d.delivered, d.opened, d.clicked, d.bounced,
        d.unsubscribed, d.cost, d.accepted, d.errors, d.impressions, d.dismissed, d.rejected, d.chunks,
        d.soft_bounced, d.hard_bounced, d.spam_reports, d.blocked)
      IS DISTINCT FROM (t.first_day, t.last_day, t.days, t.sent, t.delivered, t.opened, t.clicked, t.bounced,
                        t.unsubscribed, t.cost, t.accepted, t.errors, t.impressions, t.dismissed, t.rejected, t.chunks,
                        t.soft_bounced, t.hard_bounced, t.spam_reports, t.blocked)
