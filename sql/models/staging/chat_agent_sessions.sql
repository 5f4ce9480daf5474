-- STAGING model: one GET /v1/chat/agent/conversations payload (v1 pages re-assembled into data[])
-- for its request window: one row per agent session, timestamps in UTC, day = queuedAt's civil date in
-- the project's time zone, channel normalised, durations in whole seconds (to assign: assignedAt −
-- queuedAt; to close: closedAt − assignedAt).
-- Rows are written only when a value differs; sessions of the window's days that the payload no
-- longer has are removed.
-- Variables: project_id, raw_id, from, to.
WITH p AS (
  SELECT time_zone FROM app.projects WHERE project_id = :'project_id'::bigint
), src0 AS (
  SELECT DISTINCT ON (e->>'agentSessionId')
         r.project_id,
         e->>'agentSessionId'                          AS agent_session_id,
         e->>'conversationSessionId'                   AS conversation_session_id,
         nullif(btrim(e->>'contactId'), '')            AS contact_id,
         nullif(btrim(e->>'agentId'), '')              AS agent_id,
         nullif(lower(btrim(e->>'email')), '')         AS email,
         staging.chat_channel(e->>'channel')           AS channel,
         staging.utc_ts(e->>'queuedAt')                AS queued_at,
         staging.utc_ts(e->>'assignedAt')              AS assigned_at,
         staging.utc_ts(e->>'closedAt')                AS closed_at,
         coalesce((e->>'initialAgentSession')::boolean, false) AS initial_agent_session,
         r.id                                          AS raw_id
  FROM raw.api_responses r
  CROSS JOIN LATERAL jsonb_array_elements(r.payload->'data') AS e
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
  ORDER BY e->>'agentSessionId', e::text
), src AS (
  SELECT src0.*,
         (src0.queued_at AT TIME ZONE p.time_zone)::date AS day,
         round(extract(epoch FROM src0.assigned_at - src0.queued_at))::integer AS seconds_to_assign,
         round(extract(epoch FROM src0.closed_at - src0.assigned_at))::integer AS seconds_to_close
  FROM src0, p
), upserted AS (
  INSERT INTO staging.chat_agent_sessions AS s (project_id, agent_session_id, conversation_session_id, contact_id, agent_id,
    email, channel, queued_at, assigned_at, closed_at, initial_agent_session, day, seconds_to_assign, seconds_to_close, raw_id)
  SELECT project_id, agent_session_id, conversation_session_id, contact_id, agent_id,
    email, channel, queued_at, assigned_at, closed_at, initial_agent_session, day, seconds_to_assign, seconds_to_close, raw_id
  FROM src
  ON CONFLICT (project_id, agent_session_id) DO UPDATE
    SET conversation_session_id = EXCLUDED.conversation_session_id, contact_id = EXCLUDED.contact_id,
        agent_id = EXCLUDED.agent_id, email = EXCLUDED.email, channel = EXCLUDED.channel, queued_at = EXCLUDED.queued_at,
        assigned_at = EXCLUDED.assigned_at, closed_at = EXCLUDED.closed_at,
        initial_agent_session = EXCLUDED.initial_agent_session, day = EXCLUDED.day,
        seconds_to_assign = EXCLUDED.seconds_to_assign, seconds_to_close = EXCLUDED.seconds_to_close,
        raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.conversation_session_id, s.contact_id, s.agent_id, s.email, s.channel, s.queued_at, s.assigned_at,
           s.closed_at, s.initial_agent_session, s.day, s.seconds_to_assign, s.seconds_to_close, s.raw_id)
          IS DISTINCT FROM
          (EXCLUDED.conversation_session_id, EXCLUDED.contact_id, EXCLUDED.agent_id, EXCLUDED.email, EXCLUDED.channel,
           EXCLUDED.queued_at, EXCLUDED.assigned_at, EXCLUDED.closed_at, EXCLUDED.initial_agent_session, EXCLUDED.day,
           EXCLUDED.seconds_to_assign, EXCLUDED.seconds_to_close, EXCLUDED.raw_id)
  RETURNING 1
), deleted AS (
  DELETE FROM staging.chat_agent_sessions s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE src.agent_session_id = s.agent_session_id)
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
