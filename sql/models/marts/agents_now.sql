-- MART refresh: marts.agents_now, the project's latest agent-status snapshot (no dates: the window is
-- not used). Written only when a value differs; removed when staging has no snapshot.
-- Variables: project_id (from and to are not used).
WITH src AS (
  SELECT project_id, day, active_agents
  FROM staging.chat_agent_status
  WHERE project_id = :'project_id'::bigint
), upserted AS (
  INSERT INTO marts.agents_now AS m (project_id, day, active_agents)
  SELECT project_id, day, active_agents FROM src
  ON CONFLICT (project_id) DO UPDATE
    SET day = EXCLUDED.day, active_agents = EXCLUDED.active_agents
    WHERE (m.day, m.active_agents) IS DISTINCT FROM (EXCLUDED.day, EXCLUDED.active_agents)
  RETURNING 1
), deleted AS (
  DELETE FROM marts.agents_now m
  WHERE m.project_id = :'project_id'::bigint AND NOT EXISTS (SELECT 1 FROM src)
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
