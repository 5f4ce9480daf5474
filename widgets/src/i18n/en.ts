import type { IgTranslation } from './types.js';

export const en: IgTranslation = {
  channels: {
    push: 'Push',
    inapp: 'In-App',
    sms: 'SMS',
    email: 'Email',
    chat: 'Chat',
    whatsapp: 'WhatsApp',
    journeys: 'Customer Journeys',
    wallet: 'Wallet',
  },
  kpisLabel: (channel) => `${channel} KPIs`,
  metrics: { sent: 'Sent', delivered: 'Delivered', clicked: 'Clicks', ctr: 'CTR' },
  loading: 'Loading KPIs…',
  empty: 'No data for this period',
  notConnected: 'Widget not connected: the indigitall access token is missing.',
  retry: 'Retry',
  errors: {
    unauthorized: 'Your session has expired. Sign in again to see the data.',
    forbidden_project: 'You do not have access to this project.',
    invalid_parameter: (param) => `The value of “${param}” is not valid.`,
    not_found: 'The requested information was not found.',
    project_not_found: 'Insights is not enabled for this project.',
    network: 'Could not reach the analytics service.',
    internal: 'The data could not be loaded. Please try again in a few minutes.',
  },
  change: {
    up: (amount) => `Up ${amount} on the previous period`,
    down: (amount) => `Down ${amount} on the previous period`,
    flat: 'No change on the previous period',
    none: 'No previous-period data to compare with',
  },
  percentagePoints: (amount) => `${amount} pp`,
  percentagePointsLong: (amount) => `${amount} percentage points`,
  period: (current, previous) => `${current} · compared with ${previous}`,
};
