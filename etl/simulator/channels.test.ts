// Generator invariants of the non-chat channels: campaign schedule, sums that must add up, channel-typical
// rates, seasonality, devices, account totals, journeys, channelTotals and late corrections.

import { describe, expect, it } from 'vitest';
import { addDays, datesBetween, todayIn, weekday } from '../../lib/dates.js';
import {
  alwaysOnCampaigns,
  campaignList,
  campaignsRunning,
  findCampaign,
  findJourney,
  journeyList,
  projectCampaigns,
  projectJourneys,
} from './campaigns.js';
import { DEMO_PROJECTS, enabledPlatforms, type SimProject } from './catalog.js';
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
import { chatStats } from './chat.js';
import { dateStats, pushDaily, pushHourly } from './generator.js';
import { EMAIL_MODEL, INAPP_MODEL, LATE_CORRECTIONS, SMS_MODEL, WALLET_MODEL } from './model.js';

const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
const NOW = new Date('2026-11-21T12:00:00Z');
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const within = (x: number, [lo, hi]: readonly [number, number]) => x >= lo - 1e-12 && x <= hi + 1e-12;
const groupSum = <T extends object>(rows: readonly T[], key: (r: T) => string, fields: readonly (keyof T)[]) => {
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const g = out.get(key(r)) ?? Object.fromEntries(fields.map((f) => [f, 0]));
    for (const f of fields) g[f as string]! += r[f] as unknown as number;
    out.set(key(r), g);
  }
  return out;
};

describe('campaign schedule', () => {
  it('is deterministic, starts and ends, and lists only campaigns created by local today', () => {
    expect(campaignList(banco, NOW)).toEqual(campaignList(banco, NOW));
    const all = projectCampaigns(banco, NOW);
    const today = todayIn(banco.timeZone, NOW);
    expect(all.every((c) => c.createdAt <= today && c.createdAt >= banco.createdAt && c.createdAt <= c.start)).toBe(true);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    const finite = all.filter((c) => c.end !== null);
    expect(finite.length).toBeGreaterThan(100);
    expect(finite.every((c) => c.start <= c.end!)).toBe(true);
    expect(new Set(finite.map((c) => c.channel))).toEqual(new Set(['push', 'sms', 'email', 'inapp', 'wallet']));
    const list = campaignList(banco, NOW);
    expect(Object.keys(list[0]!)).toEqual(['id', 'name', 'channel', 'createdAt', 'status']);
    const statuses = new Set(DEMO_PROJECTS.flatMap((p) => campaignList(p, NOW).map((c) => c.status)));
    expect(statuses).toEqual(new Set(['active', 'finished', 'scheduled']));
    for (const c of list) {
      const full = findCampaign(c.id, DEMO_PROJECTS)!;
      expect(full.id).toBe(c.id);
      const expected = today < full.start ? 'scheduled' : full.end !== null && today > full.end ? 'finished' : 'active';
      expect(c.status, String(c.id)).toBe(expected);
    }
    // A later clock lists more campaigns and moves statuses forward.
    const later = campaignList(moda, new Date('2027-02-01T12:00:00Z'));
    expect(later.length).toBeGreaterThan(campaignList(moda, NOW).length);
    const active = campaignList(moda, NOW).find((x) => x.status === 'active' && findCampaign(x.id, DEMO_PROJECTS)!.end !== null)!;
    expect(later.find((c) => c.id === active.id)!.status).toBe('finished');
  });

  it('has one always-on campaign per push, SMS and email channel', () => {
    expect(alwaysOnCampaigns(banco).map((c) => c.channel)).toEqual(['push', 'sms', 'email']);
    expect(alwaysOnCampaigns(banco).every((c) => c.end === null && c.start === banco.createdAt)).toBe(true);
  });

  it('gives a campaign statistics exactly on its running days', () => {
    const from = '2026-09-01';
    const to = '2026-10-31';
    const push = pushCampaignStats(moda, from, to, NOW);
    const sms = smsCampaignStats(moda, from, to, NOW);
    const email = emailCampaignStats(moda, from, to, NOW);
    const inapp = inAppStats(moda, from, to, NOW);
    for (const [channel, rows] of [['push', push], ['sms', sms], ['email', email], ['inapp', inapp]] as const) {
      const days = new Map<number, Set<string>>();
      for (const r of rows) (days.get(r.campaignId) ?? days.set(r.campaignId, new Set()).get(r.campaignId)!).add(r.statsDate);
      expect(days.size, channel).toBeGreaterThan(1);
      for (const [id, seen] of days) {
        const c = findCampaign(id, DEMO_PROJECTS)!;
        expect(c.channel).toBe(channel);
        const expected = datesBetween(c.start > from ? c.start : from, c.end === null || c.end > to ? to : c.end);
        expect([...seen].sort(), `${channel} ${id}`).toEqual(expected);
      }
      // and every campaign running on a day has rows that day
      for (const d of ['2026-09-15', '2026-10-20']) {
        const ids = new Set(rows.filter((r) => r.statsDate === d).map((r) => r.campaignId));
        expect(ids).toEqual(new Set(campaignsRunning(moda, d, channel).map((c) => c.id)));
      }
    }
  });
});

