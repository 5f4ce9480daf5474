/** GET /v1/journeys (list with period totals) and GET /v1/journeys/:id/funnel (node funnel). */
import { z } from 'zod';
import { getJourneyFunnel, listJourneys } from '../services/journeys.js';
import { numericId } from './campaigns.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';

const period = z.object({ from: z.string(), to: z.string() });
const ratio = z.number().min(0).nullable();
/** ADR 029: history past the ETL's daily horizon is kept as calendar-month totals. */
const leftOut = z
  .array(period)
  .describe(
    'Spans kept only as calendar-month totals (history past the daily horizon) that straddle the period\'s bounds: ' +
      'their figures are left out of the totals, never spread over days. Empty when the totals cover the whole period.',
  );
const journey = {
  id: z.number().int(),
  name: z.string(),
  status: z.string(),
  createdDay: z.string().nullable(),
  removedOn: z.string().nullable(),
};
const totals = {
  entered: z.number().describe("Users at the journey's first node."),
  completed: z.number().describe("Users at the journey's last node."),
  completionRate: ratio,
  sent: z.number(),
  clicked: z.number(),
  ctr: ratio.describe('clicked ÷ sent'),
};

export const journeysResponse = z.object({
  projectId: z.string(),
  timeZone: z.string(),
  period,
  leftOut,
  items: z.array(z.object({ ...journey, ...totals })),
});

export const journeysRoute = defineRoute({
  method: 'get',
  path: '/journeys',
  operationId: 'listJourneys',
  summary: 'Journeys that existed in the period, with users entering and completing, sends and clicks.',
  tag: 'journeys',
  query: z
    .object({ status: z.string().regex(/^[a-z_]{1,30}$/, 'must be a lower-case status').optional(), ...dateRange })
    .strict(),
  response: journeysResponse,
  csv: (r) => ({
    columns: ['id', 'name', 'status', 'createdDay', 'removedOn', 'entered', 'completed', 'completionRate', 'sent', 'clicked', 'ctr'],
    rows: r.items.map((j) => [j.id, j.name, j.status, j.createdDay, j.removedOn, j.entered, j.completed, j.completionRate, j.sent, j.clicked, j.ctr]),
  }),
  handler: ({ db, query }) => listJourneys(db, query),
});

export const funnelResponse = z.object({
  projectId: z.string(),
  timeZone: z.string(),
  period,
  leftOut,
  journey: z.object(journey),
  ...totals,
  nodes: z.array(
    z.object({
      nodeId: z.string(),
      position: z.number().int().nullable().describe('Place in the flow; null for nodes outside it (listed last).'),
      campaignId: z.number().int().nullable(),
      campaignName: z.string().nullable(),
      campaignType: z.string().nullable(),
      entered: z.number(),
      completed: z.number().nullable().describe('Users who reached the next node (the last node: its own users).'),
      dropOff: z.number().nullable(),
      dropOffRate: ratio,
      sent: z.number(),
      opened: z.number().nullable(),
      clicked: z.number(),
      ctr: ratio,
    }),
  ),
});

export const journeyFunnelRoute = defineRoute({
  method: 'get',
  path: '/journeys/:id/funnel',
  operationId: 'getJourneyFunnel',
  summary: "A journey's node funnel for a period: users entering and completing each step, drop-off, sends and clicks.",
  tag: 'journeys',
  params: numericId,
  query: z.object({ ...dateRange }).strict(),
  response: funnelResponse,
  csv: (r) => ({
    columns: ['position', 'nodeId', 'campaignId', 'campaignName', 'campaignType', 'entered', 'completed', 'dropOff', 'dropOffRate', 'sent', 'opened', 'clicked', 'ctr'],
    rows: r.nodes.map((n) => [n.position, n.nodeId, n.campaignId, n.campaignName, n.campaignType, n.entered, n.completed, n.dropOff, n.dropOffRate, n.sent, n.opened, n.clicked, n.ctr]),
  }),
  handler: ({ db, params, query }) => getJourneyFunnel(db, params.id, query),
});
