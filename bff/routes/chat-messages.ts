/**
 * POST /v1/chat/messages — the AI chat, answered as Server-Sent Events (docs/adr/015-ai-chat.md).
 *
 * A plain Express route of the tenant router (it streams, so it is not a RouteSpec), behind the same
 * authentication, rate limit and 64 KB JSON parser as every tenant route. Before any byte of the
 * stream: the body is validated (400 problem+json; the edge has refused control characters already),
 * and one read-write RLS scope reads the project's time zone, counts the questions of its local day
 * under the project's quota lock (429 chat_quota_exceeded at the quota, before any model call),
 * inserts this question's audit row ('pending', so it is counted and audited whatever happens next)
 * and reads the conversation's recent turns (bff/chat/audit.ts). Then the engine answers — `claude`
 * when ANTHROPIC_API_KEY is set, else `local` — and its events are written as `event:`/`data:` lines.
 * When the question ends its row records the outcome (answered, unanswerable, error or cancelled).
 *
 * Cancel: a client that aborts the request closes the socket; the request's AbortController stops
 * the model stream (the SDK gets the signal) and cancels the running statement.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../lib/config.js';
import { businessNow } from '../../lib/clock.js';
import type { Pool } from '../../lib/db.js';
import type { Logger } from '../../lib/log.js';
import { roleAtLeast } from '../auth/index.js';
import { detectLang, suggestionsFor } from '../chat/answers.js';
import { finishAudit, reserve } from '../chat/audit.js';
import { createClaudeEngine, EngineError } from '../chat/claude.js';
import { newReport, type ChatEvent, type Engine, type Lang, type Planner } from '../chat/engine.js';
import { executeTool, type RunSql } from '../chat/executors.js';
import { createLocalEngine } from '../chat/local.js';
import { warnIfDeprecatedModel } from '../chat/models.js';
import type { ToolName } from '../chat/tools.js';
import { withScope } from '../db/scope.js';
import type { ReadStats } from '../db/replica.js';
import type { VersionSource } from '../cache/versions.js';
import { AppError, ERRORS, type ErrorCode } from '../errors.js';
import { KPI_CHANNELS } from '../services/kpis.js';
import { isoDay, parseInput } from './params.js';
import { planQuestion } from '../chat/planner/index.js';

export const chatMessageBody = z
  .object({
    question: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
    conversationId: z.uuid().optional(),
    context: z
      .object({
        channel: z.enum(KPI_CHANNELS).optional(),
        campaignId: z.number().int().positive().optional(),
        from: isoDay.optional(),
        to: isoDay.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ChatMessageBody = z.infer<typeof chatMessageBody>;

export interface ChatDeps {
  /** The local planner (default: bff/chat/planner/). */
  planner?: Planner | undefined;
  /** The SQL guard (default: runGuardedSql of bff/chat/sql/run.ts). */
  runSql?: RunSql | undefined;
  /** The clock (tests). */
  now?: (() => Date) | undefined;
}

/** The deterministic planner of bff/chat/planner/, in the engine's Planner shape. */
const localPlanner: Planner = (question, ctx) => {
  const plan = planQuestion(question, { today: ctx.today, timeZone: ctx.timeZone, locale: ctx.lang, hostContext: ctx.host, history: ctx.history, projectName: ctx.projectName });
  return 'unanswerable' in plan ? { unanswerable: plan.unanswerable, reason: plan.reason, said: true } : { calls: plan.calls, asked: plan.asked };
};

const HEARTBEAT_MS = 15_000;

/** Seconds until the next local midnight of a time zone (the quota's reset; DST shifts ignored). */
function secondsToLocalMidnight(timeZone: string, now: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return Math.max(1, 86_400 - (get('hour') * 3600 + get('minute') * 60 + get('second')));
}

function problemEvent(code: ErrorCode, detail: string): ChatEvent {
  const status = ERRORS[code].status;
  return { event: 'error', data: { code, status, title: ERRORS[code].title, detail, retryable: status === 429 || status >= 502 } };
}

export interface ChatRouteDeps {
  pool: Pool;
  logger: Logger;
  chat?: ChatDeps | undefined;
  /** A streaming replica: the tools and run_sql read there once it has the project's data version (bff/db/replica.ts). */
  replica?: Pool | undefined;
  versions?: VersionSource | undefined;
  readStats?: ReadStats | undefined;
}

