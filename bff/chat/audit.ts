/**
 * The chat's audit table (app.chat_audit, migration 0020): what a question needs before it runs (the
 * project's time zone and today, the quota used today, the conversation's recent turns) in one
 * read-only scope, and the row written when it ends. Every statement runs under the request's RLS
 * scope: a project reads and writes only its own rows, a user's history holds only their own turns.
 */
import { todayIn } from '../../lib/dates.js';
import type { ScopedDb } from '../db/scope.js';
import { AppError } from '../errors.js';
import type { EngineName, EngineReport, Turn } from './engine.js';

export interface Preflight {
  projectName: string;
  timeZone: string;
  today: string;
  /** Questions asked in the project's local day so far. */
  usedToday: number;
  history: Turn[];
}

export async function preflight(db: ScopedDb, q: { conversationId: string; historyTurns: number; now?: Date }): Promise<Preflight> {
  const { rows } = await db.query<{ name: string; time_zone: string; used: number }>(
    `SELECT p.name, p.time_zone,
            (SELECT count(*) FROM app.chat_audit a
             WHERE a.created_at >= (date_trunc('day', now() AT TIME ZONE p.time_zone) AT TIME ZONE p.time_zone))::int AS used
     FROM app.projects p`,
  );
  const p = rows[0];
  if (!p) throw new AppError('project_not_found', 'This project is not subscribed to Insights.');
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
  return { projectName: p.name, timeZone: p.time_zone, today: todayIn(p.time_zone, q.now), usedToday: p.used, history };
}

export interface AuditRow {
  conversationId: string;
  question: string;
  engine: EngineName;
  report: EngineReport;
  latencyMs: number;
}

export async function writeAudit(db: ScopedDb, a: AuditRow): Promise<void> {
  const r = a.report;
  await db.query(
    `INSERT INTO app.chat_audit (conversation_id, question, answer, engine, model, outcome, tools, sql, rows, latency_ms,
                                 input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, error_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::text[], $9, $10, $11, $12, $13, $14, $15)`,
    [
      a.conversationId,
      a.question,
      r.answer.slice(0, 20_000),
      a.engine,
      r.model ?? null,
      r.outcome,
      JSON.stringify(r.tools),
      r.sql,
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
