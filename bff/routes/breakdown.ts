/** GET /v1/breakdown: a metric of a period by platform, by channel or by chat category. */
import { z } from 'zod';
import { BREAKDOWN_BY, getBreakdown } from '../services/breakdown.js';
import { KPI_CHANNELS, METRIC_KEYS } from '../services/kpis.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';
import { rangedBase } from './shared.js';

const METRICS = [...METRIC_KEYS, 'messages'] as [string, ...string[]];

export const breakdownRoute = defineRoute({
  method: 'get',
  path: '/breakdown',
  operationId: 'getBreakdown',
  summary: 'A metric of a period split by platform (of one channel), by channel, or by WhatsApp category (chat messages).',
  tag: 'metrics',
  query: z
    .object({
      by: z.enum(BREAKDOWN_BY, { error: `must be one of: ${BREAKDOWN_BY.join(', ')}` }),
      channel: z.enum(KPI_CHANNELS, { error: `must be one of: ${KPI_CHANNELS.join(', ')}` }).optional().describe('Required with by=platform.'),
      metric: z
        .enum(METRICS, { error: `must be one of: ${METRICS.join(', ')}` })
        .optional()
        .describe("Default: the channel's first metric (by=platform), sent (by=channel), messages (by=category)."),
      ...dateRange,
    })
    .strict(),
  response: z.object({
    ...rangedBase,
    by: z.enum(BREAKDOWN_BY),
    channel: z.enum(KPI_CHANNELS).nullable(),
    metric: z.string(),
    format: z.enum(['count', 'ratio', 'currency', 'seconds']),
    currency: z.null(),
    total: z.number().nullable(),
    rows: z.array(z.object({ key: z.string(), value: z.number().nullable(), share: z.number().nullable() })),
  }),
  csv: (r) => ({ columns: [r.by, r.metric, 'share'], rows: r.rows.map((x) => [x.key, x.value, x.share]) }),
  handler: ({ db, query }) => getBreakdown(db, query),
});
