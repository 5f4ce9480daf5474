/**
 * One send = one row of app.deliveries (the outbox and the audit), moved through a state machine:
 *
 *   pending ──claim──▶ sending ──SMTP 250 / webhook 2xx──▶ sent
 *      ▲                 │ error, attempts left                      (attempts exhausted) ──▶ failed
 *      └─────────────────┘
 *
 * The claim is one UPDATE … WHERE state = 'pending' OR (state = 'sending' AND lease expired), so two
 * workers (or a retry and a sweep) never send the same row at once, and a row already sent is never
 * sent again. A worker killed while `sending` leaves a lease that expires; the sweep takes it up again.
 * The one gap no protocol closes: a worker killed after the SMTP server accepted the message and
 * before `sent` committed. The retry then sends a second copy with the same Message-ID (and the same
 * X-Ig-Delivery for webhooks), which receivers can de-duplicate (docs/adr/025).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../lib/config.js';
import { todayIn } from '../../lib/dates.js';
import type { Pool } from '../../lib/db.js';
import type { Logger } from '../../lib/log.js';
import { metricDef, type KpiChannel } from '../../bff/services/kpis.js';
import { readDigest, renderDigest, type DigestData, type MailContent } from './digest.js';
import { formatValue, stringsFor } from './i18n.js';
import { periodOf, type DigestSchedule } from './schedule.js';
import { unsubscribeToken, webhookSignature, type UnsubscribeTarget } from './signing.js';

export interface SendRuntime {
  etl: Pool;
  api: Pool;
  config: Config;
  transport: Transporter;
  secret: string;
  /** Base of the links in e-mails (REPORTS_PUBLIC_URL, PUBLIC_URL or the BFF's local URL). */
  publicUrl: string;
  now: () => Date;
  log?: Logger | undefined;
  /** Tests: runs after the claim, before the message leaves (a place to kill a worker). */
  beforeDeliver?: (deliveryId: string) => Promise<void>;
}

export type SendOutcome = 'sent' | 'failed' | 'retry' | 'skipped';

interface Claimed {
  project_id: string;
  delivery_id: string;
  owner_id: string;
  kind: 'digest' | 'alert' | 'test';
  subscription_id: string | null;
  rule_id: string | null;
  firing_id: string | null;
  period_from: string | null;
  period_to: string | null;
  attempts: number;
}

interface Target {
  delivery: 'email' | 'webhook';
  email: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  locale: string;
  name: string;
}

export interface Outgoing {
  target: Target;
  unsubscribe: UnsubscribeTarget;
  mail: () => Promise<MailContent>;
  json: () => Promise<Record<string, unknown>>;
}

export function unsubscribeUrl(rt: Pick<SendRuntime, 'secret' | 'publicUrl'>, t: UnsubscribeTarget, locale: string): string {
  return `${rt.publicUrl.replace(/\/$/, '')}/unsubscribe?t=${encodeURIComponent(unsubscribeToken(rt.secret, t))}&l=${encodeURIComponent(locale)}`;
}

const digestJson = (d: DigestData) => ({
  period: d.period,
  title: d.title,
  sections: d.sections.map((s) => ({ channel: s.channel, hasData: s.kpis.hasData, metrics: s.kpis.metrics, series: s.series })),
});

