-- The AI chat's audit log (docs/adr/015-ai-chat.md): one row per question asked, whichever engine
-- answered it (Claude or the local planner) and however it ended (answered, unanswerable, error,
-- cancelled). It is also the chat's memory: a conversation's recent turns are read back from it, and
-- the per-project daily quota counts its rows of the project's local day.
--
-- Append-only for the BFF: ig_reader may INSERT rows of its own project (as its own user) and SELECT
-- its project's rows; it has no UPDATE and no DELETE. Project and user default to the transaction's
-- settings (bff/db/scope.ts) and ig_reader is not even granted those columns on INSERT.
SET LOCAL ROLE ig_owner;

CREATE TABLE app.chat_audit (
  project_id        bigint NOT NULL DEFAULT app.current_project_id() REFERENCES app.projects (project_id),
  audit_id          uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id           text NOT NULL DEFAULT app.current_user_id() CHECK (user_id <> ''),
  conversation_id   uuid NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  question          text NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),
  -- The text answer streamed to the user (bounded), so a follow-up question has its context.
  answer            text NOT NULL DEFAULT '' CHECK (length(answer) <= 20000),
  engine            text NOT NULL CHECK (engine IN ('claude', 'local')),
  model             text,
  outcome           text NOT NULL CHECK (outcome IN ('answered', 'unanswerable', 'error', 'cancelled')),
  -- [{ "name", "input", "ok", "rows", "truncated", "error"? }] in call order.
  tools             jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tools) = 'array' AND octet_length(tools::text) <= 65536),
  -- The SQL statements run_sql ran (as the guard normalised them), in order.
  sql               text[] NOT NULL DEFAULT '{}',
  rows              integer NOT NULL DEFAULT 0 CHECK (rows >= 0),
  latency_ms        integer NOT NULL CHECK (latency_ms >= 0),
  input_tokens      integer NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
  output_tokens     integer NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
  cache_read_tokens integer NOT NULL DEFAULT 0 CHECK (cache_read_tokens >= 0),
  cache_write_tokens integer NOT NULL DEFAULT 0 CHECK (cache_write_tokens >= 0),
  error_code        text,
  PRIMARY KEY (project_id, audit_id)
);
-- The quota ("questions of the project today") and the audit listing, newest first.
CREATE INDEX chat_audit_day ON app.chat_audit (project_id, created_at DESC);
-- A conversation's recent turns.
CREATE INDEX chat_audit_conversation ON app.chat_audit (project_id, conversation_id, created_at DESC);

ALTER TABLE app.chat_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.chat_audit FORCE ROW LEVEL SECURITY;

CREATE POLICY chat_audit_read ON app.chat_audit FOR SELECT TO ig_reader
  USING (project_id = (SELECT app.current_project_id()));
CREATE POLICY chat_audit_insert ON app.chat_audit FOR INSERT TO ig_reader
  WITH CHECK (project_id = (SELECT app.current_project_id()) AND user_id = (SELECT app.current_user_id()));

-- `etl projects remove` deletes every tenant table's rows of a project (etl/projects.ts).
CREATE POLICY chat_audit_etl_read ON app.chat_audit FOR SELECT TO ig_etl USING (true);
CREATE POLICY chat_audit_etl_delete ON app.chat_audit FOR DELETE TO ig_etl USING (true);

GRANT SELECT ON app.chat_audit TO ig_reader;
GRANT INSERT (conversation_id, question, answer, engine, model, outcome, tools, sql, rows, latency_ms,
              input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, error_code)
  ON app.chat_audit TO ig_reader;
GRANT SELECT (project_id, audit_id), DELETE ON app.chat_audit TO ig_etl;
