/**
 * Customer journeys (6-hour tier): the GET /v1/journey?applicationId list (a snapshot: the journey
 * dimension) and GET /v1/journey/{journeyId}/stats per journey and local day (the node funnel).
 *
 * The stats endpoint answers totals for its request window (no statsDate), so it is asked one day at
 * a time for a daily grain (docs/adr/008-conversation-marts.md) within the daily horizon, and once
 * per calendar month before it (`dailyDays`, docs/adr/029: rows spanning the month), once per
 * journey of the list: a fan-out (`fanOut` of the pipeline contract, etl/pipeline/types.ts). The
 * runner fetches the list once per run (a snapshot), then the stats once per request window and
 * journey the list has by the window's last day, `{key}` in the path, the key in the params as `journeyId`, each
 * payload landed under the endpoint name `journey.stats:<journeyId>` (raw de-duplication is per
 * endpoint and window, and two journeys can answer the same bytes). The staging model reads the
 * journey from params->>'journeyId' (or that suffix).
 */
import { z } from 'zod';
import { addDays, isIsoDay } from '../../lib/dates.js';
import { DAILY_HORIZON_DAYS } from '../pipeline/plan.js';
import type { EndpointSpec, FanOutEndpointSpec, GroupSpec } from '../pipeline/types.js';
import { dayOrDateTime } from './chat.js';

const count = z.number().int().nonnegative();

export const JOURNEY_STATUSES = ['draft', 'scheduled', 'active', 'paused', 'finished', 'stopped', 'archived'] as const;

export const journeySchema = z.object({
  id: z.number().int().positive(),
  name: z.string().refine((s) => s.trim() !== '', 'name is empty'),
  status: z.string().refine((s) => (JOURNEY_STATUSES as readonly string[]).includes(s.trim().toLowerCase()), {
    message: `status is not one of ${JOURNEY_STATUSES.join(', ')}`,
  }),
  createdAt: dayOrDateTime.nullable(),
});

export const journeyListSchema = z
  .object({ statusCode: z.literal(200), message: z.string(), count: count.optional(), data: z.array(journeySchema) })
  .refine((p) => p.count === undefined || p.count === p.data.length, { message: 'count does not match the number of rows' })
  .superRefine((p, ctx) => {
    const seen = new Set<number>();
    p.data.forEach((j, i) => {
      if (seen.has(j.id)) ctx.addIssue({ code: 'custom', path: ['data', i], message: `duplicate journey id ${j.id}` });
      seen.add(j.id);
    });
  });
type JourneyList = z.infer<typeof journeyListSchema>;

export const journeyList: EndpointSpec = {
  name: 'journey.list',
  path: '/v1/journey',
  query: (projectId) => ({ applicationId: projectId }),
  maxWindowDays: null,
  paging: { kind: 'none' },
  auth: 'serverKey',
  schema: journeyListSchema,
  async check(payload, { projectId, query }) {
    // An empty list where journeys are known looks like an upstream outage: it would mark them all removed.
    if ((payload as JourneyList).data.length > 0) return undefined;
    const [row] = await query<{ known: boolean }>('SELECT EXISTS (SELECT 1 FROM staging.journeys WHERE project_id = $1) AS known', [projectId]);
    return row?.known ? 'empty journey list for a project whose journeys are loaded; the loaded list is kept' : undefined;
  },
  stagingModel: 'journeys.sql',
};

const nodeId = z.union([z.string().min(1), z.number().int()]).transform(String);

export const journeyStatsSchema = z
  .object({
    statusCode: z.literal(200),
    message: z.string(),
    data: z.object({
      userFlow: z.array(z.object({ nodeId, users: count })),
      nodes: z.array(
        z.object({
          nodeId,
          campaignId: z.number().int().positive().nullable(),
          campaignName: z.string().nullable(),
          campaignType: z.string().nullable(),
          sent: count,
          opened: count.nullable(),
          clicked: count,
          ctr: z.number().nonnegative().nullable(),
          platforms: z.array(z.string()),
        }),
      ),
    }),
  })
  .superRefine((p, ctx) => {
    for (const [list, rows] of [['userFlow', p.data.userFlow], ['nodes', p.data.nodes]] as const) {
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        if (seen.has(r.nodeId)) ctx.addIssue({ code: 'custom', path: ['data', list, i], message: `duplicate nodeId ${r.nodeId}` });
        seen.add(r.nodeId);
      });
    }
  });

export const journeyStats: FanOutEndpointSpec = {
  name: 'journey.stats',
  path: '/v1/journey/{key}/stats',
  query: (_projectId, w) => ({ dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: 90,
  // Window totals only: day by day within the daily horizon, per calendar month before (ADR 029).
  dailyDays: DAILY_HORIZON_DAYS,
  paging: { kind: 'none' },
  auth: 'serverKey',
  schema: journeyStatsSchema,
  fanOut: {
    from: 'journey.list',
    param: 'journeyId',
    // Journeys that exist by the window's last day (the API refuses stats of a journey not created yet).
    keys: (payload, window) =>
      (payload as JourneyList).data
        // A date-time createdAt is UTC: its date may be a day ahead of the local one, hence the slack.
        .filter((j) => j.createdAt === null || (isIsoDay(j.createdAt) ? j.createdAt <= window.to : j.createdAt.slice(0, 10) <= addDays(window.to, 1)))
        .map((j) => j.id),
  },
  stagingModel: 'journey_stats.sql',
};

export const journeysGroup: GroupSpec = {
  group: 'journeys',
  tier: '6h',
  // ADR 029: a month of one-day requests per transaction within the daily horizon.
  windowDays: 31,
  endpoints: [journeyList, journeyStats],
  martModels: ['journeys.sql', 'journey_funnel.sql'],
  dataTests: [
    'journeys__not_null.sql',
    'journeys__unique_grain.sql',
    'journeys__accepted_values.sql',
    'journeys__project_exists.sql',
    'journeys__reconciles_staging.sql',
    'journey_funnel__not_null.sql',
    'journey_funnel__unique_grain.sql',
    'journey_funnel__accepted_values.sql',
    'journey_funnel__project_exists.sql',
    'journey_funnel__has_journey.sql',
    'journey_funnel__reconciles_staging.sql',
  ],
};
