-- STAGING model: email statistics per campaign and local day, from one raw payload of
-- GET /v2/email/stats/campaign (every page re-assembled; rows in data.campaigns).
-- Rows are written only when a value differs (raw_id then names the payload the values came from);
-- rows of the window the payload no longer has are removed.
-- Variables: project_id, raw_id, from, to (the payload's request window).
WITH src AS (
  SELECT r.project_id,
         (e->>'statsDate')::date                  AS day,
         (e->>'campaignId')::bigint               AS campaign_id,
         (e->>'numContactsSent')::bigint          AS sent,
         (e->>'numContactsDelivered')::bigint     AS delivered,
         (e->>'numContactsOpened')::bigint        AS opened,
         (e->>'numContactsClicked')::bigint       AS clicked,
         (e->>'numContactsSpammed')::bigint       AS spammed,
         (e->>'numContactsSoftBounced')::bigint   AS soft_bounced,
         (e->>'numContactsHardBounced')::bigint   AS hard_bounced,
         (e->>'numContactsBlocked')::bigint       AS blocked,
         (e->>'numContactsUnsubscribed')::bigint  AS unsubscribed,
         r.id                                     AS raw_id
  FROM raw.api_responses r
  CROSS JOIN LATERAL jsonb_array_elements(r.payload->'data'->'campaigns') AS e
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
    AND (e->>'statsDate')::date BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO staging.email_campaign_daily AS s
    (project_id, day, campaign_id, sent, delivered, opened, clicked, spammed, soft_bounced, hard_bounced, blocked, unsubscribed, raw_id)
  SELECT project_id, day, campaign_id, sent, delivered, opened, clicked, spammed, soft_bounced, hard_bounced, blocked, unsubscribed, raw_id
  FROM src
  ON CONFLICT (project_id, day, campaign_id) DO UPDATE
    SET sent = EXCLUDED.sent, delivered = EXCLUDED.delivered, opened = EXCLUDED.opened, clicked = EXCLUDED.clicked,
        spammed = EXCLUDED.spammed, soft_bounced = EXCLUDED.soft_bounced, hard_bounced = EXCLUDED.hard_bounced,
        blocked = EXCLUDED.blocked, unsubscribed = EXCLUDED.unsubscribed, raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.sent, s.delivered, s.opened, s.clicked, s.spammed, s.soft_bounced, s.hard_bounced, s.blocked, s.unsubscribed)
          IS DISTINCT FROM (EXCLUDED.sent, EXCLUDED.delivered, EXCLUDED.opened, EXCLUDED.clicked, EXCLUDED.spammed,
                            EXCLUDED.soft_bounced, EXCLUDED.hard_bounced, EXCLUDED.blocked, EXCLUDED.unsubscribed)
  RETURNING 1
), deleted AS (
  -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
  DELETE FROM staging.email_campaign_daily s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND (s.day, s.campaign_id) NOT IN (SELECT day, campaign_id FROM src)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed;
