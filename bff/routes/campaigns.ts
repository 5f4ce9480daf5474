/** GET /v1/campaigns (list with period totals, search, sort, cursor pages) and GET /v1/campaigns/:id. */
import { z } from 'zod';
import { CAMPAIGN_CHANNELS, CAMPAIGN_SORT_KEYS, getCampaign, listCampaigns } from '../services/campaigns.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';

const period = z.object({ from: z.string(), to: z.string() });
const count = z.number().nullable();
const ratio = z.number().min(0).nullable();

const metrics = {
  sent: count,
  delivered: count,
  opened: count.describe('Email only; null for channels without opens.'),
  clicked: count,
  impressions: count.describe('In-app only.'),
  bounced: count,
  unsubscribed: count,
  cost: z.number().nullable().describe('SMS cost in the account currency.'),
  currency: z.null().describe('Not reported by the API yet.'),
  deliveryRate: ratio.describe('delivered ÷ sent'),
  openRate: ratio.describe('opened ÷ delivered'),
  ctr: ratio.describe('clicked ÷ sent (in-app: clicked ÷ impressions)'),
};

const campaignSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  channel: z.string(),
  status: z.string(),
  createdDay: z.string().nullable(),
  removedOn: z.string().nullable().describe('Day the campaign left indigitall’s list, if it did.'),
  ...metrics,
});

export const campaignListResponse = z.object({
  projectId: z.string(),
  timeZone: z.string(),
  period,
  sort: z.enum(CAMPAIGN_SORT_KEYS),
  order: z.enum(['asc', 'desc']),
  limit: z.number().int(),
  items: z.array(campaignSummary),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
});

export const campaignsRoute = defineRoute({
  method: 'get',
  path: '/campaigns',
  operationId: 'listCampaigns',
  summary: 'Campaigns with statistics in the period (or all that existed in it), with their totals and rates; searchable, sortable, paged by cursor. CSV: the requested page.',
  tag: 'campaigns',
  query: z
    .object({
      channel: z.enum(CAMPAIGN_CHANNELS).optional(),
      q: z.string().trim().min(1).max(100).optional().describe('Name contains (case- and accent-insensitive; % and _ are literal).'),
      include: z.enum(['active', 'all']).optional().describe('active (default): campaigns with statistics in the period; all: every campaign that existed in it.'),
      sort: z.enum(CAMPAIGN_SORT_KEYS).optional().describe('Default: sent.'),
      order: z.enum(['asc', 'desc']).optional().describe('Default: asc for name and created, desc for figures. NULLs last either way; ties by id.'),
      limit: z.coerce.number().int().min(1).max(100).optional().describe('Rows per page (default 25, at most 100).'),
      cursor: z.string().min(1).max(500).optional().describe('nextCursor of the previous page (same parameters).'),
      ...dateRange,
    })
    .strict(),
  response: campaignListResponse,
  csv: (r) => ({
    columns: ['id', 'name', 'channel', 'status', 'createdDay', 'removedOn', 'sent', 'delivered', 'opened', 'clicked', 'impressions', 'bounced', 'unsubscribed', 'cost', 'deliveryRate', 'openRate', 'ctr'],
    rows: r.items.map((c) => [c.id, c.name, c.channel, c.status, c.createdDay, c.removedOn, c.sent, c.delivered, c.opened, c.clicked, c.impressions, c.bounced, c.unsubscribed, c.cost, c.deliveryRate, c.openRate, c.ctr]),
  }),
  handler: ({ db, query }) => listCampaigns(db, query),
});

export const numericId = z.object({ id: z.string().regex(/^[1-9]\d{0,17}$/, 'must be a numeric id').transform(Number) }).strict();

export const campaignResponse = z.object({
  projectId: z.string(),
  timeZone: z.string(),
  period,
  campaign: z.object({
    id: z.number().int(),
    name: z.string(),
    channel: z.string(),
    status: z.string(),
    createdAt: z.string().nullable().describe('UTC instant when the API gives a time.'),
    createdDay: z.string().nullable(),
    removedOn: z.string().nullable(),
  }),
  totals: z.object(metrics),
  daily: z.array(z.object({ day: z.string(), ...metrics })).describe('Every day of the period, zeros where nothing was sent.'),
});

export const campaignRoute = defineRoute({
  method: 'get',
  path: '/campaigns/:id',
  operationId: 'getCampaign',
  summary: 'One campaign: configuration, totals of the period and the daily series (zero-filled).',
  tag: 'campaigns',
  params: numericId,
  query: z.object({ ...dateRange }).strict(),
  response: campaignResponse,
  csv: (r) => ({
    columns: ['day', 'sent', 'delivered', 'opened', 'clicked', 'impressions', 'bounced', 'unsubscribed', 'cost', 'deliveryRate', 'openRate', 'ctr'],
    rows: r.daily.map((d) => [d.day, d.sent, d.delivered, d.opened, d.clicked, d.impressions, d.bounced, d.unsubscribed, d.cost, d.deliveryRate, d.openRate, d.ctr]),
  }),
  handler: ({ db, params, query }) => getCampaign(db, params.id, query),
});
