/**
 * Digest subscriptions (docs/adr/025): a user's daily, weekly or monthly e-mail or webhook of a
 * channel's summary or a saved analysis, at a local hour in the project's time zone. Any role may
 * subscribe itself (RLS: a row's owner is the transaction's user); admins see the project's rows.
 */
import { businessNow } from '../../lib/clock.js';
import { newWebhookSecret } from '../../etl/reports/signing.js';
import { AppError, invalidParameter } from '../errors.js';
import type { ScopedDb } from '../db/scope.js';
import { createTestDelivery, explainMiss, listDeliveries } from './deliveries.js';
import type { KpiChannel } from './kpis.js';

export interface SubscriptionRow {
  id: string;
  owner_id: string;
  mine: boolean;
  name: string;
  source_kind: 'summary' | 'analysis';
  channel: KpiChannel | null;
  analysis_id: string | null;
  frequency: 'daily' | 'weekly' | 'monthly';
  hour: number;
  weekday: number;
  locale: 'es' | 'en' | 'pt-BR';
  delivery: 'email' | 'webhook';
  email: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  attach_csv: boolean;
  paused: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `subscription_id AS id, owner_id, owner_id = app.current_user_id() AS mine, name, source_kind, channel, analysis_id,
  frequency, hour, weekday, locale, delivery, email, webhook_url, webhook_secret, attach_csv, paused, version, created_at, updated_at`;

export const subscriptionOf = (r: SubscriptionRow) => ({
  id: r.id,
  name: r.name,
  source: r.source_kind === 'summary' ? { kind: 'summary' as const, channel: r.channel! } : { kind: 'analysis' as const, analysisId: r.analysis_id! },
  frequency: r.frequency,
  hour: r.hour,
  weekday: r.weekday,
  locale: r.locale,
  delivery: r.delivery,
  email: r.email,
  webhookUrl: r.webhook_url,
  // The signing secret is the owner's to see (an admin looking at the project's rows does not get it).
  webhookSecret: r.mine ? r.webhook_secret : null,
  attachCsv: r.attach_csv,
  paused: r.paused,
  ownerId: r.owner_id,
  mine: r.mine,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const notFound = () => new AppError('not_found', 'No such subscription.');

export async function listSubscriptions(db: ScopedDb, q: { scope?: 'mine' | 'all' | undefined }) {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM app.subscriptions WHERE ($1 = 'all' OR owner_id = app.current_user_id())
     ORDER BY created_at DESC, subscription_id DESC LIMIT 500`,
    [q.scope ?? 'mine'],
  );
  return { items: rows.map(subscriptionOf) };
}

export async function getSubscription(db: ScopedDb, id: string) {
  const { rows } = await db.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM app.subscriptions WHERE subscription_id = $1`, [id]);
  if (!rows[0]) throw notFound();
  return subscriptionOf(rows[0]);
}

export interface NewSubscription {
  name: string;
  source: { kind: 'summary'; channel: KpiChannel } | { kind: 'analysis'; analysisId: string };
  frequency: 'daily' | 'weekly' | 'monthly';
  hour: number;
  weekday: number;
  locale: 'es' | 'en' | 'pt-BR';
  delivery: 'email' | 'webhook';
  email?: string | undefined;
  webhookUrl?: string | undefined;
  attachCsv: boolean;
}

export async function createSubscription(db: ScopedDb, s: NewSubscription) {
  if (s.source.kind === 'analysis') {
    // Only an analysis the user can see (their own or a shared one of the project).
    const { rowCount } = await db.query(`SELECT 1 FROM app.analyses WHERE analysis_id = $1`, [s.source.analysisId]);
    if (!rowCount) throw invalidParameter('source.analysisId', 'source.analysisId: no such analysis.');
  }
  const { rows } = await db.query<SubscriptionRow>(
    `INSERT INTO app.subscriptions (name, source_kind, channel, analysis_id, frequency, hour, weekday, locale, delivery, email,
       webhook_url, webhook_secret, attach_csv, not_before)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     RETURNING ${COLUMNS}`,
    [
      s.name,
      s.source.kind,
      s.source.kind === 'summary' ? s.source.channel : null,
      s.source.kind === 'analysis' ? s.source.analysisId : null,
      s.frequency,
      s.hour,
      s.weekday,
      s.locale,
      s.delivery,
      s.delivery === 'email' ? s.email : null,
      s.delivery === 'webhook' ? s.webhookUrl : null,
      s.delivery === 'webhook' ? newWebhookSecret() : null,
      s.attachCsv,
      businessNow(),
    ],
  );
  return subscriptionOf(rows[0]!);
}

export interface SubscriptionPatch {
  version: number;
  name?: string | undefined;
  frequency?: 'daily' | 'weekly' | 'monthly' | undefined;
  hour?: number | undefined;
  weekday?: number | undefined;
  locale?: 'es' | 'en' | 'pt-BR' | undefined;
  email?: string | undefined;
  webhookUrl?: string | undefined;
  attachCsv?: boolean | undefined;
  paused?: boolean | undefined;
}

export async function updateSubscription(db: ScopedDb, id: string, p: SubscriptionPatch) {
  const sets: string[] = [];
  const params: unknown[] = [id, p.version];
  const set = (col: string, v: unknown) => {
    if (v === undefined) return;
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  };
  set('name', p.name);
  set('frequency', p.frequency);
  set('hour', p.hour);
  set('weekday', p.weekday);
  set('locale', p.locale);
  set('attach_csv', p.attachCsv);
  set('paused', p.paused);
  if (p.email !== undefined || p.webhookUrl !== undefined) {
    const { rows } = await db.query<{ delivery: string }>(`SELECT delivery FROM app.subscriptions WHERE subscription_id = $1`, [id]);
    if (!rows[0]) throw notFound();
    if (p.email !== undefined && rows[0].delivery !== 'email') throw invalidParameter('email', 'email: this subscription is delivered by webhook.');
    if (p.webhookUrl !== undefined && rows[0].delivery !== 'webhook') throw invalidParameter('webhookUrl', 'webhookUrl: this subscription is delivered by e-mail.');
    set('email', p.email);
    set('webhook_url', p.webhookUrl);
  }
  const { rows } = await db.query<SubscriptionRow>(
    `UPDATE app.subscriptions SET ${sets.join(', ')} WHERE subscription_id = $1 AND version = $2 RETURNING ${COLUMNS}`,
    params,
  );
  if (!rows[0]) await explainMiss(db, 'subscriptions', id, p.version, 'subscription');
  return subscriptionOf(rows[0]!);
}

export async function deleteSubscription(db: ScopedDb, id: string): Promise<undefined> {
  const { rowCount } = await db.query(`DELETE FROM app.subscriptions WHERE subscription_id = $1`, [id]);
  if (!rowCount) await explainMiss(db, 'subscriptions', id, undefined, 'subscription');
  return undefined;
}

async function requireOwn(db: ScopedDb, id: string) {
  const { rows } = await db.query<{ mine: boolean }>(`SELECT owner_id = app.current_user_id() AS mine FROM app.subscriptions WHERE subscription_id = $1`, [id]);
  if (!rows[0]) throw notFound();
  if (!rows[0].mine) throw new AppError('forbidden_owner', 'Only the owner can test-send this subscription.');
}

export async function testSendSubscription(db: ScopedDb, id: string) {
  await requireOwn(db, id);
  return createTestDelivery(db, 'subscription_id', id);
}

export async function subscriptionHistory(db: ScopedDb, id: string, limit: number) {
  const { rowCount } = await db.query(`SELECT 1 FROM app.subscriptions WHERE subscription_id = $1`, [id]);
  if (!rowCount) throw notFound();
  return { items: await listDeliveries(db, 'subscription_id', id, limit) };
}
