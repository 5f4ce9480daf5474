-- MART refresh: the email rows of marts.campaign_daily for one project and window, from
-- staging.email_campaign_daily (GET /v2/email/stats/campaign), and campaign_totals of those
-- campaigns (mapping as channel_daily_email.sql).
-- Variables: project_id, from, to.
SELECT marts.merge_campaign_daily(:'project_id'::bigint, 'email', :'from'::date, :'to'::date, (
  SELECT jsonb_agg(to_jsonb(r))
  FROM (
    SELECT campaign_id, day, 'all' AS platform, sent, delivered, opened, clicked, soft_bounced + hard_bounced AS bounced,
           unsubscribed, soft_bounced, hard_bounced, spammed AS spam_reports, blocked
    FROM staging.email_campaign_daily
    WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  ) r
)) AS changed;
