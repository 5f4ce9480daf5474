-- STAGING model: in-app statistics per campaign, local day and platform, from one raw payload of
-- GET /v1/inApp/stats.
-- Rows are written only when a value differs (raw_id then names the payload the values came from);
-- rows of the window the payload no longer has are removed.
-- Variables: project_id, raw_id, from, to (the payload's request window).
WITH src AS (
  SELECT r.project_id,
         (e->>'statsDate')::date          AS day,
         (e->>'campaignId')::bigint       AS campaign_id,
         lower(e->>'platformGroup')       AS platform,
         (e->>'numImpressions')::bigint   AS impressions,
         (e->>'numClicks')::bigint        AS clicks,
         (e->>'numDismissed')::bigint     AS dismissed,
         r.id                             AS raw_id
  FROM raw.api_responses r
  CROSS JOIN LATERAL jsonb_array_elements(r.payload->'data') AS e
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
    AND (e->>'statsDate')::date BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO staging.inapp_daily AS s (project_id, day, campaign_id, platform, impressions, clicks, dismissed, raw_id)
  SELECT project_id, day, campaign_id, platform, impressions, clicks, dismissed, raw_id FROM src
  ON CONFLICT (project_id, day, campaign_id, platform) DO UPDATE
    SET impressions = EXCLUDED.impressions, clicks = EXCLUDED.clicks, dismissed = EXCLUDED.dismissed,
        raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.impressions, s.clicks, s.dismissed) IS DISTINCT FROM (EXCLUDED.impressions, EXCLUDED.clicks, EXCLUDED.dismissed)
  RETURNING 1
), deleted AS (
  -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
  DELETE FROM staging.inapp_daily s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND (s.day, s.campaign_id, s.platform) NOT IN (SELECT day, campaign_id, platform FROM src)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed;
