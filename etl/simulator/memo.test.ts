// Memoisation of the generators (memo.ts): the LRU keeps its budget, and every generator answers the
// same bytes cached (cold and warm) as regenerated from scratch, for clocks that cut the current day
// mid-session and with or without late corrections.

import { afterEach, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates.js';
import { campaignList, projectCampaigns, projectJourneys } from './campaigns.js';
import { DEMO_PROJECTS, syntheticProjects, type SimProject } from './catalog.js';
import {
  accountStats,
  channelTotals,
  CHANNELS,
  deviceStats,
  emailApplicationStats,
  emailCampaignStats,
  inAppStats,
  journeyStats,
  pushCampaignStats,
  pushHeatmap,
  smsApplicationStats,
  smsCampaignStats,
  walletStats,
} from './channels.js';
import { agentConversations, chatDay, chatDayAt, chatHistory, chatHistoryCsv, chatHistoryPage, chatStats, daySessions, projectAgents } from './chat.js';
import type { GenOptions } from './corrections.js';
import { dateStats, pushDaily, pushHourly } from './generator.js';
import { cacheNamed, cacheStats, clearCaches, Lru, setCaching } from './memo.js';

const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
const CLOCKS = [
  new Date('2026-11-20T20:30:15.250Z'), // Bogotá 15:30, Mexico City 14:30: sessions open, messages still to come
  new Date('2026-11-21T04:59:59.999Z'), // the last millisecond of Bogotá's 20 November
  new Date('2026-11-21T13:07:00.000Z'),
];

afterEach(() => {
  setCaching(true);
  clearCaches();
});

describe('Lru', () => {
  it('keeps its weight within the budget, evicting the least recently used first', () => {
    const c = new Lru<number[]>('test', 10, (v) => v.length);
    c.set('a', [1, 2, 3]);
    c.set('b', [1, 2, 3]);
    c.set('c', [1, 2, 3]);
    expect(c.get('a')).toEqual([1, 2, 3]); // a is now the most recent
    c.set('d', [1, 2]); // 11 > 10: b goes
    expect([c.has('a'), c.has('b'), c.has('c'), c.has('d')]).toEqual([true, false, true, true]);
    expect(c.weight).toBe(8);
    c.set('c', [1]); // replacing an entry re-weighs it
    expect(c.weight).toBe(6);
    expect(c.stats()).toMatchObject({ entries: 3, weight: 6, maxWeight: 10, evictions: 1 });
  });

  it('keeps a single entry heavier than the budget until the next one, and resize evicts down', () => {
    const c = new Lru<number[]>('test', 4, (v) => v.length);
    c.set('big', [1, 2, 3, 4, 5, 6]);
    expect(c.has('big')).toBe(true);
    c.set('x', [1]);
    expect([c.has('big'), c.has('x')]).toEqual([false, true]);
    c.set('y', [1, 2]);
    c.resize(2);
    expect([c.has('x'), c.has('y'), c.weight]).toEqual([false, true, 2]);
    expect(() => c.resize(0)).toThrow(RangeError);
  });

  it('counts entries when no weight is given', () => {
    const c = new Lru<string>('test', 2);
    for (const k of ['a', 'b', 'c']) c.set(k, k);
    expect([c.size, c.get('a'), c.get('c')]).toEqual([2, undefined, 'c']);
  });
});

/** Every generator's answer for a project at `now`, as the JSON the server would send. */
function answers(p: SimProject, now: Date, opts: GenOptions): string[] {
  const today = todayIn(p.timeZone, now);
  const from = addDays(today, -6);
  const to = addDays(today, 1);
  const old = [addDays(today, -60), addDays(today, -57)] as const;
  const out: unknown[] = [
    dateStats(p, from, to, 'daily', now, opts),
    dateStats(p, from, today, 'hourly', now, opts),
    dateStats(p, ...old, 'daily', now, opts),
    pushHeatmap(p, from, to, now, opts),
    deviceStats(p, from, today, now, opts),
    pushCampaignStats(p, from, to, now, opts),
    pushCampaignStats(p, ...old, now, opts),
    smsApplicationStats(p, from, to, now, opts),
    smsCampaignStats(p, from, to, now, opts),
    emailApplicationStats(p, from, to, now, opts),
    emailCampaignStats(p, ...old, now, opts),
    inAppStats(p, from, to, now, opts),
    walletStats(p, from, to, now, opts),
    ...CHANNELS.map((c) => channelTotals(p, c, from, to, now, opts)),
    accountStats(p, now),
    campaignList(p, now),
    projectCampaigns(p, now),
    pushDaily(p, today),
    pushHourly(p, today),
    ...projectJourneys(p).map((j) => journeyStats(p, j, from, to, now, opts)),
    chatStats(p, from, to, now, { actor: 'agent', channel: 'whatsapp' }, opts),
    chatDay(p, today),
    chatDayAt(p, today, now, opts),
    daySessions(p, today),
    agentConversations(p, from, to, now),
    agentConversations(p, ...old, now),
    ...projectAgents(p).slice(0, 2).map((a) => agentConversations(p, from, to, now, { email: a.email.toUpperCase() })),
    chatHistory(p, from, to, now, opts),
  ];
  return out.map((a) => JSON.stringify(a));
}

/** chatHistoryPage(…) = chatHistoryCsv of the slice of chatHistory(…), for pages across days and past the end. */
function checkPages(p: SimProject, now: Date, opts: GenOptions, history: string): void {
  const rows = JSON.parse(history) as ReturnType<typeof chatHistory>;
  const today = todayIn(p.timeZone, now);
  for (const [offset, limit] of [[0, 1000], [1000, 1000], [777, 333], [Math.max(0, rows.length - 5), 1000], [rows.length + 10, 10]] as const) {
    const page = chatHistoryPage(p, addDays(today, -6), addDays(today, 1), now, opts, offset, limit);
    expect(page.total).toBe(rows.length);
    expect(page.csv).toBe(chatHistoryCsv(rows.slice(offset, offset + limit)));
  }
}

describe('memoised generators', () => {
  const synthetic = syntheticProjects(6, { seed: 3, historyDays: 90, now: CLOCKS[0] }).filter((p) => p.chatEnabled).slice(0, 1);
  for (const lateCorrections of [false, true]) {
    it(`answer as regenerated, cold and warm (late corrections ${lateCorrections ? 'on' : 'off'})`, () => {
      for (const now of CLOCKS) {
        for (const p of [banco, moda, viajes, ...synthetic]) {
          setCaching(false);
          const fresh = answers(p, now, { lateCorrections });
          setCaching(true);
          clearCaches();
          const cold = answers(p, now, { lateCorrections });
          const warm = answers(p, now, { lateCorrections });
          for (let i = 0; i < fresh.length; i++) {
            expect(cold[i], `${p.id} ${now.toISOString()} answer ${i} cold`).toBe(fresh[i]);
            expect(warm[i], `${p.id} ${now.toISOString()} answer ${i} warm`).toBe(fresh[i]);
          }
          checkPages(p, now, { lateCorrections }, fresh.at(-1)!);
        }
      }
      expect(cacheStats().find((c) => c.name === 'chatHistoryDay')!.hits).toBeGreaterThan(0);
    });
  }

  it('a clock moving through the day: the cached full day cut at each now equals a regenerated one', () => {
    const start = Date.parse('2026-11-20T11:00:00Z');
    for (let k = 0; k < 16; k++) {
      const now = new Date(start + k * 47 * 60_000 + k * 1337);
      setCaching(false);
      const fresh = [chatHistory(banco, '2026-11-19', '2026-11-21', now, { lateCorrections: true }), agentConversations(banco, '2026-11-19', '2026-11-21', now)];
      setCaching(true);
      const cached = [chatHistory(banco, '2026-11-19', '2026-11-21', now, { lateCorrections: true }), agentConversations(banco, '2026-11-19', '2026-11-21', now)];
      expect(JSON.stringify(cached)).toBe(JSON.stringify(fresh));
    }
  });

  it('cached rows are shared and frozen: a caller cannot change what the next answer serves', () => {
    const rows = dateStats(banco, '2026-10-01', '2026-10-03', 'daily', CLOCKS[0]!);
    expect(Object.isFrozen(rows[0])).toBe(true);
    expect(() => {
      (rows[0] as { numDevicesSent: number }).numDevicesSent = -1;
    }).toThrow(TypeError);
    rows.pop(); // the array itself is the caller's
    expect(dateStats(banco, '2026-10-01', '2026-10-03', 'daily', CLOCKS[0]!)).toHaveLength(rows.length + 1);
  });
});

describe('memory bounds', () => {
  it('every cache stays within its budget, and answers stay the same after evictions', () => {
    const names = cacheStats().map((c) => c.name);
    const saved = new Map(names.map((n) => [n, cacheNamed(n)!.maxWeight]));
    try {
      for (const n of names) cacheNamed(n)!.resize(Math.max(1, Math.floor(saved.get(n)! / 400)));
      const now = CLOCKS[2]!;
      const projects = [banco, ...syntheticProjects(12, { seed: 5, historyDays: 40, now })];
      const run = () =>
        projects.flatMap((p) => {
          const today = todayIn(p.timeZone, now);
          const from = addDays(today, -20);
          return [
            chatHistory(p, addDays(today, -6), today, now, {}).length,
            agentConversations(p, from, today, now).length,
            chatStats(p, from, today, now).totalMessages,
            dateStats(p, from, today, 'daily', now).length,
            pushHeatmap(p, from, today, now),
            pushCampaignStats(p, from, today, now).length,
            smsCampaignStats(p, from, today, now).length,
            emailCampaignStats(p, from, today, now).length,
            inAppStats(p, from, today, now).length,
            walletStats(p, from, today, now).length,
            deviceStats(p, addDays(today, -6), today, now).length,
            campaignList(p, now).length,
          ].map((x) => JSON.stringify(x));
        });
      const first = run();
      const second = run();
      expect(second).toEqual(first);
      for (const s of cacheStats()) {
        // over budget only while it holds one entry heavier than the whole budget
        expect(s.weight <= s.maxWeight || s.entries === 1, `${s.name} ${s.weight}/${s.maxWeight}`).toBe(true);
      }
      const evicted = cacheStats().filter((s) => s.evictions > 0).map((s) => s.name);
      expect(evicted).toEqual(expect.arrayContaining(['chatHistoryDay', 'chatSessions', 'agentConversationsDay', 'pushHourly', 'pushCampaignDay']));
      setCaching(false);
      expect(run()).toEqual(first);
    } finally {
      for (const [n, w] of saved) cacheNamed(n)!.resize(w);
    }
  });
});
