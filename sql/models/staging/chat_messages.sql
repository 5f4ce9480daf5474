-- STAGING model: one GET /v1/chat/history/csv export ({"rows":[{messageId, messageDate, …}]}, every
-- value a CSV string) for its request window. Timestamps become UTC; day is the message's civil date
-- in the project's time zone; channels are normalised (whatsapp, webapp). A message the export
-- repeats (pages that shifted while being read) is taken once, as its
-- last occurrence reads it (the later page was read later). content and profileName stay in raw.
-- Rows are written only when a value differs; messages of the window's days that the export no
-- longer has are removed.
-- Variables: project_id, raw_id, from, to.
WITH p AS (
  SELECT time_zone FROM app.projects WHERE project_id = :'project_id'::bigint
), src0 AS (
  SELECT DISTINCT ON (e->>'messageId')
         r.project_id,
         e->>'messageId'                                   AS message_id,
         staging.utc_ts(e->>'messageDate')                 AS sent_at,
         lower(btrim(e->>'sendType'))                      AS send_type,
         nullif(btrim(e->>'contentType'), '')              AS content_type,
         nullif(lower(btrim(e->>'status')), '')            AS status,
         nullif(btrim(e->>'contactId'), '')                AS contact_id,
         nullif(btrim(e->>'agentConversationId'), '')      AS agent_conversation_id,
         nullif(btrim(e->>'agentId'), '')                  AS agent_id,
         nullif(btrim(e->>'agentCloseReason'), '')         AS agent_close_reason,
         nullif(btrim(e->>'dfIntentName'), '')             AS df_intent_name,
         staging.to_bool(e->>'isFallback')                 AS is_fallback,
         nullif(btrim(e->>'integration'), '')              AS integration,
         staging.chat_channel(e->>'channel')               AS channel,
         r.id                                              AS raw_id
  FROM raw.api_responses r
  CROSS JOIN LATERAL jsonb_array_elements(r.payload->'rows') WITH ORDINALITY AS x (e, ord)
  WHERE r.project_id = :'project_id'::bigint AND r.id = :'raw_id'::bigint
  ORDER BY e->>'messageId', x.ord DESC
), src AS (
  SELECT src0.*, (src0.sent_at AT TIME ZONE p.time_zone)::date AS day FROM src0, p
), upserted AS (
  INSERT INTO staging.chat_messages AS s (project_id, message_id, sent_at, day, send_type, content_type, status,
    contact_id, agent_conversation_id, agent_id, agent_close_reason, df_intent_name, is_fallback, integration, channel, raw_id)
  SELECT project_id, message_id, sent_at, day, send_type, content_type, status,
    contact_id, agent_conversation_id, agent_id, agent_close_reason, df_intent_name, is_fallback, integration, channel, raw_id
  FROM src
  ON CONFLICT (project_id, message_id) DO UPDATE
    SET sent_at = EXCLUDED.sent_at, day = EXCLUDED.day, send_type = EXCLUDED.send_type, content_type = EXCLUDED.content_type,
        status = EXCLUDED.status, contact_id = EXCLUDED.contact_id, agent_conversation_id = EXCLUDED.agent_conversation_id,
        agent_id = EXCLUDED.agent_id, agent_close_reason = EXCLUDED.agent_close_reason, df_intent_name = EXCLUDED.df_intent_name,
        is_fallback = EXCLUDED.is_fallback, integration = EXCLUDED.integration, channel = EXCLUDED.channel,
        raw_id = EXCLUDED.raw_id, loaded_at = now()
    WHERE (s.sent_at, s.day, s.send_type, s.content_type, s.status, s.contact_id, s.agent_conversation_id, s.agent_id,
           s.agent_close_reason, s.df_intent_name, s.is_fallback, s.integration, s.channel, s.raw_id)
          IS DISTINCT FROM
          (EXCLUDED.sent_at, EXCLUDED.day, EXCLUDED.send_type, EXCLUDED.content_type, EXCLUDED.status, EXCLUDED.contact_id,
           EXCLUDED.agent_conversation_id, EXCLUDED.agent_id, EXCLUDED.agent_close_reason, EXCLUDED.df_intent_name,
           EXCLUDED.is_fallback, EXCLUDED.integration, EXCLUDED.channel, EXCLUDED.raw_id)
  RETURNING 1
), deleted AS (
  DELETE FROM staging.chat_messages s
  WHERE s.project_id = :'project_id'::bigint AND s.day BETWEEN :'from'::date AND :'to'::date
    AND NOT EXISTS (SELECT 1 FROM src WHERE src.message_id = s.message_id)
  RETURNING 1
)
SELECT ((SELECT count(*) FROM upserted) + (SELECT count(*) FROM deleted))::int AS changed;
