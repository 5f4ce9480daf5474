/**
 * In-app messages: GET /v1/inApp/stats (one row per campaign, local day and platform) →
 * staging.inapp_daily → the inapp rows of marts.channel_daily (impressions, clicked, dismissed per
 * day and platform) and of marts.campaign_daily / marts.campaign_totals.
 */
import { z } from 'zod';
import type { EndpointSpec, GroupSpec } from '../pipeline/types.js';
import { campaignId, count, martTests, platformGroup, statsDate, v1Envelope, windowCheck } from './stats-schemas.js';

/** Days per request (model: the API publishes no limit for in-app; 90 like daily dateStats). */
export const INAPP_MAX_DAYS = 90;

export const inAppStatsSchema = v1Envelope(
  z.object({ statsDate, campaignId, platformGroup, numImpressions: count, numClicks: count, numDismissed: count }),
  ['statsDate', 'campaignId', 'platformGroup'],
);

export const inAppStats: EndpointSpec = {
  name: 'inapp.stats',
  path: '/v1/inApp/stats',
  query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: INAPP_MAX_DAYS,
  paging: { kind: 'none' },
  auth: 'serverKey',
  schema: inAppStatsSchema,
  check: windowCheck('staging.inapp_daily'),
  stagingModel: 'inapp_daily.sql',
};

export const inapp: GroupSpec = {
  group: 'inapp',
  tier: 'hourly',
  endpoints: [inAppStats],
  martModels: ['channel_daily_inapp.sql', 'campaign_daily_inapp.sql'],
  dataTests: [...martTests('channel_daily_inapp'), ...martTests('campaign_daily_inapp'), 'campaign_daily_inapp__totals_match.sql'],
};
