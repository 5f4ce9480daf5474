/**
 * Contact-centre agents (15-minute tier): GET /v1/chat/agent/conversations (one row per agent
 * session, v1 pages) and the GET /v1/chat/agent/status snapshot, both behind the console login's JWT.
 */
import { z } from 'zod';
import type { EndpointSpec, GroupSpec } from '../pipeline/types.js';
import { apiTimestamp, chatChannel, emptyOverLoaded, isoDateTime } from './chat.js';

const count = z.number().int().nonnegative();
/** Ids of the chat platform: strings or integers, never empty. */
const id = z.union([z.string().min(1), z.number().int()]);

export const agentSessionSchema = z
  .object({
    agentSessionId: id,
    conversationSessionId: id,
    contactId: id.nullable(),
    agentId: id.nullable(),
    email: z.string().nullable(),
    channel: chatChannel,
    queuedAt: isoDateTime,
    assignedAt: isoDateTime.nullable(),
    closedAt: isoDateTime.nullable(),
    initialAgentSession: z.boolean(),
  })
  .superRefine((r, ctx) => {
    // Durations come from these differences: a step before the one it follows is an upstream error.
    const q = apiTimestamp(r.queuedAt);
    const a = r.assignedAt === null ? null : apiTimestamp(r.assignedAt);
    const c = r.closedAt === null ? null : apiTimestamp(r.closedAt);
    if (a !== null && a < q) ctx.addIssue({ code: 'custom', path: ['assignedAt'], message: 'assignedAt is before queuedAt' });
    if (c !== null && c < (a ?? q)) ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'closedAt is before assignedAt/queuedAt' });
    if (a !== null && r.agentId === null) ctx.addIssue({ code: 'custom', path: ['agentId'], message: 'an assigned session names no agent' });
  });

export const agentConversationsSchema = z
  .object({ statusCode: z.literal(200), message: z.string(), count, data: z.array(agentSessionSchema) })
  .refine((p) => p.count === p.data.length, { message: 'count does not match the number of rows' })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.data.forEach((r, i) => {
      const k = String(r.agentSessionId);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['data', i], message: `duplicate agentSessionId ${k}` });
      seen.add(k);
    });
  });

export const agentConversations: EndpointSpec = {
  name: 'chat.agentConversations',
  path: '/v1/chat/agent/conversations',
  query: (projectId, w) => ({ applicationId: projectId, dateFrom: w.from, dateTo: w.to }),
  maxWindowDays: 90,
  paging: { kind: 'v1', limit: 1000 },
  auth: 'jwt',
  schema: agentConversationsSchema,
  async check(payload, ctx) {
    if ((payload as z.infer<typeof agentConversationsSchema>).data.length > 0) return undefined;
    return emptyOverLoaded(ctx, 'staging.chat_agent_sessions', 'conversation list');
  },
  stagingModel: 'chat_agent_sessions.sql',
};

export const agentStatusSchema = z.object({
  statusCode: z.literal(200),
  message: z.string(),
  data: z.object({ activeAgents: count }),
});

export const agentStatus: EndpointSpec = {
  name: 'chat.agentStatus',
  path: '/v1/chat/agent/status',
  query: (projectId) => ({ applicationId: projectId }),
  maxWindowDays: null,
  paging: { kind: 'none' },
  auth: 'jwt',
  schema: agentStatusSchema,
  stagingModel: 'chat_agent_status.sql',
};

export const agentsGroup: GroupSpec = {
  group: 'agents',
  tier: '15min',
  endpoints: [agentConversations, agentStatus],
  martModels: ['agent_daily.sql', 'agent_conversations_daily.sql', 'agents_now.sql'],
  dataTests: [
    'agent_daily__not_null.sql',
    'agent_daily__unique_grain.sql',
    'agent_daily__project_exists.sql',
    'agent_daily__has_conversations.sql',
    'agent_daily__reconciles_staging.sql',
    'agent_conversations_daily__not_null.sql',
    'agent_conversations_daily__unique_grain.sql',
    'agent_conversations_daily__accepted_values.sql',
    'agent_conversations_daily__project_exists.sql',
    'agent_conversations_daily__reconciles_staging.sql',
    'agents_now__not_null.sql',
    'agents_now__project_exists.sql',
    'agents_now__reconciles_staging.sql',
  ],
};
