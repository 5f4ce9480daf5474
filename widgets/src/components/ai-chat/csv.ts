/**
 * CSV of a chat table result, built in the browser: RFC 4180, CRLF line ends, numbers as numbers.
 * Text cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) get a leading `'`
 * (OWASP CSV injection), exactly as `<ig-chart>`'s export (src/charts/table.ts). Kept apart from that
 * module so the chat's lazy chunk shares no chunk with the chart's.
 */
export function tableCsv(columns: readonly { key: string; header: string }[], rows: readonly Record<string, unknown>[]): string {
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    let text = value instanceof Date ? value.toISOString() : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
