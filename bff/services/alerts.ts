/**
 * Alert rules (docs/adr/025): a threshold ("push delivered below 10 000") or a change beyond the
 * usual ("CTR more than 3 σ from the trailing 8 same weekdays") on a channel's daily metric, optionally
 * for one platform or campaign, evaluated by the worker when the project's data is published. The
 * worker owns `state` (ok/firing) and the firings; users create, edit, pause, snooze and delete their
 * own rules. Same RLS as subscriptions.
 */
import { newWebhookSecret } from '../../etl/reports/signing.js';
import { AppError, invalidParameter } from '../errors.js';
import type { ScopedDb } from '../db/scope.js';
import { createTestDelivery, explainMiss, listDeliveries } from './deliveries.js';
import { CHANNEL_METRICS, metricDef, type KpiChannel } from './kpis.js';

export interface AlertRuleRow {
  id: string;
  owner_id: string;
  mine: boolean;
  name: string;
  channel: KpiChannel;
  metric: string;
  platform: string | null;
  campaign_id: string | null;
  kind: 'threshold' | 'anomaly';
  direction: 'below' | 'above' | 'either';
  threshold: number | null;
  sigma: number | null;
  weeks: number | null;
  locale: 'es' | 'en' | 'pt-BR';
  delivery: 'email' | 'webhook';
  email: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  paused: boolean;
  snoozed_until: Date | null;
  state: 'ok' | 'firing';
  evaluated_day: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `rule_id AS id, owner_id, owner_id = app.current_user_id() AS mine, name, channel, metric, platform, campaign_id, kind,
  direction, threshold, sigma, weeks, locale, delivery, email, webhook_url, webhook_secret, paused, snoozed_until, state,
  evaluated_day::text, version, created_at, updated_at`;

export const ruleOf = (r: AlertRuleRow) => ({
  id: r.id,
  name: r.name,
  channel: r.channel,
  metric: r.metric,
  platform: r.platform,
  campaignId: r.campaign_id,
  kind: r.kind,
  direction: r.direction,
  threshold: r.threshold,
  sigma: r.sigma,
  weeks: r.weeks,
  locale: r.locale,
  delivery: r.delivery,
  email: r.email,
  webhookUrl: r.webhook_url,
  webhookSecret: r.mine ? r.webhook_secret : null,
  paused: r.paused,
  snoozedUntil: r.snoozed_until?.toISOString() ?? null,
  state: r.state,
  evaluatedDay: r.evaluated_day,
  ownerId: r.owner_id,
  mine: r.mine,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const notFound = () => new AppError('not_found', 'No such alert rule.');

export async function listRules(db: ScopedDb, q: { scope?: 'mine' | 'all' | undefined }) {
  const { rows } = await db.query<AlertRuleRow>(
    `SELECT ${COLUMNS} FROM app.alert_rules WHERE ($1 = 'all' OR owner_id = app.current_user_id())
     ORDER BY created_at DESC, rule_id DESC LIMIT 500`,
    [q.scope ?? 'mine'],
  );
  return { items: rows.map(ruleOf) };
}

export async function getRule(db: ScopedDb, id: string) {
  const { rows } = await db.query<AlertRuleRow>(`SELECT ${COLUMNS} FROM app.alert_rules WHERE rule_id = $1`, [id]);
  if (!rows[0]) throw notFound();
  return ruleOf(rows[0]);
}

export interface NewRule {
  name: string;
  channel: KpiChannel;
  metric: string;
  platform?: string | undefined;
  campaignId?: string | undefined;
  kind: 'threshold' | 'anomaly';
  direction: 'below' | 'above' | 'either';
  threshold?: number | undefined;
  sigma?: number | undefined;
  weeks?: number | undefined;
  locale: 'es' | 'en' | 'pt-BR';
  delivery: 'email' | 'webhook';
  email?: string | undefined;
  webhookUrl?: string | undefined;
}

export async function createRule(db: ScopedDb, r: NewRule) {
  if (!metricDef(r.channel, r.metric)) {
    throw invalidParameter('metric', `metric: ${r.metric} is not a metric of channel ${r.channel} (${CHANNEL_METRICS[r.channel].map((m) => m.key).join(', ')}).`);
  }
  if (r.campaignId !== undefined && !['push', 'inapp', 'sms', 'email'].includes(r.channel)) {
    throw invalidParameter('campaignId', 'campaignId: campaign rules exist for push, inapp, sms and email.');
  }
  const { rows } = await db.query<AlertRuleRow>(
    `INSERT INTO app.alert_rules (name, channel, metric, platform, campaign_id, kind, direction, threshold, sigma, weeks, locale,
       delivery, email, webhook_url, webhook_secret)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     RETURNING ${COLUMNS}`,
    [
      r.name,
      r.channel,
      r.metric,
      r.platform ?? null,
      r.campaignId ?? null,
      r.kind,
      r.direction,
      r.kind === 'threshold' ? r.threshold : null,
      r.kind === 'anomaly' ? (r.sigma ?? 3) : null,
      r.kind === 'anomaly' ? (r.weeks ?? 8) : null,
      r.locale,
      r.delivery,
      r.delivery === 'email' ? r.email : null,
      r.delivery === 'webhook' ? r.webhookUrl : null,
      r.delivery === 'webhook' ? newWebhookSecret() : null,
    ],
  );
  return ruleOf(rows[0]!);
}

export interface RulePatch {
  version: number;
  name?: string | undefined;
  direction?: 'below' | 'above' | 'either' | undefined;
  threshold?: number | undefined;
  sigma?: number | undefined;
  weeks?: number | undefined;
  locale?: 'es' | 'en' | 'pt-BR' | undefined;
  email?: string | undefined;
  webhookUrl?: string | undefined;
  paused?: boolean | undefined;
  /** An ISO instant until which breaches are recorded but not notified; null ends a snooze. */
  snoozedUntil?: string | null | undefined;
}

export async function updateRule(db: ScopedDb, id: string, p: RulePatch) {
  const sets: string[] = [];
  const params: unknown[] = [id, p.version];
  const set = (col: string, v: unknown) => {
    if (v === undefined) return;
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  };
  set('name', p.name);
  set('direction', p.direction);
  set('threshold', p.threshold);
  set('sigma', p.sigma);
  set('weeks', p.weeks);
  set('locale', p.locale);
  set('email', p.email);
  set('webhook_url', p.webhookUrl);
  set('paused', p.paused);
  set('snoozed_until', p.snoozedUntil);
  let rows: AlertRuleRow[];
  try {
    ({ rows } = await db.query<AlertRuleRow>(`UPDATE app.alert_rules SET ${sets.join(', ')} WHERE rule_id = $1 AND version = $2 RETURNING ${COLUMNS}`, params));
  } catch (err) {
    // A check constraint: e.g. threshold on an anomaly rule's direction 'either', e-mail on a webhook rule.
    if ((err as { code?: string }).code === '23514') throw invalidParameter('body', 'That change does not fit this rule (its kind or delivery).');
    throw err;
  }
  if (!rows[0]) await explainMiss(db, 'alert_rules', id, p.version, 'alert rule');
  return ruleOf(rows[0]!);
}

export async function deleteRule(db: ScopedDb, id: string): Promise<undefined> {
  const { rowCount } = await db.query(`DELETE FROM app.alert_rules WHERE rule_id = $1`, [id]);
  if (!rowCount) await explainMiss(db, 'alert_rules', id, undefined, 'alert rule');
  return undefined;
}

export async function testSendRule(db: ScopedDb, id: string) {
  const { rows } = await db.query<{ mine: boolean }>(`SELECT owner_id = app.current_user_id() AS mine FROM app.alert_rules WHERE rule_id = $1`, [id]);
  if (!rows[0]) throw notFound();
  if (!rows[0].mine) throw new AppError('forbidden_owner', 'Only the owner can test-send this alert rule.');
  return createTestDelivery(db, 'rule_id', id);
}

export async function ruleFirings(db: ScopedDb, id: string, limit: number) {
  const { rowCount } = await db.query(`SELECT 1 FROM app.alert_rules WHERE rule_id = $1`, [id]);
  if (!rowCount) throw notFound();
  const { rows } = await db.query<{ id: string; day: string; value: number | null; expected: number | null; bound: number | null; snoozed: boolean; fired_at: Date; recovered_at: Date | null }>(
    `SELECT firing_id AS id, day::text, value, expected, bound, snoozed, fired_at, recovered_at
     FROM app.alert_firings WHERE rule_id = $1 ORDER BY fired_at DESC, firing_id DESC LIMIT $2`,
    [id, limit],
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      day: r.day,
      value: r.value,
      expected: r.expected,
      bound: r.bound,
      snoozed: r.snoozed,
      firedAt: r.fired_at.toISOString(),
      recoveredAt: r.recovered_at?.toISOString() ?? null,
    })),
    deliveries: await listDeliveries(db, 'rule_id', id, limit),
  };
}
