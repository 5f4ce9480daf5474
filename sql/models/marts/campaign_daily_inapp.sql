-- MART refresh: the inapp rows of marts.campaign_daily for one project and window, from
-- staging.inapp_daily, and campaign_totals of those campaigns (mapping as channel_daily_inapp.sql).
-- Variables: project_id, from, to.
SELECT marts.merge_campaign_daily(:'project_id'::bigint, 'inapp', :'from'::date, :'to'::date, (
  SELECT jsonb_agg(to_jsonb(r))
  FROM (
    SELECT campaign_id, day, platform, impressions, clicks AS clicked, dismissed
    FROM staging.inapp_daily
    WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
  ) r
)) AS changed;
