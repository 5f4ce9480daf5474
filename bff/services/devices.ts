/**
 * Devices per local day (marts.devices_daily): new registrations and unregistrations add up over a
 * period; `active` is a distinct count of one day and does not (ADR 007), so a period gets the
 * average of its days with data and the figure of its last day with data, never a sum.
 */
import type { ScopedDb } from '../db/scope.js';
import { projectTimeZone } from './kpis.js';
import { resolvePeriods } from './period.js';
import { dailyByPlatform } from './series.js';

const KEYS = ['new', 'active', 'unregistered'] as const;

export interface DeviceDay {
  day: string;
  new: number;
  /** Null on a day without data (unknown, not zero). */
  active: number | null;
  unregistered: number;
}

export interface DeviceTotals {
  new: number;
  unregistered: number;
  /** Average over the days with data of the day's active devices. */
  activeAverage: number | null;
  /** Active devices on the last day with data, and that day. */
  activeLastDay: number | null;
  lastDay: string | null;
}

export interface DevicesResult {
  projectId: string;
  timeZone: string;
  period: { from: string; to: string };
  split: 'platform' | null;
  totals: DeviceTotals;
  days: DeviceDay[];
  platforms?: { platform: string; totals: DeviceTotals; days: DeviceDay[] }[];
}

function shape(s: { days: ({ day: string } & Record<(typeof KEYS)[number], number>)[]; totals: Record<(typeof KEYS)[number], number>; daysWithData: Set<string> }) {
  const days: DeviceDay[] = s.days.map((d) => ({ day: d.day, new: d.new, active: s.daysWithData.has(d.day) ? d.active : null, unregistered: d.unregistered }));
  const withData = days.filter((d) => d.active !== null);
  const last = withData[withData.length - 1];
  return {
    days,
    totals: {
      new: s.totals.new,
      unregistered: s.totals.unregistered,
      activeAverage: withData.length ? withData.reduce((a, d) => a + d.active!, 0) / withData.length : null,
      activeLastDay: last?.active ?? null,
      lastDay: last?.day ?? null,
    },
  };
}

export async function getDevices(db: ScopedDb, q: { split?: 'platform' | undefined; from?: string | undefined; to?: string | undefined }): Promise<DevicesResult> {
  const { projectId, timeZone } = await projectTimeZone(db);
  const { period } = resolvePeriods(q, timeZone);
  const { rows } = await db.query<{ day: string; platform: string; new: number; active: number; unregistered: number }>(
    `SELECT day, platform, new, active, unregistered FROM marts.devices_daily WHERE day BETWEEN $1::date AND $2::date ORDER BY day, platform`,
    [period.from, period.to],
  );
  const t = dailyByPlatform(period, rows, KEYS);
  const split = q.split === 'platform';
  return {
    projectId,
    timeZone,
    period,
    split: split ? 'platform' : null,
    ...shape(t.all),
    ...(split ? { platforms: t.platforms.map((p) => ({ platform: p.platform, ...shape(p) })) } : {}),
  };
}
