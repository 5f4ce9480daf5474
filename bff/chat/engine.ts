/**
 * The AI chat's engines and the event contract they stream (docs/adr/015-ai-chat.md).
 *
 * Two engines answer a question: `claude` (the Messages API with tool use, bff/chat/claude.ts) when
 * ANTHROPIC_API_KEY is set, otherwise `local` (a deterministic planner maps the question to tool
 * calls, bff/chat/local.ts). Both run the same tools through the same executors
 * (bff/chat/executors.ts) under the request's RLS scope, and emit the same events; the SSE route
 * (bff/routes/chat-messages.ts) writes them and records the audit row.
 */
import type { KpiChannel } from '../services/kpis.js';
import type { ResultKind, ToolCall, ToolName } from './tools.js';

export type EngineName = 'claude' | 'local';
export type Lang = 'es' | 'en' | 'pt';

/** What the host page tells about where the question was asked (scopes the question). */
export interface HostContext {
  channel?: KpiChannel | undefined;
  campaignId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** An earlier question of the same conversation and the text answered. */
export interface Turn {
  question: string;
  answer: string;
}

// ---------------------------------------------------------------------------------------------------
// The local planner's interface (bff/chat/planner/ implements it; wired in bff/app.ts)

/** What a planner knows besides the question. */
export interface PlanContext {
  /** The project's local today (YYYY-MM-DD), the base of "ayer", "la semana pasada"… */
  today: string;
  /** The project's IANA time zone. */
  timeZone: string;
  /** The question's language (detected; the token's locale breaks ties). */
  lang: Lang;
  host?: HostContext | undefined;
  /** Earlier turns of the conversation, oldest first. */
  history: readonly Turn[];
  /** The current project's name (a question naming another company is refused; naming this one is not). */
  projectName?: string | undefined;
}

/**
 * Tool calls (inputs as the tools' zod schemas accept them; parsed again before running) with the
 * metrics the question named (the answer states each), or why not: `reason` names a refusal class
 * (personal, tenant, write, injection, unsupported…); `said` marks a text that is the whole answer.
 */
export type Plan =
  | { calls: ToolCall[]; asked?: readonly string[] | undefined }
  | { unanswerable: string; reason?: string | undefined; said?: boolean | undefined };

export type Planner = (question: string, ctx: PlanContext) => Plan | Promise<Plan>;

// ---------------------------------------------------------------------------------------------------
// Results

export interface Column {
  name: string;
  /** Vega-Lite-ish type of the values: quantitative numbers, temporal days, nominal/ordinal labels. */
  type: 'quantitative' | 'temporal' | 'nominal' | 'ordinal';
  /** How numbers read: a count, a ratio (0..1, shown as %), money, seconds. */
  format?: 'count' | 'ratio' | 'currency' | 'seconds' | undefined;
}

export interface KpiData {
  channel: string;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string } | null;
  metrics: { key: string; format: string; value: number | null; previous: number | null; change: number | null }[];
}

export interface TableData {
  columns: Column[];
  rows: Record<string, unknown>[];
}

/** Where a result came from: a certified tool (the same service as a REST endpoint) or generated SQL. */
export interface Source {
  tool: ToolName;
  certified: boolean;
  /** The REST endpoint answering the same figures, for certified tools. */
  endpoint?: string | undefined;
  period?: { from: string; to: string } | undefined;
}

export interface ToolResult {
  kind: ResultKind;
  title: string;
  data: KpiData | TableData;
  /** Charts: a Vega-Lite spec chosen by rule from the data's shape (bff/chat/charts.ts). */
  spec?: Record<string, unknown> | undefined;
  truncated: boolean;
  /** Rows (or metrics) the result holds. */
  rows: number;
  source: Source;
  /** The statement run_sql ran (only ever streamed to editors and admins). */
  sql?: string | undefined;
  /** A compact rendering for the model (facts, not the whole chart). */
  forModel: unknown;
}

// ---------------------------------------------------------------------------------------------------
// The event contract (SSE `event:` names and `data:` payloads)

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export type ChatEvent =
  | { event: 'status'; data: { engine: EngineName; conversationId: string; phase: 'thinking' | 'running_tools' | 'answering'; model?: string | undefined } }
  | { event: 'text'; data: { delta: string } }
  | { event: 'tool'; data: { id: string; name: ToolName; input: unknown; certified: boolean } }
  | {
      event: 'result';
      data: {
        id: string;
        tool: ToolName;
        kind: ResultKind;
        title: string;
        data: KpiData | TableData;
        spec?: Record<string, unknown> | undefined;
        truncated: boolean;
        source: Source;
      };
    }
  | { event: 'sql'; data: { id: string; sql: string } }
  | { event: 'suggestions'; data: { items: string[] } }
  | {
      event: 'done';
      data: {
        engine: EngineName;
        conversationId: string;
        outcome: Outcome;
        model?: string | undefined;
        usage: Usage;
        timings: { totalMs: number; modelMs: number; toolsMs: number; rounds: number };
      };
    }
  | { event: 'error'; data: { code: string; status: number; title: string; detail: string; retryable: boolean } };

export type Outcome = 'answered' | 'unanswerable' | 'error' | 'cancelled';

/** One tool call as the audit records it. */
export interface ToolAudit {
  name: string;
  input: unknown;
  ok: boolean;
  rows: number;
  truncated: boolean;
  error?: string | undefined;
  ms: number;
}

/** What an engine reports back to the route when it is done (the audit row's facts). */
export interface EngineReport {
  outcome: Outcome;
  answer: string;
  tools: ToolAudit[];
  sql: string[];
  rows: number;
  usage: Usage;
  modelMs: number;
  toolsMs: number;
  rounds: number;
  model?: string | undefined;
  errorCode?: string | undefined;
}

/** Runs a tool call under the request's scope (bff/chat/executors.ts bound to the request). */
export type RunTool = (call: ToolCall, signal: AbortSignal) => Promise<ToolResult>;

export interface EngineRequest {
  conversationId: string;
  question: string;
  lang: Lang;
  today: string;
  timeZone: string;
  projectId: string;
  projectName: string;
  host?: HostContext | undefined;
  history: readonly Turn[];
  runTool: RunTool;
  emit: (e: ChatEvent) => void;
  signal: AbortSignal;
}

export interface Engine {
  name: EngineName;
  model?: string | undefined;
  /**
   * Answers one question, streaming events through req.emit and filling `report` as it goes (so a
   * failure or a cancel midway still leaves the facts for the audit). Throws on a model failure
   * (EngineError) or when req.signal aborts.
   */
  answer(req: EngineRequest, report: EngineReport): Promise<void>;
}

export const zeroUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });

export const newReport = (model?: string): EngineReport => ({
  outcome: 'answered',
  answer: '',
  tools: [],
  sql: [],
  rows: 0,
  usage: zeroUsage(),
  modelMs: 0,
  toolsMs: 0,
  rounds: 0,
  ...(model ? { model } : {}),
});
