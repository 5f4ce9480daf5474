/**
 * Wallet passes: GET /v1/wallet/stats (per local day and platform apple|google) →
 * staging.wallet_daily → the wallet rows of marts.channel_daily (passes_issued, passes_installed,
 * passes_uninstalled, pass_updates_sent; docs/adr/007). Daily tier.
 */
import { z } from 'zod';
import type { EndpointSpec, GroupSpec } from '../pipeline/types.js';
import { count, martTests, oneOf, statsDate, v1Envelope, windowCheck } from './stats-schemas.js';

/** Days per request (model: no limit is published for wallet; 90 like daily dateStats). */
export const WALLET_MAX_DAYS = 90;
export const WALLET_PLATFORMS = ['apple', 'google'] as const;

export const walletStatsSchema = v1Envelope(
  z.object({
    statsDate,
    platform: oneOf(WALLET_PLATFORMS),
    numPassesIssued: count,
    numPassesInstalled: count,
    numPassesUninstalled: count,
    numPassUpdatesSent: count,
  }),
  ['statsDate', 'platform'],
);

export const walletStats: EndpointSpec = {
  name: 'wallet.stats',
  path: '/v1/wallet/stats',
  query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: WALLET_MAX_DAYS,
  paging: { kind: 'none' },
  auth: 'serverKey',
  schema: walletStatsSchema,
  check: windowCheck('staging.wallet_daily'),
  stagingModel: 'wallet_daily.sql',
};

export const wallet: GroupSpec = {
  group: 'wallet',
  tier: 'daily',
  endpoints: [walletStats],
  martModels: ['channel_daily_wallet.sql'],
  dataTests: martTests('channel_daily_wallet'),
};
