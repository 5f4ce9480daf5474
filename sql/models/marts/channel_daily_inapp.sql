-- MART refresh: the inapp rows of marts.channel_daily for one project and window: staging.inapp_daily
-- (GET /v1/inApp/stats) summed over campaigns per day and platform. In-app messages are shown, not
-- sent: impressions, clicked (numClicks) and dismissed; sent/delivered/opened stay NULL.
-- Only inapp rows are written or removed.
-- Variables: project_id, from, to.
SELECT marts.merge_channel_daily(:'project_id'::bigint, 'inapp', :'from'::date, :'to'::date, (
  SELECT jsonb_agg(to_jsonb(r))
  FROM (
    SELECT day, platform, sum(impressions) AS impressions, sum(clicks) AS clicked, sum(dismissed) AS dismissed
    FROM staging.inapp_daily
    WHERE project_id = :'project_id'::bigint AND day BETWEEN :'from'::date AND :'to'::date
    GROUP BY day, platform
  ) r
)) AS changed;