/** What a claimed delivery sends, or a reason not to send it (its subscription or rule is gone or paused). */
async function outgoing(rt: SendRuntime, c: Claimed): Promise<Outgoing | string> {
  // Data is read as the subscription's or rule's owner, whoever asked for the send.
  const timeout = rt.config.STATEMENT_TIMEOUT_MS;
  if (c.subscription_id) {
    const { rows } = await rt.etl.query<Target & DigestSchedule & { owner_id: string; source_kind: 'summary' | 'analysis'; channel: KpiChannel | null; analysis_id: string | null; attach_csv: boolean; paused: boolean; time_zone: string }>(
      `SELECT s.*, p.time_zone FROM app.subscriptions s JOIN app.projects p USING (project_id) WHERE s.project_id = $1 AND s.subscription_id = $2`,
      [c.project_id, c.subscription_id],
    );
    const s = rows[0];
    if (!s) return 'the subscription was deleted';
    if (s.paused && c.kind !== 'test') return 'the subscription is paused';
    const period = c.period_from && c.period_to ? { from: c.period_from, to: c.period_to } : periodOf(s, todayIn(s.time_zone, rt.now()));
    const unsubscribe: UnsubscribeTarget = { projectId: c.project_id, kind: 'subscription', id: c.subscription_id };
    let data: DigestData | undefined;
    const read = async () => (data ??= await readDigest(rt.api, { projectId: c.project_id, userId: s.owner_id }, { kind: s.source_kind, channel: s.channel, analysisId: s.analysis_id }, period, timeout));
    return {
      target: s,
      unsubscribe,
      mail: async () =>
        renderDigest(await read(), { name: s.name, locale: s.locale, attachCsv: s.attach_csv, unsubscribeUrl: unsubscribeUrl(rt, unsubscribe, s.locale), test: c.kind === 'test' }),
      json: async () => ({ type: c.kind === 'test' ? 'digest.test' : 'digest', subscriptionId: c.subscription_id, name: s.name, ...digestJson(await read()) }),
    };
  }
  const { rows } = await rt.etl.query<Target & { channel: KpiChannel; metric: string; platform: string | null; campaign_id: string | null; paused: boolean }>(
    `SELECT * FROM app.alert_rules WHERE project_id = $1 AND rule_id = $2`,
    [c.project_id, c.rule_id],
  );
  const r = rows[0];
  if (!r) return 'the alert rule was deleted';
  if (r.paused && c.kind !== 'test') return 'the alert rule is paused';
  const firing = c.firing_id
    ? (await rt.etl.query<{ day: string; value: number | null; expected: number | null; bound: number | null }>(
        `SELECT day::text, value, expected, bound FROM app.alert_firings WHERE project_id = $1 AND firing_id = $2`,
        [c.project_id, c.firing_id],
      )).rows[0]
    : undefined;
  const unsubscribe: UnsubscribeTarget = { projectId: c.project_id, kind: 'alert', id: c.rule_id! };
  const t = stringsFor(r.locale);
  const format = metricDef(r.channel, r.metric)?.format ?? 'count';
  const metricName = `${t.channels[r.channel] ?? r.channel} · ${t.metrics[r.metric] ?? r.metric}`;
  const body = firing
    ? t.alertBody(metricName, formatValue(r.locale, format, firing.value), formatValue(r.locale, format, firing.bound), firing.day)
    : `${metricName}`;
  return {
    target: r,
    unsubscribe,
    mail: async () => {
      const url = unsubscribeUrl(rt, unsubscribe, r.locale);
      const subject = (c.kind === 'test' ? t.testPrefix : '') + t.alertSubject(r.name);
      const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
      return {
        subject,
        text: `${r.name}\n\n${body}\n\n${t.unsubscribeHint} ${t.unsubscribe}: ${url}`,
        html: `<!doctype html><html lang="${esc(r.locale)}"><head><meta charset="utf-8"><title>${esc(subject)}</title></head><body><h1 style="font:600 18px Arial,sans-serif">${esc(r.name)}</h1><p style="font:14px Arial,sans-serif">${esc(body)}</p><p style="font:12px Arial,sans-serif;color:#6b7280">${esc(t.unsubscribeHint)} <a href="${esc(url)}">${esc(t.unsubscribe)}</a></p></body></html>`,
        attachments: [],
      };
    },
    json: async () => ({
      type: c.kind === 'test' ? 'alert.test' : 'alert',
      ruleId: c.rule_id,
      name: r.name,
      channel: r.channel,
      metric: r.metric,
      platform: r.platform,
      campaignId: r.campaign_id,
      ...(firing ? { day: firing.day, value: firing.value, expected: firing.expected, bound: firing.bound } : {}),
    }),
  };
}

// --- Webhooks: the network policy and the signed POST ------------------------------------------------

function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  const v = ip.toLowerCase();
  return v === '::1' || v === '::' || v.startsWith('fc') || v.startsWith('fd') || v.startsWith('fe80') || v.startsWith('::ffff:');
}

