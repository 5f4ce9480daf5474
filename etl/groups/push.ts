/**
 * Push statistics by day and platform: GET /v1/application/{id}/dateStats?periodicity=daily →
 * staging.push_daily → marts.push_daily (what the BFF's push KPIs read; docs/adr/003).
 */
import { z } from 'zod';
import { isIsoDay } from '../../lib/dates.js';
import type { EndpointSpec, GroupSpec } from '../pipeline/types.js';
import { pushExtraDataTests, pushExtraEndpoints, pushExtraMartModels } from './push-extra.js';

/** Window limit of dateStats for daily periodicity (simulator model; see shared/indigitall-api.md). */
export const DATE_STATS_MAX_DAYS = 90;

const count = z.number().int().nonnegative();
const rowSchema = z.object({
  platformGroup: z.enum(['android', 'ios', 'web']),
  statsDate: z.string().refine(isIsoDay, 'statsDate is not a YYYY-MM-DD date'),
  numDevicesSent: count,
  numDevicesSuccess: count,
  numDevicesReceived: count,
  numDevicesClicked: count,
});

export const dateStatsSchema = z
  .object({ statusCode: z.literal(200), message: z.string(), count: count, data: z.array(rowSchema) })
  .refine((p) => p.count === p.data.length, { message: 'count does not match the number of rows' })
  .superRefine((p, ctx) => {
    // Two rows for one (day, platform) are ambiguous, and the staging upsert could not take them anyway.
    const seen = new Set<string>();
    p.data.forEach((r, i) => {
      const key = `${r.statsDate}|${r.platformGroup}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['data', i], message: `duplicate row for ${r.statsDate} ${r.platformGroup}` });
      seen.add(key);
    });
  });

type DateStats = z.infer<typeof dateStatsSchema>;

export const dateStatsDaily: EndpointSpec = {
  name: 'push.dateStats.daily',
  path: '/v1/application/{id}/dateStats',
  query: (_projectId, w) => ({ dateFrom: w.from, dateTo: w.to, periodicity: 'daily' }),
  maxWindowDays: DATE_STATS_MAX_DAYS,
  paging: { kind: 'none' },
  auth: 'serverKey',
  schema: dateStatsSchema,
  async check(payload, { projectId, window, query }) {
    const { data } = payload as DateStats;
    const outside = data.find((r) => r.statsDate < window.from || r.statsDate > window.to);
    if (outside) return `row dated ${outside.statsDate} is outside the requested window`;
    // An empty answer for a window that already holds data looks like an upstream outage rather than
    // days without sends: loading it would delete that window's figures.
    if (data.length === 0) {
      const [r] = await query<{ loaded: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM staging.push_daily WHERE project_id = $1 AND day BETWEEN $2 AND $3) AS loaded',
        [projectId, window.from, window.to],
      );
      if (r?.loaded) return 'empty payload for a window that already has data; the loaded data is kept';
    }
    return undefined;
  },
  stagingModel: 'push_daily.sql',
};

export const push: GroupSpec = {
  group: 'push',
  tier: 'hourly',
  // Daily totals, plus hourly totals (heatmap) and campaign statistics (docs/adr/007).
  endpoints: [dateStatsDaily, ...pushExtraEndpoints],
  martModels: ['push_daily.sql', ...pushExtraMartModels],
  dataTests: [
    'push_daily__not_null.sql',
    'push_daily__unique_grain.sql',
    'push_daily__accepted_platform.sql',
    'push_daily__project_exists.sql',
    'push_daily__reconciles_staging.sql',
    'push_daily__funnel.sql',
    ...pushExtraDataTests,
  ],
};
