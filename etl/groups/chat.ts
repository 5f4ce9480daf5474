/**
 * Chat / WhatsApp (15-minute tier): GET /v1/chat/stats and the chat history export
 * GET /v1/chat/history/csv, both behind the console login's JWT (a server key gets 404).
 *
 * /v1/chat/stats answers daily[] (sent, delivered, read per day) for any window up to 90 days, but one
 * set of window figures (totalMessages, peakMinuteUtc, categories) for the whole request window. So it
 * is requested one local day at a time within the daily horizon (the categories' daily grain,
 * docs/adr/008-conversation-marts.md), and once per calendar month before it: daily[] stays daily,
 * the month's window figures are kept as the month's (docs/adr/029). The history export is limited
 * to 7 days.
 */
import { z } from 'zod';
import { isIsoDay } from '../../lib/dates.js';
import { DAILY_HORIZON_DAYS } from '../pipeline/plan.js';
import type { CheckContext, EndpointSpec, GroupSpec } from '../pipeline/types.js';

const count = z.number().int().nonnegative();
const isoDay = z.string().refine(isIsoDay, 'not a YYYY-MM-DD date');
const OFFSET = /(Z|z|[+-]\d{2}(:?\d{2})?)$/;
/** An API timestamp as epoch ms, read as staging.utc_ts() reads it (no offset = UTC); NaN if invalid. */
export function apiTimestamp(s: string): number {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)?$/.test(s)) return NaN;
  const t = s.replace(' ', 'T').replace(/\s+/g, '');
  return Date.parse(OFFSET.test(t.slice(10)) ? t : `${t}Z`);
}
export const isoDateTime = z.string().refine((s) => !Number.isNaN(apiTimestamp(s)), 'not an ISO 8601 date-time');
/** A creation stamp: a YYYY-MM-DD local day, or a date-time (staging.created_stamp reads both). */
export const dayOrDateTime = z.string().refine((s) => isIsoDay(s) || !Number.isNaN(apiTimestamp(s)), 'not a date or an ISO 8601 date-time');

/** WhatsApp pricing categories of /v1/chat/stats (all present; a new one is loaded too, snake_cased). */
export const CHAT_CATEGORIES = [
  'authentication',
  'authenticationInternational',
  'marketing',
  'marketingLite',
  'referral',
  'service',
  'utility',
] as const;

/** sendType of the history export. */
export const CHAT_SEND_TYPES = ['input', 'operator', 'dialogflow', 'agent_notification'] as const;

/** The chat channel spellings staging.chat_channel() maps to whatsapp / webapp (same list as the SQL). */
export function normaliseChatChannel(c: string): string | null {
  const k = c.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (k === '') return null;
  if (['whatsapp', 'wa', 'whatsappbusiness'].includes(k)) return 'whatsapp';
  if (['webapp', 'web', 'webchat', 'chatweb'].includes(k)) return 'webapp';
  return k;
}
export const chatChannel = z
  .string()
  .refine((c) => ['whatsapp', 'webapp'].includes(normaliseChatChannel(c) ?? ''), 'not a chat channel (whatsapp, webapp)');

/** Two rows with the same value of `key` in one list (the staging upsert could not take both). */
function duplicates<T>(rows: readonly T[], key: (r: T) => unknown): number[] {
  const seen = new Set<unknown>();
  const out: number[] = [];
  rows.forEach((r, i) => {
    const k = key(r);
    if (seen.has(k)) out.push(i);
    seen.add(k);
  });
  return out;
}

/**
 * An empty answer for a window whose days are already loaded in `table` looks like an upstream outage
 * rather than days without messages: loading it would delete those days, so it is quarantined instead.
 */