export function chatMessagesRoute(config: Config, deps: ChatRouteDeps): RequestHandler {
  const engine: Engine = config.ANTHROPIC_API_KEY
    ? createClaudeEngine({
        apiKey: config.ANTHROPIC_API_KEY,
        baseURL: config.ANTHROPIC_BASE_URL,
        model: config.ANTHROPIC_MODEL,
        maxTokens: config.CHAT_MAX_TOKENS,
        maxRounds: config.CHAT_MAX_ROUNDS,
      })
    : createLocalEngine(deps.chat?.planner ?? localPlanner);
  if (config.ANTHROPIC_API_KEY) void warnIfDeprecatedModel(config.ANTHROPIC_MODEL, deps.logger);
  const now = deps.chat?.now ?? businessNow;
  const scopeOpts = { statementTimeoutMs: config.STATEMENT_TIMEOUT_MS, maxWaiting: config.PG_POOL_MAX_WAITING };

  return async (req: Request, res: Response) => {
    const started = performance.now();
    const body = parseInput(chatMessageBody, req.body, 'body');
    const auth = res.locals.auth;
    const scope = { projectId: auth.projectId, userId: auth.userId };
    const conversationId = body.conversationId ?? randomUUID();
    const lang: Lang = detectLang(body.question, auth.locale);

    const pre = await withScope(deps.pool, scope, { readOnly: false, ...scopeOpts }, (db) =>
      reserve(db, {
        conversationId,
        question: body.question,
        engine: engine.name,
        model: engine.model,
        quota: config.CHAT_DAILY_QUOTA,
        historyTurns: config.CHAT_HISTORY_TURNS,
        now: now(),
      }),
    );
    const auditId = pre.auditId;
    if (auditId === undefined) {
      throw new AppError(
        'chat_quota_exceeded',
        `This project has asked ${pre.usedToday} questions today, its daily quota of ${config.CHAT_DAILY_QUOTA}; it resets at midnight (${pre.timeZone}).`,
        undefined,
        secondsToLocalMidnight(pre.timeZone, now()),
      );
    }

    // From here on the answer is a stream: problems become `error` events.
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.setHeader('X-Chat-Conversation', conversationId);
    res.flushHeaders();
    res.socket?.setNoDelay(true);

    const ac = new AbortController();
    let finished = false;
    let cause: 'client' | 'timeout' | undefined;
    res.on('close', () => {
      if (!finished) {
        cause ??= 'client';
        ac.abort(new Error('the client closed the request'));
      }
    });
    const timer = setTimeout(() => {
      cause = 'timeout';
      ac.abort(new Error('chat timeout'));
    }, config.CHAT_TIMEOUT_MS);
    timer.unref();
    const heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    heartbeat.unref();

    const seeSql = roleAtLeast(auth.role, 'editor');
    const send = (e: ChatEvent) => {
      if (e.event === 'sql' && !seeSql) return;
      if (res.writableEnded || res.destroyed) return;
      res.write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
    };

    const report = newReport(engine.model);
    try {
      await engine.answer(
        {
          conversationId,
          question: body.question,
          lang,
          today: pre.today,
          timeZone: pre.timeZone,
          projectId: auth.projectId,
          projectName: pre.projectName,
          host: body.context,
          history: pre.history,
          signal: ac.signal,
          emit: send,
          runTool: (call, signal) =>
            executeTool(call, { pool: deps.pool, replica: deps.replica, dataVersion: () => deps.versions?.get(scope.projectId)?.version, readStats: deps.readStats, scope, ...scopeOpts, maxRows: config.CHAT_MAX_ROWS, lang, runSql: deps.chat?.runSql }, signal),
        },
        report,
      );
    } catch (err) {
      if (cause === 'client') {
        report.outcome = 'cancelled';
        report.errorCode = 'cancelled';
      } else {
        report.outcome = 'error';
        let problem: ChatEvent;
        if (cause === 'timeout') problem = problemEvent('timeout', `No complete answer within ${config.CHAT_TIMEOUT_MS} ms; ask a narrower question or retry.`);
        else if (err instanceof EngineError) problem = problemEvent(err.code, err.message);
        else if (err instanceof AppError) problem = problemEvent(err.code, err.status >= 500 ? ERRORS[err.code].title : err.detail);
        else {
          deps.logger.error({ err, projectId: auth.projectId }, 'chat failed');
          problem = problemEvent('internal', 'Something went wrong on our side.');
        }
        report.errorCode = (problem.data as { code: string }).code;
        send(problem);
      }
    } finally {
      clearTimeout(timer);
      clearInterval(heartbeat);
    }

    const totalMs = performance.now() - started;
    try {
      await withScope(deps.pool, scope, { readOnly: false, ...scopeOpts }, (db) => finishAudit(db, { auditId, report, latencyMs: totalMs }));
    } catch (err) {
      // The row stays 'pending' (still audited and counted); only its outcome is missing.
      deps.logger.error({ err, projectId: auth.projectId }, 'chat audit outcome not recorded');
    }
    finished = true;
    if (report.outcome !== 'cancelled' && report.outcome !== 'error') {
      const answeredBy = report.tools.filter((t) => t.ok).map((t) => t.name as ToolName);
      send({ event: 'suggestions', data: { items: suggestionsFor(lang, answeredBy) } });
    }
    send({
      event: 'done',
      data: {
        engine: engine.name,
        conversationId,
        outcome: report.outcome,
        ...(report.model ? { model: report.model } : {}),
        usage: report.usage,
        timings: { totalMs: Math.round(totalMs), modelMs: Math.round(report.modelMs), toolsMs: Math.round(report.toolsMs), rounds: report.rounds },
      },
    });
    if (!res.writableEnded) res.end();
  };
}

/** The route's OpenAPI entry (it streams, so it is not a RouteSpec; the body schema is the same zod). */
export function chatMessagesOpenApi() {
  const problem = { $ref: '#/components/responses/Problem' };
  return {
    post: {
      operationId: 'postChatMessage',
      summary: 'Ask the analytics assistant; the answer streams as Server-Sent Events (docs/adr/015-ai-chat.md).',
      tags: ['chat'],
      security: [{ bearer: [] }, { session: [] }],
      requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(chatMessageBody, { io: 'input', target: 'draft-2020-12' }) } } },
      responses: {
        '200': {
          description: 'Events status, text, tool, result, sql (editors and admins), suggestions, error, done.',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        '400': problem,
        '401': problem,
        '403': problem,
        '429': problem,
        '503': problem,
      },
    },
  };
}
