/** Every tenant endpoint under /v1, in the order OpenAPI lists them. */
import type { RouteSpec } from './define.js';
import { breakdownRoute } from './breakdown.js';
import { chatRoute } from './chat.js';
import { devicesRoute } from './devices.js';
import { heatmapRoute } from './heatmap.js';
import { kpisRoute } from './kpis.js';
import { metaRoute } from './meta.js';
import { timeseriesRoute } from './timeseries.js';
import { walletRoute } from './wallet.js';

export const ROUTES: readonly RouteSpec[] = [kpisRoute, metaRoute, timeseriesRoute, breakdownRoute, heatmapRoute, devicesRoute, walletRoute, chatRoute];
