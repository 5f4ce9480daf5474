// Chat / WhatsApp generator (model): agent roster and shifts, agent conversations with realistic queue,
// assignment and close times, daily message counts per channel and actor with WhatsApp categories, and
// the message history the CSV endpoint serves. Pure and seeded.
//
// Consistency the ETL can rely on (all model):
// - chat/stats actor=all = agent + dialogflow + ai and channel=all = whatsapp + webapp, for every field;
//   totalMessages = Σ daily.sent = Σ categories.
// - For a local day that is over at `now`, the history CSV has, per channel: as many `operator` rows as
//   stats(actor=agent).sent, as many `dialogflow` rows with integration `dialogflow` as
//   stats(actor=dialogflow).sent, and with integration `ai` as stats(actor=ai).sent; the statuses of
//   those rows count stats' delivered (`delivered` + `read`) and read (`read`). (Stats of the current
//   day are full-day figures, like push; lists and the CSV stop at `now`.)
// - A conversation never crosses its local day; every message lies within its session.

import { weekday } from './days.js';
import type { SimProject } from './catalog.js';
import { channelKnobs, growth } from './campaigns.js';
import { correctionPermille, correctionsAt, scaled, type GenOptions } from './corrections.js';
import { servedDates } from './generator.js';
import { lru, memo, projectKey } from './memo.js';
import {
  CHAT_ACTORS,
  CHAT_CATEGORIES,
  CHAT_CHANNELS,
  CHAT_MODEL,
  CHAT_TEXT,
  type ChatActor,
  type ChatCategory,
  type ChatChannel,
} from './model.js';
import { apportion, at, between, clamp, drawIndex, hash32, hex8, intBetween, jitter, pick, picker, rateCount, rng, uuidFrom, uuidMaker } from './random.js';
import { isoUtc, localClock, localToEpoch } from './time.js';

const M = CHAT_MODEL;

// ---------------------------------------------------------------------------------------------
// Agents.

export interface SimAgent {
  agentId: number;
  email: string;
  name: string;
  /** Local minutes [from, to) of the daily shift. */
  shift: readonly [number, number];
  weekends: boolean;
}

