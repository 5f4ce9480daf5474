-- STAGING model: push statistics per campaign, local day and platform, from one raw campaign stats
-- payload (GET /v1/campaign/stats, every page re-assembled into data[]).
-- Rows are written only when a value differs (raw_id then names the payload the values came from);
-- rows of the window the payload no longer has are removed.
-- Variables: project_id, raw_id, from, to (the payload's request window).
WITH src AS (
  SELECT r.project_id,
         (e->>'statsDate')::date                 AS day,
         (e->>'campaignId')::bigint              AS campaign_id,
         lower(e->>'platformGroup')              AS platform,
         nullif(btrim(e->>'campaignName'), '')   AS campaign_name,
         (e->>'numDevicesSent')::bigint          AS sent,
         (e->>'numDevicesSuccess')::bigint       AS success,
         (e->>'numDevicesReceived')::bigint      AS received,
         (e->>'numDevicesClicked')::bigint       AS clicked,
         (e->>'numErrors')::bigint               AS errors,
         r.id                                    AS raw_id
  FROM raw.api_responses r
  CROSS JOIN LATERAL jsonb_array_elements(r.payload->'data') AS e
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
    AND (e->>'statsDate')::date BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO staging.push_campaign_daily AS s
    (project_id, day, campaign_id, platform, campaign_name, sent, success, received, clicked, errors, raw_id)
  SELECT project_id, day, campaign_id, platform, campaign_name, sent, success, received, clicked, errors, raw_id FROM src
  ON CONFLICT (project_id, day, campaign_id, platform) DO UPDATE
    SET campaign_name = EXCLUDED.campaign_name, sent = EXCLUDED.sent, success = EXCLUDED.success,
        received = EXCLUDED.received, clicked = EXCLUDED.clicked, errors = EXCLUDED.errors,
        raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.campaign_name, s.sent, s.success, s.received, s.clicked, s.errors)
          IS DISTINCT FROM (EXCLUDED.campaign_name, EXCLUDED.sent, EXCLUDED.success, EXCLUDED.received, EXCLUDED.clicked, EXCLUDED.errors)
  RETURNING 1
), deleted AS (
  -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
  DELETE FROM staging.push_campaign_daily s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND (s.day, s.campaign_id, s.platform) NOT IN (SELECT day, campaign_id, platform FROM src)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed;
