/**
 * The chat's audit table (app.chat_audit, migrations 0020 and 0022): before a question runs, one
 * read-write scope reads the project's time zone and today, takes the project's quota lock, counts
 * the questions of its local day and, under the quota, inserts the question's audit row ('pending')
 * and reads the conversation's recent turns. When the question ends, its row gets the outcome, once.
 * So the audit row and the quota count never depend on the answer succeeding, and concurrent
 * questions (on any BFF instance: the lock is PostgreSQL's) cannot overshoot the quota. Every
 * statement runs under the request's RLS scope: a project reads and writes only its own rows, a
 * user's history holds only their own turns.
 */
import { todayIn } from '../../lib/dates.js';
import type { ScopedDb } from '../db/scope.js';
import { AppError } from '../errors.js';
import type { EngineName, EngineReport, Turn } from './engine.js';

export interface Reservation {
  projectName: string;
  timeZone: string;
  today: string;
  /** Questions asked in the project's local day before this one. */
  usedToday: number;
  /** The audit row of this question ('pending'); undefined when the quota was reached (nothing inserted). */
  auditId: string | undefined;
  history: Turn[];
}

export interface ReserveInput {
  conversationId: string;
  question: string;
  engine: EngineName;
  model: string | undefined;
  /** Questions per project and local day; 0: no limit. */
  quota: number;
  historyTurns: number;
  now?: Date;
}

/** Checks the quota and records the question, atomically per project; run in a read-write scope. */
export async function reserve(db: ScopedDb, q: ReserveInput): Promise<Reservation> {
  const { rows } = await db.query<{ name: string; time_zone: string }>('SELECT p.name, p.time_zone FROM app.projects p');
  const p = rows[0];
  if (!p) throw new AppError('project_not_found', 'This project is not subscribed to Insights.');
  // One question at a time per project between the count and the insert; released at commit.
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('ig_chat_quota'), hashtext(app.current_project_id()::text))`);
  const used = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM app.chat_audit
     WHERE created_at >= (date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1)`,
    [p.time_zone],
  );
  const usedToday = used.rows[0]!.n;
  const base = { projectName: p.name, timeZone: p.time_zone, today: todayIn(p.time_zone, q.now), usedToday };
  if (q.quota > 0 && usedToday >= q.quota) return { ...base, auditId: undefined, history: [] };
  const inserted = await db.query<{ audit_id: string }>(
    `INSERT INTO app.chat_audit (conversation_id, question, engine, model, outcome, latency_ms)
     VALUES ($1, $2, $3, $4, 'pending', 0) RETURNING audit_id`,
    [q.conversationId, q.question, q.engine, q.model ?? null],
  );
  let history: Turn[] = [];
  if (q.historyTurns > 0) {
    const h = await db.query<Turn>(
      `SELECT question, answer FROM app.chat_audit
       WHERE conversation_id = $1 AND user_id = app.current_user_id() AND outcome IN ('answered', 'unanswerable')
       ORDER BY created_at DESC LIMIT $2`,
      [q.conversationId, q.historyTurns],
    );
    history = h.rows.reverse();
  }
  return { ...base, auditId: inserted.rows[0]!.audit_id, history };
}

/** Text PostgreSQL can store: no NUL, no unpaired surrogate (a model's answer may carry either). */
const storable = (s: string) => s.replace(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

export interface FinishedQuestion {
  auditId: string;
  report: EngineReport;
  latencyMs: number;
}

/** Records how the question ended on its reserved row (only a 'pending' row of the caller changes). */
export async function finishAudit(db: ScopedDb, a: FinishedQuestion): Promise<void> {
  const r = a.report;
  await db.query(
    `UPDATE app.chat_audit SET answer = $2, model = $3, outcome = $4, tools = $5::jsonb, sql = $6::text[], rows = $7, latency_ms = $8,
            input_tokens = $9, output_tokens = $10, cache_read_tokens = $11, cache_write_tokens = $12, error_code = $13
     WHERE audit_id = $1 AND outcome = 'pending'`,
    [
      a.auditId,
      storable(r.answer.slice(0, 20_000)),
      r.model ?? null,
      r.outcome,
      JSON.stringify(r.tools, (_k, v: unknown) => (typeof v === 'string' ? storable(v) : v)),
      r.sql.map(storable),
      r.rows,
      Math.round(a.latencyMs),
      r.usage.inputTokens,
      r.usage.outputTokens,
      r.usage.cacheReadTokens,
      r.usage.cacheWriteTokens,
      r.errorCode ?? null,
    ],
  );
}
