/**
 * The `claude` engine: the Messages API (streamed, through @anthropic-ai/sdk) with tool use.
 *
 * Loop, at most `maxRounds` model rounds: stream a model turn (text deltas go to the client as they
 * come) → when it stops for `tool_use`, run its tool_use blocks in order under the request's scope →
 * send every tool_result back in one user turn, ids and order preserved (`is_error: true` with the
 * message when a call fails) → the next round. The last round may not call tools (tool_choice none),
 * so the model answers with what it has. run_sql gets at most two repair attempts after a failure.
 * The request's AbortSignal goes to the SDK: a client that hangs up closes the model's stream.
 * Before any of it, the planner's refusal check (bff/chat/planner/index.ts refusalOf) answers
 * questions for personal data, about other tenants, asking for writes or injecting instructions,
 * in the asker's language, without calling the model or any tool (docs/adr/024).
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, ToolResultBlockParam, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { ZodError } from 'zod';
import { ToolError } from './executors.js';
import { type ChatEvent, type Engine, type EngineReport, type EngineRequest, type ToolAudit, type ToolResult } from './engine.js';
import { refusalOf } from './planner/index.js';
import { fold } from './planner/text.js';
import { claudeTools, systemBlocks } from './prompt.js';
import { parseToolCall, TOOLS, type ToolCall, type ToolName } from './tools.js';

export interface ClaudeOptions {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  maxTokens: number;
  maxRounds: number;
}

/** Failed run_sql calls allowed after the first one (the model's repair attempts). */
export const SQL_REPAIRS = 2;

