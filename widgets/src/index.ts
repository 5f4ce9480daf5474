/**
 * indigitall Insights widgets: importing this module defines every element (`<ig-provider>`,
 * `<ig-channel-kpis>`, …) and exports their classes and types. To get a class without defining its
 * tag, import `components/<name>/<name>.js` instead.
 */
import './i18n/all.js';
import './components/provider/provider.define.js';
import './components/filter-bar/filter-bar.define.js';
import './components/freshness/freshness.define.js';
import './components/channel-kpis/channel-kpis.define.js';
import './components/chart/chart.define.js';
import './components/campaign-table/campaign-table.define.js';
import './components/agent-performance/agent-performance.define.js';
import './components/saved-analyses/saved-analyses.define.js';
import './components/dashboard/dashboard.define.js';
import './components/dashboard-editor/dashboard-editor.define.js';
import './components/ai-chat/ai-chat.define.js';
import './components/campaign-detail/campaign-detail.define.js';
import './components/chat-stats/chat-stats.define.js';
import './components/journey-funnel/journey-funnel.define.js';
import './components/timeseries/timeseries.define.js';
import './components/channel-mix/channel-mix.define.js';
import './components/heatmap/heatmap.define.js';
import './components/device-stats/device-stats.define.js';
import './components/wallet-stats/wallet-stats.define.js';
import './components/subscriptions/subscriptions.define.js';
import './components/alerts/alerts.define.js';
import './components/insights/insights.define.js';

export { IgProvider, type IgTokenProvider } from './components/provider/provider.js';
export { IgFilterBar } from './components/filter-bar/filter-bar.js';
export { IgFreshness } from './components/freshness/freshness.js';
export { IgChannelKpis } from './components/channel-kpis/channel-kpis.js';
export { IgChart, type IgChartExportFormat } from './components/chart/chart.js';
export { IgCampaignTable } from './components/campaign-table/campaign-table.js';
export { IgAgentPerformance } from './components/agent-performance/agent-performance.js';
export { IgSavedAnalyses } from './components/saved-analyses/saved-analyses.js';
export { IgSubscriptions, type IgSubscription, type IgDelivery } from './components/subscriptions/subscriptions.js';
export { IgAlerts, type IgAlertRule } from './components/alerts/alerts.js';
export { IgDashboard } from './components/dashboard/dashboard.js';
export { IgDashboardEditor, type IgDashboardSpec } from './components/dashboard-editor/dashboard-editor.js';
export { IgAiChat } from './components/ai-chat/ai-chat.js';
export { IgCampaignDetail, type IgCampaignResponse, type IgCampaignMetrics } from './components/campaign-detail/campaign-detail.js';
export { IgChatStats, type IgChatResponse, type IgChatFigures } from './components/chat-stats/chat-stats.js';
export {
  IgJourneyFunnel,
  type IgJourneysResponse,
  type IgJourneyFunnelResponse,
  type IgJourneyNode,
} from './components/journey-funnel/journey-funnel.js';
export { IgTimeseries } from './components/timeseries/timeseries.js';
export { IgChannelMix } from './components/channel-mix/channel-mix.js';
export { IgHeatmap } from './components/heatmap/heatmap.js';
export { IgDeviceStats } from './components/device-stats/device-stats.js';
export { IgWalletStats } from './components/wallet-stats/wallet-stats.js';
export { IgInsights, type IgInsightsResponse, type IgInsightDriver } from './components/insights/insights.js';
export * from './api.js';
