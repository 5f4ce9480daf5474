/**
 * indigitall Insights widgets: importing this module defines every element (`<ig-provider>`,
 * `<ig-channel-kpis>`, …) and exports their classes and types. To get a class without defining its
 * tag, import `components/<name>/<name>.js` instead.
 */
import './components/provider/provider.define.js';
import './components/filter-bar/filter-bar.define.js';
import './components/freshness/freshness.define.js';
import './components/channel-kpis/channel-kpis.define.js';
import './components/chart/chart.define.js';
import './components/timeseries/timeseries.define.js';
import './components/channel-mix/channel-mix.define.js';
import './components/heatmap/heatmap.define.js';
import './components/device-stats/device-stats.define.js';
import './components/wallet-stats/wallet-stats.define.js';

export { IgProvider, type IgTokenProvider } from './components/provider/provider.js';
export { IgFilterBar } from './components/filter-bar/filter-bar.js';
export { IgFreshness } from './components/freshness/freshness.js';
export { IgChannelKpis } from './components/channel-kpis/channel-kpis.js';
export { IgChart, type IgChartExportFormat } from './components/chart/chart.js';
export { IgTimeseries } from './components/timeseries/timeseries.js';
export { IgChannelMix } from './components/channel-mix/channel-mix.js';
export { IgHeatmap } from './components/heatmap/heatmap.js';
export { IgDeviceStats } from './components/device-stats/device-stats.js';
export { IgWalletStats } from './components/wallet-stats/wallet-stats.js';
export * from './api.js';
