/**
 * Calendar-day arithmetic on 'YYYY-MM-DD' strings: the one date module of the project (ETL, BFF and
 * the indigitall simulator all use it). Days are civil dates in a project's time zone; the arithmetic
 * itself is done on UTC midnights so no daylight-saving shift can move a date.
 */
import { businessNow } from './clock.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date written exactly YYYY-MM-DD (rejects 2026-02-30, 2026-1-5, garbage). */
export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear puts them back.
  t.setUTCFullYear(y);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date; RangeError for anything else. */
function dayNumber(day: string): number {
  if (!isIsoDay(day)) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `day` moved by `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return fromDayNumber(dayNumber(day) + n);
}

/** Inclusive number of days from `from` to `to` (1 when equal, ≤ 0 when from > to). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** Every date from `from` to `to`, both included ([] when from > to). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const [a, b] = [dayNumber(from), dayNumber(to)];
  for (let n = a; n <= b; n++) out.push(fromDayNumber(n));
  return out;
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(dayNumber(day) * DAY_MS).getUTCDay();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone (nothing is cached then).
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar date (YYYY-MM-DD) that `now` falls on in an IANA time zone. Built from the formatter's
 * parts rather than a locale's date pattern, which ICU updates have changed before.
 */
export function todayIn(timeZone: string, now: Date = businessNow()): string {
  // The last answer per zone, for the same whole second: no zone's offset has a fraction of a
  // second, so the local date cannot change within one; under load most calls are this lookup.
  const second = Math.floor(now.getTime() / 1000);
  const last = lastDay.get(timeZone);
  if (last && last.second === second) return last.day;
  const day = formatDay(timeZone, now);
  lastDay.set(timeZone, { second, day });
  return day;
}

const lastDay = new Map<string, { second: number; day: string }>();

function formatDay(timeZone: string, now: Date): string {
  let year = '';
  let month = '';
  let day = '';
  for (const p of dayFormatter(timeZone).formatToParts(now)) {
    if (p.type === 'year') year = p.value;
    else if (p.type === 'month') month = p.value;
    else if (p.type === 'day') day = p.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

export function isTimeZone(tz: string): boolean {
  try {
    dayFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * Splits [from, to] into consecutive inclusive windows of at most `maxDays` days, oldest first
 * ([] when from > to).
 */
export function splitWindows(from: string, to: string, maxDays: number): { from: string; to: string }[] {
  if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError(`maxDays must be a positive integer, got ${maxDays}`);
  const out: { from: string; to: string }[] = [];
  const last = dayNumber(to);
  for (let start = dayNumber(from); start <= last; start += maxDays) {
    out.push({ from: fromDayNumber(start), to: fromDayNumber(Math.min(start + maxDays - 1, last)) });
  }
  return out;
}

/**
 * The reporting period [from, to] and the previous period of the same length just before it.
 * Defaults: the last `days` days up to and including today in the project's time zone.
 */
export function periods(opts: { from?: string; to?: string; timeZone: string; days?: number; now?: Date }) {
  const to = opts.to ?? todayIn(opts.timeZone, opts.now);
  const from = opts.from ?? addDays(to, -((opts.days ?? 30) - 1));
  const length = daysBetween(from, to);
  return {
    period: { from, to },
    previousPeriod: { from: addDays(from, -length), to: addDays(from, -1) },
  };
}
