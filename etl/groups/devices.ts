/**
 * Devices: GET /v1/application/{id}/stats/device (≤ 7 days per request, else 403) →
 * staging.devices_daily → marts.devices_daily (new, active, unregistered per local day and platform).
 * Daily tier.
 */
import { z } from 'zod';
import type { EndpointSpec, GroupSpec } from '../pipeline/types.js';
import { count, martTests, platformGroup, statsDate, v1Envelope, windowCheck } from './stats-schemas.js';

export const DEVICES_MAX_DAYS = 7;

export const deviceStatsSchema = v1Envelope(
  z.object({ statsDate, platformGroup, numDevicesNew: count, numDevicesActive: count, numDevicesUnregistered: count }),
  ['statsDate', 'platformGroup'],
);

export const deviceStats: EndpointSpec = {
  name: 'devices.stats',
  path: '/v1/application/{id}/stats/device',
  query: (_projectId, w) => ({ dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: DEVICES_MAX_DAYS,
  paging: { kind: 'none' },
  auth: 'serverKey',
  schema: deviceStatsSchema,
  check: windowCheck('staging.devices_daily'),
  stagingModel: 'devices_daily.sql',
};

export const devices: GroupSpec = {
  group: 'devices',
  tier: 'daily',
  // ADR 029: 13 requests of 7 days (the endpoint refuses more) per transaction.
  windowDays: 91,
  endpoints: [deviceStats],
  martModels: ['devices_daily.sql'],
  dataTests: martTests('devices_daily'),
};
