/**
 * Number, percentage and date formatting through `Intl`, with formatter instances cached per locale
 * and options (creating one costs far more than using it).
 */
import type { IgMetricFormat, IgPeriod } from '../api/types.js';
import type { IgTranslation } from './types.js';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** Shown where a value cannot be computed. */
export const NO_VALUE = '—';

/** A metric value: counts as grouped integers, ratios as percentages with two decimals. */
export function formatMetricValue(locale: string, format: IgMetricFormat, value: number | null): string {
  if (value === null || !Number.isFinite(Number(value))) return NO_VALUE;
  return format === 'ratio'
    ? numberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)
    : numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
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

function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format;
}

/** A period of calendar days (`YYYY-MM-DD`, no time zone shift), e.g. `23 oct – 21 nov 2026`. */
export function formatPeriod(locale: string, period: IgPeriod): string {
  const from = new Date(`${period.from}T00:00:00Z`);
  const to = new Date(`${period.to}T00:00:00Z`);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return `${period.from} – ${period.to}`;
  return dateFormat(locale).formatRange(from, to);
}