const T = CHAT_TEXT;
const FIRST = T.firstNames;
const LAST = T.lastNames;
const PROFILES = T.profiles;

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const slug = (s: string) => ascii(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const agentCache = new WeakMap<SimProject, SimAgent[]>();

/** The project's agent roster (empty without chat). agentId = projectId × 100 + n. */
export function projectAgents(project: SimProject): SimAgent[] {
  let out = agentCache.get(project);
  if (!out) {
    const n = project.chatEnabled ? channelKnobs(project).agents : 0;
    const domain = `${slug(project.name) || `p${project.id}`}.example`;
    out = Array.from({ length: Math.max(0, Math.min(99, n)) }, (_, i) => {
      const r = rng(project.id, 'agent', i);
      const first = at(FIRST, intBetween(r, [0, FIRST.length - 1]));
      const last = at(LAST, intBetween(r, [0, LAST.length - 1]));
      return {
        agentId: project.id * 100 + i + 1,
        email: `${ascii(first)}.${ascii(last)}${i + 1}@${domain}`,
        name: `${first} ${last}`,
        shift: at(M.shifts, i % M.shifts.length),
        weekends: i % 2 === 0,
      };
    });
    agentCache.set(project, out);
  }
  return out;
}

const isWeekend = (date: string) => {
  const wd = weekday(date);
  return wd === 0 || wd === 6;
};
/** Whether agent `a` works at local `minute` of a day that is a weekend day or not. */
const onShift = (a: SimAgent, weekend: boolean, minute: number) => (a.weekends || !weekend) && a.shift[0] <= minute && minute < a.shift[1];

/** GET /v1/chat/agent/status data: agents on shift at `now` (model). */
export function agentStatus(project: SimProject, now: Date): { activeAgents: number } {
  const { date, minute } = localClock(now, project.timeZone);
  const weekend = isWeekend(date);
  return { activeAgents: projectAgents(project).filter((a) => onShift(a, weekend, minute)).length };
}

// ---------------------------------------------------------------------------------------------
// Conversations (agent sessions).

export interface SimSession {
  agentSessionId: string;
  conversationSessionId: string;
  contactId: string;
  profileName: string;
  agent: SimAgent | null;
  channel: ChatChannel;
  queuedMs: number;
  assignedMs: number | null;
  closedMs: number;
  initialAgentSession: boolean;
  closeReason: string;
  operatorMessages: number;
  inputMessages: number;
}

/** A row of GET /v1/chat/agent/conversations (seen field names). */
export interface AgentConversationRow {
  agentSessionId: string;
  conversationSessionId: string;
  contactId: string;
  agentId: number | null;
  email: string | null;
  channel: ChatChannel;
  queuedAt: string;
  assignedAt: string | null;
  closedAt: string | null;
  initialAgentSession: boolean;
}

/** Local wall clock → epoch ms for one day, with one offset lookup unless the day has a DST change. */
function dayClock(date: string, timeZone: string): (minute: number, second?: number) => number {
  const start = localToEpoch(date, 0, timeZone);
  const end = localToEpoch(date, 1439, timeZone);
  if (end - start === 1439 * 60_000) return (minute, second = 0) => start + minute * 60_000 + second * 1000;
  return (minute, second = 0) => localToEpoch(date, Math.floor(minute), timeZone, second + (minute % 1) * 60);
}

const expo = (r: () => number, mean: number) => -Math.log(1 - r()) * mean;

// Memoised days (bounded LRUs, see memo.ts): sessions per (project, date); chat counts, conversation
// rows and message history per (project, date, late-correction factor). The conversation rows and the
// history are the full day; a request cuts them at its `now`.
const sessionCache = lru<readonly SimSession[]>('chatSessions', 150_000, (ss) => ss.length);
const chatDayCache = lru<ChatDay>('chatDay', 20_000);
const conversationCache = lru<ConversationDay>('agentConversationsDay', 150_000, (d) => d.rows.length);
const historyCache = lru<HistoryDay>('chatHistoryDay', 200_000, (d) => d.rows.length);

/**
 * A session object with its fields in one fixed order. (An object literal: spreading the conversation
 * fields and the message counts into it made V8 build slow dictionary-mode objects.)
 */
function newSession(
  base: Pick<SimSession, 'conversationSessionId' | 'contactId' | 'profileName' | 'channel'>,
  agentSessionId: string,
  agent: SimAgent | null,
  queuedMs: number,
  assignedMs: number | null,
  closedMs: number,
  initialAgentSession: boolean,
  closeReason: string,
  counts: { operatorMessages: number; inputMessages: number },
): SimSession {
  return {
    conversationSessionId: base.conversationSessionId,
    contactId: base.contactId,
    profileName: base.profileName,
    channel: base.channel,
    agentSessionId,
    agent,
    queuedMs,
    assignedMs,
    closedMs,
    initialAgentSession,
    closeReason,
    operatorMessages: counts.operatorMessages,
    inputMessages: counts.inputMessages,
  };
}

/** Every agent session queued on local `date` (full timeline, not cut at any `now`), by queue time. Shared: do not change. */
export function daySessions(project: SimProject, date: string): SimSession[] {
  if (!project.chatEnabled || date < project.createdAt) return [];
  return memo(sessionCache, `${projectKey(project)}|${date}`, () => Object.freeze(generateSessions(project, date))) as SimSession[];
}

function generateSessions(project: SimProject, date: string): SimSession[] {
  const knobs = channelKnobs(project);
  const roster = projectAgents(project);
  const out: SimSession[] = [];
  if (knobs.agentConversations > 0) {
    const clock = dayClock(date, project.timeZone);
    const dayEnd = clock(M.dayEndMinute, 59);
    const rn = rng(project.id, date, 'chat', 'conversations');
    const n = Math.max(0, Math.round(knobs.agentConversations * growth(project, date) * at(M.weekdayFactor, weekday(date)) * jitter(rn, M.noise)));
    const weekend = isWeekend(date);
    const [open, close] = M.serviceHours;
    const hours = M.hourProfile.map((w, h) => (h * 60 >= open && h * 60 < close ? w : 0));
    for (let i = 0; i < n; i++) {
      const r = rng(project.id, date, 'conv', i);
      const queuedMin = drawIndex(r, hours) * 60 + Math.floor(r() * 60);
      const queuedSec = Math.floor(r() * 60);
      const queuedMs = clock(queuedMin, queuedSec) + Math.floor(r() * 1000);
      const channel: ChatChannel = r() < M.channelShare.whatsapp ? 'whatsapp' : 'webapp';
      const contactN = hash32(`contact|${project.id}|${date}|${i}`);
      const contactId = `ct-${hex8(contactN)}`;
      const profileName = at(PROFILES, contactN % PROFILES.length);
      const conversationSessionId = uuidFrom(project.id, date, 'conversation', i);
      const base = { conversationSessionId, contactId, profileName, channel };
      const waitS = Math.round(clamp(expo(r, M.waitMeanSeconds), M.waitSeconds));
      const assignedMin = queuedMin + Math.ceil((queuedSec + waitS) / 60);
      const free = roster.filter((a) => onShift(a, weekend, assignedMin));
      const abandoned = r() < M.abandonRate || free.length === 0;
      if (abandoned) {
        out.push(newSession(base, uuidFrom(project.id, date, 'session', i, 0), null, queuedMs, null, Math.min(dayEnd, queuedMs + M.queueTimeoutSeconds * 1000), true, 'timeout', {
          operatorMessages: 0,
          inputMessages: 1 + Math.floor(r() * 2),
        }));
        continue;
      }
      const agent = at(free, Math.floor(r() * free.length));
      const assignedMs = queuedMs + waitS * 1000;
      const handleS = Math.min(M.handleMaxSeconds, M.handleMinSeconds + expo(r, M.handleMeanSeconds));
      const closedMs = Math.min(dayEnd, Math.round(assignedMs + handleS * 1000));
      const handOver = assignedMs + Math.round((closedMs - assignedMs) * M.transferAt);
      const handOverMin = assignedMin + Math.ceil((handOver - assignedMs) / 60_000);
      // a transfer goes to another agent still on shift a couple of minutes after the hand-over
      const others = roster.filter((a) => a !== agent && onShift(a, weekend, handOverMin + 2));
      const transfer = r() < M.transferRate && others.length > 0 && closedMs - assignedMs > 120_000;
      const reason = pick(r, M.closeReasons);
      const messages = (ms: number) => {
        const op = Math.min(M.maxOperatorMessages, 2 + Math.floor(ms / 1000 / M.secondsPerOperatorMessage));
        return { operatorMessages: op, inputMessages: Math.max(1, op + intBetween(r, [-1, 2])) };
      };
      if (!transfer) {
        out.push(newSession(base, uuidFrom(project.id, date, 'session', i, 0), agent, queuedMs, assignedMs, closedMs, true, reason, messages(closedMs - assignedMs)));
        continue;
      }
      const second = at(others, Math.floor(r() * others.length));
      const secondAssigned = Math.min(closedMs - 30_000, handOver + intBetween(r, M.transferWaitSeconds) * 1000);
      out.push(newSession(base, uuidFrom(project.id, date, 'session', i, 0), agent, queuedMs, assignedMs, handOver, true, 'transferred', messages(handOver - assignedMs)));
      out.push(newSession(base, uuidFrom(project.id, date, 'session', i, 1), second, handOver, secondAssigned, closedMs, false, reason, messages(closedMs - secondAssigned)));
    }
    out.sort((a, b) => a.queuedMs - b.queuedMs || (a.agentSessionId < b.agentSessionId ? -1 : 1));
  }
  for (const s of out) Object.freeze(s);
  return out;
}

/** A session as the API shows it at `now` (undefined when not queued yet): later timestamps are null. */
export function sessionAt(s: SimSession, nowMs: number): AgentConversationRow | undefined {
  if (s.queuedMs > nowMs) return undefined;
  const assigned = s.assignedMs !== null && s.assignedMs <= nowMs;
  return {
    agentSessionId: s.agentSessionId,
    conversationSessionId: s.conversationSessionId,
    contactId: s.contactId,
    agentId: assigned ? s.agent!.agentId : null,
    email: assigned ? s.agent!.email : null,
    channel: s.channel,
    queuedAt: isoUtc(s.queuedMs),
    assignedAt: assigned ? isoUtc(s.assignedMs!) : null,
    closedAt: s.closedMs <= nowMs ? isoUtc(s.closedMs) : null,
    initialAgentSession: s.initialAgentSession,
  };
}

/**
 * Exactly the rows GET /v1/chat/agent/conversations serves (before pagination): sessions queued on the
 * local days of the window up to `now`, optionally of one agent (email, case-insensitive).
 */
export function agentConversations(
  project: SimProject,
  dateFrom: string,
  dateTo: string,
  now: Date,
  filter: { email?: string } = {},
): AgentConversationRow[] {
  const nowMs = now.getTime();
  const email = filter.email?.toLowerCase();
  const out: AgentConversationRow[] = [];
  for (const d of servedDates(project, dateFrom, dateTo, now)) {
    const day = conversationDay(project, d);
    const settled = nowMs >= day.settledMs;
    if (settled && email === undefined) {
      for (const row of day.rows) out.push(row);
      continue;
    }
    day.sessions.forEach((s, i) => {
      if (email !== undefined && s.agent?.email.toLowerCase() !== email) return;
      const row = settled || lastMs(s) <= nowMs ? day.rows[i] : sessionAt(s, nowMs);
      if (row && (email === undefined || row.email !== null)) out.push(row);
    });
  }
  return out;
}

/** A day's sessions with their rows once every timestamp has passed (sessionAt at +∞), frozen. */
interface ConversationDay {
  sessions: readonly SimSession[];
  rows: readonly AgentConversationRow[];
  /** From this instant on (every session closed), the day's rows are `rows`. */
  settledMs: number;
}

/** The last timestamp of a session (after it, sessionAt no longer changes). */
const lastMs = (s: SimSession) => Math.max(s.queuedMs, s.assignedMs ?? s.queuedMs, s.closedMs);

function conversationDay(project: SimProject, date: string): ConversationDay {
  return memo(conversationCache, `${projectKey(project)}|${date}`, () => {
    const sessions = daySessions(project, date);
    const rows = sessions.map((s) => Object.freeze(sessionAt(s, Infinity)!));
    return { sessions, rows: Object.freeze(rows), settledMs: sessions.reduce((a, s) => Math.max(a, lastMs(s)), -Infinity) };
  });
}

// ---------------------------------------------------------------------------------------------
// Daily message counts.

export interface ChatCell {
  sent: number;
  delivered: number;
  read: number;
  categories: Record<ChatCategory, number>;
}

type ChatDay = Record<ChatChannel, Record<ChatActor, ChatCell>>;

const zeroCategories = (): Record<ChatCategory, number> =>
  Object.fromEntries(CHAT_CATEGORIES.map((c) => [c, 0])) as Record<ChatCategory, number>;

/** Final (not late-corrected) counts of `date` per channel and actor. */
export function chatDay(project: SimProject, date: string): ChatDay {
  return copyDay(chatDayBy(project, date, 1000), 1000);
}

/** chatDay with the late-correction factor `permille` applied to delivered and read; memoised, read-only. */
function chatDayBy(project: SimProject, date: string, permille: number): ChatDay {
  return memo(chatDayCache, `${projectKey(project)}|${date}|${permille}`, () =>
    permille === 1000 ? generateChatDay(project, date) : copyDay(chatDayBy(project, date, 1000), permille),
  );
}

/** A deep copy of a day's counts, delivered and read scaled by `permille`. */
function copyDay(day: ChatDay, permille: number): ChatDay {
  const out = {} as ChatDay;
  for (const c of CHAT_CHANNELS) {
    const cells = {} as Record<ChatActor, ChatCell>;
    for (const a of CHAT_ACTORS) {
      const cell = day[c][a];
      cells[a] = { sent: cell.sent, delivered: scaled(cell.delivered, permille), read: scaled(cell.read, permille), categories: { ...cell.categories } };
    }
    out[c] = cells;
  }
  return out;
}

function generateChatDay(project: SimProject, date: string): ChatDay {
  const knobs = channelKnobs(project);
  const sessions = daySessions(project, date);
  const active = project.chatEnabled && date >= project.createdAt;
  const bot = active
    ? Math.max(0, Math.round(knobs.botMessages * growth(project, date) * at(M.weekdayFactor, weekday(date)) * jitter(rng(project.id, date, 'chat', 'bot'), M.noise)))
    : 0;
  const botByChannel = apportion(bot, CHAT_CHANNELS.map((c) => Math.round(M.channelShare[c] * 1000)));
  const out = {} as ChatDay;
  CHAT_CHANNELS.forEach((channel, ci) => {
    const botSplit = apportion(at(botByChannel, ci), [M.botActorShare.dialogflow * 1000, M.botActorShare.ai * 1000]);
    const cells = {} as Record<ChatActor, ChatCell>;
    for (const actor of CHAT_ACTORS) {
      const sent =
        actor === 'agent'
          ? sessions.filter((s) => s.channel === channel).reduce((a, s) => a + s.operatorMessages, 0)
          : at(botSplit, actor === 'dialogflow' ? 0 : 1);
      const r = rng(project.id, date, 'chat', channel, actor);
      const delivered = channel === 'webapp' ? sent : rateCount(sent, r, M.deliveredRate);
      const read = rateCount(delivered, r, M.readRate);
      const categories = zeroCategories();
      if (channel === 'webapp') categories.service = sent;
      else {
        const w = CHAT_CATEGORIES.map((c) => Math.round(M.categoryWeights[actor][c] * 100 * jitter(r, M.categoryNoise)));
        apportion(sent, w).forEach((v, i) => (categories[at(CHAT_CATEGORIES, i)] = v));
      }
      cells[actor] = { sent, delivered, read, categories };
    }
    out[channel] = cells;
  });
  return out;
}

/** chatDay with late corrections of `now` applied to delivered and read. */
export function chatDayAt(project: SimProject, date: string, now: Date, opts: GenOptions = {}): ChatDay {
  const f = correctionPermille(project, date, now, opts);
  return copyDay(chatDayBy(project, date, f), 1000);
}

export type ChatActorFilter = 'all' | ChatActor;
export type ChatChannelFilter = 'all' | ChatChannel;

export interface ChatStatsData {
  totalMessages: number;
  peakMinuteUtc: string | null;
  categories: Record<ChatCategory, number>;
  daily: { statsDate: string; sent: number; delivered: number; read: number }[];
}

/** The busiest local minute of `date` (model), as an ISO UTC instant. */
function peakMinute(project: SimProject, date: string): string {
  let best = 0;
  let bestW = -1;
  M.hourProfile.forEach((w, h) => {
    const v = w * jitter(rng(project.id, date, 'peak', h), M.peakNoise);
    if (v > bestW) (bestW = v), (best = h);
  });
  const minute = best * 60 + Math.floor(rng(project.id, date, 'peak-minute')() * 60);
  return isoUtc(localToEpoch(date, minute, project.timeZone));
}

/** Exactly the `data` GET /v1/chat/stats serves for a validated window and filters. */
export function chatStats(
  project: SimProject,
  dateFrom: string,
  dateTo: string,
  now: Date,
  filter: { actor?: ChatActorFilter; channel?: ChatChannelFilter } = {},
  opts: GenOptions = {},
): ChatStatsData {
  const actors = !filter.actor || filter.actor === 'all' ? CHAT_ACTORS : [filter.actor];
  const channels = !filter.channel || filter.channel === 'all' ? CHAT_CHANNELS : [filter.channel];
  const categories = zeroCategories();
  const daily: ChatStatsData['daily'] = [];
  const dates = project.chatEnabled ? servedDates(project, dateFrom, dateTo, now) : [];
  const factor = correctionsAt(project, now, opts);
  let peak: { date: string; sent: number } | undefined;
  for (const d of dates) {
    const day = chatDayBy(project, d, factor(d));
    const row = { statsDate: d, sent: 0, delivered: 0, read: 0 };
    for (const c of channels) {
      for (const a of actors) {
        const cell = day[c][a];
        row.sent += cell.sent;
        row.delivered += cell.delivered;
        row.read += cell.read;
        for (const k of CHAT_CATEGORIES) categories[k] += cell.categories[k];
      }
    }
    daily.push(row);
    if (row.sent > 0 && (!peak || row.sent > peak.sent)) peak = { date: d, sent: row.sent };
  }
  return {
    totalMessages: daily.reduce((a, r) => a + r.sent, 0),
    peakMinuteUtc: peak ? peakMinute(project, peak.date) : null,
    categories,
    daily,
  };
}

// ---------------------------------------------------------------------------------------------
// Message history (CSV).

export const CHAT_HISTORY_COLUMNS = [
  'messageId', 'messageDate', 'sendType', 'contentType', 'status', 'profileName', 'contactId', 'agentConversationId',
  'agentId', 'agentCloseReason', 'dfIntentName', 'isFallback', 'content', 'integration', 'channel',
] as const;

export type ChatSendType = 'input' | 'operator' | 'dialogflow' | 'agent_notification';

export interface ChatMessageRow {
  messageId: string;
  messageDate: string;
  sendType: ChatSendType;
  contentType: string;
  status: string;
  profileName: string;
  contactId: string;
  agentConversationId: string;
  agentId: number | null;
  agentCloseReason: string;
  dfIntentName: string;
  isFallback: boolean;
  content: string;
  /** Who produced the message (model): dialogflow | ai for bot answers, agent for operator rows, '' for contacts. */
  integration: string;
  channel: ChatChannel;
}

const CONTENT_TYPE: Record<'input' | 'operator' | 'dialogflow', (r: () => number) => string> = {
  input: picker(T.contentTypes.input),
  operator: picker(T.contentTypes.operator),
  dialogflow: picker(T.contentTypes.dialogflow),
};
const content = (r: () => number, kind: keyof typeof T.content) => {
  const pool: readonly string[] = T.content[kind];
  return at(pool, Math.floor(r() * pool.length));
};

/**
 * Every message of local `date`, full day, as if every session were closed (agentCloseReason set), and
 * per message the closedMs of its session (-∞ for bot messages, which have no session), both in
 * generation order. Statuses come from the day's counts with late-correction factor `permille`:
 * outbound rows of each stats cell (channel × actor) get exactly `read` rows `read`, then
 * `delivered − read` rows `delivered`, the rest `sent`, chosen by seeded selection sampling.
 */
function dayMessages(project: SimProject, date: string, permille: number): { rows: ChatMessageRow[]; closedMs: number[]; atMs: number[] } {
  if (!project.chatEnabled || date < project.createdAt) return { rows: [], closedMs: [], atMs: [] };
  const clock = dayClock(date, project.timeZone);
  const rows: ChatMessageRow[] = [];
  const closedMs: number[] = [];
  const atMs: number[] = []; // the instant of messageDate
  let sessionClosedMs = -Infinity;
  const cells = new Map<string, ChatMessageRow[]>();
  for (const c of CHAT_CHANNELS) for (const a of CHAT_ACTORS) cells.set(`${c}|${a}`, []);
  let seq = 0;
  const messageId = uuidMaker(project.id, date, 'message');
  const add = (
    ms: number,
    sendType: ChatSendType,
    contentType: string,
    text: string,
    integration: string,
    ctx: { profileName: string; contactId: string; agentConversationId: string; agentId: number | null; agentCloseReason: string; channel: ChatChannel },
    dfIntentName = '',
    isFallback = false,
    cell?: string,
  ) => {
    const instant = Math.round(ms);
    const row: ChatMessageRow = {
      messageId: messageId(seq++),
      messageDate: isoUtc(instant),
      sendType,
      contentType,
      status: sendType === 'input' ? 'received' : 'sent',
      profileName: ctx.profileName,
      contactId: ctx.contactId,
      agentConversationId: ctx.agentConversationId,
      agentId: ctx.agentId,
      agentCloseReason: ctx.agentCloseReason,
      dfIntentName,
      isFallback,
      content: text,
      integration,
      channel: ctx.channel,
    };
    rows.push(row);
    atMs.push(instant);
    closedMs.push(sessionClosedMs);
    if (cell) cells.get(cell)!.push(row);
  };

  for (const s of daySessions(project, date)) {
    const r = rng(project.id, date, 'history', s.agentSessionId);
    sessionClosedMs = s.closedMs;
    const ctx = {
      profileName: s.profileName,
      contactId: s.contactId,
      agentConversationId: s.agentSessionId,
      agentId: s.agent?.agentId ?? null,
      agentCloseReason: s.closeReason, // '' in the answer while the session is open (see historyViews)
      channel: s.channel,
    };
    const from = s.assignedMs ?? s.queuedMs;
    const span = Math.max(1000, s.closedMs - from);
    const cell = `${s.channel}|agent`;
    if (s.initialAgentSession) add(s.queuedMs, 'input', CONTENT_TYPE.input(r), content(r, 'input'), '', ctx);
    if (s.assignedMs !== null) add(s.assignedMs + 500, 'agent_notification', 'text', T.assigned(s.agent?.name ?? ''), 'agent', ctx);
    for (let k = 0; k < s.operatorMessages; k++) {
      add(from + 1000 + ((k + r()) / s.operatorMessages) * (span - 2000), 'operator', CONTENT_TYPE.operator(r), content(r, 'operator'), 'agent', ctx, '', false, cell);
    }
    const moreInputs = s.initialAgentSession ? s.inputMessages - 1 : s.inputMessages;
    for (let k = 0; k < moreInputs; k++) {
      add(from + 1000 + ((k + r()) / Math.max(1, moreInputs)) * (span - 2000), 'input', CONTENT_TYPE.input(r), content(r, 'input'), '', ctx);
    }
  }

  sessionClosedMs = -Infinity;
  const day = chatDayBy(project, date, permille);
  for (const channel of CHAT_CHANNELS) {
    for (const actor of ['dialogflow', 'ai'] as const) {
      const n = day[channel][actor].sent;
      const r = rng(project.id, date, 'history', channel, actor);
      const fallbackRate = between(r, M.fallbackRate);
      const cell = `${channel}|${actor}`;
      let ctx = { profileName: '', contactId: '', agentConversationId: '', agentId: null as number | null, agentCloseReason: '', channel };
      for (let i = 0; i < n; i++) {
        if (i % 3 === 0) {
          const h = hash32(`bot-contact|${project.id}|${date}|${channel}|${actor}|${i}`);
          ctx = { ...ctx, contactId: `ct-${hex8(h)}`, profileName: at(PROFILES, h % PROFILES.length) };
        }
        const minute = drawIndex(r, M.hourProfile) * 60 + Math.floor(r() * 60);
        const inputMs = clock(minute, Math.floor(r() * 58));
        const fallback = actor === 'dialogflow' && r() < fallbackRate;
        const intent = actor === 'ai' ? '' : fallback ? M.fallbackIntent : at(M.intents, Math.floor(r() * M.intents.length));
        add(inputMs, 'input', CONTENT_TYPE.input(r), content(r, 'input'), '', ctx);
        const answer = fallback ? T.fallbackAnswer : content(r, actor);
        add(inputMs + 1000 + Math.floor(r() * 2000), 'dialogflow', CONTENT_TYPE.dialogflow(r), answer, actor, ctx, intent, fallback, cell);
      }
    }
  }

  // Selection sampling (Knuth's algorithm S): exactly `read` rows read, then exactly delivered − read
  // of the others delivered; the rest stay `sent`.
  const choose = (items: ChatMessageRow[], k: number, r: () => number, status: string): ChatMessageRow[] => {
    let need = k;
    let left = items.length;
    const rest: ChatMessageRow[] = [];
    for (const row of items) {
      if (need > 0 && r() * left < need) (row.status = status), need--;
      else rest.push(row);
      left--;
    }
    return rest;
  };
  for (const [key, list] of cells) {
    const [channel, actor] = key.split('|') as [ChatChannel, ChatActor];
    const { read, delivered } = day[channel][actor];
    const r = rng(project.id, date, 'status', key);
    choose(choose(list, read, r, 'read'), delivered - read, r, 'delivered');
  }
  return { rows, closedMs, atMs };
}

/** The order of the history: messageDate, then messageId. */
const byMessage = (a: ChatMessageRow, b: ChatMessageRow) =>
  a.messageDate < b.messageDate ? -1 : a.messageDate > b.messageDate ? 1 : a.messageId < b.messageId ? -1 : 1;

/** A local day's full message history in served order, frozen, with what a request's `now` needs. */
interface HistoryDay {
  rows: readonly ChatMessageRow[];
  /** closedMs of each row's session (-∞ without a session): while it is after `now`, agentCloseReason is ''. */
  closedMs: Float64Array;
  /** From this instant on, the day's answer is `rows` as is (every message sent, every session closed). */
  settledMs: number;
}

function historyDay(project: SimProject, date: string, permille: number): HistoryDay {
  return memo(historyCache, `${projectKey(project)}|${date}|${permille}`, () => {
    const { rows, closedMs, atMs } = dayMessages(project, date, permille);
    // byMessage on numbers: messageDate = isoUtc(atMs), and ISO strings of one format sort as their instants
    const order = rows.map((_, i) => i).sort((i, j) => atMs[i]! - atMs[j]! || (rows[i]!.messageId < rows[j]!.messageId ? -1 : 1));
    const sorted = order.map((i) => Object.freeze(rows[i]!));
    const closed = Float64Array.from(order, (i) => closedMs[i]!);
    const settledMs = Math.max(closed.reduce((a, c) => Math.max(a, c), -Infinity), order.length > 0 ? atMs[order.at(-1)!]! : -Infinity);
    return { rows: Object.freeze(sorted), closedMs: closed, settledMs };
  });
}

/** The part of a HistoryDay a request sees: its first `n` rows, those of sessions open at nowMs with agentCloseReason ''. */
interface HistoryView {
  day: HistoryDay;
  n: number;
  /** Some of the n rows belong to sessions still open at nowMs. */
  open: boolean;
  nowMs: number;
}

const viewRow = (v: HistoryView, i: number): ChatMessageRow =>
  v.open && v.day.closedMs[i]! > v.nowMs ? { ...v.day.rows[i]!, agentCloseReason: '' } : v.day.rows[i]!;

/** The non-empty day views of a window at `now`, in date order. */
function historyViews(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions): HistoryView[] {
  const nowMs = now.getTime();
  const nowIso = now.toISOString();
  const factor = correctionsAt(project, now, opts);
  const views: HistoryView[] = [];
  for (const d of servedDates(project, dateFrom, dateTo, now)) {
    const day = historyDay(project, d, factor(d));
    if (nowMs >= day.settledMs) {
      if (day.rows.length > 0) views.push({ day, n: day.rows.length, open: false, nowMs });
      continue;
    }
    // rows are sorted by messageDate: those sent by now are a prefix
    let lo = 0;
    let hi = day.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (day.rows[mid]!.messageDate <= nowIso) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) views.push({ day, n: lo, open: true, nowMs });
  }
  return views;
}

