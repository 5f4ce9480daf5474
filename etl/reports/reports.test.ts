/**
 * Reports and alerts end to end, on the real stack (PostgreSQL with RLS, the BFF over HTTP, the
 * simulator, pg-boss) with a real SMTP server in-process and a real webhook receiver:
 *
 *  - a weekly digest created through the BFF is sent by the worker at its local hour on the frozen
 *    business clock, once; its figures equal /v1/kpis for that week; it has a chart image, a text
 *    part, the CSV, and a one-click unsubscribe link that works;
 *  - SMTP down: the send is retried, then recorded as failed;
 *  - a worker killed with SIGKILL in the middle of the SMTP transaction: the message is sent once;
 *  - an anomaly rule fires once for a drop planted in the simulator's data, not again on the next
 *    publish, and again after recovery and a new drop; the webhook's signature verifies.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../bff/auth/jwt.js';
import { businessNow, setBusinessNow } from '../../lib/clock.js';
import { DEV_DB_PASSWORDS, roleUrl } from '../../lib/config.js';
import { addDays, todayIn } from '../../lib/dates.js';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { freePort } from '../../lib/testing/ports.js';
import { startStack, type Stack } from '../../lib/testing/stack.js';
import { findGroup } from '../groups/index.js';
import { listProjects } from '../projects.js';
import { SCHEMA } from '../scheduler/index.js';
import { startSimulator, type RunningSimulator } from '../simulator/server.js';
import { apiClients, backfillTasks, runTasks } from '../sync.js';
import { startDevSmtp, type DevSmtp } from './dev-smtp.js';
import { registerReports, type Reports, type ReportsOptions } from './index.js';
import { verifyWebhookSignature } from './signing.js';

const PROJECT = 100274; // Banco Andino, America/Bogota (UTC-5)
const TZ = 'America/Bogota';

let db: TestDatabase;
let stack: Stack;
let smtp: DevSmtp;
let etl: Pool;
let api: Pool;
let etlUrl: string;
let boss: PgBoss;
let reports: Reports | undefined;
const sent: { id: string; outcome: string }[] = [];
const evaluations: { projectId: number; fired: number; recovered: number; day: string }[] = [];
let token: string;
let editor: string;

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function call(method: string, path: string, tok: string, body?: unknown) {
  const res = await fetch(stack.api + path, {
    method,
    headers: { Authorization: `Bearer ${tok}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function startWorker(over: Partial<ReportsOptions> = {}): Promise<Reports> {
  reports = await registerReports(boss, {
    etl,
    api,
    listenUrl: etlUrl,
    config: { ...stack.config, REPORTS_PUBLIC_URL: stack.api },
    transport: nodemailer.createTransport(smtp.url),
    schedule: false,
    pollingIntervalSeconds: 0.5,
    onSend: (id, outcome) => sent.push({ id, outcome }),
    onEvaluate: (projectId, r) => evaluations.push({ projectId, fired: r.fired.length, recovered: r.recovered.length, day: r.day }),
    ...over,
  });
  return reports;
}
async function stopWorker() {
  await reports?.stop();
  reports = undefined;
}

const delivery = async (id: string) =>
  (await etl.query<{ state: string; attempts: number; last_error: string | null }>(`SELECT state, attempts, last_error FROM app.deliveries WHERE delivery_id = $1`, [id])).rows[0];

beforeAll(async () => {
  setBusinessNow('2026-11-23T12:00:00Z'); // Monday 07:00 in Bogotá
  smtp = await startDevSmtp();
  db = await testDatabase();
  stack = await startStack({
    databaseUrl: db.ownerUrl,
    syncDays: 80,
    env: { REPORTS_SEND_ATTEMPTS: '2', REPORTS_RETRY_DELAY_S: '1', REPORTS_LEASE_S: '2', REPORTS_WEBHOOK_ALLOW_LOCAL: '1' },
  });
  etlUrl = roleUrl(db.ownerUrl, 'ig_etl', DEV_DB_PASSWORDS.etl);
  etl = createPool(etlUrl, { max: 4 });
  api = createPool(stack.database.apiUrl, { max: 4 });
  boss = new PgBoss({ connectionString: etlUrl, schema: SCHEMA, max: 3, schedule: false });
  boss.on('error', () => undefined);
  await boss.start();
  token = await signToken(stack.config, { sub: 'ana', project_id: String(PROJECT), role: 'viewer' });
  editor = await signToken(stack.config, { sub: 'eva', project_id: String(PROJECT), role: 'editor' });
}, 240_000);

afterAll(async () => {
  await stopWorker();
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await etl?.end();
  await api?.end();
  await stack?.stop();
  await smtp?.close();
  await db?.drop();
  setBusinessNow(undefined);
});

const parse = (i: number): Promise<ParsedMail> => simpleParser(smtp.received[i]!.raw, { skipImageLinks: true });

describe('a weekly digest', () => {
  it('is sent once at its local hour, with the figures of /v1/kpis, a chart image, the CSV and a working unsubscribe link', async () => {
    await startWorker();
    const c = await call('POST', '/v1/subscriptions', token, {
      name: 'Push semanal',
      source: { kind: 'summary', channel: 'push' },
      frequency: 'weekly',
      weekday: 1,
      hour: 8,
      locale: 'es',
      email: 'ana@example.com',
      attachCsv: true,
    });
    expect(c.status).toBe(201);

    expect(await reports!.tick()).toMatchObject({ created: 0 }); // 07:00 local: not yet
    setBusinessNow('2026-11-23T12:59:00Z');
    expect(await reports!.tick()).toMatchObject({ created: 0 }); // 07:59
    setBusinessNow('2026-11-23T13:00:00Z'); // 08:00 in Bogotá
    expect(await reports!.tick()).toMatchObject({ created: 1 });
    expect(await reports!.tick()).toMatchObject({ created: 0 }); // the same period is never created twice
    await until('the e-mail', async () => smtp.received.length === 1);

    const mail = await parse(0);
    expect(smtp.received[0]!.to).toEqual(['ana@example.com']);
    expect(mail.subject).toBe('Push semanal: 2026-11-16 – 2026-11-22');
    const kpis = await call('GET', `/v1/kpis?channel=push&from=2026-11-16&to=2026-11-22`, token);
    expect(kpis.status).toBe(200);
    expect(kpis.body.hasData).toBe(true);
    const html = String(mail.html);
    for (const m of kpis.body.metrics) {
      expect(html, m.key).toContain(`data-metric="${m.key}" data-value="${m.value}"`);
    }
    // The plain-text part carries the same figures, formatted for Spanish.
    const sentValue = kpis.body.metrics.find((m: any) => m.key === 'sent').value;
    expect(mail.text).toContain(`Enviados: ${new Intl.NumberFormat('es', { maximumFractionDigits: 0 }).format(sentValue)}`);
    // The chart: a PNG attachment referenced by its Content-ID from the HTML.
    const png = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(png).toBeDefined();
    expect(png!.content.subarray(1, 4).toString()).toBe('PNG');
    expect(html).toContain(`src="cid:${png!.cid}"`);
    // The CSV: one row per metric with the same values.
    const csv = mail.attachments.find((a) => a.contentType.startsWith('text/csv'))!.content.toString();
    for (const m of kpis.body.metrics) expect(csv).toContain(`push,${m.key},${m.format},${m.value ?? ''},`);

    // RFC 8058: the one-click POST to the List-Unsubscribe URL pauses the subscription.
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '');
    const listUnsubscribe = header('list-unsubscribe') ?? '';
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const url = /<(https?:[^>]+)>/.exec(listUnsubscribe)![1]!;
    expect(html).toContain(url.replace(/&/g, '&amp;'));
    const r = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(200);
    expect((await call('GET', `/v1/subscriptions/${c.body.id}`, token)).body.paused).toBe(true);
    const h = await call('GET', `/v1/subscriptions/${c.body.id}/deliveries`, token);
    expect(h.body.items).toMatchObject([{ kind: 'digest', state: 'sent', attempts: 1, periodFrom: '2026-11-16', periodTo: '2026-11-22', recipient: 'ana@example.com' }]);
    expect(smtp.received).toHaveLength(1);
  });
});

describe('the worker on pg-boss', () => {
  it('installs the minute tick as a pg-boss schedule and removes it when stopped', async () => {
    await stopWorker();
    await startWorker({ schedule: true });
    const cron = async () => (await etl.query<{ cron: string }>(`SELECT cron FROM ${SCHEMA}.schedule WHERE name = 'reports-tick'`)).rows.map((r) => r.cron);
    expect(await cron()).toEqual(['* * * * *']);
    await stopWorker();
    expect(await cron()).toEqual([]);
  });
});

describe('an e-mail alert', () => {
  it('a test-send arrives in the rule\'s language with a one-click unsubscribe that pauses the rule', async () => {
    await stopWorker();
    await startWorker();
    const before = smtp.received.length;
    const { body: rule } = await call('POST', '/v1/alerts', editor, {
      name: 'Entregas push', channel: 'push', metric: 'delivered', kind: 'threshold', direction: 'below', threshold: 1000, locale: 'pt-BR', email: 'eva@example.com',
    });
    expect((await call('POST', `/v1/alerts/${rule.id}/test`, editor)).status).toBe(201);
    await until('the alert e-mail', async () => smtp.received.length === before + 1);
    const mail = await simpleParser(smtp.received[before]!.raw, { skipImageLinks: true });
    expect(smtp.received[before]!.to).toEqual(['eva@example.com']);
    expect(mail.subject).toBe('[Teste] Alerta: Entregas push');
    const url = /<(https?:[^>]+)>/.exec(mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line)![1]!;
    expect(url).toContain('&l=pt-BR');
    expect((await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    expect((await call('GET', `/v1/alerts/${rule.id}`, editor)).body.paused).toBe(true);
    await call('DELETE', `/v1/alerts/${rule.id}`, editor);
  });
});

describe('faults', () => {
  it('SMTP down: the send is retried, then recorded as failed', async () => {
    await stopWorker();
    const closedPort = await freePort();
    await startWorker({ transport: nodemailer.createTransport(`smtp://127.0.0.1:${closedPort}`) });
    const before = smtp.received.length;
    const { body: s } = await call('POST', '/v1/subscriptions', token, {
      name: 'Diario', source: { kind: 'summary', channel: 'push' }, frequency: 'daily', hour: 23, locale: 'en', email: 'ana@example.com',
    });
    const { body: d } = await call('POST', `/v1/subscriptions/${s.id}/test`, token);
    const row = await until('the send to fail', async () => {
      const r = await delivery(d.id);
      return r?.state === 'failed' ? r : undefined;
    });
    expect(row.attempts).toBe(2); // REPORTS_SEND_ATTEMPTS
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(sent.filter((x) => x.id === d.id).map((x) => x.outcome)).toEqual(['retry', 'failed']);
    expect(smtp.received.length).toBe(before);
    await call('DELETE', `/v1/subscriptions/${s.id}`, token);
  });

  it('a worker killed in the middle of the SMTP transaction: the message is sent exactly once', async () => {
    await stopWorker();
    const before = smtp.received.length;
    let child: ChildProcess | undefined;
    let release!: () => void;
    smtp.hold = new Promise<void>((r) => (release = r));
    const dataStarted = new Promise<void>((r) => (smtp.onData = r));
    try {
      child = fork('etl/reports/main.ts', [], {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          IG_NOW: businessNow().toISOString(),
          ETL_DATABASE_URL: etlUrl,
          API_DATABASE_URL: stack.database.apiUrl,
          DATABASE_URL: db.ownerUrl,
          SMTP_URL: smtp.url,
          REPORTS_PUBLIC_URL: stack.api,
          REPORTS_LEASE_S: '2',
          REPORTS_SEND_ATTEMPTS: '2',
          REPORTS_RETRY_DELAY_S: '1',
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      await until('the worker to start', async () => new Promise<boolean>((r) => child!.once('message', () => r(true))), 60_000);
      const { body: s } = await call('POST', '/v1/subscriptions', token, {
        name: 'Weekly', source: { kind: 'summary', channel: 'push' }, frequency: 'weekly', hour: 23, locale: 'pt-BR', email: 'ana@example.com',
      });
      const { body: d } = await call('POST', `/v1/subscriptions/${s.id}/test`, token);
      await dataStarted; // the child is inside the SMTP DATA of this delivery
      child.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      expect((await delivery(d.id))!.state).toBe('sending');
      smtp.hold = undefined;
      smtp.onData = undefined;
      release();
      expect(smtp.received.length).toBe(before); // the dead worker's message was never accepted

      await startWorker();
      await until('the lease to expire', async () => (await etl.query(`SELECT 1 FROM app.deliveries WHERE delivery_id = $1 AND lease_until < now()`, [d.id])).rowCount);
      await reports!.tick(); // the sweep takes the delivery up again
      await until('the resend', async () => (await delivery(d.id))!.state === 'sent');
      expect((await delivery(d.id))!.attempts).toBe(2);
      await reports!.tick();
      await new Promise((r) => setTimeout(r, 1500)); // room for a wrong second send to show up
      const copies = await Promise.all(smtp.received.slice(before).map((m) => simpleParser(m.raw)));
      expect(copies.map((m) => m.headers.get('x-ig-delivery'))).toEqual([d.id]);
      expect(copies[0]!.subject).toMatch(/^\[Teste\] Weekly: /);
      await call('DELETE', `/v1/subscriptions/${s.id}`, token);
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      release?.();
      smtp.hold = undefined;
    }
  }, 120_000);
});

describe('an alert rule', () => {
  const planted = new Set<string>();
  let sim: RunningSimulator;
  let proxy: http.Server;
  let proxyUrl: string;
  let hook: http.Server;
  const hooks: { body: string; signature: string; delivery: string }[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ rateLimit: false });
    // The planted drop: the simulator's push statistics with clicks cut to a fifth on the planted days.
    proxy = http.createServer(async (req, res) => {
      const upstream = await fetch(sim.url + req.url, { method: req.method, headers: { authorization: req.headers.authorization ?? '', 'content-type': 'application/json' }, body: req.method === 'GET' ? undefined : await new Promise<string>((r) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => r(b)); }) });
      let text = await upstream.text();
      if (/\/dateStats/.test(req.url ?? '') && upstream.ok) {
        const json = JSON.parse(text);
        const visit = (v: any): void => {
          if (Array.isArray(v)) v.forEach(visit);
          else if (v && typeof v === 'object') {
            if (typeof v.statsDate === 'string' && planted.has(v.statsDate.slice(0, 10)) && typeof v.numDevicesClicked === 'number') v.numDevicesClicked = Math.floor(v.numDevicesClicked / 5);
            Object.values(v).forEach(visit);
          }
        };
        visit(json);
        text = JSON.stringify(json);
      }
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(text);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    hook = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        hooks.push({ body: b, signature: String(req.headers['x-ig-signature']), delivery: String(req.headers['x-ig-delivery']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await new Promise((r) => proxy?.close(r));
    await new Promise((r) => hook?.close(r));
    await sim?.close();
  });

  /** Publishes the project's push data of the last days as the scheduler would: a sync run that succeeds bumps the data version. */
  async function publish() {
    const project = (await listProjects(etl)).find((p) => p.projectId === PROJECT)!;
    const summary = await runTasks(etl, backfillTasks([project], [findGroup('push')!], 4, businessNow()), { clients: apiClients(proxyUrl), concurrency: 1 });
    expect(summary.failures).toEqual([]);
  }

  it('fires once for a planted drop, not again on the next publish, and again after recovery and a new drop; the webhook verifies', async () => {
    await stopWorker();
    await startWorker();
    const c = await call('POST', '/v1/alerts', editor, {
      name: 'CTR push', channel: 'push', metric: 'ctr', kind: 'anomaly', direction: 'below', locale: 'es',
      delivery: 'webhook', webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/ig`,
    });
    expect(c.status).toBe(201);
    const secret = c.body.webhookSecret as string;
    const evaluatedAfter = async (n: number) => until(`evaluation ${n}`, async () => evaluations.filter((e) => e.projectId === PROJECT).length >= n);
    let n = evaluations.filter((e) => e.projectId === PROJECT).length;

    // Tuesday noon in Bogotá: yesterday (Monday) carries the planted drop.
    setBusinessNow('2026-11-24T17:00:00Z');
    const day1 = addDays(todayIn(TZ, businessNow()), -1);
    planted.add(day1);
    await publish();
    await evaluatedAfter(++n);
    await until('the webhook', async () => hooks.length === 1);
    expect(evaluations.at(-1)).toMatchObject({ day: day1, fired: 1 });

    // The next publish with the breach still there: evaluated, not notified again.
    await publish();
    await evaluatedAfter(++n);
    expect(evaluations.at(-1)).toMatchObject({ day: day1, fired: 0, recovered: 0 });

    // A normal day: recovered.
    setBusinessNow('2026-11-25T17:00:00Z');
    await publish();
    await evaluatedAfter(++n);
    expect(evaluations.at(-1)).toMatchObject({ fired: 0, recovered: 1 });
    expect((await call('GET', `/v1/alerts/${c.body.id}`, editor)).body.state).toBe('ok');

    // A new drop: fires again.
    setBusinessNow('2026-11-26T17:00:00Z');
    const day3 = addDays(todayIn(TZ, businessNow()), -1);
    planted.add(day3);
    await publish();
    await evaluatedAfter(++n);
    await until('the second webhook', async () => hooks.length === 2);
    await new Promise((r) => setTimeout(r, 1000));
    expect(hooks).toHaveLength(2);

    for (const h of hooks) {
      expect(verifyWebhookSignature(secret, h.body, h.signature, Math.floor(Date.now() / 1000))).toBe(true);
      expect(verifyWebhookSignature(secret, h.body.replace('"alert"', '"alerT"'), h.signature, Math.floor(Date.now() / 1000))).toBe(false);
      expect(verifyWebhookSignature('whsec_wrong', h.body, h.signature, Math.floor(Date.now() / 1000))).toBe(false);
    }
    const bodies = hooks.map((h) => JSON.parse(h.body));
    expect(bodies.map((b) => [b.type, b.day, b.ruleId, b.projectId])).toEqual([
      ['alert', day1, c.body.id, String(PROJECT)],
      ['alert', day3, c.body.id, String(PROJECT)],
    ]);
    expect(bodies[0].value).toBeLessThan(bodies[0].bound);
    expect(bodies[0].bound).toBeLessThan(bodies[0].expected);
    const f = await call('GET', `/v1/alerts/${c.body.id}/firings`, editor);
    expect(f.body.items.map((x: any) => [x.day, x.recoveredAt === null])).toEqual([
      [day3, true],
      [day1, false],
    ]);
    expect(f.body.deliveries.map((x: any) => x.state)).toEqual(['sent', 'sent']);

    // Another project's user sees none of it and received nothing.
    const other = await signToken(stack.config, { sub: 'eva', project_id: '100275', role: 'admin' });
    expect((await call('GET', `/v1/alerts/${c.body.id}/firings`, other)).status).toBe(404);
    expect((await call('GET', '/v1/alerts?scope=all', other)).body.items).toEqual([]);
  }, 180_000);
});
