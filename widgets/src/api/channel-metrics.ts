import type { IgKpiChannel } from './types.js';

/** Each channel's metrics, in the BFF's order (bff/services/kpis.ts, CHANNEL_METRICS). */
export const CHANNEL_METRICS: Readonly<Record<IgKpiChannel, readonly string[]>> = {
  push: ['sent', 'delivered', 'clicked', 'ctr'],
  inapp: ['impressions', 'clicked', 'dismissed', 'ctr', 'dismissRate'],
  sms: ['sent', 'delivered', 'clicked', 'rejected', 'cost', 'deliveryRate', 'ctr'],
  email: [
    'sent',
    'delivered',
    'opened',
    'clicked',
    'bounced',
    'unsubscribed',
    'spamReports',
    'deliveryRate',
    'openRate',
    'ctr',
    'clickToOpenRate',
    'bounceRate',
    'unsubscribeRate',
  ],
  chat: ['sent', 'delivered', 'read', 'deliveryRate', 'readRate'],
  wallet: ['issued', 'installed', 'uninstalled', 'updates', 'installRate'],
  all: ['sent', 'delivered', 'clicked', 'deliveryRate', 'ctr'],
};
