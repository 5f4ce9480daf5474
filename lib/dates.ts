/**
 * Calendar-day arithmetic on 'YYYY-MM-DD' strings. Days are civil dates in a project's time zone;
 * the arithmetic itself is done in UTC so no daylight-saving shift can move a date.
 */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30 and 2026-1-5). */
export function isIsoDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Inclusive number of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Today's date in an IANA time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Splits [from, to] into consecutive inclusive windows of at most `maxDays` days. */
export function splitWindows(from: string, to: string, maxDays: number): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (let start = from; start <= to; start = addDays(start, maxDays)) {
    const end = addDays(start, maxDays - 1);
    out.push({ from: start, to: end < to ? end : to });
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
