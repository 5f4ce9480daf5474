/** GET /v1/heatmap: push sends, clicks and CTR by local weekday × hour, with the best time to send. */
import { z } from 'zod';
import { DEFAULT_MIN_SENT, PUSH_PLATFORMS, getHeatmap } from '../services/heatmap.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';
import { rangedBase } from './shared.js';

const cell = z.object({
  weekday: z.number().int().describe('ISO weekday of the project-local day: 1 = Monday … 7 = Sunday.'),
  hour: z.number().int().describe('Project-local hour 0–23.'),
  sent: z.number(),
  clicked: z.number(),
  ctr: z.number().nullable(),
});

export const heatmapRoute = defineRoute({
  method: 'get',
  path: '/heatmap',
  operationId: 'getHeatmap',
  summary: 'Push sends, clicks and CTR per project-local weekday and hour, and the best cells to send at.',
  tag: 'metrics',
  query: z
    .object({
      platform: z.enum(PUSH_PLATFORMS, { error: `must be one of: ${PUSH_PLATFORMS.join(', ')}` }).optional(),
      minSent: z.coerce
        .number({ error: 'must be a whole number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(1e9, 'must be at most 1000000000')
        .optional()
        .describe(`Sends a cell needs to compete for best (default ${DEFAULT_MIN_SENT}; at least a quarter of the average non-empty cell).`),
      ...dateRange,
    })
    .strict(),
  response: z.object({
    ...rangedBase,
    platform: z.enum(PUSH_PLATFORMS).nullable(),
    cells: z.array(cell),
    minSent: z.number().describe('The volume a cell needed to compete for best.'),
    best: z.array(cell.extend({ rank: z.number().int() })),
  }),
  csv: (r) => ({
    columns: ['weekday', 'hour', 'sent', 'clicked', 'ctr', 'bestRank'],
    rows: r.cells.map((c) => [c.weekday, c.hour, c.sent, c.clicked, c.ctr, r.best.find((b) => b.weekday === c.weekday && b.hour === c.hour)?.rank ?? null]),
  }),
  singleRead: true,
  handler: ({ db, query }) => getHeatmap(db, query),
});
