/**
 * Email (v2 statistics; indigitall updates them hourly):
 * - GET /v2/email/stats/application (rows in data.sendings) → staging.email_daily → the email rows of
 *   marts.channel_daily;
 * - GET /v2/email/stats/campaign (rows in data.campaigns) → staging.email_campaign_daily → the email
 *   rows of marts.campaign_daily and marts.campaign_totals.
 */
import { z } from 'zod';
import type { EndpointSpec, GroupSpec } from '../pipeline/types.js';
import { campaignId, count, martTests, statsDate, V2_PAGE_LIMIT, v2Envelope, windowCheck } from './stats-schemas.js';

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

export const emailApplicationSchema = v2Envelope('sendings', z.object(figures), ['statsDate']);
export const emailCampaignSchema = v2Envelope('campaigns', z.object({ ...figures, campaignId }), ['statsDate', 'campaignId']);

export const emailApplicationStats: EndpointSpec = {
  name: 'email.stats.application',
  path: '/v2/email/stats/application',
  query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: EMAIL_MAX_DAYS,
  paging: { kind: 'v2', limit: V2_PAGE_LIMIT, listKey: 'sendings' },
  auth: 'serverKey',
  schema: emailApplicationSchema,
  check: windowCheck('staging.email_daily', 'sendings'),
  stagingModel: 'email_daily.sql',
};

export const emailCampaignStats: EndpointSpec = {
  name: 'email.stats.campaign',
  path: '/v2/email/stats/campaign',
  query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: EMAIL_MAX_DAYS,
  paging: { kind: 'v2', limit: V2_PAGE_LIMIT, listKey: 'campaigns' },
  auth: 'serverKey',
  schema: emailCampaignSchema,
  check: windowCheck('staging.email_campaign_daily', 'campaigns'),
  stagingModel: 'email_campaign_daily.sql',
};

export const email: GroupSpec = {
  group: 'email',
  tier: 'hourly',
  endpoints: [emailApplicationStats, emailCampaignStats],
  martModels: ['channel_daily_email.sql', 'campaign_daily_email.sql'],
  dataTests: [...martTests('channel_daily_email'), ...martTests('campaign_daily_email'), 'campaign_daily_email__totals_match.sql'],
};
