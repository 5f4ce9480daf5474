/**
 * Elements the CDN bundle loads on demand: tag → its define module. Each becomes a chunk of its own,
 * fetched the first time its tag appears (widgets/src/autoloader.ts). The up-front elements
 * (provider, filter bar, channel KPIs) are imported statically by widgets/src/cdn.ts instead.
 * A new element adds one line here (and its define file to widgets/src/index.ts for npm users).
 */
export const LAZY_ELEMENTS: Readonly<Record<string, () => Promise<unknown>>> = {
  'ig-freshness': () => import('./components/freshness/freshness.define.js'),
  'ig-chart': () => import('./components/chart/chart.define.js'),
  'ig-campaign-table': () => import('./components/campaign-table/campaign-table.define.js'),
  'ig-agent-performance': () => import('./components/agent-performance/agent-performance.define.js'),
  'ig-saved-analyses': () => import('./components/saved-analyses/saved-analyses.define.js'),
  'ig-dashboard': () => import('./components/dashboard/dashboard.define.js'),
  'ig-dashboard-editor': () => import('./components/dashboard-editor/dashboard-editor.define.js'),
  'ig-ai-chat': () => import('./components/ai-chat/ai-chat.define.js'),
  'ig-campaign-detail': () => import('./components/campaign-detail/campaign-detail.define.js'),
  'ig-chat-stats': () => import('./components/chat-stats/chat-stats.define.js'),
  'ig-journey-funnel': () => import('./components/journey-funnel/journey-funnel.define.js'),
  'ig-timeseries': () => import('./components/timeseries/timeseries.define.js'),
  'ig-channel-mix': () => import('./components/channel-mix/channel-mix.define.js'),
  'ig-heatmap': () => import('./components/heatmap/heatmap.define.js'),
  'ig-device-stats': () => import('./components/device-stats/device-stats.define.js'),
  'ig-wallet-stats': () => import('./components/wallet-stats/wallet-stats.define.js'),
  'ig-subscriptions': () => import('./components/subscriptions/subscriptions.define.js'),
  'ig-alerts': () => import('./components/alerts/alerts.define.js'),
  'ig-insights': () => import('./components/insights/insights.define.js'),
};
