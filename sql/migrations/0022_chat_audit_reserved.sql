-- Every question is audited and counted before it is answered (docs/adr/022-edges.md). The BFF now
-- inserts the audit row first, with outcome 'pending', in the transaction that checks the daily
-- quota under a per-project advisory lock (so concurrent questions, on any number of BFF instances,
-- cannot overshoot it); when the question ends it records the outcome on that row, once. A question
-- whose answer fails, is cancelled, or whose process dies keeps its row and its place in the quota.
--
-- ig_reader may UPDATE only the outcome columns (never the question, the project, the user or the
-- time), only of its own rows (project and user of the scope), only while the row is 'pending', and
-- only to a final outcome: a finished row can never be changed again.
SET LOCAL ROLE ig_owner;

ALTER TABLE app.chat_audit DROP CONSTRAINT chat_audit_outcome_check;
ALTER TABLE app.chat_audit ADD CONSTRAINT chat_audit_outcome_check
  CHECK (outcome IN ('pending', 'answered', 'unanswerable', 'error', 'cancelled'));

CREATE POLICY chat_audit_finish ON app.chat_audit FOR UPDATE TO ig_reader
  USING (project_id = (SELECT app.current_project_id()) AND user_id = (SELECT app.current_user_id()) AND outcome = 'pending')
  WITH CHECK (project_id = (SELECT app.current_project_id()) AND user_id = (SELECT app.current_user_id()) AND outcome <> 'pending');

GRANT UPDATE (answer, model, outcome, tools, sql, rows, latency_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, error_code)
  ON app.chat_audit TO ig_reader;
