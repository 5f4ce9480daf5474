/**
 * The table alternative of a chart: its columns, cell formatting (`Intl`) and the CSV export.
 */
import type { IgChartColumn, IgChartRow } from './types.js';

/** The columns to show: the given ones, or one per field of the first row. */
export function resolveColumns(columns: readonly IgChartColumn[] | undefined, rows: readonly IgChartRow[]): IgChartColumn[] {
  if (columns && columns.length > 0) return [...columns];
  return Object.keys(rows[0] ?? {}).map((key) => ({ key }));
}

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => T): T {
  let format = formats.get(key);
  if (!format) formats.set(key, (format = create()));
  return format as T;
}

/** A plain `YYYY-MM-DD` is a calendar day: format it in UTC so no time zone moves it. */
function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  if (typeof value !== 'string') return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A cell's text. */
export function formatCell(column: IgChartColumn, row: IgChartRow, locale: string): string {
  const value = row[column.key];
  const format = column.format ?? 'text';
  if (typeof format === 'function') return format(value, row, locale);
  if (value === null || value === undefined || value === '') return '—';
  switch (format) {
    case 'number':
    case 'integer':
    case 'percent': {
      const n = Number(value);
      if (!Number.isFinite(n)) return String(value);
      const options: Intl.NumberFormatOptions =
        format === 'percent'
          ? { style: 'percent', maximumFractionDigits: 2 }
          : { maximumFractionDigits: format === 'integer' ? 0 : 2 };
      return cached(`${locale}|${format}`, () => new Intl.NumberFormat(locale, options)).format(n);
    }
    case 'date':
    case 'datetime': {
      const date = toDate(value);
      if (!date) return String(value);
      const dateOnly = format === 'date' || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value));
      const options: Intl.DateTimeFormatOptions = dateOnly
        ? { dateStyle: 'medium', timeZone: 'UTC' }
        : { dateStyle: 'medium', timeStyle: 'short' };
      return cached(`${locale}|${dateOnly ? 'date' : 'datetime'}`, () => new Intl.DateTimeFormat(locale, options)).format(date);
    }
    default:
      return typeof value === 'number' ? cached(`${locale}|text`, () => new Intl.NumberFormat(locale)).format(value) : String(value);
  }
}

/**
 * RFC 4180 CSV of the rows (raw values, headers as shown), CRLF line ends. Text cells that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) get a leading `'` (OWASP CSV
 * injection); numbers are written as numbers.
 */
export function toCSV(columns: readonly IgChartColumn[], rows: readonly IgChartRow[]): string {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    let text = value instanceof Date ? value.toISOString() : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.map((c) => cell(c.header ?? c.key)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
