-- STAGING model: one GET /v1/campaign list (every page re-assembled; rows in data[] for v1 paging or
-- data.campaigns[] for v2), the project's full campaign configuration. A snapshot: the endpoint takes
-- no dates (the pipeline's window is the project's local today), and campaigns the list no longer has
-- are removed from staging (the mart keeps them, marked removed).
-- Channels are normalised to the marts' vocabulary (push, inapp, sms, email, chat, wallet); statuses
-- are lower-case; createdAt becomes a UTC instant plus the project's local day (a bare date is the
-- local day already, and gives no instant).
-- Rows are written only when a value differs.
-- Variables: project_id, raw_id.
WITH p AS (
  SELECT time_zone FROM app.projects WHERE project_id = :'project_id'::bigint
), r AS (
  SELECT r.project_id, r.id AS raw_id,
         CASE jsonb_typeof(r.payload->'data') WHEN 'array' THEN r.payload->'data' ELSE r.payload->'data'->'campaigns' END AS list
  FROM raw.api_responses r
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
), src AS (
  SELECT DISTINCT ON ((e->>'id')::bigint)
         r.project_id,
         (e->>'id')::bigint                       AS campaign_id,
         btrim(e->>'name')                        AS name,
         staging.campaign_channel(e->>'channel')  AS channel,
         (staging.created_stamp(e->>'createdAt', p.time_zone)).*,
         lower(btrim(e->>'status'))               AS status,
         r.raw_id
  FROM r CROSS JOIN p CROSS JOIN LATERAL jsonb_array_elements(r.list) AS e
  ORDER BY (e->>'id')::bigint, e::text
), upserted AS (
  INSERT INTO staging.campaigns AS s (project_id, campaign_id, name, channel, created_at, created_day, status, raw_id)
  SELECT project_id, campaign_id, name, channel, created_at, created_day, status, raw_id FROM src
  ON CONFLICT (project_id, campaign_id) DO UPDATE
    SET name = EXCLUDED.name, channel = EXCLUDED.channel, created_at = EXCLUDED.created_at,
        created_day = EXCLUDED.created_day, status = EXCLUDED.status, raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.name, s.channel, s.created_at, s.created_day, s.status, s.raw_id)
          IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.channel, EXCLUDED.created_at, EXCLUDED.created_day, EXCLUDED.status, EXCLUDED.raw_id)
  RETURNING 1
), deleted AS (
  DELETE FROM staging.campaigns s
  WHERE s.project_id = :'project_id'::bigint
    AND NOT EXISTS (SELECT 1 FROM src WHERE src.campaign_id = s.campaign_id)
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
