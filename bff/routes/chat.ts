/** GET /v1/chat: WhatsApp/chat statistics of a period (ADR 008). */
import { z } from 'zod';
import { getChat } from '../services/chat.js';
import { defineRoute } from './define.js';
import { dateRange } from './params.js';
import { rangedBase } from './shared.js';

const figures = {
  sent: z.number(),
  delivered: z.number(),
  read: z.number(),
  deliveryRate: z.number().nullable(),
  readRate: z.number().nullable(),
  messages: z.number().describe('Messages of the history export, every sendType.'),
  botMessages: z.number().describe('Messages of sendType dialogflow (Dialogflow and AI answers).'),
  fallbacks: z.number(),
  fallbackRate: z.number().nullable().describe('fallbacks ÷ botMessages.'),
  bySendType: z.record(z.string(), z.number()),
  byCategory: z.record(z.string(), z.number()),
};
const group = { messages: z.number(), delivered: z.number(), read: z.number(), fallbacks: z.number() };

export const chatRoute = defineRoute({
  method: 'get',
  path: '/chat',
  operationId: 'getChat',
  summary: 'Chat statistics: sent, delivered, read, messages by sendType, channel and WhatsApp category, and the bot fallback rate, per day and in total.',
  tag: 'metrics',
  query: z.object({ ...dateRange }).strict(),
  response: z.object({
    ...rangedBase,
    hasData: z.boolean(),
    totals: z.object(figures),
    bySendType: z.array(z.object({ sendType: z.string(), ...group })),
    byChannel: z.array(z.object({ channel: z.string(), ...group })),
    byCategory: z.array(z.object({ category: z.string(), messages: z.number(), share: z.number().nullable() })),
    days: z.array(z.object({ day: z.string(), ...figures })),
  }),
  csv: (r) => {
    const sendTypes = r.bySendType.map((s) => s.sendType);
    const categories = r.byCategory.map((c) => c.category);
    return {
      columns: ['day', 'sent', 'delivered', 'read', 'messages', 'botMessages', 'fallbacks', 'fallbackRate', ...sendTypes.map((s) => `sendType:${s}`), ...categories.map((c) => `category:${c}`)],
      rows: r.days.map((d) => [
        d.day, d.sent, d.delivered, d.read, d.messages, d.botMessages, d.fallbacks, d.fallbackRate,
        ...sendTypes.map((s) => d.bySendType[s] ?? 0),
        ...categories.map((c) => d.byCategory[c] ?? 0),
      ]),
    };
  },
  handler: ({ db, query }) => getChat(db, query),
});
