/**
 * Helpers of the endpoint tests (bff/*.test.ts): HTTP calls against a test stack, problem checks, and
 * expected figures per local day straight from the simulator's generators (never from the marts).
 */
import { expect } from 'vitest';
import { businessNow } from '../lib/clock.js';
import { addDays, datesBetween, todayIn } from '../lib/dates.js';
import type { Stack } from '../lib/testing/stack.js';
import { DEMO_PROJECTS, type SimProject } from '../etl/simulator/catalog.js';
import { pushDaily, pushHourly } from '../etl/simulator/generator.js';
import { deviceStats, emailApplicationStats, inAppStats, smsApplicationStats, walletStats } from '../etl/simulator/channels.js';

export interface Answer {
  status: number;
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

export async function get(stack: Stack, path: string, token: string | undefined, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(stack.api + path, { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, body: type.includes('json') ? JSON.parse(text) : undefined, text };
}

export function expectProblem(r: Answer, status: number, code: string, param?: string) {
  expect(r.status, r.text).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ status, code, ...(param ? { param } : {}) });
  expect(r.text).not.toMatch(/\bat .+:\d+:\d+|node_modules/);
}

export function project(id: number | string): SimProject {
  const p = DEMO_PROJECTS.find((x) => x.id === Number(id));
  if (!p) throw new Error(`not a demo project: ${id}`);
  return p;
}

/** The project's local today, and windows inside the synced days (syncDays ≥ 28). */
export function windows(id: number | string) {
  const today = todayIn(project(id).timeZone);
  const period = { from: addDays(today, -13), to: today };
  const previousPeriod = { from: addDays(today, -27), to: addDays(today, -14) };
  return { today, period, previousPeriod };
}

export type Figures = Record<string, number>;
/** day → platform → figures named as the BFF names the metrics. */
export type Daily = Map<string, Map<string, Figures>>;

const ALL = 'all';

function put(out: Daily, day: string, platform: string, f: Figures) {
  const byPlatform = out.get(day) ?? new Map<string, Figures>();
  const acc = byPlatform.get(platform) ?? {};
  for (const [k, v] of Object.entries(f)) acc[k] = (acc[k] ?? 0) + v;
  byPlatform.set(platform, acc);
  out.set(day, byPlatform);
}

/** What the generator serves per local day and platform for a channel (count metrics only). */
export function generatorDaily(id: number | string, channel: 'push' | 'inapp' | 'sms' | 'email' | 'wallet' | 'devices', from: string, to: string): Daily {
  const p = project(id);
  const now = businessNow();
  const out: Daily = new Map();
  switch (channel) {
    case 'push':
      for (const day of datesBetween(from, to)) {
        for (const r of pushDaily(p, day)) put(out, day, r.platformGroup, { sent: r.numDevicesSent, delivered: r.numDevicesReceived, clicked: r.numDevicesClicked });
      }
      break;
    case 'inapp':
      for (const r of inAppStats(p, from, to, now)) put(out, r.statsDate, r.platformGroup, { impressions: r.numImpressions, clicked: r.numClicks, dismissed: r.numDismissed });
      break;
    case 'sms':
      for (const r of smsApplicationStats(p, from, to, now)) {
        put(out, r.statsDate, ALL, { sent: r.numContactsSent, delivered: r.numContactsDelivered, clicked: r.numContactsClicked, rejected: r.numContactsRejected, cost: r.cost });
      }
      break;
    case 'email':
      for (const r of emailApplicationStats(p, from, to, now)) {
        put(out, r.statsDate, ALL, {
          sent: r.numContactsSent,
          delivered: r.numContactsDelivered,
          opened: r.numContactsOpened,
          clicked: r.numContactsClicked,
          bounced: r.numContactsSoftBounced + r.numContactsHardBounced,
          unsubscribed: r.numContactsUnsubscribed,
          spamReports: r.numContactsSpammed,
        });
      }
      break;
    case 'wallet':
      for (const r of walletStats(p, from, to, now)) {
        put(out, r.statsDate, r.platform, { issued: r.numPassesIssued, installed: r.numPassesInstalled, uninstalled: r.numPassesUninstalled, updates: r.numPassUpdatesSent });
      }
      break;
    case 'devices':
      for (const r of deviceStats(p, from, to, now)) put(out, r.statsDate, r.platformGroup, { new: r.numDevicesNew, active: r.numDevicesActive, unregistered: r.numDevicesUnregistered });
      break;
  }
  return out;
}

/** Sum of a figure over [from, to] (and one platform, or all). */
export function sumOf(d: Daily, key: string, from: string, to: string, platform?: string): number {
  let s = 0;
  for (const day of datesBetween(from, to)) {
    for (const [pl, f] of d.get(day) ?? []) if (!platform || pl === platform) s += f[key] ?? 0;
  }
  return s;
}

/** Push per ISO weekday (1 = Monday) × local hour over [from, to], from the hourly generator. */
export function generatorHeatmap(id: number | string, from: string, to: string, platform?: string) {
  const cells = new Map<string, { sent: number; clicked: number }>();
  for (const day of datesBetween(from, to)) {
    const wd = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
    for (const r of pushHourly(project(id), day)) {
      if (platform && r.platformGroup !== platform) continue;
      const key = `${wd}|${r.statsHour}`;
      const c = cells.get(key) ?? { sent: 0, clicked: 0 };
      c.sent += r.numDevicesSent;
      c.clicked += r.numDevicesClicked;
      cells.set(key, c);
    }
  }
  return cells;
}
