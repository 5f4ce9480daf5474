/** GET /v1/insights: the period's most notable changes against the trailing weeks, with their drivers (docs/adr/024). */
import { z } from 'zod';
import { EXPLAIN_METRICS, explainDriver } from '../chat/explain.js';
import { INSIGHT_CHANNELS, MAX_INSIGHTS, THRESHOLD, WEEKS, getInsights } from '../services/insights.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';
import { periodSchema } from './shared.js';

export const insightsResponse = z.object({
  projectId: z.string(),
  timeZone: z.string(),
  channel: z.enum(INSIGHT_CHANNELS as [string, ...string[]]).nullable(),
  period: periodSchema,
  weeks: z.number().int().describe('Baseline windows looked at: the period moved back by whole weeks, up to this many times.'),
  threshold: z.number().describe('|z| from which a change is notable.'),
  checked: z.number().int().describe('channel × metric pairs with enough history to be judged.'),
  insights: z
    .array(
      z.object({
        channel: z.enum(INSIGHT_CHANNELS as [string, ...string[]]),
        metric: z.enum(EXPLAIN_METRICS),
        format: z.enum(['count', 'ratio']),
        value: z.number(),
        usual: z.number().describe('Mean of the baseline windows.'),
        stdDev: z.number(),
        windows: z.number().int(),
        change: z.number().nullable().describe('Counts: relative change against the usual value. Ratios: absolute difference.'),
        z: z.number(),
        basePeriod: periodSchema.describe('The window one cycle before, against which the drivers are computed.'),
        drivers: z.array(explainDriver).describe('explain_change top drivers, largest first.'),
      }),
    )
    .max(MAX_INSIGHTS)
    .describe(`Largest |z| first; at most ${MAX_INSIGHTS}. Empty: nothing unusual.`),
});

export const insightsRoute = defineRoute({
  method: 'get',
  path: '/insights',
  operationId: 'getInsights',
  summary: `The period's most notable changes: each channel × metric against the same window over the ${WEEKS} previous weeks, beyond ${THRESHOLD} σ, with the drivers of each change.`,
  tag: 'metrics',
  query: z
    .object({
      channel: z.enum(INSIGHT_CHANNELS as [string, ...string[]], { error: `must be one of: ${INSIGHT_CHANNELS.join(', ')}` }).optional(),
      ...dateRange,
    })
    .strict(),
  response: insightsResponse,
  cacheable: false,
  handler: ({ db, query }) => getInsights(db, query as Parameters<typeof getInsights>[1]),
});
