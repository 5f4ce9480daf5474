// Unit tests of the deterministic push generator: determinism, invariants, hourly = daily, date edges.
// (The date helpers it uses are tested in lib/dates.test.ts.)

import { describe, it, expect } from 'vitest';
import { DEMO_PROJECTS, enabledPlatforms, type SimProject } from './catalog.js';
import { addDays, datesBetween } from '../../lib/dates.js';
import { PUSH_MODEL, apportion, dateStats, pushDaily, pushHourly, type PushDailyRow } from './generator.js';

const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
const METRICS = ['numDevicesSent', 'numDevicesSuccess', 'numDevicesReceived', 'numDevicesClicked'] as const;

/** A fixed pseudo-random sample of dates in [from, to] (an LCG, so the sample is the same every run). */
function sampleDates(from: string, to: string, n: number, seed = 12345): string[] {
  const all = datesBetween(from, to);
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push(all[s % all.length]!);
  }
  return out;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const totalSent = (rows: PushDailyRow[]) => sum(rows.map((r) => r.numDevicesSent));

describe('apportion', () => {
  it('splits exactly by largest remainder', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [5, 0, 2])).toEqual([5, 0, 2]);
    expect(apportion(0, [3, 4])).toEqual([0, 0]);
    expect(apportion(3, [0, 0, 0])).toEqual([1, 1, 1]);
  });

  it('respects caps and still sums to the total', () => {
    const out = apportion(10, [100, 1, 1], [4, 6, 6]);
    expect(out[0]).toBe(4);
    expect(sum(out)).toBe(10);
    expect(out.every((v, i) => v <= [4, 6, 6][i]!)).toBe(true);
    expect(() => apportion(10, [1, 1], [3, 3])).toThrow(RangeError);
  });
});

