/**
 * Alert evaluation (docs/adr/025), run by the worker when a project's data is published (the
 * data-version NOTIFY of migration 0017), never on a timer. For each active rule of the project: the
 * metric of the project's local yesterday (business clock), read under the rule owner's own RLS
 * scope; a threshold or a σ band over the same weekday of the trailing weeks; state ok → firing opens
 * one firing and one notification, firing → ok closes it. A breach that persists notifies nothing more.
 */
import { withScope } from '../../bff/db/scope.js';
import { measuresOf, metricDef, metricValue, selectMeasures, type KpiChannel, type Totals } from '../../bff/services/kpis.js';
import { addDays, todayIn } from '../../lib/dates.js';
import type { Pool } from '../../lib/db.js';

export interface RuleForEval {
  kind: 'threshold' | 'anomaly';
  direction: 'below' | 'above' | 'either';
  threshold: number | null;
  sigma: number | null;
  weeks: number | null;
}

export interface Judgement {
  breach: boolean;
  expected: number | null;
  bound: number | null;
}

/** Pure: is `value` a breach of the rule, given the same weekday's values of the trailing weeks? */
export function judge(rule: RuleForEval, value: number, history: readonly number[]): Judgement {
  if (rule.kind === 'threshold') {
    const t = rule.threshold!;
    return { breach: rule.direction === 'below' ? value < t : value > t, expected: null, bound: t };
  }
  if (history.length < 3) return { breach: false, expected: null, bound: null };
  const mean = history.reduce((a, b) => a + b, 0) / history.length;
  const sd = Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / (history.length - 1));
  const low = mean - rule.sigma! * sd;
  const high = mean + rule.sigma! * sd;
  const below = value < low;
  const above = value > high;
  const breach = rule.direction === 'below' ? below : rule.direction === 'above' ? above : below || above;
  return { breach, expected: mean, bound: rule.direction === 'above' || (rule.direction === 'either' && above) ? high : low };
}

export interface RuleTarget {
  projectId: string;
  ownerId: string;
  channel: KpiChannel;
  metric: string;
  platform: string | null;
  campaignId: string | null;
}

/** The metric per day over the given days (only days with rows), under the owner's RLS scope. */
export async function metricByDay(api: Pool, t: RuleTarget, days: readonly string[], statementTimeoutMs: number): Promise<Map<string, number | null>> {
  const def = metricDef(t.channel, t.metric);
  if (!def) throw new Error(`metric ${t.metric} is not a metric of channel ${t.channel}`);
  const table = t.campaignId ? 'marts.campaign_daily' : 'marts.channel_daily';
  return withScope(api, { projectId: t.projectId, userId: t.ownerId, role: 'viewer' }, { readOnly: true, statementTimeoutMs }, async (db) => {
    const { rows } = await db.query<Record<string, number> & { day: string }>(
      `SELECT day::text AS day, ${selectMeasures(measuresOf([def]))} FROM ${table}
       WHERE day = ANY($1::date[]) AND ($2::text = 'all' OR channel = $2) AND ($3::text IS NULL OR platform = $3)
         ${t.campaignId ? 'AND campaign_id = $4::bigint' : ''}
       GROUP BY day`,
      t.campaignId ? [days, t.channel, t.platform, t.campaignId] : [days, t.channel, t.platform],
    );
    return new Map(rows.map((r) => [r.day, metricValue(def, r as Totals)]));
  });
}

interface RuleRow extends RuleForEval {
  project_id: string;
  rule_id: string;
  owner_id: string;
  channel: KpiChannel;
  metric: string;
  platform: string | null;
  campaign_id: string | null;
  state: 'ok' | 'firing';
  snoozed_until: Date | null;
}

export interface EvaluationResult {
  day: string;
  evaluated: number;
  fired: { ruleId: string; deliveryId: string | null }[];
  recovered: string[];
}

