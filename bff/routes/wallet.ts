/** GET /v1/wallet: passes issued, installed, uninstalled and updated per day and platform (apple, google). */
import { z } from 'zod';
import { getWallet } from '../services/wallet.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';
import { rangedBase } from './shared.js';

const figures = { issued: z.number(), installed: z.number(), uninstalled: z.number(), updates: z.number().describe('Pass updates sent.') };
const totals = z.object(figures);
const day = z.object({ day: z.string(), ...figures });

export const walletRoute = defineRoute({
  method: 'get',
  path: '/wallet',
  operationId: 'getWallet',
  summary: 'Wallet passes issued, installed, uninstalled and updated per project-local day, in total and per platform.',
  tag: 'metrics',
  query: z.object({ ...dateRange }).strict(),
  response: z.object({
    ...rangedBase,
    totals,
    days: z.array(day),
    platforms: z.array(z.object({ platform: z.string(), totals, days: z.array(day) })),
  }),
  csv: (r) => ({
    columns: ['day', 'platform', 'issued', 'installed', 'uninstalled', 'updates'],
    rows: [
      ...r.days.map((d) => [d.day, 'all', d.issued, d.installed, d.uninstalled, d.updates]),
      ...r.platforms.flatMap((p) => p.days.map((d) => [d.day, p.platform, d.issued, d.installed, d.uninstalled, d.updates])),
    ],
  }),
  handler: ({ db, query }) => getWallet(db, query),
});
