/**
 * Number, percentage and date formatting through `Intl`, with formatter instances cached per locale
 * and options (creating one costs far more than using it).
 */
import type { IgMetricFormat, IgPeriod } from '../api/types.js';
import type { IgApiError } from '../api/client.js';
import type { IgTranslation } from './types.js';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/**
 * Creates the formatters the first screen's elements use (counts, percentages, percentage points, a
 * period, an instant), each kind in a task of its own. The first `Intl` formatter of each kind on a
 * page initialises ICU's data for it: tens of ms of main thread on a desktop CPU, 4x that on a
 * mid-range phone. Done while the page waits for data, it stays out of the first render of figures
 * (total blocking time). Nothing is formatted differently: these are the cached instances the
 * elements get.
 */
export function warmFormats(locale: string): void {
  const day = new Date(0);
  const steps = [
    () => numberFormat(locale, { maximumFractionDigits: 0 }).format(1),
    () => {
      numberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(1);
      numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(1);
      numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(1);
    },
    () => dateFormat(locale).formatRange(day, new Date(864e5 * 40)),
    () => dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(day),
  ];
  const next = () => {
    try {
      steps.shift()?.();
    } catch {
      // An unusable locale: the elements fall back when they format.
    }
    if (steps.length) setTimeout(next, 0);
  };
  setTimeout(next, 0);
}

/** Shown where a value cannot be computed. */
export const NO_VALUE = '—';

/**
 * A metric value: counts as grouped integers, ratios as percentages with two decimals, money with two
 * decimals (in `currency`, an ISO 4217 code, when the caller knows it: the BFF does not name the
 * account's currency), durations in the largest unit that keeps them readable (s, min, h).
 */
export function formatMetricValue(locale: string, format: IgMetricFormat, value: number | null, currency?: string): string {
  if (value === null || !Number.isFinite(Number(value))) return NO_VALUE;
  switch (format) {
    case 'ratio':
      return numberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    case 'currency':
      return numberFormat(
        locale,
        currency ? { style: 'currency', currency } : { minimumFractionDigits: 2, maximumFractionDigits: 2 },
      ).format(value);
    case 'seconds': {
      const abs = Math.abs(value);
      const [unit, amount] = abs < 90 ? ['second', value] : abs < 5400 ? ['minute', value / 60] : ['hour', value / 3600];
      return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: abs < 90 ? 0 : 1 }).format(amount);
    }
    default:
      return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
  }
}

export type IgTrend = 'up' | 'down' | 'flat' | 'none';

export interface IgFormattedChange {
  trend: IgTrend;
  /** On screen, next to the arrow: magnitude only (`2,9 %`, `0,31 p. p.`), or `—`. */
  text: string;
  /** For screen readers: a whole sentence with the direction. */
  label: string;
}

/**
 * A change versus the previous period. Counts carry a relative change (shown as a percentage with
 * one decimal); ratios carry an absolute difference (shown in percentage points, two decimals).
 */
export function formatChange(
  locale: string,
  t: IgTranslation,
  format: IgMetricFormat,
  change: number | null,
): IgFormattedChange {
  if (change === null || !Number.isFinite(Number(change))) return { trend: 'none', text: NO_VALUE, label: t.change.none };
  const magnitude = Math.abs(change);
  let text: string;
  let spoken: string;
  if (format === 'ratio') {
    const points = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(magnitude * 100);
    text = t.percentagePoints(points);
    spoken = t.percentagePointsLong(points);
  } else {
    text = spoken = numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(magnitude);
  }
  if (change > 0) return { trend: 'up', text, label: t.change.up(spoken) };
  if (change < 0) return { trend: 'down', text, label: t.change.down(spoken) };
  return { trend: 'flat', text, label: t.change.flat };
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** An instant (ISO 8601) as date and time in `timeZone` (the project's; unset: the browser's). */
export function formatInstant(locale: string, iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(date);
  } catch {
    return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

/** A period of calendar days (`YYYY-MM-DD`, no time zone shift), e.g. `23 oct – 21 nov 2026`. */
export function formatPeriod(locale: string, period: IgPeriod): string {
  const from = new Date(`${period.from}T00:00:00Z`);
  const to = new Date(`${period.to}T00:00:00Z`);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return `${period.from} – ${period.to}`;
  return dateFormat(locale).formatRange(from, to);
}

/** The message of a failed request: by problem code, else by HTTP status. */
export function errorMessage(t: IgTranslation, error: IgApiError): string {
  const m = t.errors;
  switch (error.code) {
    case 'unauthorized':
    case 'forbidden_project':
    case 'not_found':
    case 'project_not_found':
    case 'network':
    case 'rate_limited':
      return m[error.code as 'network'];
    case 'invalid_parameter':
      return m.invalid_parameter(error.param ?? '?');
  }
  if (error.status === 401) return m.unauthorized;
  if (error.status === 403) return m.forbidden_project;
  if (error.status === 429) return m.rate_limited;
  return m.internal;
}
