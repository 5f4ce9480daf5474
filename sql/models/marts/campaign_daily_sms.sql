-- MART refresh: the sms rows of marts.campaign_daily for one project and window, from
-- staging.sms_campaign_daily (GET /v2/sms/stats/campaign), and campaign_totals of those campaigns
-- (mapping as channel_daily_sms.sql).
-- Variables: project_id, from, to.
SELECT marts.merge_campaign_daily(:'project_id'::bigint, 'sms', :'from'::date, :'to'::date, (
  SELECT jsonb_agg(to_jsonb(r))
  FROM (
    SELECT campaign_id, day, 'all' AS platform, sent, delivered, clicked, cost, rejected, chunks, unique_contacts
    FROM staging.sms_campaign_daily
    WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  ) r
)) AS changed;