describe('sums that add up', () => {
  const M4 = ['numDevicesSent', 'numDevicesSuccess', 'numDevicesReceived', 'numDevicesClicked'] as const;
  it.each([false, true])('push campaign rows sum to dateStats per day and platform (late corrections %s)', (late) => {
    for (const p of DEMO_PROJECTS) {
      const from = '2026-10-20';
      const to = '2026-11-21';
      const rows = pushCampaignStats(p, from, to, NOW, { lateCorrections: late });
      const byDay = groupSum(rows, (r) => `${r.statsDate}|${r.platformGroup}`, M4);
      const daily = dateStats(p, from, to, 'daily', NOW, { lateCorrections: late });
      expect(byDay.size).toBe(daily.length);
      for (const d of daily) expect(byDay.get(`${d.statsDate}|${d.platformGroup}`), `${p.id} ${d.statsDate}`).toEqual(Object.fromEntries(M4.map((k) => [k, d[k]])));
      for (const r of rows) {
        expect(r.numErrors).toBe(r.numDevicesSent - r.numDevicesSuccess);
        expect(r.numDevicesSuccess).toBeGreaterThanOrEqual(r.numDevicesReceived);
        expect(r.numDevicesReceived).toBeGreaterThanOrEqual(r.numDevicesClicked);
        expect(r.numDevicesClicked).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it.each([false, true])('SMS and email campaign rows sum to the application rows per day (late corrections %s)', (late) => {
    const o = { lateCorrections: late };
    for (const p of DEMO_PROJECTS) {
      const from = '2026-08-01';
      const to = '2026-11-21';
      const smsApp = smsApplicationStats(p, from, to, NOW, o);
      const smsFields = ['numContactsSent', 'numContactsDelivered', 'numContactsRejected', 'numChunks', 'numContactsClicked', 'numContactsUnique'] as const;
      const smsSum = groupSum(smsCampaignStats(p, from, to, NOW, o), (r) => r.statsDate, smsFields);
      expect(smsApp.map((r) => r.statsDate)).toEqual(datesBetween(from, todayIn(p.timeZone, NOW)));
      for (const r of smsApp) {
        expect(smsSum.get(r.statsDate)).toEqual(Object.fromEntries(smsFields.map((k) => [k, r[k]])));
        const campaignCost = sum(smsCampaignStats(p, r.statsDate, r.statsDate, NOW, o).map((c) => Math.round(c.cost * 10_000)));
        expect(Math.round(r.cost * 10_000)).toBe(campaignCost);
        expect(String(r.cost)).toMatch(/^\d+(\.\d{1,4})?$/);
      }
      const emailFields = Object.keys(emailApplicationStats(p, to, to, NOW, o)[0]!).filter((k) => k !== 'statsDate') as (keyof ReturnType<typeof emailCampaignStats>[number])[];
      const emailSum = groupSum(emailCampaignStats(p, from, to, NOW, o), (r) => r.statsDate, emailFields);
      for (const r of emailApplicationStats(p, from, to, NOW, o)) {
        expect(emailSum.get(r.statsDate)).toEqual(Object.fromEntries(emailFields.map((k) => [k, r[k as keyof typeof r]])));
      }
    }
  });

  it('account stats impacts are sums of dateStats numDevicesSent; devices and campaign counts are consistent', () => {
    const s = accountStats(viajes, NOW);
    const today = todayIn(viajes.timeZone, NOW);
    const sent = (from: string) => sum(dateStats(viajes, from, today, 'daily', NOW).map((r) => r.numDevicesSent));
    expect(Object.keys(s)).toEqual(['id', 'name', 'campaigns', 'devices', 'impacts']);
    expect(Object.keys(s.campaigns)).toEqual(['sent', 'scheduled', 'welcome', 'fidelity', 'goefencing', 'network']);
    expect(Object.keys(s.devices)).toEqual(['android', 'ios', 'webpush', 'safari']);
    expect(s.impacts).toEqual({ total: sent(viajes.createdAt), today: sent(today), lastWeek: sent(addDays(today, -6)), lastMonth: sent(addDays(today, -29)) });
    const push = campaignList(viajes, NOW).filter((c) => c.channel === 'push');
    const c = s.campaigns;
    // every push campaign but the always-on one is counted exactly once
    expect(c.sent + c.scheduled + c.welcome + c.fidelity + c.goefencing + c.network).toBe(push.length - 1);
    expect(c.scheduled).toBe(push.filter((x) => x.status === 'scheduled').length);
    expect(s.devices.android).toBeGreaterThan(s.devices.ios);
    expect(s.devices.webpush + s.devices.safari).toBeGreaterThan(0);
    expect(accountStats(banco, NOW).devices.webpush).toBe(0); // web push disabled
  });

  it('channelTotals are the sums of the endpoint rows for every channel', () => {
    const from = '2026-10-01';
    const to = '2026-10-31';
    const add = (rows: readonly object[]) => {
      const out: Record<string, number> = {};
      for (const r of rows) for (const [k, v] of Object.entries(r)) if (typeof v === 'number' && k !== 'campaignId') out[k] = (out[k] ?? 0) + v;
      return out;
    };
    for (const p of DEMO_PROJECTS) {
      expect(channelTotals(p, 'push', from, to, NOW)).toEqual(add(dateStats(p, from, to, 'daily', NOW)));
      expect(channelTotals(p, 'inapp', from, to, NOW)).toEqual({ numImpressions: 0, numClicks: 0, numDismissed: 0, ...add(inAppStats(p, from, to, NOW)) });
      const sms = add(smsApplicationStats(p, from, to, NOW));
      expect(channelTotals(p, 'sms', from, to, NOW)).toEqual({ ...sms, cost: Math.round(sms.cost! * 10_000) / 10_000 });
      expect(channelTotals(p, 'email', from, to, NOW)).toEqual(add(emailApplicationStats(p, from, to, NOW)));
      const wallet = channelTotals(p, 'wallet', from, to, NOW);
      expect(wallet).toEqual({ numPassesIssued: 0, numPassesInstalled: 0, numPassesUninstalled: 0, numPassUpdatesSent: 0, ...add(walletStats(p, from, to, NOW)) });
      const chat = chatStats(p, from, to, NOW);
      expect(channelTotals(p, 'chat', from, to, NOW)).toEqual({ sent: 0, delivered: 0, read: 0, ...add(chat.daily), totalMessages: chat.totalMessages });
    }
    expect(channelTotals(moda, 'chat', from, to, NOW)).toEqual({ sent: 0, delivered: 0, read: 0, totalMessages: 0 }); // chat disabled
    expect(CHANNELS.map((c) => channelTotals(banco, c, from, to, NOW)).every((t) => Object.values(t).some((v) => v > 0))).toBe(true);
  });
});

describe('channel-typical rates and shapes', () => {
  const from = '2025-11-01';
  const to = '2026-11-20';

  it('SMS: delivered 90–99 %, rejected ≤ undelivered, chunks ≥ sent, unique ≤ sent, cost = chunks × price', () => {
    let checked = 0;
    for (const p of DEMO_PROJECTS) {
      for (const r of smsCampaignStats(p, from, to, NOW)) {
        expect(r.numContactsDelivered + r.numContactsRejected).toBeLessThanOrEqual(r.numContactsSent);
        expect(r.numChunks).toBeGreaterThanOrEqual(r.numContactsSent);
        expect(r.numContactsUnique).toBeLessThanOrEqual(r.numContactsSent);
        expect(r.numContactsClicked).toBeLessThanOrEqual(r.numContactsDelivered);
        expect(r.cost).toBe((r.numChunks * p.channels!.smsPricePerChunk!) / 10_000);
        if (r.numContactsSent >= 200) {
          expect(within(r.numContactsDelivered / r.numContactsSent, SMS_MODEL.deliveredRate.range)).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('email: opens 15–30 % of delivered, sent = delivered + bounces + blocked, clicks ≤ opens', () => {
    let checked = 0;
    for (const p of DEMO_PROJECTS) {
      for (const r of emailCampaignStats(p, from, to, NOW)) {
        expect(r.numContactsDelivered + r.numContactsSoftBounced + r.numContactsHardBounced + r.numContactsBlocked).toBe(r.numContactsSent);
        expect(r.numContactsClicked).toBeLessThanOrEqual(r.numContactsOpened);
        expect(r.numContactsOpened).toBeLessThanOrEqual(r.numContactsDelivered);
        if (r.numContactsDelivered >= 200) {
          expect(within(r.numContactsOpened / r.numContactsDelivered, EMAIL_MODEL.openRate.range), `${r.statsDate} ${r.campaignId}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    // weekday seasonality: weekends send less email
    const rows = emailApplicationStats(moda, from, to, NOW);
    const mean = (pred: (d: number) => boolean) => {
      const xs = rows.filter((r) => pred(weekday(r.statsDate))).map((r) => r.numContactsSent);
      return sum(xs) / xs.length;
    };
    expect(mean((d) => d === 0 || d === 6)).toBeLessThan(0.7 * mean((d) => d >= 1 && d <= 5));
  });

  it('push CTR 1–8 % per application day; heatmap CTRs agree with the hourly rows', () => {
    for (const p of DEMO_PROJECTS) {
      for (const r of dateStats(p, '2026-06-01', '2026-06-30', 'daily', NOW)) {
        expect(within(r.numDevicesClicked / r.numDevicesSent, [0.01, 0.08])).toBe(true);
      }
    }
    const h = pushHeatmap(moda, '2026-11-02', '2026-11-08', NOW); // Monday .. Sunday
    expect(Object.keys(h)).toEqual(['hour', 'weekday', 'weekday-hour']);
    expect(Object.keys(h.hour)).toEqual([...Array(24).keys()].map(String));
    expect(Object.keys(h.weekday)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
    const tuesday = pushHourly(moda, '2026-11-03').filter((r) => r.statsHour === 8);
    expect(h['weekday-hour'].tuesday!['8']).toBe(Math.round((sum(tuesday.map((r) => r.numDevicesClicked)) / sum(tuesday.map((r) => r.numDevicesSent))) * 10_000) / 10_000);
    const all = datesBetween('2026-11-02', '2026-11-08').flatMap((d) => pushDaily(moda, d));
    const overall = sum(all.map((r) => r.numDevicesClicked)) / sum(all.map((r) => r.numDevicesSent));
    for (const v of Object.values(h.hour)) expect(within(v, [0.5 * overall, 1.6 * overall])).toBe(true);
    expect(h.hour['20']!).toBeGreaterThan(h.hour['3']!); // evenings click more
    expect(pushHeatmap(moda, '2030-01-01', '2030-01-02', NOW)).toEqual({ hour: {}, weekday: {}, 'weekday-hour': {} });
  });

  it('in-app and wallet: rates in range, per enabled platform, only while campaigns run (in-app)', () => {
    for (const p of DEMO_PROJECTS) {
      for (const r of inAppStats(p, from, to, NOW)) {
        expect(enabledPlatforms(p)).toContain(r.platformGroup);
        expect(r.numClicks + r.numDismissed).toBeLessThanOrEqual(r.numImpressions);
        if (r.numImpressions >= 200) expect(within(r.numClicks / r.numImpressions, INAPP_MODEL.clickRate.range)).toBe(true);
      }
      const wallet = walletStats(p, '2026-10-01', '2026-10-31', NOW);
      expect(wallet.map((r) => r.platform)).toEqual(datesBetween('2026-10-01', '2026-10-31').flatMap(() => ['apple', 'google']));
      for (const r of wallet) {
        expect(Object.keys(r)).toEqual(['statsDate', 'platform', 'numPassesIssued', 'numPassesInstalled', 'numPassesUninstalled', 'numPassUpdatesSent']);
        if (r.numPassesIssued >= 100) expect(within(r.numPassesInstalled / r.numPassesIssued, WALLET_MODEL.installedRate.range)).toBe(true);
        expect(r.numPassesUninstalled).toBeLessThanOrEqual(r.numPassesInstalled);
      }
    }
  });

  it('devices: one row per day and enabled platform, plausible sizes', () => {
    const rows = deviceStats(moda, '2026-11-10', '2026-11-16', NOW);
    expect(rows).toHaveLength(7 * 3);
    expect(Object.keys(rows[0]!)).toEqual(['statsDate', 'platformGroup', 'numDevicesNew', 'numDevicesActive', 'numDevicesUnregistered']);
    for (const r of rows) {
      expect(r.numDevicesActive).toBeGreaterThan(r.numDevicesNew);
      expect(r.numDevicesNew).toBeGreaterThan(r.numDevicesUnregistered / 10);
    }
    expect(deviceStats(banco, '2026-11-10', '2026-11-10', NOW).map((r) => r.platformGroup)).toEqual(['android', 'ios']);
  });

  it('journeys: userFlow narrows step by step; opened only for email nodes; ctr = clicked ÷ sent', () => {
    for (const p of DEMO_PROJECTS) {
      const list = journeyList(p, NOW);
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(Object.keys(list[0]!)).toEqual(['id', 'name', 'status', 'createdAt']);
      for (const j of projectJourneys(p)) {
        expect(findJourney(j.id, DEMO_PROJECTS)).toBe(j);
        const s = journeyStats(p, j, '2026-01-01', '2026-03-31', NOW);
        expect(s.userFlow.map((u) => u.nodeId)).toEqual(['start', ...j.nodes.map((n) => n.nodeId)]);
        for (let i = 1; i < s.userFlow.length; i++) expect(s.userFlow[i]!.users).toBeLessThanOrEqual(s.userFlow[i - 1]!.users);
        for (const n of s.nodes) {
          expect(Object.keys(n)).toEqual(['nodeId', 'campaignId', 'campaignName', 'campaignType', 'sent', 'opened', 'clicked', 'ctr', 'platforms']);
          if (n.campaignType === 'email') {
            expect(n.opened).not.toBeNull();
            if (n.sent >= 200) expect(within(n.opened! / n.sent, EMAIL_MODEL.openRate.range)).toBe(true);
            expect(n.clicked).toBeLessThanOrEqual(n.opened!);
          } else expect(n.opened).toBeNull();
          expect(n.ctr).toBe(n.sent > 0 ? Math.round((n.clicked / n.sent) * 10_000) / 10_000 : 0);
          expect(n.platforms.length).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('time zones: every date is a local day of the project', () => {
  it('serves each channel up to the local today and not after', () => {
    const now = new Date('2026-11-21T03:00:00Z'); // Madrid on the 21st, Bogota and Mexico City on the 20th
    const last = (rows: readonly { statsDate: string }[]) => rows.at(-1)?.statsDate;
    expect(last(smsApplicationStats(moda, '2026-11-15', '2026-11-30', now))).toBe('2026-11-21');
    expect(last(smsApplicationStats(banco, '2026-11-15', '2026-11-30', now))).toBe('2026-11-20');
    expect(last(emailApplicationStats(viajes, '2026-11-15', '2026-11-30', now))).toBe('2026-11-20');
    expect(last(walletStats(moda, '2026-11-15', '2026-11-30', now))).toBe('2026-11-21');
    expect(last(deviceStats(banco, '2026-11-15', '2026-11-21', now))).toBe('2026-11-20');
    expect(last(chatStats(banco, '2026-11-15', '2026-11-30', now).daily)).toBe('2026-11-20');
    expect(smsApplicationStats(banco, addDays(banco.createdAt, -5), banco.createdAt, now).map((r) => r.statsDate)).toEqual([banco.createdAt]);
  });
});

describe('late corrections', () => {
  const LAST = LATE_CORRECTIONS.factorPermille.length;
  const at = (now: Date) => ({ now, o: { lateCorrections: true } });
  const series = (p: SimProject, from: string, to: string, now: Date, late: boolean) => {
    const o = { lateCorrections: late };
    return {
      push: dateStats(p, from, to, 'daily', now, o),
      hourly: dateStats(p, from, to, 'hourly', now, o),
      campaigns: pushCampaignStats(p, from, to, now, o),
      sms: smsCampaignStats(p, from, to, now, o),
      email: emailCampaignStats(p, from, to, now, o),
      inapp: inAppStats(p, from, to, now, o),
      wallet: walletStats(p, from, to, now, o),
      devices: deviceStats(p, addDays(to, -6), to, now, o),
      chat: chatStats(p, from, to, now, {}, o).daily,
    };
  };

  it('day D seen at now and at now + 4 days differs only in the last 3 local days', () => {
    const later = new Date(NOW.getTime() + 4 * 86_400_000);
    void at;
    for (const p of [banco, viajes]) {
      const today = todayIn(p.timeZone, NOW);
      const from = addDays(today, -12);
      const a = series(p, from, today, NOW, true);
      const b = series(p, from, today, later, true);
      const final = series(p, from, today, NOW, false);
      const changed = new Set<string>();
      for (const k of Object.keys(a) as (keyof typeof a)[]) {
        const rowsA = a[k] as { statsDate: string }[];
        const rowsB = b[k] as { statsDate: string }[];
        expect(rowsB, `${k} at now+4 is final`).toEqual(final[k]);
        expect(rowsA.map((r) => r.statsDate), k).toEqual(rowsB.map((r) => r.statsDate));
        rowsA.forEach((r, i) => {
          if (JSON.stringify(r) !== JSON.stringify(rowsB[i])) changed.add(`${k}|${r.statsDate}`);
        });
      }
      const changedDays = new Set([...changed].map((c) => c.split('|')[1]));
      expect([...changedDays].sort(), String(p.id)).toEqual(datesBetween(addDays(today, -(LAST - 1)), today));
      for (const k of ['push', 'campaigns', 'sms', 'email', 'chat']) {
        for (const d of changedDays) expect(changed.has(`${k}|${d}`), `${k} ${d}`).toBe(true);
      }
    }
  });

  it('provisional figures are below the final ones, grow day by day, and keep every invariant', () => {
    const p = banco;
    const day = todayIn(p.timeZone, NOW);
    const seen = [0, 1, 2, 3].map((k) => dateStats(p, day, day, 'daily', new Date(NOW.getTime() + k * 86_400_000), { lateCorrections: true }));
    const clicked = seen.map((rows) => sum(rows.map((r) => r.numDevicesClicked)));
    expect(clicked[0]!).toBeLessThan(clicked[1]!);
    expect(clicked[1]!).toBeLessThan(clicked[2]!);
    expect(clicked[2]!).toBeLessThanOrEqual(clicked[3]!);
    expect(seen[3]).toEqual(pushDaily(p, day));
    for (const rows of seen) {
      for (const r of rows) {
        expect(r.numDevicesSent).toBe(pushDaily(p, day).find((f) => f.platformGroup === r.platformGroup)!.numDevicesSent); // sends are final at once
        expect(r.numDevicesSuccess).toBeGreaterThanOrEqual(r.numDevicesReceived);
        expect(r.numDevicesReceived).toBeGreaterThanOrEqual(r.numDevicesClicked);
      }
    }
    for (const r of emailCampaignStats(p, addDays(day, -2), day, NOW, { lateCorrections: true })) {
      expect(r.numContactsClicked).toBeLessThanOrEqual(r.numContactsOpened);
      expect(r.numContactsDelivered + r.numContactsSoftBounced + r.numContactsHardBounced + r.numContactsBlocked).toBe(r.numContactsSent);
    }
  });

  it('are off by default: the default figures never depend on now', () => {
    const day = '2026-11-20';
    const a = dateStats(moda, day, day, 'daily', new Date('2026-11-20T20:00:00Z'));
    expect(a).toEqual(pushDaily(moda, day));
    expect(smsApplicationStats(moda, day, day, new Date('2026-11-20T20:00:00Z'))).toEqual(smsApplicationStats(moda, day, day, new Date('2027-11-20T20:00:00Z')));
  });
});
