/** GET /v1/agents (the ranking of a period) and GET /v1/agents/:id (one agent's totals and daily series). */
import { z } from 'zod';
import { AGENT_SORT_KEYS, getAgent, listAgents } from '../services/agents.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';

const period = z.object({ from: z.string(), to: z.string() });
const seconds = z.number().min(0).nullable();

const figures = {
  conversations: z.number().int().describe('Agent sessions queued to the agent (a transfer opens a new one).'),
  assigned: z.number().int(),
  closed: z.number().int(),
  transfersIn: z.number().int(),
  avgSecondsToAssign: seconds.describe('Σ (assigned − queued) ÷ assigned sessions.'),
  medianSecondsToAssign: seconds.describe('Exact for one day; over longer periods the median of daily medians weighted by sessions.'),
  avgSecondsToClose: seconds.describe('Σ (closed − assigned) ÷ closed sessions.'),
  medianSecondsToClose: seconds.describe('Exact for one day; over longer periods the median of daily medians weighted by sessions.'),
};
const teamNow = z.object({ activeAgents: z.number().int(), day: z.string() }).nullable().describe("The last status snapshot's active agents (per project; the API has no per-agent status).");

export const agentsResponse = z.object({
  projectId: z.string(),
  timeZone: z.string(),
  period,
  sort: z.enum(AGENT_SORT_KEYS),
  order: z.enum(['asc', 'desc']),
  teamNow,
  items: z.array(z.object({ agentId: z.string(), email: z.string().nullable(), ...figures })),
});

export const agentsRoute = defineRoute({
  method: 'get',
  path: '/agents',
  operationId: 'listAgents',
  summary: 'Agent ranking of a period: conversations, closed, average and median times to assign and to close.',
  tag: 'agents',
  query: z
    .object({
      sort: z.enum(AGENT_SORT_KEYS).optional().describe('Default: conversations.'),
      order: z.enum(['asc', 'desc']).optional().describe('Default: desc (asc for email). NULLs last; ties by agent id.'),
      limit: z.coerce.number().int().min(1).max(500).optional().describe('Top N (default 100).'),
      ...dateRange,
    })
    .strict(),
  response: agentsResponse,
  csv: (r) => ({
    columns: ['agentId', 'email', 'conversations', 'assigned', 'closed', 'transfersIn', 'avgSecondsToAssign', 'medianSecondsToAssign', 'avgSecondsToClose', 'medianSecondsToClose'],
    rows: r.items.map((a) => [a.agentId, a.email, a.conversations, a.assigned, a.closed, a.transfersIn, a.avgSecondsToAssign, a.medianSecondsToAssign, a.avgSecondsToClose, a.medianSecondsToClose]),
  }),
  handler: ({ db, query }) => listAgents(db, query),
});

export const agentResponse = z.object({
  projectId: z.string(),
  timeZone: z.string(),
  period,
  agent: z.object({ agentId: z.string(), email: z.string().nullable() }),
  teamNow,
  totals: z.object(figures),
  daily: z.array(z.object({ day: z.string(), ...figures })).describe('Every day of the period, zeros where the agent had no sessions.'),
});

export const agentRoute = defineRoute({
  method: 'get',
  path: '/agents/:id',
  operationId: 'getAgent',
  summary: "One agent's totals and daily series for a period.",
  tag: 'agents',
  params: z.object({ id: z.string().regex(/^[A-Za-z0-9._@:-]{1,100}$/, 'must be an agent id') }).strict(),
  query: z.object({ ...dateRange }).strict(),
  response: agentResponse,
  csv: (r) => ({
    columns: ['day', 'conversations', 'assigned', 'closed', 'transfersIn', 'avgSecondsToAssign', 'medianSecondsToAssign', 'avgSecondsToClose', 'medianSecondsToClose'],
    rows: r.daily.map((d) => [d.day, d.conversations, d.assigned, d.closed, d.transfersIn, d.avgSecondsToAssign, d.medianSecondsToAssign, d.avgSecondsToClose, d.medianSecondsToClose]),
  }),
  handler: ({ db, params, query }) => getAgent(db, params.id, query),
});
