/**
 * What subscriptions and alert rules share (docs/adr/025): the delivery target (e-mail or signed
 * webhook), the per-user explanation of a write that matched no row, and the delivery history.
 * Row-level security decides who sees what (own rows; every row of the project for an admin) and who
 * writes (the owner only); these functions never filter by project or owner themselves.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { ScopedDb } from '../db/scope.js';

export const LOCALES = ['es', 'en', 'pt-BR'] as const;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/i;

/** https, or http to a loopback host (development); the worker applies its own network policy again at send time. */
export const webhookUrl = z
  .string()
  .max(2000)
  .refine((s) => {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      return false;
    }
    if (u.username || u.password) return false;
    return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.test(u.hostname));
  }, 'must be an https URL without credentials (http only to a loopback host)');

export const emailAddress = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^@\s<>,;"]+@[^@\s<>,;"]+\.[^@\s<>,;"]+$|^[^@\s<>,;"]+@localhost$/, 'must be one e-mail address');

/** Where a new subscription or rule delivers: e-mail (the default) or a webhook, with its address. */
export const deliveryTarget = {
  delivery: z.enum(['email', 'webhook']).default('email'),
  email: emailAddress.optional(),
  webhookUrl: webhookUrl.optional(),
};

/** The address of the delivery chosen is required, and the other one refused. */
export function checkDeliveryTarget(b: { delivery: 'email' | 'webhook'; email?: string | undefined; webhookUrl?: string | undefined }, ctx: z.RefinementCtx): void {
  if (b.delivery === 'email' && !b.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'required for delivery email' });
  if (b.delivery === 'webhook' && !b.webhookUrl) ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'required for delivery webhook' });
  if (b.delivery === 'email' && b.webhookUrl) ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'only for delivery webhook' });
  if (b.delivery === 'webhook' && b.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'only for delivery email' });
}

/** A subscription's or rule's delivery target as answered (the signing secret only to its owner). */
export const deliveryTargetOut = {
  delivery: z.enum(['email', 'webhook']),
  email: z.string().nullable(),
  webhookUrl: z.string().nullable(),
  webhookSecret: z.string().nullable().describe('HMAC-SHA256 key of the X-Ig-Signature header (owner only).'),
};

export const deliveryState = z.enum(['pending', 'sending', 'sent', 'failed']);

export const deliverySchema = z.object({
  id: z.string(),
  kind: z.enum(['digest', 'alert', 'test']),
  state: deliveryState,
  attempts: z.number().int(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  recipient: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

interface DeliveryRow {
  id: string;
  kind: 'digest' | 'alert' | 'test';
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  period_from: string | null;
  period_to: string | null;
  recipient: string | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export const deliveryOf = (r: DeliveryRow): z.infer<typeof deliverySchema> => ({
  id: r.id,
  kind: r.kind,
  state: r.state,
  attempts: r.attempts,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  recipient: r.recipient,
  lastError: r.last_error,
  createdAt: r.created_at.toISOString(),
  sentAt: r.sent_at?.toISOString() ?? null,
});

export async function listDeliveries(db: ScopedDb, parent: 'subscription_id' | 'rule_id', id: string, limit: number) {
  const { rows } = await db.query<DeliveryRow>(
    `SELECT delivery_id AS id, kind, state, attempts, period_from::text, period_to::text, recipient, last_error, created_at, sent_at
     FROM app.deliveries WHERE ${parent} = $1 ORDER BY created_at DESC, delivery_id DESC LIMIT $2`,
    [id, limit],
  );
  return rows.map(deliveryOf);
}

/** Test sends of one subscription or rule per hour: enough to try a change, too few to mail-bomb an address. */
export const TEST_SENDS_PER_HOUR = 5;

/** A pending test delivery of one's own subscription or rule; the worker sends it at once. */
export async function createTestDelivery(db: ScopedDb, parent: 'subscription_id' | 'rule_id', id: string) {
  const { rows: recent } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM app.deliveries WHERE ${parent} = $1 AND kind = 'test' AND created_at > now() - interval '1 hour'`,
    [id],
  );
  if (recent[0]!.n >= TEST_SENDS_PER_HOUR) {
    throw new AppError('rate_limited', `At most ${TEST_SENDS_PER_HOUR} test sends per hour; try again later.`, undefined, 600);
  }
  const { rows } = await db.query<DeliveryRow>(
    `INSERT INTO app.deliveries (kind, ${parent}) VALUES ('test', $1)
     RETURNING delivery_id AS id, kind, state, attempts, period_from::text, period_to::text, recipient, last_error, created_at, sent_at`,
    [id],
  );
  return deliveryOf(rows[0]!);
}

/** Why a write by id matched no row: invisible → 404, someone else's (an admin looking) → 403, else a stale version → 409. */
export async function explainMiss(db: ScopedDb, table: 'subscriptions' | 'alert_rules', id: string, version: number | undefined, what: string): Promise<never> {
  const key = table === 'subscriptions' ? 'subscription_id' : 'rule_id';
  const { rows } = await db.query<{ mine: boolean; version: number }>(
    `SELECT owner_id = app.current_user_id() AS mine, version FROM app.${table} WHERE ${key} = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', `No such ${what}.`);
  if (!r.mine) throw new AppError('forbidden_owner', `Only the owner can change this ${what}.`);
  throw new AppError('conflict', `The ${what} changed since version ${version}; it is at version ${r.version}. Reload it and apply the change again.`, 'version');
}
