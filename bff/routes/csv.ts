/**
 * CSV answers for tabular endpoints (`Accept: text/csv`): RFC 4180 quoting, a header line, and cells
 * that a spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with a quote (CSV injection).
 */
import type { Request } from 'express';

export interface Table {
  columns: readonly string[];
  rows: readonly (readonly unknown[])[];
}

/** True when the client asks for CSV ahead of JSON. */
export function wantsCsv(req: Request): boolean {
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(table: Table): string {
  const lines = [table.columns.map(cell).join(',')];
  for (const row of table.rows) lines.push(row.map(cell).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** A table from objects, taking the given keys as columns in order. */
export function tableOf<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): Table {
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}
