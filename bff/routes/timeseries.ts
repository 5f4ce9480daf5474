/** GET /v1/timeseries: a metric of a channel per day, ISO week or month, optionally by platform and against the previous period. */
import { z } from 'zod';
import { KPI_CHANNELS, METRIC_KEYS } from '../services/kpis.js';
import { INTERVALS } from '../services/series.js';
import { getTimeseries } from '../services/timeseries.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';
import { periodSchema, rangedBase } from './shared.js';

const point = z.object({
  bucket: z.string().describe('Calendar start of the bucket: the day, the ISO week’s Monday or the month’s first day.'),
  from: z.string().describe('First day of the bucket inside the period.'),
  to: z.string().describe('Last day of the bucket inside the period.'),
  value: z.number().nullable(),
  previous: z.number().nullable().optional().describe('compare=previous: the same days counted from the start of the previous period.'),
});

export const timeseriesRoute = defineRoute({
  method: 'get',
  path: '/timeseries',
  operationId: 'getTimeseries',
  summary: 'A metric of a channel over time (day, ISO week or month buckets of project-local days, zero-filled).',
  tag: 'metrics',
  query: z
    .object({
      channel: z.enum(KPI_CHANNELS, { error: `must be one of: ${KPI_CHANNELS.join(', ')}` }),
      metric: z.enum(METRIC_KEYS, { error: `must be one of: ${METRIC_KEYS.join(', ')}` }),
      interval: z.enum(INTERVALS, { error: `must be one of: ${INTERVALS.join(', ')}` }).default('day'),
      split: z.enum(['platform'], { error: 'must be platform' }).optional(),
      compare: z.enum(['previous'], { error: 'must be previous' }).optional(),
      ...dateRange,
    })
    .strict(),
  response: z.object({
    ...rangedBase,
    previousPeriod: periodSchema.nullable(),
    channel: z.enum(KPI_CHANNELS),
    metric: z.string(),
    format: z.enum(['count', 'ratio', 'currency', 'seconds']),
    interval: z.enum(INTERVALS),
    split: z.enum(['platform']).nullable(),
    currency: z.null(),
    series: z.array(z.object({ platform: z.string().nullable().describe('null: all platforms'), points: z.array(point) })),
  }),
  csv: (r) => ({
    columns: ['series', 'bucket', 'from', 'to', 'value', ...(r.previousPeriod ? ['previous'] : [])],
    rows: r.series.flatMap((s) =>
      s.points.map((p) => [s.platform ?? 'total', p.bucket, p.from, p.to, p.value, ...(r.previousPeriod ? [p.previous ?? null] : [])]),
    ),
  }),
  singleRead: true,
  handler: ({ db, query }) => getTimeseries(db, query),
});
