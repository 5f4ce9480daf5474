// Late corrections (model, opt-in): a day's figures as seen at `now` keep growing for the last few
// local days of the project, then become final. See LATE_CORRECTIONS in model.ts.

import { daysBetween, todayIn } from './days.js';
import type { SimProject } from './catalog.js';
import { LATE_CORRECTIONS } from './model.js';

/** Options every generator function accepts. */
export interface GenOptions {
  /** Serve the last LATE_CORRECTIONS.factorPermille.length local days as still-growing figures. Default false. */
  lateCorrections?: boolean;
}

/**
 * The factor (per mille) applied at `now` to the late metrics of `date`: 1000 for a final day (or when
 * corrections are off), LATE_CORRECTIONS.factorPermille[age] for the last days (age 0 = local today).
 */
export function correctionPermille(project: SimProject, date: string, now: Date, opts: GenOptions = {}): number {
  if (!opts.lateCorrections) return 1000;
  return permilleOn(date, todayIn(project.timeZone, now));
}

/** The factor of `date` when the project's local today is `today` (corrections on). */
function permilleOn(date: string, today: string): number {
  const age = daysBetween(date, today) - 1;
  if (age < 0) return 1000;
  return LATE_CORRECTIONS.factorPermille[age] ?? 1000;
}

/** correctionPermille for many dates of one request: the project's local today is computed once. */
export function correctionsAt(project: SimProject, now: Date, opts: GenOptions = {}): (date: string) => number {
  if (!opts.lateCorrections) return () => 1000;
  const today = todayIn(project.timeZone, now);
  return (date) => permilleOn(date, today);
}

/** floor(n × permille / 1000) in exact integer arithmetic. */
export const scaled = (n: number, permille: number) => (permille === 1000 ? n : Math.floor((n * permille) / 1000));

/** A copy of `row` (which must have a string statsDate) with `metrics` scaled by the day's factor. */
export function correctRow<T extends { statsDate: string }>(
  project: SimProject,
  row: T,
  metrics: readonly string[],
  now: Date,
  opts: GenOptions = {},
): T {
  return correctRowBy(row, metrics, correctionPermille(project, row.statsDate, now, opts));
}

/** `row` itself when permille is 1000, else a copy with `metrics` scaled by permille. */
export function correctRowBy<T extends object>(row: T, metrics: readonly string[], permille: number): T {
  if (permille === 1000) return row;
  const out = { ...row } as Record<string, unknown>;
  for (const k of metrics) {
    const v = out[k];
    if (typeof v === 'number') out[k] = scaled(v, permille);
  }
  return out as T;
}
