/** Every tenant endpoint under /v1, in the order OpenAPI lists them. */
import type { RouteSpec } from './define.js';
import { agentRoute, agentsRoute } from './agents.js';
import { analysesRoute, analysisRoute, createAnalysisRoute, deleteAnalysisRoute, foldersRoute, updateAnalysisRoute } from './analyses.js';
import { breakdownRoute } from './breakdown.js';
import { campaignRoute, campaignsRoute } from './campaigns.js';
import { chatRoute } from './chat.js';
import { chatToolRoute } from '../chat/rerun.js';
import { explainRoute } from '../chat/explain.js';
import { insightsRoute } from './insights.js';
import { devicesRoute } from './devices.js';
import { heatmapRoute } from './heatmap.js';
import { journeyFunnelRoute, journeysRoute } from './journeys.js';
import { kpisRoute } from './kpis.js';
import { metaRoute } from './meta.js';
import { timeseriesRoute } from './timeseries.js';
import { walletRoute } from './wallet.js';
import { SUBSCRIPTION_ROUTES } from './subscriptions.js';
import { ALERT_ROUTES } from './alerts.js';

export const ROUTES: readonly RouteSpec[] = [
  metaRoute,
  kpisRoute,
  timeseriesRoute,
  breakdownRoute,
  heatmapRoute,
  devicesRoute,
  walletRoute,
  chatRoute,
  chatToolRoute,
  explainRoute,
  insightsRoute,
  campaignsRoute,
  campaignRoute,
  agentsRoute,
  agentRoute,
  journeysRoute,
  journeyFunnelRoute,
  // /analyses/folders before /analyses/:id, which would take "folders" for an id.
  foldersRoute,
  analysesRoute,
  analysisRoute,
  createAnalysisRoute,
  updateAnalysisRoute,
  deleteAnalysisRoute,
  ...SUBSCRIPTION_ROUTES,
  ...ALERT_ROUTES,
];