/** Whether the concatenated views are in served order (days never overlap in time, so this always holds). */
function inOrder(views: readonly HistoryView[]): boolean {
  for (let k = 1; k < views.length; k++) {
    if (byMessage(views[k - 1]!.day.rows[views[k - 1]!.n - 1]!, views[k]!.day.rows[0]!) >= 0) return false;
  }
  return true;
}

function viewRows(views: readonly HistoryView[]): ChatMessageRow[] {
  const out: ChatMessageRow[] = [];
  for (const v of views) for (let i = 0; i < v.n; i++) out.push(viewRow(v, i));
  return out;
}

/**
 * Exactly the rows GET /v1/chat/history/csv serves for a validated window (before pagination): every
 * message of the window's local days up to `now`, ordered by messageDate then messageId.
 */
export function chatHistory(project: SimProject, dateFrom: string, dateTo: string, now: Date, opts: GenOptions = {}): ChatMessageRow[] {
  const views = historyViews(project, dateFrom, dateTo, now, opts);
  const rows = viewRows(views);
  return inOrder(views) ? rows : rows.sort(byMessage);
}

/**
 * One page of GET /v1/chat/history/csv: `total` = rows of the whole window (X-Total-Count) and the CSV
 * of rows [offset, offset + limit) = chatHistoryCsv(chatHistory(…).slice(offset, offset + limit)),
 * from the memoised days without copying the window.
 */
