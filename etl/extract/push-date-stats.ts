/**
 * Extractor for push statistics by day (GET /v1/application/{id}/dateStats, periodicity=daily):
 * fetch one window, validate it, land it in raw (once per identical payload), then load staging and
 * refresh the mart for that window in the same transaction. A payload that fails validation, or an
 * empty one for a window that already has data, goes to raw.quarantine with the reason and nothing
 * downstream changes.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Pool } from '../../lib/db.js';
import { transaction } from '../../lib/db.js';
import { isIsoDay } from '../../lib/dates.js';
import { loadModel } from '../../sql/models.js';
import type { IndigitallClient } from '../client/indigitall.js';

export const ENDPOINT = 'push.dateStats.daily';
/** Window limit of the endpoint for daily periodicity (simulator model; see shared/indigitall-api.md). */
export const MAX_WINDOW_DAYS = 90;

const count = z.number().int().nonnegative();
const rowSchema = z.object({
  platformGroup: z.enum(['android', 'ios', 'web']),
  statsDate: z.string().refine(isIsoDay, 'statsDate is not a YYYY-MM-DD date'),
  numDevicesSent: count,
  numDevicesSuccess: count,
  numDevicesReceived: count,
  numDevicesClicked: count,
});
export const payloadSchema = z
  .object({ statusCode: z.literal(200), message: z.string(), count: count, data: z.array(rowSchema) })
  .refine((p) => p.count === p.data.length, { message: 'count does not match the number of rows' })
  .superRefine((p, ctx) => {
    // Two rows for one (day, platform) are ambiguous, and the staging upsert could not take them anyway.
    const seen = new Set<string>();
    p.data.forEach((r, i) => {
      const key = `${r.statsDate}|${r.platformGroup}`;
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['data', i], message: `duplicate row for ${r.statsDate} ${r.platformGroup}` });
      }
      seen.add(key);
    });
  });

const stagingModel = loadModel<'project_id' | 'raw_id' | 'from' | 'to'>('staging/push_daily.sql');
const martModel = loadModel<'project_id' | 'from' | 'to'>('marts/push_daily.sql');

export interface WindowResult {
  rawInserted: number;
  rowsChanged: number;
  quarantined: boolean;
  /** Why the payload was quarantined. */
  reason?: string;
}

/** JSON with object keys sorted, so the hash identifies the content, not the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Why a dateStats payload for `window` cannot be loaded, or undefined when it can. */
export function quarantineReason(json: unknown, window: { from: string; to: string }): string | undefined {
  if (json === undefined) return 'body is not JSON';
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  const outside = parsed.data.data.find((r) => r.statsDate < window.from || r.statsDate > window.to);
  if (outside) return `row dated ${outside.statsDate} is outside the requested window`;
  if (hasNul(json)) return 'a string contains U+0000, which PostgreSQL jsonb cannot store';
  return undefined;
}

function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x));
  return false;
}

/**
 * An empty payload for a window that already holds data looks like an upstream outage rather than
 * days without sends: loading it would delete that window's figures, so it is quarantined instead.
 */
async function emptyOverLoadedData(pool: Pool, projectId: number, window: { from: string; to: string }, json: unknown) {
  if ((json as { data: unknown[] }).data.length > 0) return undefined;
  const { rows } = await pool.query<{ loaded: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM staging.push_daily WHERE project_id = $1 AND day BETWEEN $2 AND $3) AS loaded',
    [projectId, window.from, window.to],
  );
  return rows[0]!.loaded ? 'empty payload for a window that already has data; the loaded data is kept' : undefined;
}

export async function extractPushDaily(
  pool: Pool,
  client: IndigitallClient,
  projectId: number,
  window: { from: string; to: string },
): Promise<WindowResult> {
  const params = { dateFrom: window.from, dateTo: window.to, periodicity: 'daily' };
  const res = await client.get(`/v1/application/${projectId}/dateStats`, params);
  const reason = quarantineReason(res.json, window) ?? (await emptyOverLoadedData(pool, projectId, window, res.json));
  if (reason) {
    // PostgreSQL text cannot hold NUL; such a body is not JSON anyway, and is kept with NUL written \u0000.
    const body = res.body.includes('\u0000') ? res.body.replaceAll('\u0000', '\\u0000') : res.body;
    await pool.query(
      `INSERT INTO raw.quarantine (project_id, endpoint, params, window_from, window_to, body, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [projectId, ENDPOINT, params, window.from, window.to, body, reason],
    );
    return { rawInserted: 0, rowsChanged: 0, quarantined: true, reason };
  }
  // Raw keeps the payload as received (fields we do not load yet included), not the parsed subset.
  const canonical = canonicalJson(res.json);
  const sha = createHash('sha256').update(canonical).digest('hex');
  return transaction(pool, async (db) => {
    const ins = await db.query<{ id: number }>(
      `INSERT INTO raw.api_responses (project_id, endpoint, params, window_from, window_to, payload, sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (project_id, endpoint, window_from, window_to, sha256) DO NOTHING
       RETURNING id`,
      [projectId, ENDPOINT, params, window.from, window.to, canonical, sha],
    );
    const rawId =
      ins.rows[0]?.id ??
      (
        await db.query<{ id: number }>(
          `SELECT id FROM raw.api_responses
           WHERE project_id = $1 AND endpoint = $2 AND window_from = $3 AND window_to = $4 AND sha256 = $5`,
          [projectId, ENDPOINT, window.from, window.to, sha],
        )
      ).rows[0]!.id;
    const vars = { project_id: projectId, raw_id: rawId, from: window.from, to: window.to };
    const staged = await db.query<{ changed: number }>(stagingModel.text, stagingModel.values(vars));
    const marts = await db.query<{ changed: number }>(martModel.text, martModel.values(vars));
    return {
      rawInserted: ins.rowCount ?? 0,
      rowsChanged: staged.rows[0]!.changed + marts.rows[0]!.changed,
      quarantined: false,
    };
  });
}
