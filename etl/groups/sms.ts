/**
 * SMS (v2 statistics, ≤ 99 days per request):
 * - GET /v2/sms/stats/application (rows in data.sendings) → staging.sms_daily → the sms rows of
 *   marts.channel_daily (every SMS of the day, with its cost: the SMS cost mart, docs/adr/007);
 * - GET /v2/sms/stats/campaign (rows in data.campaigns) → staging.sms_campaign_daily → the sms rows of
 *   marts.campaign_daily and marts.campaign_totals.
 */
import type { GroupSpec } from '../pipeline/types.js';
import { amount, count, martTests, statsDate, v2StatsEndpoints } from './stats-schemas.js';

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

export const { application: smsApplicationStats, campaign: smsCampaignStats } = v2StatsEndpoints('sms', figures, SMS_MAX_DAYS);

export const sms: GroupSpec = {
  group: 'sms',
  tier: 'hourly',
  endpoints: [smsApplicationStats, smsCampaignStats],
  martModels: ['channel_daily_sms.sql', 'campaign_daily_sms.sql'],
  dataTests: [...martTests('channel_daily_sms'), ...martTests('campaign_daily_sms'), 'campaign_daily_sms__totals_match.sql'],
};
