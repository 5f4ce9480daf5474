/**
 * Calendar bucketing shared by the ranged endpoints: days, ISO weeks (Monday start) and months of
 * project-local civil dates, zero-filled, and the previous period aligned by offset. Pure functions
 * over 'YYYY-MM-DD' strings (the marts' `day` is already the project's local day, so no time zone
 * arithmetic happens here).
 */
import { addDays, datesBetween, daysBetween, weekday } from '../../lib/dates.js';

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export interface Bucket {
  /** The bucket's calendar start: the day, the ISO week's Monday or the month's first day. */
  bucket: string;
  /** First and last day of the bucket inside the period (the first and last buckets may be partial). */
  from: string;
  to: string;
}

/** The calendar start of the bucket that holds `day`. */
export function bucketStart(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  return addDays(day, -((weekday(day) + 6) % 7)); // ISO week: Monday
}

/** Every bucket of [from, to], in order, clipped to the period. */
export function buckets(period: { from: string; to: string }, interval: Interval): Bucket[] {
  const out: Bucket[] = [];
  for (const day of datesBetween(period.from, period.to)) {
    const start = bucketStart(day, interval);
    const last = out[out.length - 1];
    if (last && last.bucket === start) last.to = day;
    else out.push({ bucket: start, from: day, to: day });
  }
  return out;
}

/**
 * Sums daily values into the buckets of a period. `daily` maps a day to its values; days of the
 * previous period are shifted by `offsetDays` first (the period's length), so bucket i of the answer
 * compares the same days-from-the-start in both periods.
 */
export function sumIntoBuckets<K extends string>(
  list: readonly Bucket[],
  daily: ReadonlyMap<string, Readonly<Record<K, number>>>,
  keys: readonly K[],
  offsetDays = 0,
): Record<K, number>[] {
  const index = new Map<string, number>();
  list.forEach((b, i) => {
    for (const d of datesBetween(b.from, b.to)) index.set(d, i);
  });
  const out = list.map(() => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>);
  for (const [day, values] of daily) {
    const i = index.get(offsetDays ? addDays(day, offsetDays) : day);
    if (i === undefined) continue;
    const acc = out[i]!;
    for (const k of keys) acc[k] += values[k] ?? 0;
  }
  return out;
}

/** Length of a period in days. */
export const periodDays = (p: { from: string; to: string }) => daysBetween(p.from, p.to);

/** Ratio of two sums, null when the denominator is 0. */
export const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Daily values of some keys, zero-filled over a period. */
export type DayValues<K extends string> = { day: string } & Record<K, number>;

/**
 * Rows of (day, platform, values) as per-day totals over every platform and, per platform, the same
 * zero-filled series; `totals` are plain sums (callers replace what does not add up across days).
 */
export function dailyByPlatform<K extends string>(
  period: { from: string; to: string },
  rows: readonly ({ day: string; platform: string } & Record<K, number>)[],
  keys: readonly K[],
) {
  const zero = () => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const series = (pick: (r: { platform: string }) => boolean) => {
    const byDay = new Map<string, Record<K, number>>();
    for (const r of rows) {
      if (!pick(r)) continue;
      const acc = byDay.get(r.day) ?? zero();
      for (const k of keys) acc[k] += Number(r[k]);
      byDay.set(r.day, acc);
    }
    const days = datesBetween(period.from, period.to).map((day) => ({ day, ...(byDay.get(day) ?? zero()) }) as DayValues<K>);
    const totals = zero();
    for (const d of days) for (const k of keys) totals[k] += d[k];
    return { days, totals, daysWithData: new Set(byDay.keys()) };
  };
  const platforms = [...new Set(rows.map((r) => r.platform))].sort();
  return { all: series(() => true), platforms: platforms.map((platform) => ({ platform, ...series((r) => r.platform === platform) })) };
}