export async function emptyOverLoaded(ctx: CheckContext, table: string, what: string): Promise<string | undefined> {
  const [row] = await ctx.query<{ loaded: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${table} WHERE project_id = $1 AND day BETWEEN $2 AND $3) AS loaded`,
    [ctx.projectId, ctx.window.from, ctx.window.to],
  );
  return row?.loaded ? `empty ${what} for a window that already has data; the loaded data is kept` : undefined;
}

// ---- GET /v1/chat/stats -------------------------------------------------------------------------

const categories = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'category names are camelCase words'), count)
  .superRefine((c, ctx) => {
    for (const k of CHAT_CATEGORIES) if (!(k in c)) ctx.addIssue({ code: 'custom', path: [k], message: 'category missing' });
  });

export const chatStatsSchema = z
  .object({
    statusCode: z.literal(200),
    message: z.string(),
    data: z.object({
      totalMessages: count,
      peakMinuteUtc: isoDateTime.nullable(),
      categories,
      daily: z.array(z.object({ statsDate: isoDay, sent: count, delivered: count, read: count })),
    }),
  })
  .superRefine((p, ctx) => {
    for (const i of duplicates(p.data.daily, (r) => r.statsDate)) {
      ctx.addIssue({ code: 'custom', path: ['data', 'daily', i], message: `duplicate row for ${p.data.daily[i]!.statsDate}` });
    }
  });
type ChatStats = z.infer<typeof chatStatsSchema>;

export const chatStats: EndpointSpec = {
  name: 'chat.stats',
  path: '/v1/chat/stats',
  query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to, actor: 'all', channel: 'all' }),
  maxWindowDays: 90,
  dailyDays: DAILY_HORIZON_DAYS,
  paging: { kind: 'none' },
  auth: 'jwt',
  schema: chatStatsSchema,
  async check(payload, ctx) {
    const p = payload as ChatStats;
    const outside = p.data.daily.find((r) => r.statsDate < ctx.window.from || r.statsDate > ctx.window.to);
    if (outside) return `row dated ${outside.statsDate} is outside the requested window`;
    if (p.data.daily.length === 0) return emptyOverLoaded(ctx, 'staging.chat_stats_daily', 'chat statistics');
    return undefined;
  },
  stagingModel: 'chat_stats.sql',
};

// ---- GET /v1/chat/history/csv -------------------------------------------------------------------

/** Columns of the export, in its order (seen). */
export const CHAT_HISTORY_COLUMNS = [
  'messageId',
  'messageDate',
  'sendType',
  'contentType',
  'status',
  'profileName',
  'contactId',
  'agentConversationId',
  'agentId',
  'agentCloseReason',
  'dfIntentName',
  'isFallback',
  'content',
  'integration',
  'channel',
] as const;

const csvText = z.string();
export const chatHistoryRowSchema = z.object({
  messageId: z.string().min(1, 'messageId is empty'),
  messageDate: isoDateTime,
  sendType: z.enum(CHAT_SEND_TYPES),
  contentType: csvText,
  status: csvText,
  profileName: csvText,
  contactId: csvText,
  agentConversationId: csvText,
  agentId: csvText,
  agentCloseReason: csvText,
  dfIntentName: csvText,
  isFallback: z.string().regex(/^(true|false|TRUE|FALSE|True|False|1|0|)$/, 'isFallback is not true/false'),
  content: csvText,
  integration: csvText,
  channel: chatChannel,
});

export const chatHistorySchema = z.object({ rows: z.array(chatHistoryRowSchema) }).superRefine((p, ctx) => {
  // A message repeated identically (pages that shifted while being read) is taken once; two different
  // rows with one messageId are ambiguous.
  // Rows are compared as text only when their ids meet (stringifying every row cost more than the rest
  // of the check).
  const byId = new Map<string, (typeof p.rows)[number]>();
  p.rows.forEach((r, i) => {
    const prev = byId.get(r.messageId);
    if (prev !== undefined && JSON.stringify(prev) !== JSON.stringify(r)) {
      ctx.addIssue({ code: 'custom', path: ['rows', i], message: `two different rows for message ${r.messageId}` });
    }
    byId.set(r.messageId, r);
  });
});

export const chatHistory: EndpointSpec = {
  name: 'chat.history',
  path: '/v1/chat/history/csv',
  query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: 7,
  paging: { kind: 'v1', limit: 1000 },
  auth: 'jwt',
  format: 'csv',
  schema: chatHistorySchema,
  async check(payload, ctx) {
    if ((payload as z.infer<typeof chatHistorySchema>).rows.length > 0) return undefined;
    return emptyOverLoaded(ctx, 'staging.chat_messages', 'chat history');
  },
  stagingModel: 'chat_messages.sql',
};

export const chatGroup: GroupSpec = {
  group: 'chat',
  tier: '15min',
  // ADR 029: four 7-day history requests (fetched together) per transaction.
  windowDays: 28,
  endpoints: [chatStats, chatHistory],
  martModels: ['chat_daily.sql', 'chat_messages_daily.sql', 'chat_categories.sql', 'channel_daily_chat.sql'],
  dataTests: [
    'chat_daily__not_null.sql',
    'chat_daily__unique_grain.sql',
    'chat_daily__project_exists.sql',
    'chat_daily__funnel.sql',
    'chat_daily__reconciles_staging.sql',
    'chat_messages_daily__not_null.sql',
    'chat_messages_daily__unique_grain.sql',
    'chat_messages_daily__accepted_values.sql',
    'chat_messages_daily__project_exists.sql',
    'chat_messages_daily__reconciles_staging.sql',
    'chat_categories__not_null.sql',
    'chat_categories__unique_grain.sql',
    'chat_categories__accepted_values.sql',
    'chat_categories__project_exists.sql',
    'chat_categories__reconciles_staging.sql',
    'channel_daily_chat__reconciles_staging.sql',
  ],
};
