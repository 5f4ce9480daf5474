// lib/dates.ts's isIsoDay, daysBetween, weekday and addDays for the generators' hot loops, memoised per date:
// lib/dates parses and validates the YYYY-MM-DD text on every call, which was most of the time spent
// summing years of history (account totals) and a good share of every per-day generator. todayIn is
// memoised per (zone, UTC second): every request asks it several times through Intl. Same answers and
// the same RangeErrors (a miss asks lib/dates itself); the arithmetic stays in lib/dates.ts.

import * as dates from '../../lib/dates.js';

const EPOCH = '1970-01-01';
/** Bounded like every simulator cache: a few thousand dates are ever in use. */
const MAX_ENTRIES = 100_000;
const numbers = new Map<string, number>();
const texts = new Map<number, string>();
const weekdays = new Map<string, number>();
const todays = new Map<string, string>();

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
  return value;
}

/** Days since 1970-01-01 (RangeError from lib/dates for anything but a YYYY-MM-DD date). */
function dayNumber(day: string): number {
  return numbers.get(day) ?? remember(numbers, day, dates.daysBetween(EPOCH, day) - 1);
}

/** Whether `day` is a real YYYY-MM-DD date (= lib/dates isIsoDay). */
export function isIsoDay(day: string): boolean {
  return numbers.has(day) || dates.isIsoDay(day);
}

/** Inclusive number of days from `from` to `to` (= lib/dates daysBetween). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

/** Day of the week, 0 = Sunday … 6 = Saturday (= lib/dates weekday). */
export function weekday(day: string): number {
  return weekdays.get(day) ?? remember(weekdays, day, dates.weekday(day));
}

/** `day` moved by `n` calendar days (= lib/dates addDays). */
export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) return dates.addDays(day, n); // its RangeError
  const target = dayNumber(day) + n;
  return texts.get(target) ?? remember(texts, target, dates.addDays(EPOCH, target));
}

/**
 * The project-local date at `now` (= lib/dates todayIn). Constant within a UTC second: local midnight
 * falls on a whole second in every zone (tz offsets are whole seconds).
 */
export function todayIn(timeZone: string, now: Date): string {
  const key = `${timeZone}|${Math.floor(now.getTime() / 1000)}`;
  return todays.get(key) ?? remember(todays, key, dates.todayIn(timeZone, now));
}
