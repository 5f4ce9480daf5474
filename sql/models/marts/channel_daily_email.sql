-- MART refresh: the email rows of marts.channel_daily for one project and window, from
-- staging.email_daily (GET /v2/email/stats/application). bounced = soft + hard bounces (both also
-- kept); spam_reports = numContactsSpammed. No platform breakdown (platform 'all').
-- Only email rows are written or removed.
-- Variables: project_id, from, to.
SELECT marts.merge_channel_daily(:'project_id'::bigint, 'email', :'from'::date, :'to'::date, (
  SELECT jsonb_agg(to_jsonb(r))
  FROM (
    SELECT day, 'all' AS platform, sent, delivered, opened, clicked, soft_bounced + hard_bounced AS bounced,
           unsubscribed, soft_bounced, hard_bounced, spammed AS spam_reports, blocked
    FROM staging.email_daily
    WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  ) r
)) AS changed;
