/**
 * SMS (v2 statistics, ≤ 99 days per request):
 * - GET /v2/sms/stats/application (rows in data.sendings) → staging.sms_daily → the sms rows of
 *   marts.channel_daily (every SMS of the day, with its cost: the SMS cost mart, docs/adr/007);
 * - GET /v2/sms/stats/campaign (rows in data.campaigns) → staging.sms_campaign_daily → the sms rows of
 *   marts.campaign_daily and marts.campaign_totals.
 */
import { z } from 'zod';
import type { EndpointSpec, GroupSpec } from '../pipeline/types.js';
import { amount, campaignId, count, martTests, statsDate, V2_PAGE_LIMIT, v2Envelope, windowCheck } from './stats-schemas.js';

export const SMS_MAX_DAYS = 99;

const figures = {
  statsDate,
  numContactsSent: count,
  numContactsDelivered: count,
  numContactsRejected: count,
  numChunks: count,
  numContactsClicked: count,
  numContactsUnique: count,
  cost: amount,
};

export const smsApplicationSchema = v2Envelope('sendings', z.object(figures), ['statsDate']);
export const smsCampaignSchema = v2Envelope('campaigns', z.object({ ...figures, campaignId }), ['statsDate', 'campaignId']);

export const smsApplicationStats: EndpointSpec = {
  name: 'sms.stats.application',
  path: '/v2/sms/stats/application',
  query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: SMS_MAX_DAYS,
  paging: { kind: 'v2', limit: V2_PAGE_LIMIT, listKey: 'sendings' },
  auth: 'serverKey',
  schema: smsApplicationSchema,
  check: windowCheck('staging.sms_daily', 'sendings'),
  stagingModel: 'sms_daily.sql',
};

export const smsCampaignStats: EndpointSpec = {
  name: 'sms.stats.campaign',
  path: '/v2/sms/stats/campaign',
  query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: SMS_MAX_DAYS,
  paging: { kind: 'v2', limit: V2_PAGE_LIMIT, listKey: 'campaigns' },
  auth: 'serverKey',
  schema: smsCampaignSchema,
  check: windowCheck('staging.sms_campaign_daily', 'campaigns'),
  stagingModel: 'sms_campaign_daily.sql',
};

export const sms: GroupSpec = {
  group: 'sms',
  tier: 'hourly',
  endpoints: [smsApplicationStats, smsCampaignStats],
  martModels: ['channel_daily_sms.sql', 'campaign_daily_sms.sql'],
  dataTests: [...martTests('channel_daily_sms'), ...martTests('campaign_daily_sms'), 'campaign_daily_sms__totals_match.sql'],
};