export function chatHistoryPage(
  project: SimProject,
  dateFrom: string,
  dateTo: string,
  now: Date,
  opts: GenOptions,
  offset: number,
  limit: number,
): { total: number; csv: string } {
  const views = historyViews(project, dateFrom, dateTo, now, opts);
  const total = views.reduce((a, v) => a + v.n, 0);
  if (!inOrder(views)) return { total, csv: chatHistoryCsv(viewRows(views).sort(byMessage).slice(offset, offset + limit)) };
  const lines = [CSV_HEADER];
  let skip = offset;
  for (const v of views) {
    if (lines.length > limit) break;
    if (skip >= v.n) {
      skip -= v.n;
      continue;
    }
    for (let i = skip; i < v.n && lines.length <= limit; i++) lines.push(csvLine(viewRow(v, i)));
    skip = 0;
  }
  return { total, csv: `${lines.join('\r\n')}\r\n` };
}

const NEEDS_QUOTES = /[",\r\n]/;
const csvField = (v: unknown): string => {
  const s = typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const CSV_HEADER = CHAT_HISTORY_COLUMNS.join(',');

/** One CSV line (no line end) of a message: its CHAT_HISTORY_COLUMNS fields through csvField, comma-separated. */
function csvLine(r: ChatMessageRow): string {
  // Spelled out (not a loop over the column names) because this runs for every served row.
  return `${csvField(r.messageId)},${csvField(r.messageDate)},${csvField(r.sendType)},${csvField(r.contentType)},${csvField(r.status)},${csvField(r.profileName)},${csvField(r.contactId)},${csvField(r.agentConversationId)},${csvField(r.agentId)},${csvField(r.agentCloseReason)},${csvField(r.dfIntentName)},${csvField(r.isFallback)},${csvField(r.content)},${csvField(r.integration)},${csvField(r.channel)}`;
}
/** csvLine must follow CHAT_HISTORY_COLUMNS. */
const CSV_PROBE = Object.fromEntries(CHAT_HISTORY_COLUMNS.map((c) => [c, c])) as unknown as ChatMessageRow;
if (csvLine(CSV_PROBE) !== CSV_HEADER) throw new Error('chat.ts: csvLine does not follow CHAT_HISTORY_COLUMNS');

/** RFC 4180 CSV (CRLF line ends) with the CHAT_HISTORY_COLUMNS header. */
export function chatHistoryCsv(rows: readonly ChatMessageRow[]): string {
  const lines = [CSV_HEADER];
  for (const row of rows) lines.push(csvLine(row));
  return `${lines.join('\r\n')}\r\n`;
}
