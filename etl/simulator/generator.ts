// Deterministic push-statistics generator of the indigitall API simulator.
// Pure functions only (no I/O, no clock, no Math.random): every number is derived from a seeded hash of
// `${seed}|${projectId}|${date}|${platform}|${metric}`, so tests anywhere can recompute what the
// simulator serves. All rates and shapes are "model" (see shared/indigitall-api.md) and live in
// PUSH_MODEL below, the one place to change them.

import { datesBetween, daysBetween, isIsoDay, todayIn, weekday } from '../../lib/dates.js';
import { enabledPlatforms, type PlatformGroup, type SimProject } from './catalog.js';

export interface PushDailyRow {
  platformGroup: PlatformGroup;
  statsDate: string;
  numDevicesSent: number;
  numDevicesSuccess: number;
  numDevicesReceived: number;
  numDevicesClicked: number;
}

export interface PushHourlyRow extends PushDailyRow {
  /** Local hour 0..23 in the project's time zone (model). */
  statsHour: number;
}

export type Periodicity = 'daily' | 'hourly';

type Range = readonly [min: number, max: number];
type PerPlatform = Readonly<Record<PlatformGroup, number>>;

/** Every knob of the push model. Weekday arrays are indexed Sunday = 0 … Saturday = 6. */
export const PUSH_MODEL = {
  seed: 'indigitall-sim-v1',
  /** Date at which project.dailyAudience holds before growth is applied. */
  trendAnchor: '2026-01-01',
  /** New projects ramp up from rampUpStart × audience to full audience over rampUpDays. */
  rampUpDays: 30,
  rampUpStart: 0.3,
  weekdayFactor: [0.6, 1.0, 1.06, 1.02, 1.04, 0.95, 0.7],
  /** ± relative day-to-day noise of the total audience. */
  dailyNoise: 0.1,
  /** Some days carry a big campaign. */
  burstProbability: 0.06,
  burstFactor: [1.5, 2.2] as Range,
  /** ± relative noise of each platform's share. */
  platformNoise: 0.05,
  /** numDevicesSuccess ÷ numDevicesSent (accepted by FCM/APNs/web push). */
  successRate: { range: [0.93, 0.99] as Range, base: { android: 0.955, ios: 0.975, web: 0.945 } as PerPlatform, noise: 0.015 },
  /** numDevicesReceived ÷ numDevicesSuccess (confirmed by the SDK). */
  receivedRate: { range: [0.8, 0.95] as Range, base: { android: 0.89, ios: 0.86, web: 0.83 } as PerPlatform, noise: 0.04 },
  /** CTR = numDevicesClicked ÷ numDevicesSent. */
  ctr: {
    range: [0.01, 0.08] as Range,
    platformFactor: { android: 1.0, ios: 1.15, web: 0.7 } as PerPlatform,
    weekdayFactor: [1.12, 0.97, 0.95, 0.97, 0.98, 1.02, 1.1],
    noise: 0.2,
  },
  /** Relative volume per local hour: night low, peaks late morning and evening. */
  hourProfile: [
    0.6, 0.35, 0.25, 0.2, 0.25, 0.5, 1.2, 2.4, 3.6, 4.8, 6.0, 7.0,
    6.6, 5.4, 4.6, 4.4, 4.8, 5.6, 6.8, 7.6, 7.8, 6.4, 4.2, 2.0,
  ],
  /** ± relative per-day jitter of each hour's weight. */
  hourJitter: 0.2,
  /** Relative CTR per local hour (evenings click more). */
  hourCtrFactor: [
    0.7, 0.6, 0.6, 0.6, 0.7, 0.8, 0.9, 1.05, 1.1, 1.05, 1.0, 1.0,
    1.0, 1.05, 0.95, 0.95, 1.0, 1.05, 1.1, 1.2, 1.25, 1.25, 1.1, 0.85,
  ],
} as const;

// ---------------------------------------------------------------------------------------------
// Seeded randomness.

/** 32-bit string hash (FNV-1a followed by the murmur3 finaliser for good avalanche). */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG stream for one (project, date, platform, metric). */
export function stream(projectId: number, date: string, platform: string, metric: string): () => number {
  return mulberry32(hash32(`${PUSH_MODEL.seed}|${projectId}|${date}|${platform}|${metric}`));
}

