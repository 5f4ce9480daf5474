// Chat generator invariants: agents and their conversations (ordered timestamps, unassigned and open
// ones, transfers, local days), chat stats partitions and rates, and the history CSV (parses with its
// header; counts and statuses agree with the stats).

import { describe, expect, it } from 'vitest';
import { addDays, datesBetween, weekday } from '../../lib/dates.js';
import { DEMO_PROJECTS, type SimProject } from './catalog.js';
import {
  agentConversations,
  agentStatus,
  CHAT_HISTORY_COLUMNS,
  chatHistory,
  chatHistoryCsv,
  chatStats,
  daySessions,
  projectAgents,
} from './chat.js';
import { CHAT_ACTORS, CHAT_CATEGORIES, CHAT_CHANNELS, CHAT_MODEL, CHAT_SEND_TYPES } from './model.js';
import { parseCsv } from './test-helpers.js';
import { localClock, localToEpoch } from './time.js';

const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
const NOW = new Date('2026-11-21T12:00:00Z');
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const ms = (iso: string | null) => (iso === null ? NaN : Date.parse(iso));
const within = (x: number, [lo, hi]: readonly [number, number]) => x >= lo - 1e-12 && x <= hi + 1e-12;

describe('agents and conversations', () => {
  it('has a roster per chat project (none without chat) with unique ids and emails', () => {
    const agents = projectAgents(banco);
    expect(agents).toHaveLength(banco.channels!.agents!);
    expect(new Set(agents.map((a) => a.agentId)).size).toBe(agents.length);
    expect(new Set(agents.map((a) => a.email)).size).toBe(agents.length);
    expect(agents.every((a) => /^[a-z.]+\d+@banco-andino\.example$/.test(a.email))).toBe(true);
    expect(projectAgents(moda)).toEqual([]);
    expect(agentConversations(moda, '2026-11-01', '2026-11-20', NOW)).toEqual([]);
  });

  it('orders queuedAt ≤ assignedAt ≤ closedAt, keeps each session on its local day, has abandoned and transferred sessions', () => {
    let abandoned = 0;
    let transfers = 0;
    const waits: number[] = [];
    const handles: number[] = [];
    const bad: string[] = []; // one expect at the end keeps this loop over ~10 000 sessions fast
    const check = (ok: boolean, what: string) => void (ok || bad.push(what));
    const FIELDS = ['agentSessionId', 'conversationSessionId', 'contactId', 'agentId', 'email', 'channel', 'queuedAt', 'assignedAt', 'closedAt', 'initialAgentSession'];
    for (const p of [banco, viajes]) {
      const roster = new Map(projectAgents(p).map((a) => [a.agentId, a]));
      for (const d of datesBetween('2026-10-01', '2026-11-20')) {
        const rows = agentConversations(p, d, d, NOW);
        check(rows.length === daySessions(p, d).length, `${d} count`);
        const byConversation = new Map<string, typeof rows>();
        for (const r of rows) {
          const id = `${p.id} ${d} ${r.agentSessionId}`;
          check(Object.keys(r).join() === FIELDS.join(), `${id} fields`);
          check(localClock(ms(r.queuedAt), p.timeZone).date === d, `${id} queued on another day`);
          check(r.closedAt !== null && localClock(ms(r.closedAt), p.timeZone).date === d, `${id} closed on another day or open`);
          if (r.assignedAt === null) {
            abandoned++;
            check(r.agentId === null && r.email === null, `${id} unassigned with an agent`);
            check(ms(r.closedAt) - ms(r.queuedAt) <= CHAT_MODEL.queueTimeoutSeconds * 1000, `${id} abandoned too long`);
          } else {
            check(ms(r.queuedAt) <= ms(r.assignedAt) && ms(r.assignedAt) <= ms(r.closedAt), `${id} timestamps out of order`);
            const agent = roster.get(r.agentId!);
            check(agent?.email === r.email, `${id} agent email`);
            const { minute } = localClock(ms(r.assignedAt), p.timeZone);
            check(agent !== undefined && minute >= agent.shift[0] - 1 && minute < agent.shift[1] + 1, `${id} assigned off shift (${minute})`);
            if (r.initialAgentSession) waits.push((ms(r.assignedAt) - ms(r.queuedAt)) / 1000);
            handles.push((ms(r.closedAt) - ms(r.assignedAt)) / 1000);
          }
          (byConversation.get(r.conversationSessionId) ?? byConversation.set(r.conversationSessionId, []).get(r.conversationSessionId)!).push(r);
        }
        for (const [conv, sessions] of byConversation) {
          check(sessions.filter((s) => s.initialAgentSession).length === 1, `${conv} initial sessions`);
          check(sessions.length <= 2, `${conv} sessions`);
          if (sessions.length === 2) {
            transfers++;
            const [first, second] = sessions.sort((x, y) => ms(x.queuedAt) - ms(y.queuedAt)) as [(typeof sessions)[0], (typeof sessions)[0]];
            check(second.queuedAt === first.closedAt && second.contactId === first.contactId && second.agentId !== first.agentId, `${conv} transfer`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
    expect(abandoned).toBeGreaterThan(50);
    expect(transfers).toBeGreaterThan(50);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    expect(median(waits)).toBeGreaterThan(30);
    expect(median(waits)).toBeLessThan(300);
    expect(median(handles)).toBeGreaterThan(180);
    expect(median(handles)).toBeLessThan(30 * 60);
  });

  it('at a `now` inside a working day shows open and not-yet-assigned sessions, nothing queued later', () => {
    const now = new Date('2026-11-18T17:00:00Z'); // 12:00 in Bogota
    const rows = agentConversations(banco, '2026-11-18', '2026-11-18', now);
    const all = daySessions(banco, '2026-11-18');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(all.length);
    expect(rows.every((r) => ms(r.queuedAt) <= now.getTime())).toBe(true);
    expect(rows.filter((r) => r.closedAt === null).length).toBeGreaterThan(0);
    for (const r of rows) {
      if (r.closedAt !== null) expect(ms(r.closedAt)).toBeLessThanOrEqual(now.getTime());
      if (r.assignedAt === null) expect(r.agentId).toBeNull();
    }
    // the same sessions complete later
    const done = new Map(agentConversations(banco, '2026-11-18', '2026-11-18', NOW).map((r) => [r.agentSessionId, r]));
    for (const r of rows) expect(done.get(r.agentSessionId)!.queuedAt).toBe(r.queuedAt);
    // a session still queued at `now` is unassigned and open
    const queued = all.find((s) => s.assignedMs !== null && s.queuedMs <= now.getTime() && s.assignedMs > now.getTime());
    if (queued) {
      const r = rows.find((x) => x.agentSessionId === queued.agentSessionId)!;
      expect([r.assignedAt, r.agentId, r.email, r.closedAt]).toEqual([null, null, null, null]);
    }
  });

  it('filters by agent email (case-insensitive) and reports agents on shift', () => {
    const agent = projectAgents(banco)[1]!;
    const rows = agentConversations(banco, '2026-11-01', '2026-11-20', NOW, { email: agent.email.toUpperCase() });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.email === agent.email)).toBe(true);
    const at = (iso: string) => agentStatus(banco, new Date(iso)).activeAgents;
    expect(at('2026-11-18T15:00:00Z')).toBeGreaterThan(0); // Wednesday 10:00 in Bogota
    expect(at('2026-11-18T08:00:00Z')).toBe(0); // 03:00
    expect(at('2026-11-22T15:00:00Z')).toBeLessThan(at('2026-11-18T15:00:00Z')); // Sunday: weekend crew
    expect(agentStatus(moda, NOW)).toEqual({ activeAgents: 0 });
  });
});

describe('chat stats', () => {
  const from = '2026-08-23';
  const to = '2026-11-20';

  it('actor and channel filters partition the figures; totals, categories and daily agree', () => {
    const all = chatStats(banco, from, to, NOW);
    expect(Object.keys(all)).toEqual(['totalMessages', 'peakMinuteUtc', 'categories', 'daily']);
    expect(Object.keys(all.categories)).toEqual([...CHAT_CATEGORIES]);
    expect(all.daily.map((d) => d.statsDate)).toEqual(datesBetween(from, to));
    expect(all.totalMessages).toBe(sum(all.daily.map((d) => d.sent)));
    expect(sum(Object.values(all.categories))).toBe(all.totalMessages);
    const add = (parts: ReturnType<typeof chatStats>[]) =>
      all.daily.map((d, i) => ({ statsDate: d.statsDate, sent: sum(parts.map((p) => p.daily[i]!.sent)), delivered: sum(parts.map((p) => p.daily[i]!.delivered)), read: sum(parts.map((p) => p.daily[i]!.read)) }));
    const byActor = CHAT_ACTORS.map((actor) => chatStats(banco, from, to, NOW, { actor }));
    const byChannel = CHAT_CHANNELS.map((channel) => chatStats(banco, from, to, NOW, { channel }));
    expect(add(byActor)).toEqual(all.daily);
    expect(add(byChannel)).toEqual(all.daily);
    for (const k of CHAT_CATEGORIES) expect(sum(byActor.map((s) => s.categories[k]))).toBe(all.categories[k]);
    const webapp = byChannel[1]!;
    expect(webapp.categories.service).toBe(webapp.totalMessages);
    expect(byActor.every((s) => s.totalMessages > 0)).toBe(true);
  });

  it('has WhatsApp-typical delivery and read rates, weekday seasonality and a peak minute inside the window', () => {
    const wa = chatStats(banco, from, to, NOW, { channel: 'whatsapp' });
    for (const d of wa.daily) {
      expect(d.delivered).toBeLessThanOrEqual(d.sent);
      expect(d.read).toBeLessThanOrEqual(d.delivered);
      if (d.sent >= 200) {
        expect(within(d.delivered / d.sent, CHAT_MODEL.deliveredRate.range)).toBe(true);
        expect(within(d.read / d.delivered, CHAT_MODEL.readRate.range)).toBe(true);
      }
    }
    const mean = (pred: (w: number) => boolean) => {
      const xs = wa.daily.filter((d) => pred(weekday(d.statsDate))).map((d) => d.sent);
      return sum(xs) / xs.length;
    };
    expect(mean((w) => w === 0)).toBeLessThan(0.7 * mean((w) => w >= 1 && w <= 5));
    const peakDay = wa.daily.reduce((a, b) => (b.sent > a.sent ? b : a));
    const all = chatStats(banco, from, to, NOW);
    const busiest = all.daily.reduce((a, b) => (b.sent > a.sent ? b : a));
    expect(localClock(Date.parse(all.peakMinuteUtc!), banco.timeZone).date).toBe(busiest.statsDate);
    expect(all.peakMinuteUtc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    expect(peakDay.sent).toBeGreaterThan(0);
    expect(chatStats(banco, '2030-01-01', '2030-01-02', NOW)).toEqual({
      totalMessages: 0,
      peakMinuteUtc: null,
      categories: Object.fromEntries(CHAT_CATEGORIES.map((c) => [c, 0])),
      daily: [],
    });
  });
});

describe('chat history CSV', () => {
  it('parses with the seen header; per day, channel and actor its rows and statuses match the stats', () => {
    for (const p of [banco, viajes]) {
      const from = '2026-11-12';
      const to = '2026-11-18';
      const rows = chatHistory(p, from, to, NOW);
      const csv = chatHistoryCsv(rows);
      const parsed = parseCsv(csv);
      expect(parsed[0]).toEqual([...CHAT_HISTORY_COLUMNS]);
      expect(parsed).toHaveLength(rows.length + 1);
      expect(parsed.every((r) => r.length === CHAT_HISTORY_COLUMNS.length)).toBe(true);
      expect(csv.endsWith('\r\n')).toBe(true);
      const records = parsed.slice(1).map((r) => Object.fromEntries(CHAT_HISTORY_COLUMNS.map((c, i) => [c, r[i]!])));
      expect(records[5]).toEqual(Object.fromEntries(CHAT_HISTORY_COLUMNS.map((c) => [c, rows[5]![c] === null ? '' : String(rows[5]![c])])));
      expect(records.some((r) => r.content!.includes('\n') || r.content!.includes(','))).toBe(true); // quoting is exercised
      expect(new Set(records.map((r) => r.messageId)).size).toBe(records.length);
      expect(records.map((r) => r.messageDate)).toEqual(records.map((r) => r.messageDate).sort());
      expect(new Set(records.map((r) => r.sendType))).toEqual(new Set(CHAT_SEND_TYPES));
      expect(new Set(records.map((r) => r.isFallback))).toEqual(new Set(['true', 'false']));

      for (const d of datesBetween(from, to)) {
        const [start, end] = [localToEpoch(d, 0, p.timeZone), localToEpoch(addDays(d, 1), 0, p.timeZone)];
        const dayRows = rows.filter((r) => ms(r.messageDate) >= start && ms(r.messageDate) < end);
        for (const channel of CHAT_CHANNELS) {
          for (const actor of CHAT_ACTORS) {
            const stat = chatStats(p, d, d, NOW, { actor, channel }).daily[0]!;
            const out = dayRows.filter((r) => r.channel === channel && (actor === 'agent' ? r.sendType === 'operator' : r.sendType === 'dialogflow' && r.integration === actor));
            expect(out.length, `${p.id} ${d} ${channel} ${actor}`).toBe(stat.sent);
            expect(out.filter((r) => r.status === 'read').length).toBe(stat.read);
            expect(out.filter((r) => r.status === 'read' || r.status === 'delivered').length).toBe(stat.delivered);
          }
        }
      }
      const bad: string[] = [];
      const sessions = new Map(datesBetween(from, to).flatMap((d) => daySessions(p, d)).map((s) => [s.agentSessionId, s]));
      for (const r of rows) {
        if (r.isFallback && `${r.sendType} ${r.integration} ${r.dfIntentName}` !== `dialogflow dialogflow ${CHAT_MODEL.fallbackIntent}`) bad.push(`${r.messageId} fallback`);
        if (r.sendType === 'input' && r.status !== 'received') bad.push(`${r.messageId} input status`);
        if (r.sendType === 'operator') {
          // operator rows lie within their agent session and carry its agent
          const s = sessions.get(r.agentConversationId);
          const t = ms(r.messageDate);
          if (!s || t < s.assignedMs! || t > s.closedMs || r.agentId !== s.agent?.agentId) bad.push(`${r.messageId} outside its session`);
        }
      }
      expect(bad).toEqual([]);
    }
  });

  it('follows the hour profile and stops at now', () => {
    const rows = chatHistory(banco, '2026-11-16', '2026-11-20', NOW);
    const byHour = new Array<number>(24).fill(0);
    const offsetMs = localToEpoch('2026-11-16', 0, banco.timeZone) - Date.parse('2026-11-16T00:00:00Z'); // Bogota has no DST
    for (const r of rows) byHour[new Date(ms(r.messageDate) - offsetMs).getUTCHours()]! += 1;
    expect(byHour[11]!).toBeGreaterThan(10 * byHour[3]!);
    const now = new Date('2026-11-20T16:00:00Z');
    const cut = chatHistory(banco, '2026-11-20', '2026-11-20', now);
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.every((r) => ms(r.messageDate) <= now.getTime())).toBe(true);
    expect(cut.length).toBeLessThan(chatHistory(banco, '2026-11-20', '2026-11-20', NOW).length);
    expect(chatHistory(moda, '2026-11-14', '2026-11-20', NOW)).toEqual([]);
    expect(chatHistoryCsv([])).toBe(`${CHAT_HISTORY_COLUMNS.join(',')}\r\n`);
    expect(chatHistory(banco, addDays('2026-11-20', 1), addDays('2026-11-20', 3), NOW).length).toBeGreaterThanOrEqual(0);
  });
});
