-- MART refresh: the push rows of marts.campaign_daily for one project and window, from
-- staging.push_campaign_daily (GET /v1/campaign/stats), and campaign_totals of those campaigns.
-- Same mapping as channel_daily_push.sql, plus errors = numErrors. Only push rows are touched.
-- Variables: project_id, from, to.
SELECT marts.merge_campaign_daily(:'project_id'::bigint, 'push', :'from'::date, :'to'::date, (
  SELECT jsonb_agg(to_jsonb(r))
  FROM (
    SELECT campaign_id, day, platform, sent, received AS delivered, clicked, success AS accepted, errors
    FROM staging.push_campaign_daily
    WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  ) r
)) AS changed;