/** https to a public address, unless REPORTS_WEBHOOK_ALLOW_LOCAL (tests, development). */
export async function checkWebhookUrl(url: string, allowLocal: boolean): Promise<void> {
  const u = new URL(url);
  if (allowLocal) return;
  if (u.protocol !== 'https:') throw new Error('webhook URL must be https');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (addresses.some(isPrivateAddress)) throw new Error('webhook URL resolves to a private or loopback address');
}

export async function postWebhook(url: string, secret: string, deliveryId: string, payload: Record<string, unknown>, allowLocal: boolean): Promise<void> {
  await checkWebhookUrl(url, allowLocal);
  const body = JSON.stringify({ deliveryId, ...payload });
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'indigitall-insights-webhook/1',
      'x-ig-delivery': deliveryId,
      'x-ig-signature': webhookSignature(secret, body, Math.floor(Date.now() / 1000)),
    },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel().catch(() => undefined);
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
}

// --- The state machine ---------------------------------------------------------------------------------

export async function processDelivery(rt: SendRuntime, projectId: string, deliveryId: string): Promise<SendOutcome> {
  const lease = rt.config.REPORTS_LEASE_S;
  const { rows } = await rt.etl.query<Claimed>(
    `UPDATE app.deliveries SET state = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $3)
     WHERE project_id = $1 AND delivery_id = $2 AND (state = 'pending' OR (state = 'sending' AND lease_until < now()))
     RETURNING project_id::text, delivery_id, owner_id, kind, subscription_id, rule_id, firing_id, period_from::text, period_to::text, attempts`,
    [projectId, deliveryId, lease],
  );
  const c = rows[0];
  if (!c) return 'skipped'; // sent, failed, or being sent by a live worker
  let recipient: string | null = null;
  try {
    const out = await outgoing(rt, c);
    if (typeof out === 'string') {
      await rt.etl.query(`UPDATE app.deliveries SET state = 'failed', lease_until = NULL, last_error = $3 WHERE project_id = $1 AND delivery_id = $2`, [projectId, deliveryId, `not sent: ${out}`]);
      return 'failed';
    }
    let messageId: string | null = null;
    if (out.target.delivery === 'email') {
      recipient = out.target.email!;
      const mail = await out.mail();
      const unsubscribe = unsubscribeUrl(rt, out.unsubscribe, out.target.locale);
      await rt.beforeDeliver?.(deliveryId);
      messageId = `<${deliveryId}@insights.indigitall>`;
      await rt.transport.sendMail({
        from: rt.config.MAIL_FROM,
        to: recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, ...(a.cid ? { cid: a.cid } : {}) })),
        messageId,
        headers: {
          'List-Unsubscribe': `<${unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'X-Ig-Delivery': deliveryId,
          'Auto-Submitted': 'auto-generated',
        },
      });
    } else {
      recipient = out.target.webhook_url!;
      const payload = { projectId, ...(await out.json()) };
      await rt.beforeDeliver?.(deliveryId);
      await postWebhook(recipient, out.target.webhook_secret!, deliveryId, payload, rt.config.REPORTS_WEBHOOK_ALLOW_LOCAL);
    }
    await rt.etl.query(
      `UPDATE app.deliveries SET state = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL, recipient = $3, message_id = $4
       WHERE project_id = $1 AND delivery_id = $2`,
      [projectId, deliveryId, recipient, messageId],
    );
    rt.log?.info({ projectId, deliveryId, kind: c.kind, attempts: c.attempts }, 'report sent');
    return 'sent';
  } catch (err) {
    const message = String((err as Error).message ?? err).slice(0, 500);
    const final = c.attempts >= rt.config.REPORTS_SEND_ATTEMPTS;
    await rt.etl.query(
      `UPDATE app.deliveries SET state = $3, lease_until = NULL, last_error = $4, recipient = coalesce($5, recipient) WHERE project_id = $1 AND delivery_id = $2`,
      [projectId, deliveryId, final ? 'failed' : 'pending', message, recipient],
    );
    rt.log?.warn({ projectId, deliveryId, attempts: c.attempts, final, err: message }, 'report send failed');
    return final ? 'failed' : 'retry';
  }
}