/**
 * Evaluates every active rule of a project for its local yesterday at `now`. One transaction per
 * project under an advisory lock, so two workers never judge the same project at once; the
 * notifications are outbox rows (app.deliveries) committed with the state change.
 */
export async function evaluateProject(etl: Pool, api: Pool, projectId: number, now: Date, opts: { statementTimeoutMs: number; realNow?: Date }): Promise<EvaluationResult> {
  const client = await etl.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('ig-alerts'), $1::int)`, [projectId % 2_147_483_647]);
    const { rows: projects } = await client.query<{ time_zone: string }>(`SELECT time_zone FROM app.projects WHERE project_id = $1 AND status = 'active'`, [projectId]);
    if (!projects[0]) {
      await client.query('COMMIT');
      return { day: '', evaluated: 0, fired: [], recovered: [] };
    }
    const day = addDays(todayIn(projects[0].time_zone, now), -1);
    const { rows: rules } = await client.query<RuleRow>(
      `SELECT project_id::text, rule_id, owner_id, channel, metric, platform, campaign_id, kind, direction, threshold, sigma, weeks, state, snoozed_until
       FROM app.alert_rules WHERE project_id = $1 AND NOT paused ORDER BY rule_id`,
      [projectId],
    );
    const result: EvaluationResult = { day, evaluated: 0, fired: [], recovered: [] };
    for (const r of rules) {
      const history = r.kind === 'anomaly' ? Array.from({ length: r.weeks! }, (_, k) => addDays(day, -7 * (k + 1))) : [];
      const values = await metricByDay(
        api,
        { projectId: r.project_id, ownerId: r.owner_id, channel: r.channel, metric: r.metric, platform: r.platform, campaignId: r.campaign_id },
        [day, ...history],
        opts.statementTimeoutMs,
      );
      const value = values.get(day);
      if (value === undefined || value === null) continue; // no data for the day yet: nothing to judge
      result.evaluated++;
      const past = history.map((d) => values.get(d)).filter((v): v is number => typeof v === 'number');
      const j = judge(r, value, past);
      if (j.breach && r.state === 'ok') {
        const snoozed = r.snoozed_until !== null && r.snoozed_until > (opts.realNow ?? new Date());
        const { rows: f } = await client.query<{ firing_id: string }>(
          `INSERT INTO app.alert_firings (project_id, rule_id, owner_id, day, value, expected, bound, snoozed)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING firing_id`,
          [projectId, r.rule_id, r.owner_id, day, value, j.expected, j.bound, snoozed],
        );
        let deliveryId: string | null = null;
        if (!snoozed) {
          const { rows: d } = await client.query<{ delivery_id: string }>(
            `INSERT INTO app.deliveries (project_id, owner_id, kind, rule_id, firing_id, idempotency_key, period_from, period_to)
             VALUES ($1, $2, 'alert', $3, $4, $5, $6, $6) RETURNING delivery_id`,
            [projectId, r.owner_id, r.rule_id, f[0]!.firing_id, `alert:${f[0]!.firing_id}`, day],
          );
          deliveryId = d[0]!.delivery_id;
        }
        await client.query(`UPDATE app.alert_rules SET state = 'firing', evaluated_day = $3 WHERE project_id = $1 AND rule_id = $2`, [projectId, r.rule_id, day]);
        result.fired.push({ ruleId: r.rule_id, deliveryId });
      } else if (!j.breach && r.state === 'firing') {
        await client.query(`UPDATE app.alert_firings SET recovered_at = now() WHERE project_id = $1 AND rule_id = $2 AND recovered_at IS NULL`, [projectId, r.rule_id]);
        await client.query(`UPDATE app.alert_rules SET state = 'ok', evaluated_day = $3 WHERE project_id = $1 AND rule_id = $2`, [projectId, r.rule_id, day]);
        result.recovered.push(r.rule_id);
      } else {
        await client.query(`UPDATE app.alert_rules SET evaluated_day = $3 WHERE project_id = $1 AND rule_id = $2`, [projectId, r.rule_id, day]);
      }
    }
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
