/**
 * Keyset ("cursor") pagination for list endpoints. A page is ordered by
 *   (sort value IS NULL) ASC, sort value <dir>, id <dir>
 * so NULLs come last in both directions and the id makes the order total and stable. The cursor of
 * the next page is the last row's (isNull, value, id), so a page costs the same wherever it is and
 * rows inserted meanwhile neither repeat nor vanish (unlike OFFSET).
 *
 * The cursor is opaque to clients: base64url of a small JSON whose SHA-256 fingerprint covers its key
 * and the query it came from (sort, order, filters, period). A cursor that was edited, truncated, or replayed
 * against another query is a 400, not a silently wrong page. The fingerprint is a checksum, not a
 * signature: someone who forges one only moves within rows that RLS already lets them read, so no
 * secret is needed (and any BFF instance accepts any other's cursors).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { invalidParameter } from '../errors.js';

export type SortValue = string | number | null;
export type Id = string | number;

export interface CursorKey {
  /** The sort value of the last row (null when the row's value is NULL). */
  v: SortValue;
  /** The id of the last row. */
  i: Id;
}

const payloadSchema = z.object({ v: z.union([z.string().max(1000), z.number(), z.null()]), i: z.union([z.string().max(200), z.number()]), f: z.string() }).strict();

/** A checksum over the key and the query it belongs to (see the file comment: not a signature). */
const fingerprint = (key: CursorKey, context: unknown) =>
  createHash('sha256').update(JSON.stringify([key.v, key.i, context])).digest('base64url').slice(0, 22);

export function encodeCursor(key: CursorKey, context: unknown): string {
  return Buffer.from(JSON.stringify({ v: key.v, i: key.i, f: fingerprint(key, context) })).toString('base64url');
}

/** The key of a cursor made by encodeCursor for the same context; a 400 naming `cursor` otherwise. */
export function decodeCursor(cursor: string, context: unknown, kinds: { value: 'number' | 'string'; id: 'number' | 'string' }): CursorKey {
  const bad = () => invalidParameter('cursor', 'cursor is not a cursor this list gave for these parameters.');
  let payload: z.infer<typeof payloadSchema>;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
    payload = payloadSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw bad();
  }
  if (payload.f !== fingerprint({ v: payload.v, i: payload.i }, context)) throw bad();
  if (payload.v !== null && typeof payload.v !== kinds.value) throw bad();
  if (typeof payload.i !== kinds.id) throw bad();
  if (typeof payload.v === 'number' && !Number.isFinite(payload.v)) throw bad();
  return { v: payload.v, i: payload.i };
}

export interface KeysetSql {
  /** SQL condition selecting the rows after the cursor (TRUE without one). */
  where: string;
  /** ORDER BY list. */
  orderBy: string;
}

/**
 * The WHERE and ORDER BY of a keyset page over the expressions `value` (the sort value, may be NULL)
 * and `id`. `valueType` and `idType` are the SQL types the cursor's parameters are cast to; `zero`
 * is any non-NULL constant of the value's type (NULL values compare as it, after the IS NULL key).
 * Parameters are appended to `params`.
 */
export function keyset(
  opts: { value: string; valueType: string; zero: string; id: string; idType: string; dir: 'asc' | 'desc' },
  cursor: CursorKey | undefined,
  params: unknown[],
): KeysetSql {
  const { value, valueType, zero, id, idType, dir } = opts;
  const d = dir === 'asc' ? 'ASC' : 'DESC';
  const orderBy = `(${value}) IS NULL ASC, coalesce(${value}, ${zero}) ${d}, ${id} ${d}`;
  if (!cursor) return { where: 'TRUE', orderBy };
  const op = dir === 'asc' ? '>' : '<';
  params.push(cursor.v === null, cursor.v, cursor.i);
  const n = params.length;
  const isNull = `((${value}) IS NULL)`;
  const v = `coalesce(${value}, ${zero})`;
  const cv = `coalesce($${n - 1}::${valueType}, ${zero})`;
  const where =
    `(${isNull} > $${n - 2}::boolean OR (${isNull} = $${n - 2}::boolean AND ` +
    `(${v} ${op} ${cv} OR (${v} = ${cv} AND ${id} ${op} $${n}::${idType}))))`;
  return { where, orderBy };
}

/** Rows of one page (the query fetched limit + 1) and the cursor of the next one (null at the end). */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey, context: unknown): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last), context) : null };
}

/** SQL LIKE pattern matching `text` anywhere, with %, _ and the escape character taken literally. */
export function containsPattern(text: string): string {
  return '%' + text.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}
