/** Every tenant endpoint under /v1, in the order OpenAPI lists them. */
import type { RouteSpec } from './define.js';
import { kpisRoute } from './kpis.js';
import { campaignRoute, campaignsRoute } from './campaigns.js';
import { agentRoute, agentsRoute } from './agents.js';
import { journeyFunnelRoute, journeysRoute } from './journeys.js';
import { analysesRoute, analysisRoute, createAnalysisRoute, deleteAnalysisRoute, foldersRoute, updateAnalysisRoute } from './analyses.js';

export const ROUTES: readonly RouteSpec[] = [
  kpisRoute,
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
];
