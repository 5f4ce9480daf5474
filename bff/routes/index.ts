/** Every tenant endpoint under /v1, in the order OpenAPI lists them. */
import type { RouteSpec } from './define.js';
import { kpisRoute } from './kpis.js';

export const ROUTES: readonly RouteSpec[] = [kpisRoute];
