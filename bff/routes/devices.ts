/** GET /v1/devices: new, active and unregistered devices per day, with totals (active averaged, never summed). */
import { z } from 'zod';
import { getDevices } from '../services/devices.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';
import { rangedBase } from './shared.js';

const day = z.object({ day: z.string(), new: z.number(), active: z.number().nullable().describe('null: no data that day'), unregistered: z.number() });
const totals = z.object({
  new: z.number(),
  unregistered: z.number(),
  activeAverage: z.number().nullable().describe('Average of the daily active devices over the days with data.'),
  activeLastDay: z.number().nullable().describe('Active devices on the last day with data.'),
  lastDay: z.string().nullable(),
});

export const devicesRoute = defineRoute({
  method: 'get',
  path: '/devices',
  operationId: 'getDevices',
  summary: 'New, active and unregistered devices per project-local day, with period totals; optionally per platform.',
  tag: 'metrics',
  query: z.object({ split: z.enum(['platform'], { error: 'must be platform' }).optional(), ...dateRange }).strict(),
  response: z.object({
    ...rangedBase,
    split: z.enum(['platform']).nullable(),
    totals,
    days: z.array(day),
    platforms: z.array(z.object({ platform: z.string(), totals, days: z.array(day) })).optional(),
  }),
  csv: (r) => ({
    columns: ['day', 'platform', 'new', 'active', 'unregistered'],
    rows: [
      ...r.days.map((d) => [d.day, 'all', d.new, d.active, d.unregistered]),
      ...(r.platforms ?? []).flatMap((p) => p.days.map((d) => [d.day, p.platform, d.new, d.active, d.unregistered])),
    ],
  }),
  singleRead: true,
  handler: ({ db, query }) => getDevices(db, query),
});
