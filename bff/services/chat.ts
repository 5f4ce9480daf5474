/**
 * Chat / WhatsApp statistics of a period (ADR 008): sent, delivered and read per local day
 * (marts.chat_daily), messages by sendType and chat channel from the history export
 * (marts.chat_messages_daily), messages by WhatsApp category (marts.chat_categories), and the bot
 * fallback rate = Σ fallbacks ÷ Σ messages of sendType dialogflow (never an average of daily rates).
 */
import { datesBetween } from '../../lib/dates.js';
import type { ScopedDb } from '../db/scope.js';
import { projectTimeZone } from './kpis.js';
import { resolvePeriods } from './period.js';
import { ratio } from './series.js';

export const BOT_SEND_TYPE = 'dialogflow';

export interface ChatFigures {
  sent: number;
  delivered: number;
  read: number;
  deliveryRate: number | null;
  readRate: number | null;
  /** Messages of the history export (every sendType, every chat channel). */
  messages: number;
  /** Bot answers (sendType dialogflow: Dialogflow and AI) and how many of them were fallbacks. */
  botMessages: number;
  fallbacks: number;
  fallbackRate: number | null;
  bySendType: Record<string, number>;
  byCategory: Record<string, number>;
}

export interface ChatDay extends ChatFigures {
  day: string;
}

export interface ChatResult {
  projectId: string;
  timeZone: string;
  period: { from: string; to: string };
  hasData: boolean;
  totals: ChatFigures;
  bySendType: { sendType: string; messages: number; delivered: number; read: number; fallbacks: number }[];
  byChannel: { channel: string; messages: number; delivered: number; read: number; fallbacks: number }[];
  byCategory: { category: string; messages: number; share: number | null }[];
  days: ChatDay[];
}

interface Acc {
  sent: number;
  delivered: number;
  read: number;
  messages: number;
  botMessages: number;
  fallbacks: number;
  bySendType: Record<string, number>;
  byCategory: Record<string, number>;
}

const emptyAcc = (): Acc => ({ sent: 0, delivered: 0, read: 0, messages: 0, botMessages: 0, fallbacks: 0, bySendType: {}, byCategory: {} });
const add = (rec: Record<string, number>, key: string, n: number) => (rec[key] = (rec[key] ?? 0) + n);

function figures(a: Acc): ChatFigures {
  return {
    sent: a.sent,
    delivered: a.delivered,
    read: a.read,
    deliveryRate: ratio(a.delivered, a.sent),
    readRate: ratio(a.read, a.delivered),
    messages: a.messages,
    botMessages: a.botMessages,
    fallbacks: a.fallbacks,
    fallbackRate: ratio(a.fallbacks, a.botMessages),
    bySendType: a.bySendType,
    byCategory: a.byCategory,
  };
}

type Group = { messages: number; delivered: number; read: number; fallbacks: number };

export async function getChat(db: ScopedDb, q: { from?: string | undefined; to?: string | undefined }): Promise<ChatResult> {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const args = [period.from, period.to];
  const daily = await db.query<{ day: string; sent: number; delivered: number; read: number }>(
    'SELECT day, sent, delivered, read FROM marts.chat_daily WHERE day BETWEEN $1::date AND $2::date',
    args,
  );
  const messages = await db.query<{ day: string; send_type: string; channel: string } & Group>(
    `SELECT day, send_type, channel, messages, delivered, read, fallbacks
     FROM marts.chat_messages_daily WHERE day BETWEEN $1::date AND $2::date`,
    args,
  );
  // Past the ETL's daily horizon categories exist only as calendar-month totals (days > 1, ADR 029):
  // such a row counts in the period's totals only when its whole span is inside the period, and in
  // no day of the series (it is never spread over days).
  const categories = await db.query<{ day: string; days: number; category: string; messages: number }>(
    'SELECT day, days, category, messages FROM marts.chat_categories WHERE day >= $1::date AND day + days - 1 <= $2::date',
    args,
  );

  const days = new Map(datesBetween(period.from, period.to).map((d) => [d, emptyAcc()]));
  const total = emptyAcc();
  const bySendType = new Map<string, Group>();
  const byChannel = new Map<string, Group>();
  const group = (m: Map<string, Group>, key: string, r: Group) => {
    const g = m.get(key) ?? { messages: 0, delivered: 0, read: 0, fallbacks: 0 };
    g.messages += r.messages;
    g.delivered += r.delivered;
    g.read += r.read;
    g.fallbacks += r.fallbacks;
    m.set(key, g);
  };
  for (const r of daily.rows) {
    for (const a of [days.get(r.day)!, total]) {
      a.sent += r.sent;
      a.delivered += r.delivered;
      a.read += r.read;
    }
  }
  for (const r of messages.rows) {
    const bot = r.send_type === BOT_SEND_TYPE;
    for (const a of [days.get(r.day)!, total]) {
      a.messages += r.messages;
      add(a.bySendType, r.send_type, r.messages);
      if (bot) {
        a.botMessages += r.messages;
        a.fallbacks += r.fallbacks;
      }
    }
    group(bySendType, r.send_type, r);
    group(byChannel, r.channel, r);
  }
  for (const r of categories.rows) {
    for (const a of r.days === 1 ? [days.get(r.day)!, total] : [total]) add(a.byCategory, r.category, r.messages);
  }
  const categoryTotal = Object.values(total.byCategory).reduce((a, n) => a + n, 0);
  const sorted = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => a.localeCompare(b));
  return {
    projectId,
    timeZone,
    period,
    // Not "rows exist": the chat group loads zero rows (chat_daily, every known category) for the
    // days of a project without chat activity, so only a non-zero figure tells.
    hasData: total.sent > 0 || total.messages > 0 || Object.values(total.byCategory).some((n) => n > 0),
    totals: figures(total),
    bySendType: sorted(bySendType).map(([sendType, g]) => ({ sendType, ...g })),
    byChannel: sorted(byChannel).map(([channel, g]) => ({ channel, ...g })),
    byCategory: Object.entries(total.byCategory)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([category, n]) => ({ category, messages: n, share: ratio(n, categoryTotal) })),
    days: [...days].map(([day, a]) => ({ day, ...figures(a) })),
  };
}
