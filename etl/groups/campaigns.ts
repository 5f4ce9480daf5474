/**
 * Campaign configurations (6-hour tier): the GET /v1/campaign list, every page, as one snapshot. It is
 * the campaign dimension (marts.campaigns) that names the campaign_id of the performance marts.
 */
import { z } from 'zod';
import type { EndpointSpec, GroupSpec } from '../pipeline/types.js';
import { dayOrDateTime } from './chat.js';

const count = z.number().int().nonnegative();

/** The marts' channels (marts.channel_daily) and the spellings staging.campaign_channel() maps to them. */
export const CAMPAIGN_CHANNELS = ['push', 'inapp', 'sms', 'email', 'chat', 'wallet'] as const;
export function normaliseCampaignChannel(c: string): string | null {
  const k = c.toLowerCase().replace(/[^a-z0-9]/g, '');
  const map: Record<string, string> = {
    push: 'push', webpush: 'push', apppush: 'push', inapp: 'inapp', inappmessage: 'inapp', sms: 'sms',
    email: 'email', mail: 'email', chat: 'chat', whatsapp: 'chat', wa: 'chat', wallet: 'wallet',
  };
  return k === '' ? null : (map[k] ?? k);
}

/** Campaign statuses the dimension accepts (lower-case; sql/tests/campaigns__accepted_values.sql). */
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'active', 'sending', 'sent', 'paused', 'finished', 'stopped', 'cancelled', 'archived'] as const;

export const campaignSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().refine((s) => s.trim() !== '', 'name is empty'),
  channel: z.string().refine((c) => (CAMPAIGN_CHANNELS as readonly string[]).includes(normaliseCampaignChannel(c) ?? ''), {
    message: `channel is not one of ${CAMPAIGN_CHANNELS.join(', ')}`,
  }),
  createdAt: dayOrDateTime.nullable(),
  status: z.string().refine((s) => (CAMPAIGN_STATUSES as readonly string[]).includes(s.trim().toLowerCase()), {
    message: `status is not one of ${CAMPAIGN_STATUSES.join(', ')}`,
  }),
});

export const campaignListSchema = z
  .object({ statusCode: z.literal(200), message: z.string(), count, data: z.array(campaignSchema) })
  .refine((p) => p.count === p.data.length, { message: 'count does not match the number of rows' })
  .superRefine((p, ctx) => {
    const seen = new Set<number>();
    p.data.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['data', i], message: `duplicate campaign id ${c.id}` });
      seen.add(c.id);
    });
  });

export const campaignList: EndpointSpec = {
  name: 'campaign.list',
  path: '/v1/campaign',
  query: (projectId) => ({ applicationId: projectId }),
  maxWindowDays: null,
  paging: { kind: 'v1', limit: 1000 },
  auth: 'serverKey',
  schema: campaignListSchema,
  async check(payload, { projectId, query }) {
    // An empty list where campaigns are known looks like an upstream outage, not a deleted account:
    // it would mark every campaign removed, so it is quarantined instead.
    if ((payload as z.infer<typeof campaignListSchema>).data.length > 0) return undefined;
    const [row] = await query<{ known: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM staging.campaigns WHERE project_id = $1) AS known',
      [projectId],
    );
    return row?.known ? 'empty campaign list for a project whose campaigns are loaded; the loaded list is kept' : undefined;
  },
  stagingModel: 'campaigns.sql',
};

export const campaignsGroup: GroupSpec = {
  group: 'campaigns',
  tier: '6h',
  endpoints: [campaignList],
  martModels: ['campaigns.sql'],
  dataTests: [
    'campaigns__not_null.sql',
    'campaigns__unique_grain.sql',
    'campaigns__accepted_values.sql',
    'campaigns__project_exists.sql',
    'campaigns__reconciles_staging.sql',
  ],
};
