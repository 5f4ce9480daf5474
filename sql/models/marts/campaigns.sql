-- MART refresh: marts.campaigns, the campaign dimension, from the latest list in staging.campaigns.
-- Campaigns still listed are upserted (removed_on cleared); campaigns no longer listed keep their row
-- and get removed_on = the snapshot's day (`to`, the project's local today), once.
-- Only rows whose values differ are written.
-- Variables: project_id, to (from is not used: the list is a snapshot).
WITH src AS (
  SELECT s.project_id, s.campaign_id, s.name, s.channel, s.created_at, s.created_day, s.status
  FROM staging.campaigns s
  WHERE s.project_id = :'project_id'::bigint
), upserted AS (
  INSERT INTO marts.campaigns AS m (project_id, campaign_id, name, channel, created_at, created_day, status, removed_on)
  SELECT project_id, campaign_id, name, channel, created_at, created_day, status, NULL FROM src
  ON CONFLICT (project_id, campaign_id) DO UPDATE
    SET name = EXCLUDED.name, channel = EXCLUDED.channel, created_at = EXCLUDED.created_at,
        created_day = EXCLUDED.created_day, status = EXCLUDED.status, removed_on = NULL
    WHERE (m.name, m.channel, m.created_at, m.created_day, m.status, m.removed_on)
          IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.channel, EXCLUDED.created_at, EXCLUDED.created_day, EXCLUDED.status, NULL::date)
  RETURNING 1
), removed AS (
  UPDATE marts.campaigns m SET removed_on = :'to'::date
  WHERE m.project_id = :'project_id'::bigint AND m.removed_on IS NULL
    AND NOT EXISTS (SELECT 1 FROM src WHERE src.campaign_id = m.campaign_id)
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM removed))::int AS changed;
