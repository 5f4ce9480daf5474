/**
 * Elements the CDN bundle loads on demand: tag → its define module. Each becomes a chunk of its own,
 * fetched the first time its tag appears (widgets/src/autoloader.ts). The up-front elements
 * (provider, filter bar, channel KPIs) are imported statically by widgets/src/cdn.ts instead.
 * A new element adds one line here (and its define file to widgets/src/index.ts for npm users).
 */
export const LAZY_ELEMENTS: Readonly<Record<string, () => Promise<unknown>>> = {
  'ig-freshness': () => import('./components/freshness/freshness.define.js'),
  'ig-chart': () => import('./components/chart/chart.define.js'),
  'ig-timeseries': () => import('./components/timeseries/timeseries.define.js'),
  'ig-channel-mix': () => import('./components/channel-mix/channel-mix.define.js'),
  'ig-heatmap': () => import('./components/heatmap/heatmap.define.js'),
  'ig-device-stats': () => import('./components/device-stats/device-stats.define.js'),
  'ig-wallet-stats': () => import('./components/wallet-stats/wallet-stats.define.js'),
};