describe('pushDaily', () => {
  it('is deterministic and differs between projects and days', () => {
    expect(pushDaily(moda, '2026-05-12')).toEqual(pushDaily(moda, '2026-05-12'));
    expect(pushHourly(viajes, '2026-05-12')).toEqual(pushHourly(viajes, '2026-05-12'));
    const a = pushDaily(banco, '2026-05-12').map((r) => r.numDevicesSent);
    const b = pushDaily(banco, '2026-05-13').map((r) => r.numDevicesSent);
    expect(a).not.toEqual(b);
    // Same knobs under another id → different numbers (the id is part of the seed).
    const twin = { ...banco, id: 999_001 };
    expect(pushDaily(twin, '2026-05-12')).not.toEqual(pushDaily(banco, '2026-05-12'));
  });

  it('gives the three demo projects clearly distinct volumes (Moda > Banco > Viajes)', () => {
    const avg = (p: SimProject) => sum(datesBetween('2026-10-01', '2026-10-28').map((d) => totalSent(pushDaily(p, d)))) / 28;
    const [b, m, v] = [avg(banco), avg(moda), avg(viajes)];
    expect(m).toBeGreaterThan(2 * b);
    expect(b).toBeGreaterThan(2 * v);
    expect(v).toBeGreaterThan(5_000);
  });

  it('returns one row per enabled platform, none before createdAt', () => {
    expect(pushDaily(banco, addDays(banco.createdAt, -1))).toEqual([]);
    expect(pushDaily(banco, '2020-01-01')).toEqual([]);
    expect(pushDaily(banco, banco.createdAt).map((r) => r.platformGroup)).toEqual(['android', 'ios']);
    expect(pushDaily(moda, '2026-01-10').map((r) => r.platformGroup)).toEqual(['android', 'ios', 'web']);
    const webOff = { ...moda, webpushEnabled: false, iosEnabled: false };
    expect(pushDaily(webOff, '2026-01-10').map((r) => r.platformGroup)).toEqual(['android']);
    expect(pushDaily(banco, '2026-02-30')).toEqual([]);
  });

  it('keeps funnel invariants and channel-typical rates on a few hundred days', () => {
    const m = PUSH_MODEL;
    let checked = 0;
    for (const p of DEMO_PROJECTS) {
      for (const date of sampleDates(p.createdAt, '2026-11-21', 150, p.id)) {
        const rows = pushDaily(p, date);
        expect(rows).toHaveLength(enabledPlatforms(p).length);
        for (const r of rows) {
          expect(r.statsDate).toBe(date);
          for (const k of METRICS) expect(Number.isInteger(r[k]), k).toBe(true);
          expect(r.numDevicesSent).toBeGreaterThanOrEqual(r.numDevicesSuccess);
          expect(r.numDevicesSuccess).toBeGreaterThanOrEqual(r.numDevicesReceived);
          expect(r.numDevicesReceived).toBeGreaterThanOrEqual(r.numDevicesClicked);
          expect(r.numDevicesClicked).toBeGreaterThanOrEqual(0);
          expect(r.numDevicesSent).toBeGreaterThan(100);
          const success = r.numDevicesSuccess / r.numDevicesSent;
          const received = r.numDevicesReceived / r.numDevicesSuccess;
          const ctr = r.numDevicesClicked / r.numDevicesSent;
          expect(success).toBeGreaterThanOrEqual(m.successRate.range[0]);
          expect(success).toBeLessThanOrEqual(m.successRate.range[1]);
          expect(received).toBeGreaterThanOrEqual(m.receivedRate.range[0]);
          expect(received).toBeLessThanOrEqual(m.receivedRate.range[1]);
          expect(ctr).toBeGreaterThanOrEqual(m.ctr.range[0]);
          expect(ctr).toBeLessThanOrEqual(m.ctr.range[1]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('has weekday seasonality (weekends lower) and android as the largest platform', () => {
    const dates = datesBetween('2025-06-01', '2026-05-31');
    const byDow = new Map<number, number[]>();
    let android = 0;
    let ios = 0;
    for (const d of dates) {
      const rows = pushDaily(moda, d);
      const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
      byDow.set(dow, [...(byDow.get(dow) ?? []), totalSent(rows)]);
      android += rows.find((r) => r.platformGroup === 'android')!.numDevicesSent;
      ios += rows.find((r) => r.platformGroup === 'ios')!.numDevicesSent;
    }
    const mean = (dow: number) => sum(byDow.get(dow)!) / byDow.get(dow)!.length;
    const weekend = (mean(0) + mean(6)) / 2;
    const midweek = (mean(2) + mean(3) + mean(4)) / 3;
    expect(weekend).toBeLessThan(0.8 * midweek);
    expect(android).toBeGreaterThan(ios);
  });
});

describe('pushHourly', () => {
  it('sums exactly to the daily row for every platform and metric, with per-hour invariants', () => {
    for (const p of DEMO_PROJECTS) {
      for (const date of [p.createdAt, ...sampleDates(p.createdAt, '2026-11-21', 40, p.id + 7)]) {
        const daily = pushDaily(p, date);
        const hourly = pushHourly(p, date);
        expect(hourly).toHaveLength(24 * daily.length);
        for (const d of daily) {
          const rows = hourly.filter((h) => h.platformGroup === d.platformGroup);
          expect(rows.map((h) => h.statsHour)).toEqual([...Array(24).keys()]);
          for (const k of METRICS) expect(sum(rows.map((h) => h[k])), `${p.id} ${date} ${d.platformGroup} ${k}`).toBe(d[k]);
          for (const h of rows) {
            expect(h.statsDate).toBe(date);
            expect(h.numDevicesSent).toBeGreaterThanOrEqual(h.numDevicesSuccess);
            expect(h.numDevicesSuccess).toBeGreaterThanOrEqual(h.numDevicesReceived);
            expect(h.numDevicesReceived).toBeGreaterThanOrEqual(h.numDevicesClicked);
            expect(h.numDevicesClicked).toBeGreaterThanOrEqual(0);
            for (const k of METRICS) expect(Number.isInteger(h[k])).toBe(true);
          }
        }
      }
    }
  });

  it('is ordered by statsHour then platformGroup', () => {
    const keys = pushHourly(moda, '2026-03-03').map((h) => `${String(h.statsHour).padStart(2, '0')}|${h.platformGroup}`);
    expect(keys).toEqual([...keys].sort());
    expect(keys.slice(0, 4)).toEqual(['00|android', '00|ios', '00|web', '01|android']);
  });

  it('follows an hour-of-day profile: night low, late morning and evening high', () => {
    const byHour = new Array<number>(24).fill(0);
    for (const d of datesBetween('2026-09-01', '2026-09-30')) {
      for (const h of pushHourly(banco, d)) byHour[h.statsHour]! += h.numDevicesSent;
    }
    const night = byHour[3]!;
    expect(byHour[11]!).toBeGreaterThan(10 * night);
    expect(byHour[20]!).toBeGreaterThan(10 * night);
    expect(byHour[11]!).toBeGreaterThan(byHour[15]!);
    expect(byHour[20]!).toBeGreaterThan(byHour[15]!);
  });

  it('is empty before createdAt', () => {
    expect(pushHourly(viajes, addDays(viajes.createdAt, -1))).toEqual([]);
  });
});

describe('dateStats', () => {
  it('serves from createdAt up to the local today of the project, nothing later', () => {
    const now = new Date('2026-11-21T03:00:00Z'); // Madrid already on the 21st, Bogota still on the 20th
    const madrid = dateStats(moda, '2026-11-15', '2026-11-30', 'daily', now);
    const bogota = dateStats(banco, '2026-11-15', '2026-11-30', 'daily', now);
    expect(madrid.at(-1)!.statsDate).toBe('2026-11-21');
    expect(bogota.at(-1)!.statsDate).toBe('2026-11-20');
    expect(madrid).toHaveLength(7 * 3);
    expect(bogota).toHaveLength(6 * 2);
    expect(dateStats(moda, '2026-11-22', '2026-11-23', 'daily', now)).toEqual([]);

    const early = dateStats(viajes, addDays(viajes.createdAt, -3), addDays(viajes.createdAt, 1), 'hourly', now);
    expect(early[0]!.statsDate).toBe(viajes.createdAt);
    expect(early).toHaveLength(2 * 24 * 3);
  });

  it('equals the concatenation of the per-day generator rows', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const expected = ['2026-06-01', '2026-06-02', '2026-06-03'].flatMap((d) => pushDaily(moda, d));
    expect(dateStats(moda, '2026-06-01', '2026-06-03', 'daily', now)).toEqual(expected);
  });
});
