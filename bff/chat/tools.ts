/**
 * The AI chat's tools: the contract shared by the model path (Claude tool use), the local planner
 * (no API key) and the executors. Certified tools answer with the same services as the REST
 * endpoints, under the same RLS scope; `run_sql` is the guarded fallback (bff/chat/sql/).
 *
 * Periods are explicit days in the project's time zone (`from`/`to`, YYYY-MM-DD): whoever plans the
 * call (the model, told today's date, or the local planner) resolves "la semana pasada" to days.
 * Omitted, they mean the last 30 days, as everywhere in the API.
 */
import { z, ZodError } from 'zod';
import { isIsoDay } from '../../lib/dates.js';
import { AGENT_SORT_KEYS } from '../services/agents.js';
import { CAMPAIGN_CHANNELS } from '../services/campaigns.js';
import { KPI_CHANNELS } from '../services/kpis.js';

const day = z.string().refine(isIsoDay, 'a day written YYYY-MM-DD');
const period = {
  from: day.optional().describe('First day (YYYY-MM-DD, project time zone). Omitted: 30 days before `to`.'),
  to: day.optional().describe('Last day, inclusive. Omitted: today.'),
};
const count = (max: number, dflt: number) => z.number().int().min(1).max(max).default(dflt);

/** Metrics a model may ask for by name (the BFF's metric catalogue; docs/adr/010). */
export const CHAT_METRICS = ['sent', 'delivered', 'opened', 'clicked', 'ctr', 'deliveryRate', 'openRate', 'bounced', 'bounceRate', 'unsubscribed', 'cost', 'impressions', 'read', 'readRate'] as const;

export type ResultKind = 'kpi' | 'table' | 'chart';

export interface ToolDef<S extends z.ZodObject<z.ZodRawShape> = z.ZodObject<z.ZodRawShape>> {
  /** Shown to the model: when to use the tool and what it returns. */
  description: string;
  input: S;
  /** What the answer is shown as (a chart's spec is chosen by rule from the result's shape). */
  kind: ResultKind;
  /** Pre-built, reviewed analytics ("métrica certificada"); false only for run_sql ("consulta generada"). */
  certified: boolean;
}

const def = <S extends z.ZodObject<z.ZodRawShape>>(d: ToolDef<S>) => d;

export const TOOLS = {
  kpis_by_channel: def({
    description: 'Totals and rates of one channel (or all) for a period, with the previous period of the same length and the change. Use for "¿cuántos…?", "¿cuál fue el CTR…?".',
    input: z.object({ channel: z.enum(KPI_CHANNELS), ...period }).strict(),
    kind: 'kpi',
    certified: true,
  }),
  compare_periods: def({
    description: 'One channel\'s metrics in two explicit periods side by side (e.g. this month vs the same month last year).',
    input: z.object({ channel: z.enum(KPI_CHANNELS), a: z.object(period).strict(), b: z.object(period).strict() }).strict(),
    kind: 'table',
    certified: true,
  }),
  top_campaigns: def({
    description: 'Best or worst campaigns of a period by a metric (top or bottom N), optionally of one channel.',
    input: z
      .object({
        channel: z.enum(CAMPAIGN_CHANNELS).optional(),
        metric: z.enum(['sent', 'delivered', 'clicked', 'ctr', 'openRate', 'deliveryRate', 'cost']).default('ctr'),
        order: z.enum(['top', 'bottom']).default('top'),
        n: count(50, 5),
        ...period,
      })
      .strict(),
    kind: 'table',
    certified: true,
  }),
  campaign_detail: def({
    description: 'One campaign: configuration, totals and daily series for a period. Give its id, or a name to search for.',
    input: z.object({ id: z.number().int().positive().optional(), name: z.string().min(1).max(200).optional(), ...period }).strict(),
    kind: 'chart',
    certified: true,
  }),
  time_series: def({
    description: 'A metric of a channel over time (by day, week or month), optionally split by platform.',
    input: z
      .object({
        channel: z.enum(KPI_CHANNELS),
        metric: z.enum(CHAT_METRICS),
        interval: z.enum(['day', 'week', 'month']).default('day'),
        splitByPlatform: z.boolean().default(false),
        ...period,
      })
      .strict(),
    kind: 'chart',
    certified: true,
  }),
  best_send_time: def({
    description: 'Best weekday and hour to send push (CTR by weekday × hour, with a minimum volume), optionally for one platform.',
    input: z.object({ platform: z.enum(['android', 'ios', 'web']).optional(), ...period }).strict(),
    kind: 'chart',
    certified: true,
  }),
  channel_mix: def({
    description: 'How a metric splits across channels (share of each) for a period.',
    input: z.object({ metric: z.enum(['sent', 'delivered', 'clicked']).default('sent'), ...period }).strict(),
    kind: 'chart',
    certified: true,
  }),
  agent_ranking: def({
    description: 'Chat agents ranked by conversations, closed conversations or response times for a period.',
    input: z.object({ sort: z.enum(AGENT_SORT_KEYS).optional(), order: z.enum(['asc', 'desc']).optional(), n: count(100, 10), ...period }).strict(),
    kind: 'table',
    certified: true,
  }),
  agent_response_times: def({
    description: 'Time to assign and time to close conversations (average and median, in seconds) per day, for the team or one agent (by id or email).',
    input: z.object({ agent: z.string().min(1).max(200).optional(), ...period }).strict(),
    kind: 'chart',
    certified: true,
  }),
  chat_fallback_rate: def({
    description: 'Chat bot fallback rate (fallbacks ÷ bot messages) for a period, in total and per day, with messages by send type and category.',
    input: z.object({ ...period }).strict(),
    kind: 'chart',
    certified: true,
  }),
  journey_dropoff: def({
    description: 'A customer journey\'s node funnel (entered, completed, drop-off per step). Give its id or a name to search for; omitted: the journey with most entries.',
    input: z.object({ id: z.number().int().positive().optional(), name: z.string().min(1).max(200).optional(), ...period }).strict(),
    kind: 'chart',
    certified: true,
  }),
  device_growth: def({
    description: 'Devices: new, active and unregistered per day, with totals (active devices are never summed across days).',
    input: z.object({ splitByPlatform: z.boolean().default(false), ...period }).strict(),
    kind: 'chart',
    certified: true,
  }),
  sms_cost: def({
    description: 'SMS cost for a period (total and per day; currency as the account bills it), with sent and delivered.',
    input: z.object({ ...period }).strict(),
    kind: 'chart',
    certified: true,
  }),
  email_bounces_unsubscribes: def({
    description: 'Email bounces (soft, hard), unsubscribes and spam reports for a period, with their rates and daily series.',
    input: z.object({ ...period }).strict(),
    kind: 'chart',
    certified: true,
  }),
  explain_change: def({
    description:
      'Why a channel\'s metric changed between two periods: the change decomposed into drivers (platform, campaign, weekday, new vs ended campaigns), each with its contribution (they add up to the change). Use for "¿por qué bajó/subió…?". Base period omitted: the period of the same length just before.',
    input: z
      .object({
        channel: z.enum(['push', 'inapp', 'sms', 'email']),
        metric: z.enum(['sent', 'delivered', 'opened', 'clicked', 'impressions', 'ctr', 'deliveryRate', 'openRate']),
        ...period,
        baseFrom: day.optional().describe('First day of the base period.'),
        baseTo: day.optional().describe('Last day of the base period.'),
      })
      .strict(),
    kind: 'table',
    certified: true,
  }),
  run_sql: def({
    description:
      'Fallback when no other tool answers: one read-only SELECT over the assistant views (listed in the system prompt) of this project only. Rows are capped; you are told when the result was truncated.',
    input: z.object({ sql: z.string().min(1).max(4000) }).strict(),
    kind: 'table',
    certified: false,
  }),
} satisfies Record<string, ToolDef>;

