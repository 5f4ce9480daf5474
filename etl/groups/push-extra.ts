/**
 * Push beyond the daily totals, merged into the push group (etl/groups/push.ts) by its owner:
 * - hourly dateStats (GET /v1/application/{id}/dateStats?periodicity=hourly, ≤ 7 days per request)
 *   → staging.push_hourly → marts.push_hourly, the source of the weekday × hour heatmap (the
 *   pushHeatmap endpoint is not used: docs/adr/007);
 * - push campaign statistics (GET /v1/campaign/stats, v1 pages) → staging.push_campaign_daily →
 *   the push rows of marts.campaign_daily and marts.campaign_totals;
 * - the push rows of marts.channel_daily, from staging.push_daily (loaded by push.ts's daily dateStats).
 */
import { z } from 'zod';
import type { EndpointSpec } from '../pipeline/types.js';
import { campaignId, count, martTests, platformGroup, statsDate, V1_PAGE_LIMIT, v1Envelope, windowCheck } from './stats-schemas.js';

/** Window limits (days per request): hourly dateStats 7 (seen); campaign stats 90 (model, like daily dateStats). */
export const DATE_STATS_HOURLY_MAX_DAYS = 7;
export const CAMPAIGN_STATS_MAX_DAYS = 90;

const devices = {
  numDevicesSent: count,
  numDevicesSuccess: count,
  numDevicesReceived: count,
  numDevicesClicked: count,
};

export const dateStatsHourlySchema = v1Envelope(
  z.object({ platformGroup, statsDate, statsHour: z.number().int().min(0).max(23), ...devices }),
  ['statsDate', 'statsHour', 'platformGroup'],
);

export const campaignStatsSchema = v1Envelope(
  z.object({ campaignId, campaignName: z.string().nullable(), platformGroup, statsDate, ...devices, numErrors: count }),
  ['campaignId', 'statsDate', 'platformGroup'],
);

export const dateStatsHourly: EndpointSpec = {
  name: 'push.dateStats.hourly',
  path: '/v1/application/{id}/dateStats',
  query: (_projectId, w) => ({ dateFrom: w.from, dateTo: w.to, periodicity: 'hourly' }),
  maxWindowDays: DATE_STATS_HOURLY_MAX_DAYS,
  paging: { kind: 'none' },
  auth: 'serverKey',
  schema: dateStatsHourlySchema,
  check: windowCheck('staging.push_hourly'),
  stagingModel: 'push_hourly.sql',
};

export const pushCampaignStats: EndpointSpec = {
  name: 'push.campaignStats',
  path: '/v1/campaign/stats',
  query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: CAMPAIGN_STATS_MAX_DAYS,
  paging: { kind: 'v1', limit: V1_PAGE_LIMIT },
  auth: 'serverKey',
  schema: campaignStatsSchema,
  check: windowCheck('staging.push_campaign_daily'),
  stagingModel: 'push_campaign_daily.sql',
};

export const pushExtraEndpoints: EndpointSpec[] = [dateStatsHourly, pushCampaignStats];

/** After push.ts's push_daily.sql (any order works: each reads staging only). */
export const pushExtraMartModels: string[] = ['push_hourly.sql', 'channel_daily_push.sql', 'campaign_daily_push.sql'];

export const pushExtraDataTests: string[] = [
  ...martTests('push_hourly'),
  ...martTests('channel_daily_push'),
  ...martTests('campaign_daily_push'),
  'campaign_daily_push__totals_match.sql',
];
