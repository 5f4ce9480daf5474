/** GET /v1/kpis: totals of one channel for a period, with the change against the previous period. */
import { z } from 'zod';
import { CHANNELS, getKpis } from '../services/kpis.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';

const period = z.object({ from: z.string(), to: z.string() });

export const kpisResponse = z.object({
  projectId: z.string(),
  channel: z.enum(CHANNELS),
  timeZone: z.string(),
  period,
  previousPeriod: period,
  hasData: z.boolean(),
  metrics: z.array(
    z.object({
      key: z.string(),
      format: z.enum(['count', 'ratio', 'currency', 'seconds']),
      value: z.number().nullable(),
      previous: z.number().nullable(),
      change: z.number().nullable().describe('Counts: relative change. Ratios: absolute difference.'),
    }),
  ),
});

export const kpisRoute = defineRoute({
  method: 'get',
  path: '/kpis',
  operationId: 'getKpis',
  summary: 'KPI totals of a channel for a period, with the change against the previous period of the same length.',
  tag: 'metrics',
  query: z
    .object({
      channel: z.enum(CHANNELS, { error: `must be one of: ${CHANNELS.join(', ')}` }),
      ...dateRange,
    })
    .strict(),
  response: kpisResponse,
  csv: (r) => ({ columns: ['metric', 'format', 'value', 'previous', 'change'], rows: r.metrics.map((m) => [m.key, m.format, m.value, m.previous, m.change]) }),
  handler: ({ db, query }) => getKpis(db, query),
});
