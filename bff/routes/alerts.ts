/**
 * /v1/alerts: a user's alert rules (docs/adr/025). Per-user answers, never cached. Creating and
 * managing rules needs editor or admin (viewers may only subscribe themselves to digests); admins also
 * see the project's rules (`scope=all`). Snooze, pause, test-send and firing history per rule.
 */
import { z } from 'zod';
import { checkDeliveryTarget, deliverySchema, deliveryTarget, deliveryTargetOut, emailAddress, LOCALES, webhookUrl } from '../services/deliveries.js';
import { createRule, deleteRule, getRule, listRules, ruleFirings, testSendRule, updateRule } from '../services/alerts.js';
import { KPI_CHANNELS } from '../services/kpis.js';
import { defineRoute } from './define.js';

const name = z.string().trim().min(1).max(200);
const direction = z.enum(['below', 'above', 'either']);
const idParam = z.object({ id: z.uuid({ error: 'must be an alert rule id (UUID)' }) }).strict();
const noQuery = z.object({}).strict();
const finite = z.number().finite();

export const ruleSchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(KPI_CHANNELS),
  metric: z.string(),
  platform: z.string().nullable(),
  campaignId: z.string().nullable(),
  kind: z.enum(['threshold', 'anomaly']),
  direction,
  threshold: z.number().nullable(),
  sigma: z.number().nullable(),
  weeks: z.number().int().nullable(),
  locale: z.enum(LOCALES),
  ...deliveryTargetOut,
  paused: z.boolean(),
  snoozedUntil: z.string().nullable(),
  state: z.enum(['ok', 'firing']).describe('firing: breached and not yet recovered (no new notification until it recovers).'),
  evaluatedDay: z.string().nullable(),
  ownerId: z.string(),
  mine: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const alertsRoute = defineRoute({
  method: 'get',
  path: '/alerts',
  operationId: 'listAlertRules',
  summary: "The user's alert rules (scope=all: the project's, for admins).",
  tag: 'reports',
  cacheable: false,
  query: z.object({ scope: z.enum(['mine', 'all']).optional() }).strict(),
  response: z.object({ items: z.array(ruleSchema) }),
  handler: ({ db, query }) => listRules(db, query),
});

export const alertRoute = defineRoute({
  method: 'get',
  path: '/alerts/:id',
  operationId: 'getAlertRule',
  summary: 'One alert rule with its state.',
  tag: 'reports',
  cacheable: false,
  params: idParam,
  response: ruleSchema,
  handler: ({ db, params }) => getRule(db, params.id),
});

export const createAlertRoute = defineRoute({
  method: 'post',
  path: '/alerts',
  operationId: 'createAlertRule',
  summary: 'Create an alert rule (editor or admin): threshold, or anomaly (σ from the trailing same weekdays).',
  tag: 'reports',
  write: true,
  status: 201,
  query: noQuery,
  body: z
    .object({
      name,
      channel: z.enum(KPI_CHANNELS),
      metric: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'must be a metric key'),
      platform: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a platform key').optional(),
      campaignId: z.string().regex(/^\d{1,18}$/, 'must be a campaign id').optional(),
      kind: z.enum(['threshold', 'anomaly']),
      direction: direction.default('below'),
      threshold: finite.optional(),
      sigma: z.number().gt(0).max(10).optional().describe('Anomaly: standard deviations (default 3).'),
      weeks: z.number().int().min(3).max(26).optional().describe('Anomaly: trailing same weekdays (default 8).'),
      locale: z.enum(LOCALES),
      ...deliveryTarget,
    })
    .strict()
    .superRefine((b, ctx) => {
      if (b.kind === 'threshold' && b.threshold === undefined) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'required for a threshold rule' });
      if (b.kind === 'threshold' && b.direction === 'either') ctx.addIssue({ code: 'custom', path: ['direction'], message: 'a threshold is crossed below or above' });
      if (b.kind === 'anomaly' && b.threshold !== undefined) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'only for a threshold rule' });
      checkDeliveryTarget(b, ctx);
    }),
  response: ruleSchema,
  handler: ({ db, body }) => createRule(db, body),
});

export const updateAlertRoute = defineRoute({
  method: 'patch',
  path: '/alerts/:id',
  operationId: 'updateAlertRule',
  summary: 'Change, pause, resume or snooze (snoozedUntil) an own rule, given the version read.',
  tag: 'reports',
  write: true,
  params: idParam,
  query: noQuery,
  body: z
    .object({
      version: z.number().int().min(1),
      name: name.optional(),
      direction: direction.optional(),
      threshold: finite.optional(),
      sigma: z.number().gt(0).max(10).optional(),
      weeks: z.number().int().min(3).max(26).optional(),
      locale: z.enum(LOCALES).optional(),
      email: emailAddress.optional(),
      webhookUrl: webhookUrl.optional(),
      paused: z.boolean().optional(),
      snoozedUntil: z.iso.datetime({ offset: true }).nullable().optional().describe('Breaches until then are recorded, not notified; null ends the snooze.'),
    })
    .strict()
    .refine((b) => Object.keys(b).length > 1, 'nothing to change'),
  response: ruleSchema,
  handler: ({ db, params, body }) => updateRule(db, params.id, body),
});

export const deleteAlertRoute = defineRoute({
  method: 'delete',
  path: '/alerts/:id',
  operationId: 'deleteAlertRule',
  summary: 'Delete an own rule (and its history).',
  tag: 'reports',
  write: true,
  status: 204,
  params: idParam,
  response: z.undefined(),
  handler: ({ db, params }) => deleteRule(db, params.id),
});

export const testAlertRoute = defineRoute({
  method: 'post',
  path: '/alerts/:id/test',
  operationId: 'testSendAlertRule',
  summary: 'Send a test notification of an own rule now.',
  tag: 'reports',
  write: true,
  status: 201,
  params: idParam,
  query: noQuery,
  response: deliverySchema,
  handler: ({ db, params }) => testSendRule(db, params.id),
});

export const alertFiringsRoute = defineRoute({
  method: 'get',
  path: '/alerts/:id/firings',
  operationId: 'listAlertFirings',
  summary: 'The breaches of a rule (day, value, expected, bound, recovery) and its notifications, newest first.',
  tag: 'reports',
  cacheable: false,
  params: idParam,
  query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }).strict(),
  response: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        day: z.string(),
        value: z.number().nullable(),
        expected: z.number().nullable(),
        bound: z.number().nullable(),
        snoozed: z.boolean(),
        firedAt: z.string(),
        recoveredAt: z.string().nullable(),
      }),
    ),
    deliveries: z.array(deliverySchema),
  }),
  handler: ({ db, params, query }) => ruleFirings(db, params.id, query.limit ?? 50),
});

export const ALERT_ROUTES = [alertsRoute, alertRoute, createAlertRoute, updateAlertRoute, deleteAlertRoute, testAlertRoute, alertFiringsRoute];