export type ToolName = keyof typeof TOOLS;
export type ToolInput<N extends ToolName> = z.infer<(typeof TOOLS)[N]['input']>;
export const TOOL_NAMES = Object.keys(TOOLS) as [ToolName, ...ToolName[]];

/** A planned call: from the model's tool_use block or from the local planner. */
export interface ToolCall<N extends ToolName = ToolName> {
  name: N;
  input: ToolInput<N>;
}

/** Parses a call's input with its tool's schema (defaults applied); throws a ZodError when invalid. */
export function parseToolCall(name: string, input: unknown): ToolCall {
  if (!(name in TOOLS)) throw new Error(`unknown tool ${name}`);
  const tool = TOOLS[name as ToolName];
  return { name: name as ToolName, input: tool.input.parse(input) as ToolInput<ToolName> };
}

/** The tools as Claude's Messages API takes them (JSON Schema input), in a fixed order for prompt caching. */
export function anthropicTools() {
  return TOOL_NAMES.map((name) => ({
    name,
    description: TOOLS[name].description,
    input_schema: z.toJSONSchema(TOOLS[name].input, { io: 'input', target: 'draft-2020-12' }) as { type: 'object'; [k: string]: unknown },
  }));
}

/** The tools a saved chat answer may store and re-run without the model: every certified tool. */
export const RERUNNABLE_TOOLS = TOOL_NAMES.filter((n) => TOOLS[n].certified) as [Exclude<ToolName, 'run_sql'>, ...Exclude<ToolName, 'run_sql'>[]];

/** A stored call's fields (the tool and its arguments as the chat ran them). */
export const storedCallShape = {
  tool: z.enum(RERUNNABLE_TOOLS),
  input: z
    .record(z.string(), z.unknown())
    .refine((v) => JSON.stringify(v).length <= 4000, 'input must be at most 4000 characters of JSON')
    .refine((v) => !hasControl(v), 'input must not contain control characters'),
};

/** True when a string anywhere in the value (keys included) holds a control character (they cannot be stored or searched). */
function hasControl(v: unknown): boolean {
  if (typeof v === 'string') return /[\u0000-\u001f\u007f]/.test(v);
  if (Array.isArray(v)) return v.some(hasControl);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => hasControl(k) || hasControl(x));
  return false;
}

/** Checks a stored call's input against its tool's schema (an issue on `input.…` when it does not pass). */
export function checkStoredCall(c: { tool: ToolName; input: Record<string, unknown> }, ctx: z.RefinementCtx): void {
  try {
    parseToolCall(c.tool, c.input);
  } catch (err) {
    const issue = err instanceof ZodError ? err.issues[0] : undefined;
    ctx.addIssue({ code: 'custom', path: ['input', ...(issue?.path ?? []).map(String)], message: issue?.message ?? 'invalid input' });
  }
}

/** One stored call of a saved chat answer, checked against its tool's schema. */
export const storedCall = z.object(storedCallShape).strict().superRefine(checkStoredCall);
