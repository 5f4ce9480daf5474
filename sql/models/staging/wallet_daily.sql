-- STAGING model: wallet pass statistics per local day and platform (apple, google), from one raw
-- payload of GET /v1/wallet/stats.
-- Rows are written only when a value differs (raw_id then names the payload the values came from);
-- rows of the window the payload no longer has are removed.
-- Variables: project_id, raw_id, from, to (the payload's request window).
WITH src AS (
  SELECT r.project_id,
         (e->>'statsDate')::date               AS day,
         lower(e->>'platform')                 AS platform,
         (e->>'numPassesIssued')::bigint       AS issued,
         (e->>'numPassesInstalled')::bigint    AS installed,
         (e->>'numPassesUninstalled')::bigint  AS uninstalled,
         (e->>'numPassUpdatesSent')::bigint    AS updates_sent,
         r.id                                  AS raw_id
  FROM raw.api_responses r
  CROSS JOIN LATERAL jsonb_array_elements(r.payload->'data') AS e
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
    AND (e->>'statsDate')::date BETWEEN :'from'::date AND :'to'::date
), upserted AS (
  INSERT INTO staging.wallet_daily AS s (project_id, day, platform, issued, installed, uninstalled, updates_sent, raw_id)
  SELECT project_id, day, platform, issued, installed, uninstalled, updates_sent, raw_id FROM src
  ON CONFLICT (project_id, day, platform) DO UPDATE
    SET issued = EXCLUDED.issued, installed = EXCLUDED.installed, uninstalled = EXCLUDED.uninstalled,
        updates_sent = EXCLUDED.updates_sent, raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.issued, s.installed, s.uninstalled, s.updates_sent)
          IS DISTINCT FROM (EXCLUDED.issued, EXCLUDED.installed, EXCLUDED.uninstalled, EXCLUDED.updates_sent)
  RETURNING 1
), deleted AS (
  -- NOT IN over the key is a hashed lookup whatever the (possibly stale) row estimates; the keys are never NULL.
  DELETE FROM staging.wallet_daily s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND (s.day, s.platform) NOT IN (SELECT day, platform FROM src)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int + (SELECT count(*) FROM deleted)::int AS changed;
