/**
 * Email (v2 statistics; indigitall updates them hourly):
 * - GET /v2/email/stats/application (rows in data.sendings) → staging.email_daily → the email rows of
 *   marts.channel_daily;
 * - GET /v2/email/stats/campaign (rows in data.campaigns) → staging.email_campaign_daily → the email
 *   rows of marts.campaign_daily and marts.campaign_totals.
 */
import type { GroupSpec } from '../pipeline/types.js';
import { count, martTests, statsDate, v2StatsEndpoints } from './stats-schemas.js';

/** Days per request (model: no limit is published for email; 99 like its v2 sibling SMS). */
export const EMAIL_MAX_DAYS = 99;

const figures = {
  statsDate,
  numContactsSent: count,
  numContactsDelivered: count,
  numContactsOpened: count,
  numContactsClicked: count,
  numContactsSpammed: count,
  numContactsSoftBounced: count,
  numContactsHardBounced: count,
  numContactsBlocked: count,
  numContactsUnsubscribed: count,
};

export const { application: emailApplicationStats, campaign: emailCampaignStats } = v2StatsEndpoints('email', figures, EMAIL_MAX_DAYS);

export const email: GroupSpec = {
  group: 'email',
  tier: 'hourly',
  endpoints: [emailApplicationStats, emailCampaignStats],
  martModels: ['channel_daily_email.sql', 'campaign_daily_email.sql'],
  dataTests: [...martTests('channel_daily_email'), ...martTests('campaign_daily_email'), 'campaign_daily_email__totals_match.sql'],
};
