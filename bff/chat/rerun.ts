/**
 * POST /v1/chat/tools — re-runs one certified chat tool call without the model: what a saved chat
 * answer stores for each of its table and chart results (`spec.calls`, docs/adr/024), so opening
 * the analysis later shows the same result for the same arguments, on the data of that moment.
 * Same executors, services and RLS scope as the chat (bff/chat/executors.ts); run_sql is never
 * re-run (a generated query goes through the model path and the SQL guard only). Read-only; any
 * role may re-run (the chat itself is open to viewers).
 */
import { z } from 'zod';
import { invalidParameter } from '../errors.js';
import { defineRoute } from '../routes/define.js';
import { runCertifiedTool, ToolError } from './executors.js';
import { checkStoredCall, parseToolCall, storedCallShape } from './tools.js';

const MAX_ROWS = 200;

export const chatToolRoute = defineRoute({
  method: 'post',
  path: '/chat/tools',
  operationId: 'rerunChatTool',
  summary: 'Re-runs one certified chat tool call (a saved chat answer\'s table or chart) without the model; the result as the chat streams it.',
  tag: 'chat',
  body: z.object({ ...storedCallShape, lang: z.enum(['es', 'en', 'pt']).optional() }).strict().superRefine(checkStoredCall),
  response: z.object({
    tool: z.string(),
    kind: z.enum(['kpi', 'table', 'chart']),
    title: z.string(),
    data: z.record(z.string(), z.unknown()),
    spec: z.record(z.string(), z.unknown()).optional(),
    truncated: z.boolean(),
    source: z.object({ tool: z.string(), certified: z.boolean(), endpoint: z.string().optional(), period: z.object({ from: z.string(), to: z.string() }).optional() }),
  }),
  cacheable: false,
  handler: async ({ db, body, auth }) => {
    const call = parseToolCall(body.tool, body.input);
    const lang = body.lang ?? (auth.locale?.toLowerCase().startsWith('en') ? 'en' : auth.locale?.toLowerCase().startsWith('pt') ? 'pt' : 'es');
    try {
      const r = await runCertifiedTool(db, call, { lang, maxRows: MAX_ROWS });
      return { tool: call.name, kind: r.kind, title: r.title, data: r.data as unknown as Record<string, unknown>, ...(r.spec ? { spec: r.spec } : {}), truncated: r.truncated, source: r.source };
    } catch (err) {
      if (err instanceof ToolError) throw invalidParameter('input', err.message);
      throw err;
    }
  },
});
