-- STAGING model: one GET /v1/chat/agent/status snapshot (data{activeAgents}). The endpoint takes no
-- dates; the pipeline gives it the project's local today as its window, which is kept as `day`.
-- The project's one row is replaced, and written only when a value differs.
-- Variables: project_id, raw_id, to (from is not used).
WITH src AS (
  SELECT r.project_id, :'to'::date AS day, (r.payload->'data'->>'activeAgents')::integer AS active_agents, r.id AS raw_id
  FROM raw.api_responses r
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
), upserted AS (
  INSERT INTO staging.chat_agent_status AS s (project_id, day, active_agents, raw_id)
  SELECT project_id, day, active_agents, raw_id FROM src
  ON CONFLICT (project_id) DO UPDATE
    SET day = EXCLUDED.day, active_agents = EXCLUDED.active_agents, raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.day, s.active_agents, s.raw_id) IS DISTINCT FROM (EXCLUDED.day, EXCLUDED.active_agents, EXCLUDED.raw_id)
  RETURNING 1
)
SELECT (SELECT count(*) FROM upserted)::int AS changed;