/** The problem an engine failure is reported as (an `error` event, and the audit's error code). */
export class EngineError extends Error {
  constructor(
    readonly code: 'model_unavailable' | 'model_error' | 'internal' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

export function resultEvent(id: string, tool: ToolName, r: ToolResult): ChatEvent {
  return {
    event: 'result',
    data: { id, tool, kind: r.kind, title: r.title, data: r.data, ...(r.spec ? { spec: r.spec } : {}), truncated: r.truncated, source: r.source },
  };
}

/** A tool failure worded for the model (never a stack or a database internal). */
export function toolErrorMessage(err: unknown): string {
  if (err instanceof ZodError) return `Invalid input: ${err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`;
  if (err instanceof ToolError) return err.message;
  if ((err as { code?: string }).code === '57014') return 'The query took too long; ask for a shorter period.';
  if (err instanceof Error && 'status' in err && (err as { status: number }).status < 500) return err.message;
  return 'The tool failed on our side.';
}

/**
 * The SDK (some 250 modules) loads with the first question a process answers with the model, not
 * with the process: a BFF that starts, or never gets a question, does not pay for it.
 */
let sdk: Promise<typeof import('@anthropic-ai/sdk')> | undefined;
const loadSdk = () => (sdk ??= import('@anthropic-ai/sdk'));

export function createClaudeEngine(opts: ClaudeOptions): Engine {
  let client: Anthropic | undefined;
  return {
    name: 'claude',
    model: opts.model,
    async answer(req: EngineRequest, report: EngineReport): Promise<void> {
      report.model = opts.model;
      // Refusals are decided before the model: personal data, other tenants, writes and prompt
      // injection get their reason in the asker's language, with no model call and no tool.
      const refusal = refusalOf(req.question.slice(0, 1000), fold(req.question.slice(0, 1000)), req.lang, { projectName: req.projectName });
      if (refusal && 'unanswerable' in refusal) {
        req.emit({ event: 'status', data: { engine: 'claude', conversationId: req.conversationId, phase: 'answering', model: opts.model } });
        report.outcome = 'unanswerable';
        report.answer = refusal.unanswerable;
        req.emit({ event: 'text', data: { delta: refusal.unanswerable } });
        return;
      }
      const system = systemBlocks(req);
      const tools = claudeTools();
      const messages: MessageParam[] = [];
      for (const t of req.history) {
        messages.push({ role: 'user', content: t.question }, { role: 'assistant', content: t.answer || '…' });
      }
      messages.push({ role: 'user', content: req.question });
      let sqlFailures = 0;
      const { default: AnthropicClient, APIError, APIUserAbortError } = await loadSdk();
      client ??= new AnthropicClient({ apiKey: opts.apiKey, ...(opts.baseURL ? { baseURL: opts.baseURL } : {}), maxRetries: 2 });

      for (let round = 0; round < opts.maxRounds; round++) {
        const last = round === opts.maxRounds - 1;
        req.emit({ event: 'status', data: { engine: 'claude', conversationId: req.conversationId, phase: round === 0 ? 'thinking' : 'answering', model: opts.model } });
        const started = performance.now();
        let message;
        try {
          const stream = client.messages.stream(
            { model: opts.model, max_tokens: opts.maxTokens, system, tools, messages, ...(last ? { tool_choice: { type: 'none' as const } } : {}) },
            { signal: req.signal },
          );
          stream.on('text', (delta) => {
            report.answer += delta;
            req.emit({ event: 'text', data: { delta } });
          });
          message = await stream.finalMessage();
        } catch (err) {
          if (req.signal.aborted || err instanceof APIUserAbortError) throw req.signal.reason ?? err;
          if (err instanceof APIError) {
            const overloaded = err.type === 'overloaded_error' || err.type === 'rate_limit_error' || err.status === 429 || err.status === 529;
            throw new EngineError(overloaded ? 'model_unavailable' : 'model_error', overloaded ? 'The language model is overloaded; retry shortly.' : 'The language model failed to answer.');
          }
          throw new EngineError('model_error', 'The language model failed to answer.');
        } finally {
          report.modelMs += performance.now() - started;
          report.rounds++;
        }
        const u = message.usage;
        report.usage.inputTokens += u.input_tokens ?? 0;
        report.usage.outputTokens += u.output_tokens ?? 0;
        report.usage.cacheReadTokens += u.cache_read_input_tokens ?? 0;
        report.usage.cacheWriteTokens += u.cache_creation_input_tokens ?? 0;
        messages.push({ role: 'assistant', content: message.content as MessageParam['content'] });
        if (message.stop_reason !== 'tool_use') break;

        const uses = message.content.filter((b): b is ToolUseBlock => b.type === 'tool_use');
        if (!uses.length) break;
        req.emit({ event: 'status', data: { engine: 'claude', conversationId: req.conversationId, phase: 'running_tools', model: opts.model } });
        const results: ToolResultBlockParam[] = [];
        for (const use of uses) {
          const t0 = performance.now();
          const audit: ToolAudit = { name: use.name, input: use.input, ok: false, rows: 0, truncated: false, ms: 0 };
          report.tools.push(audit);
          let call: ToolCall | undefined;
          try {
            call = parseToolCall(use.name, use.input);
            audit.input = call.input;
            req.emit({ event: 'tool', data: { id: use.id, name: call.name, input: call.input, certified: TOOLS[call.name].certified } });
            if (call.name === 'run_sql' && sqlFailures > SQL_REPAIRS) throw new ToolError('No more SQL attempts for this question: answer with what you have, or say plainly that it cannot be answered.');
            const r = await req.runTool(call, req.signal);
            audit.ok = true;
            audit.rows = r.rows;
            audit.truncated = r.truncated;
            report.rows += r.rows;
            if (r.sql) {
              report.sql.push(r.sql);
              req.emit({ event: 'sql', data: { id: use.id, sql: r.sql } });
            }
            req.emit(resultEvent(use.id, call.name, r));
            results.push({ type: 'tool_result', tool_use_id: use.id, content: JSON.stringify({ title: r.title, kind: r.kind, truncated: r.truncated, result: r.forModel }) });
          } catch (err) {
            if (req.signal.aborted) throw req.signal.reason ?? err;
            let text = toolErrorMessage(err);
            if (call?.name === 'run_sql' || use.name === 'run_sql') {
              sqlFailures++;
              if (sqlFailures > SQL_REPAIRS) text += ' No more SQL attempts for this question: answer with what you have, or say plainly that it cannot be answered.';
            }
            audit.error = text;
            results.push({ type: 'tool_result', tool_use_id: use.id, is_error: true, content: text });
          } finally {
            audit.ms = Math.round(performance.now() - t0);
            report.toolsMs += performance.now() - t0;
          }
        }
        messages.push({ role: 'user', content: results });
      }
      if (!report.tools.some((t) => t.ok) && report.tools.length) report.outcome = 'unanswerable';
    },
  };
}
