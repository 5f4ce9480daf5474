/** GET /v1/meta: the project, the user's locale, its channels and the freshness of each data group. */
import { z } from 'zod';
import { CHANNELS } from '../services/kpis.js';
import { getMeta } from '../services/meta.js';
import { defineRoute } from './define.js';

export const metaRoute = defineRoute({
  method: 'get',
  path: '/meta',
  operationId: 'getMeta',
  summary: "The project's name, time zone and channels, the user's locale, and the freshness of each data group.",
  tag: 'meta',
  response: z.object({
    projectId: z.string(),
    name: z.string(),
    timeZone: z.string(),
    today: z.string().describe("The project's local today (YYYY-MM-DD) on the BFF's clock: relative periods (last 7 days, this month) count from it, whatever the browser's clock says."),
    locale: z.string().describe("The token's locale, else es."),
    channels: z.array(z.enum(CHANNELS)).describe('Channels with any data or whose data group has synced.'),
    channelStatus: z.array(z.object({ channel: z.enum(CHANNELS), hasData: z.boolean(), synced: z.boolean() })),
    freshness: z.array(
      z.object({
        group: z.string(),
        tier: z.string(),
        watermark: z.string().nullable().describe('Last local day loaded contiguously.'),
        lastSuccessAt: z.string().nullable().describe('ISO instant of the last fully successful sync.'),
        stale: z.boolean(),
      }),
    ),
  }),
  // Per user (locale) and time-dependent (stale turns true precisely when no refresh happens), so a
  // cache keyed by the project's data version would serve a wrong answer.
  cacheable: false,
  handler: ({ db, auth }) => getMeta(db, auth),
});
