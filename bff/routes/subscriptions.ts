/**
 * /v1/subscriptions: a user's digests (docs/adr/025). Per-user answers, never cached. Any role may
 * create and manage its own (a viewer subscribes itself); admins also see the project's
 * (`scope=all`) but change only their own. Test-send and history per subscription.
 */
import { z } from 'zod';
import { KPI_CHANNELS } from '../services/kpis.js';
import { checkDeliveryTarget, deliverySchema, deliveryTarget, deliveryTargetOut, emailAddress, LOCALES, webhookUrl } from '../services/deliveries.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  subscriptionHistory,
  testSendSubscription,
  updateSubscription,
} from '../services/subscriptions.js';
import { defineRoute } from './define.js';

const name = z.string().trim().min(1).max(200);
const frequency = z.enum(['daily', 'weekly', 'monthly']);
const hour = z.number().int().min(0).max(23).describe('Local hour of the send, in the project\'s time zone.');
const weekday = z.number().int().min(1).max(7).describe('Weekly: ISO weekday of the send (1 = Monday).');
const locale = z.enum(LOCALES);
const idParam = z.object({ id: z.uuid({ error: 'must be a subscription id (UUID)' }) }).strict();
const noQuery = z.object({}).strict();

const source = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('summary'), channel: z.enum(KPI_CHANNELS) }).strict(),
  z.object({ kind: z.literal('analysis'), analysisId: z.uuid({ error: 'must be an analysis id (UUID)' }) }).strict(),
]);

export const subscriptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  source: z.union([z.object({ kind: z.literal('summary'), channel: z.enum(KPI_CHANNELS) }), z.object({ kind: z.literal('analysis'), analysisId: z.string() })]),
  frequency,
  hour: z.number().int(),
  weekday: z.number().int(),
  locale,
  ...deliveryTargetOut,
  attachCsv: z.boolean(),
  paused: z.boolean(),
  ownerId: z.string(),
  mine: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const subscriptionsRoute = defineRoute({
  method: 'get',
  path: '/subscriptions',
  operationId: 'listSubscriptions',
  summary: "The user's digest subscriptions (scope=all: every subscription of the project, admins only see others').",
  tag: 'reports',
  cacheable: false,
  query: z.object({ scope: z.enum(['mine', 'all']).optional() }).strict(),
  response: z.object({ items: z.array(subscriptionSchema) }),
  handler: ({ db, query }) => listSubscriptions(db, query),
});

export const subscriptionRoute = defineRoute({
  method: 'get',
  path: '/subscriptions/:id',
  operationId: 'getSubscription',
  summary: 'One subscription.',
  tag: 'reports',
  cacheable: false,
  params: idParam,
  response: subscriptionSchema,
  handler: ({ db, params }) => getSubscription(db, params.id),
});

export const createSubscriptionRoute = defineRoute({
  method: 'post',
  path: '/subscriptions',
  operationId: 'createSubscription',
  summary: 'Subscribe oneself to a digest (any role). The owner is the caller.',
  tag: 'reports',
  write: true,
  viewerMayWrite: true,
  status: 201,
  query: noQuery,
  body: z
    .object({
      name,
      source,
      frequency,
      hour,
      weekday: weekday.default(1),
      locale,
      ...deliveryTarget,
      attachCsv: z.boolean().default(false),
    })
    .strict()
    .superRefine(checkDeliveryTarget),
  response: subscriptionSchema,
  handler: ({ db, body }) => createSubscription(db, body),
});

export const updateSubscriptionRoute = defineRoute({
  method: 'patch',
  path: '/subscriptions/:id',
  operationId: 'updateSubscription',
  summary: 'Change, pause or resume an own subscription, given the version read.',
  tag: 'reports',
  write: true,
  viewerMayWrite: true,
  params: idParam,
  query: noQuery,
  body: z
    .object({
      version: z.number().int().min(1),
      name: name.optional(),
      frequency: frequency.optional(),
      hour: hour.optional(),
      weekday: weekday.optional(),
      locale: locale.optional(),
      email: emailAddress.optional(),
      webhookUrl: webhookUrl.optional(),
      attachCsv: z.boolean().optional(),
      paused: z.boolean().optional(),
    })
    .strict()
    .refine((b) => Object.keys(b).length > 1, 'nothing to change'),
  response: subscriptionSchema,
  handler: ({ db, params, body }) => updateSubscription(db, params.id, body),
});

export const deleteSubscriptionRoute = defineRoute({
  method: 'delete',
  path: '/subscriptions/:id',
  operationId: 'deleteSubscription',
  summary: 'Delete an own subscription (and its history).',
  tag: 'reports',
  write: true,
  viewerMayWrite: true,
  status: 204,
  params: idParam,
  response: z.undefined(),
  handler: ({ db, params }) => deleteSubscription(db, params.id),
});

export const testSubscriptionRoute = defineRoute({
  method: 'post',
  path: '/subscriptions/:id/test',
  operationId: 'testSendSubscription',
  summary: 'Send an own subscription now, marked as a test (the last complete period); the worker picks it up at once.',
  tag: 'reports',
  write: true,
  viewerMayWrite: true,
  status: 201,
  params: idParam,
  query: noQuery,
  response: deliverySchema,
  handler: ({ db, params }) => testSendSubscription(db, params.id),
});

export const subscriptionHistoryRoute = defineRoute({
  method: 'get',
  path: '/subscriptions/:id/deliveries',
  operationId: 'listSubscriptionDeliveries',
  summary: 'The sends of a subscription, newest first: state, attempts, last error.',
  tag: 'reports',
  cacheable: false,
  params: idParam,
  query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }).strict(),
  response: z.object({ items: z.array(deliverySchema) }),
  handler: ({ db, params, query }) => subscriptionHistory(db, params.id, query.limit ?? 50),
});

export const SUBSCRIPTION_ROUTES = [
  subscriptionsRoute,
  subscriptionRoute,
  createSubscriptionRoute,
  updateSubscriptionRoute,
  deleteSubscriptionRoute,
  testSubscriptionRoute,
  subscriptionHistoryRoute,
];