const jitter = (r: () => number, rel: number) => 1 + rel * (2 * r() - 1);
const clamp = (x: number, [lo, hi]: Range) => Math.min(hi, Math.max(lo, x));
const at = (xs: readonly number[], i: number): number => {
  const v = xs[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range`);
  return v;
};

/** round(n × rate), then kept inside [n × lo, n × hi] whenever an integer fits there. */
function ofCount(n: number, rate: number, [lo, hi]: Range): number {
  const v = Math.round(n * rate);
  const min = Math.ceil(n * lo - 1e-9);
  const max = Math.floor(n * hi + 1e-9);
  return min <= max ? Math.min(max, Math.max(min, v)) : v;
}

// ---------------------------------------------------------------------------------------------
// Push statistics.

/** Total push devices sent on `date`, all platforms, before the platform split (a float). */
function dailyVolume(project: SimProject, date: string): number {
  const m = PUSH_MODEL;
  const age = daysBetween(project.createdAt, date) - 1; // whole days since createdAt
  const ramp = Math.min(1, m.rampUpStart + ((1 - m.rampUpStart) * age) / m.rampUpDays);
  const years = (daysBetween(m.trendAnchor, date) - 1) / 365.25;
  const trend = Math.pow(1 + project.yearlyGrowth, years);
  const r = stream(project.id, date, 'all', 'volume');
  const noise = jitter(r, m.dailyNoise);
  const burst = r() < m.burstProbability ? m.burstFactor[0] + (m.burstFactor[1] - m.burstFactor[0]) * r() : 1;
  return project.dailyAudience * ramp * trend * at(m.weekdayFactor, weekday(date)) * noise * burst;
}

/** One row per enabled platform group (android, ios, web order); [] before createdAt or for a bad date. */
export function pushDaily(project: SimProject, date: string): PushDailyRow[] {
  if (!isIsoDay(date) || date < project.createdAt) return [];
  const m = PUSH_MODEL;
  const platforms = enabledPlatforms(project);
  const shareSum = platforms.reduce((s, p) => s + project.platformShare[p], 0);
  if (shareSum <= 0) return [];
  const total = dailyVolume(project, date);
  const wd = weekday(date);
  return platforms.map((platformGroup) => {
    const r = (metric: string) => stream(project.id, date, platformGroup, metric);
    const sent = Math.max(0, Math.round(
      ((total * project.platformShare[platformGroup]) / shareSum) * jitter(r('sent'), m.platformNoise),
    ));
    const successRate = clamp(m.successRate.base[platformGroup] * jitter(r('success'), m.successRate.noise), m.successRate.range);
    const success = ofCount(sent, successRate, m.successRate.range);
    const receivedRate = clamp(m.receivedRate.base[platformGroup] * jitter(r('received'), m.receivedRate.noise), m.receivedRate.range);
    const received = ofCount(success, receivedRate, m.receivedRate.range);
    const ctr = clamp(
      project.ctr * m.ctr.platformFactor[platformGroup] * at(m.ctr.weekdayFactor, wd) * jitter(r('clicked'), m.ctr.noise),
      m.ctr.range,
    );
    const clicked = Math.min(received, ofCount(sent, ctr, m.ctr.range));
    return {
      platformGroup,
      statsDate: date,
      numDevicesSent: sent,
      numDevicesSuccess: success,
      numDevicesReceived: received,
      numDevicesClicked: clicked,
    };
  });
}

/**
 * Splits the integer `total` over integer `weights` by largest remainder (ties → lower index), then,
 * if `caps` are given, moves any excess above a cap to the slots with spare room (heaviest first).
 * The result always sums exactly to `total`.
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const n = weights.length;
  let w = weights.map((x) => Math.max(0, Math.round(x)));
  let wSum = w.reduce((a, b) => a + b, 0);
  if (wSum === 0) {
    w = caps ? caps.map((c) => Math.max(0, c)) : weights.map(() => 1);
    wSum = w.reduce((a, b) => a + b, 0);
    if (wSum === 0) {
      w = weights.map(() => 1);
      wSum = n;
    }
  }
  const out = new Array<number>(n);
  const rem = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const num = total * at(w, i); // exact: total and weights are integers well below 2^53
    let q = Math.floor(num / wSum);
    let r = num - q * wSum;
    if (r < 0) (q -= 1), (r += wSum);
    else if (r >= wSum) (q += 1), (r -= wSum);
    out[i] = q;
    rem[i] = r;
    given += q;
  }
  const byRemainder = [...out.keys()].sort((a, b) => at(rem, b) - at(rem, a) || a - b);
  for (let k = 0; given < total; k++, given++) {
    const i = at(byRemainder, k % n);
    out[i] = at(out, i) + 1;
  }
  if (caps) {
    let excess = 0;
    for (let i = 0; i < n; i++) {
      const over = at(out, i) - at(caps, i);
      if (over > 0) (out[i] = at(caps, i)), (excess += over);
    }
    const byWeight = [...out.keys()].sort((a, b) => at(w, b) - at(w, a) || a - b);
    for (const i of byWeight) {
      if (excess === 0) break;
      const give = Math.min(excess, at(caps, i) - at(out, i));
      if (give > 0) (out[i] = at(out, i) + give), (excess -= give);
    }
    if (excess > 0) throw new RangeError(`apportion: total ${total} exceeds the sum of caps`);
  }
  return out;
}

const HOURS = [...Array(24).keys()];

/**
 * 24 rows per enabled platform, ordered by statsHour then platformGroup. For every platform and metric
 * the hourly values sum exactly to pushDaily's value, and each hour keeps sent ≥ success ≥ received ≥ clicked.
 */
export function pushHourly(project: SimProject, date: string): PushHourlyRow[] {
  const m = PUSH_MODEL;
  const perPlatform = pushDaily(project, date).map((d) => {
    const r = stream(project.id, date, d.platformGroup, 'hour');
    const weights = HOURS.map((h) => Math.round(at(m.hourProfile, h) * jitter(r, m.hourJitter) * 1000));
    const sent = apportion(d.numDevicesSent, weights);
    const success = apportion(d.numDevicesSuccess, sent, sent);
    const received = apportion(d.numDevicesReceived, success, success);
    const clickWeights = HOURS.map((h) => at(received, h) * Math.round(at(m.hourCtrFactor, h) * 1000));
    const clicked = apportion(d.numDevicesClicked, clickWeights, received);
    return HOURS.map((h): PushHourlyRow => ({
      platformGroup: d.platformGroup,
      statsDate: date,
      statsHour: h,
      numDevicesSent: at(sent, h),
      numDevicesSuccess: at(success, h),
      numDevicesReceived: at(received, h),
      numDevicesClicked: at(clicked, h),
    }));
  });
  return HOURS.flatMap((h) => perPlatform.map((rows) => rows[h]!));
}

/**
 * Exactly the rows GET /v1/application/{id}/dateStats serves for an already validated window:
 * dates from max(dateFrom, createdAt) to min(dateTo, the project's local today at `now`),
 * ordered by statsDate, [statsHour], platformGroup.
 */
export function dateStats(project: SimProject, dateFrom: string, dateTo: string, periodicity: 'daily', now: Date): PushDailyRow[];
export function dateStats(project: SimProject, dateFrom: string, dateTo: string, periodicity: 'hourly', now: Date): PushHourlyRow[];
export function dateStats(project: SimProject, dateFrom: string, dateTo: string, periodicity: Periodicity, now: Date): PushDailyRow[] | PushHourlyRow[];
export function dateStats(
  project: SimProject,
  dateFrom: string,
  dateTo: string,
  periodicity: Periodicity,
  now: Date,
): PushDailyRow[] | PushHourlyRow[] {
  const today = todayIn(project.timeZone, now);
  const from = dateFrom > project.createdAt ? dateFrom : project.createdAt;
  const to = dateTo < today ? dateTo : today;
  const dates = datesBetween(from, to);
  return periodicity === 'hourly' ? dates.flatMap((d) => pushHourly(project, d)) : dates.flatMap((d) => pushDaily(project, d));
}
