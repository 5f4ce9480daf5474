/**
 * A small RFC 4180 CSV reader for the chat history endpoint (GET /v1/chat/history/csv): comma
 * separated, fields optionally in double quotes, a quote inside quotes written twice, commas and line
 * breaks allowed inside quotes, records ended by CRLF (LF and a lone CR accepted too), an optional
 * final line break and an optional UTF-8 byte order mark. Malformed input (an unterminated quote,
 * text right after a closing quote, a record with the wrong number of fields) throws CsvError with the
 * line, so the caller can quarantine the body with a reason.
 */

export class CsvError extends Error {
  constructor(
    message: string,
    /** 1-based line of the input where the problem is. */
    readonly line: number,
  ) {
    super(`CSV line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

interface Row {
  fields: string[];
  /** Line on which the record starts. */
  line: number;
}

const lineBreaks = (s: string) => s.match(/\r\n|\r|\n/g)?.length ?? 0;

function readRows(text: string): Row[] {
  const rows: Row[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (i >= n) return rows;
  let line = 1;
  let row: Row = { fields: [], line };
  for (;;) {
    if (text[i] === '"') {
      const opened = line;
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) throw new CsvError('unterminated quoted field', opened);
        const chunk = text.slice(j, q);
        value += chunk;
        line += lineBreaks(chunk);
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        throw new CsvError(`unexpected ${JSON.stringify(text[i])} after a closing quote`, line);
      }
      row.fields.push(value);
    } else {
      // Unquoted: up to the next comma or line break. A stray quote inside is kept as a character.
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\r' && text[j] !== '\n') j++;
      row.fields.push(text.slice(i, j));
      i = j;
    }
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    if (text[i] === ',') {
      i++;
      continue; // a comma at the very end gives a last empty field
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    rows.push(row);
    if (i >= n) return rows; // the final line break ends the file, it does not open a record
    row = { fields: [], line };
  }
}

/** Every record as its fields, in order; an empty line is a record with one empty field. */
export function parseCsv(text: string): string[][] {
  return readRows(text).map((r) => r.fields);
}

export interface CsvTable {
  header: string[];
  records: Record<string, string>[];
}

/**
 * The first record as the header and the others as objects keyed by it. Empty lines are skipped; a
 * record whose field count differs from the header's, an empty or a repeated column name throws.
 * `expectedHeader`, when given, must match exactly (schema drift is the caller's to report, so the
 * message names the columns missing and unexpected).
 */
export function csvRecords(text: string, opts: { expectedHeader?: readonly string[] } = {}): CsvTable {
  const rows = readRows(text).filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
  const [head, ...body] = rows;
  if (!head) return { header: [], records: [] };
  const header = head.fields;
  const seen = new Set<string>();
  for (const name of header) {
    if (!name) throw new CsvError('empty column name in the header', head.line);
    if (seen.has(name)) throw new CsvError(`column ${JSON.stringify(name)} appears twice in the header`, head.line);
    seen.add(name);
  }
  if (opts.expectedHeader) {
    const expected = opts.expectedHeader;
    const missing = expected.filter((c) => !seen.has(c));
    const unknown = header.filter((c) => !expected.includes(c));
    if (missing.length || unknown.length || header.some((c, k) => c !== expected[k])) {
      throw new CsvError(
        `header differs from the expected one (missing: ${missing.join(', ') || 'none'}; unexpected: ${unknown.join(', ') || 'none'})`,
        head.line,
      );
    }
  }
  // Each record's keys in sorted order (the order of canonical JSON, which raw storage hashes: an
  // object already in that order is not copied again there).
  const order = header.map((name, k) => ({ name, k })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const records = body.map((r) => {
    if (r.fields.length !== header.length) {
      throw new CsvError(`record has ${r.fields.length} fields, the header has ${header.length}`, r.line);
    }
    // fromEntries defines own properties, so even a column named __proto__ is kept as data.
    return Object.fromEntries(order.map(({ name, k }) => [name, r.fields[k]!]));
  });
  return { header, records };
}
