/**
 * The CDN bundle (dist/cdn/ig-widgets.js): provider, filter bar and channel KPIs are defined up front
 * (the 20.5 KB gzip budget applies to them); every other element is fetched as its own chunk the first
 * time its tag appears (autoloader.ts, lazy-elements.ts), and charts fetch Vega on their first draw.
 */
import './components/provider/provider.define.js';
import './components/filter-bar/filter-bar.define.js';
import './components/channel-kpis/channel-kpis.define.js';
import { startAutoloader } from './autoloader.js';

export { IgProvider, type IgTokenProvider } from './components/provider/provider.js';
export { IgFilterBar } from './components/filter-bar/filter-bar.js';
export { IgChannelKpis } from './components/channel-kpis/channel-kpis.js';
export { loadElement } from './autoloader.js';
export * from './api.js';

startAutoloader();
