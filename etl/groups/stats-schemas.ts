/**
 * What the statistics groups (push extras, in-app, SMS, email, wallet, devices) share: the envelope
 * schemas of indigitall's answers (shared/indigitall-api.md), field validators, and the payload
 * checks that need the request window or the data already loaded.
 */
import { z } from 'zod';
import { isIsoDay } from '../../lib/dates.js';
import type { CheckContext, EndpointSpec } from '../pipeline/types.js';

/** Rows per page: v1 lists (`limit`, pages from 0) and v2 lists (`limit` ≤ 1000 seen, pages from 1). */
export const V1_PAGE_LIMIT = 1000;
export const V2_PAGE_LIMIT = 1000;

export const count = z.number().int().nonnegative();
export const statsDate = z.string().refine(isIsoDay, 'statsDate is not a YYYY-MM-DD date');
export const campaignId = z.number().int().positive();
/** Money as the API reports it (SMS cost): a non-negative number. */
export const amount = z.number().nonnegative().finite();

/**
 * One of `values`, in any letter case: the staging models lower-case it ('Android' → 'android'), so
 * only a name outside the list is a schema failure.
 */
export function oneOf<const T extends readonly string[]>(values: T) {
  return z.string().refine((v) => values.includes(v.toLowerCase()), { message: `must be one of ${values.join(', ')}` });
}

export const PLATFORM_GROUPS = ['android', 'ios', 'web'] as const;
export const platformGroup = oneOf(PLATFORM_GROUPS);

type Row = Record<string, unknown>;

/** Rejects two rows with the same grain (the staging upsert could not take them, and they are ambiguous). */
function uniqueRows(rows: readonly Row[], key: readonly string[], path: readonly (string | number)[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const k = key.map((f) => String(r[f]).toLowerCase()).join('|');
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `duplicate row for ${key.map((f) => `${f} ${String(r[f])}`).join(', ')}` });
    seen.add(k);
  });
}

/** `{statusCode: 200, message, count, data: [row…]}` (v1 answers; paged ones re-assembled), count = rows. */
export function v1Envelope<R extends z.ZodObject>(row: R, key: readonly (keyof z.infer<R> & string)[]) {
  return z
    .object({ statusCode: z.literal(200), message: z.string(), count, data: z.array(row) })
    .refine((p) => p.count === p.data.length, { message: 'count does not match the number of rows' })
    .superRefine((p, ctx) => uniqueRows(p.data as Row[], key, ['data'], ctx));
}

/** `{statusCode: 200, message, count, data: {[listKey]: [row…]}}` (v2 lists, pages re-assembled), count = rows. */
export function v2Envelope<R extends z.ZodObject>(listKey: string, row: R, key: readonly (keyof z.infer<R> & string)[]) {
  return z
    .object({ statusCode: z.literal(200), message: z.string(), count, data: z.object({ [listKey]: z.array(row) }) })
    .refine((p) => p.count === (p.data[listKey] as unknown[]).length, { message: 'count does not match the number of rows' })
    .superRefine((p, ctx) => uniqueRows(p.data[listKey] as Row[], key, ['data', listKey], ctx));
}

/** The rows of a validated payload: `data` (v1), or `data[listKey]` (v2). */
export function rowsOf(payload: unknown, listKey?: string): { statsDate: string }[] {
  const data = (payload as { data: unknown }).data;
  return (listKey === undefined ? data : (data as Record<string, unknown>)[listKey]) as { statsDate: string }[];
}

/**
 * The checks every statistics endpoint makes once its schema passed: no row dated outside the request
 * window, and no empty answer for a window whose days `stagingTable` already holds (that looks like an
 * upstream outage rather than days without activity; loading it would delete the window's figures).
 * `listKey`: where a v2 answer keeps its rows.
 */
export function windowCheck(stagingTable: string, listKey?: string): NonNullable<EndpointSpec['check']> {
  return async (payload, { projectId, window, query }: CheckContext) => {
    const rows = rowsOf(payload, listKey);
    const outside = rows.find((r) => r.statsDate < window.from || r.statsDate > window.to);
    if (outside) return `row dated ${outside.statsDate} is outside the requested window`;
    if (rows.length === 0) {
      const [r] = await query<{ loaded: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM ${stagingTable} WHERE project_id = $1 AND day BETWEEN $2 AND $3) AS loaded`,
        [projectId, window.from, window.to],
      );
      if (r?.loaded) return 'empty payload for a window that already has data; the loaded data is kept';
    }
    return undefined;
  };
}

/** The data tests every mart model of these groups has: sql/tests/<model>__<kind>.sql. */
export function martTests(model: string): string[] {
  return ['not_null', 'unique_grain', 'accepted_values', 'project_exists', 'reconciles_staging'].map((kind) => `${model}__${kind}.sql`);
}

/**
 * The two v2 statistics endpoints of a channel (SMS, email): `/v2/<channel>/stats/application` (rows
 * in data.sendings, staged into staging.<channel>_daily) and `/v2/<channel>/stats/campaign` (the same
 * figures with campaignId, in data.campaigns, staged into staging.<channel>_campaign_daily).
 */
export function v2StatsEndpoints(channel: 'sms' | 'email', figures: z.ZodRawShape & { statsDate: typeof statsDate }, maxWindowDays: number) {
  const endpoint = (kind: 'application' | 'campaign', listKey: 'sendings' | 'campaigns', schema: z.ZodType, model: string): EndpointSpec => ({
    name: `${channel}.stats.${kind}`,
    path: `/v2/${channel}/stats/${kind}`,
    query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to }),
    maxWindowDays,
    paging: { kind: 'v2', limit: V2_PAGE_LIMIT, listKey },
    auth: 'serverKey',
    schema,
    check: windowCheck(`staging.${model}`, listKey),
    stagingModel: `${model}.sql`,
  });
  const row: z.ZodObject = z.object(figures);
  const campaignRow: z.ZodObject = z.object({ ...figures, campaignId });
  return {
    application: endpoint('application', 'sendings', v2Envelope('sendings', row, ['statsDate']), `${channel}_daily`),
    campaign: endpoint('campaign', 'campaigns', v2Envelope('campaigns', campaignRow, ['statsDate', 'campaignId']), `${channel}_campaign_daily`),
  };
}
