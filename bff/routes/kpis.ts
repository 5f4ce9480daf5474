/** GET /v1/kpis: totals of one channel (or of all) for a period, with the change against the previous period. */
import { z } from 'zod';
import { CHANNELS, KPI_CHANNELS, getKpis } from '../services/kpis.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';
import { periodSchema } from './shared.js';

const metric = z.object({
  key: z.string(),
  format: z.enum(['count', 'ratio', 'currency', 'seconds']),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  change: z.number().nullable().describe('Counts: relative change. Ratios: absolute difference.'),
});

export const kpisResponse = z.object({
  projectId: z.string(),
  channel: z.enum(KPI_CHANNELS),
  timeZone: z.string(),
  period: periodSchema,
  previousPeriod: periodSchema,
  hasData: z.boolean(),
  currency: z.null().describe('Money (SMS cost) is in the account currency; the API does not name it.'),
  metrics: z.array(metric),
  channels: z
    .array(z.object({ channel: z.enum(CHANNELS), hasData: z.boolean(), metrics: z.array(metric) }))
    .optional()
    .describe('channel=all only: each channel with data, with its own metrics.'),
});

export const kpisRoute = defineRoute({
  method: 'get',
  path: '/kpis',
  operationId: 'getKpis',
  summary: 'KPI totals of a channel (or all channels) for a period, with the change against the previous period of the same length.',
  tag: 'metrics',
  query: z
    .object({
      channel: z.enum(KPI_CHANNELS, { error: `must be one of: ${KPI_CHANNELS.join(', ')}` }),
      ...dateRange,
    })
    .strict(),
  response: kpisResponse,
  csv: (r) => ({
    columns: ['channel', 'metric', 'format', 'value', 'previous', 'change'],
    rows: [
      ...r.metrics.map((m) => [r.channel, m.key, m.format, m.value, m.previous, m.change]),
      ...(r.channels ?? []).flatMap((c) => c.metrics.map((m) => [c.channel, m.key, m.format, m.value, m.previous, m.change])),
    ],
  }),
  singleRead: true,
  handler: ({ db, query }) => getKpis(db, query),
});
