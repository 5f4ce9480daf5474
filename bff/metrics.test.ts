/**
 * GET /v1/kpis (every channel), /v1/timeseries, /v1/breakdown and /v1/heatmap over real HTTP against
 * the real stack (PostgreSQL with RLS, synced from the simulator). Send statistics are checked against
 * the simulator's generators; chat figures against an owner query over staging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { addDays, datesBetween, weekday } from '../lib/dates.js';
import { DEMO_PROJECTS } from '../etl/simulator/catalog.js';
import { expectProblem, generatorDaily, generatorHeatmap, get as getAt, sumOf, windows, type Daily } from './endpoints-testkit.js';

let db: TestDatabase;
let stack: Stack;
let owner: pg.Client;
const IDS = DEMO_PROJECTS.map((p) => String(p.id));

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, groups: ['push', 'inapp', 'sms', 'email', 'wallet', 'chat'], syncDays: 40 });
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await stack?.stop();
  await db?.drop();
});

const get = (path: string, id: string | undefined = '100274', headers: Record<string, string> = {}) =>
  getAt(stack, path, id === undefined ? undefined : stack.tokens[id], headers);

interface MetricBody {
  key: string;
  format: string;
  value: number | null;
  previous: number | null;
  change: number | null;
}
const metricsOf = (body: { metrics: MetricBody[] }) => Object.fromEntries(body.metrics.map((m) => [m.key, m]));
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const close = (actual: number | null, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 9);
};

/** Chat sent/delivered/read per local day from staging, as the project owner sees it. */
async function stagingChat(id: string, from: string, to: string) {
  const { rows } = await owner.query<{ sent: number; delivered: number; read: number; days: number }>(
    `SELECT coalesce(sum(sent), 0)::int AS sent, coalesce(sum(delivered), 0)::int AS delivered, coalesce(sum(read), 0)::int AS read, count(*)::int AS days
     FROM staging.chat_stats_daily WHERE project_id = $1 AND day BETWEEN $2 AND $3`,
    [id, from, to],
  );
  return rows[0]!;
}

describe('GET /v1/kpis for every channel', () => {
  type Case = [string, 'push' | 'inapp' | 'sms' | 'email' | 'wallet', (d: Daily, p: { from: string; to: string }) => Record<string, number | null>];
  const s = (d: Daily, k: string, p: { from: string; to: string }) => sumOf(d, k, p.from, p.to);
  const cases: Case[] = [
    ['push', 'push', (d, p) => ({ sent: s(d, 'sent', p), delivered: s(d, 'delivered', p), clicked: s(d, 'clicked', p), ctr: ratio(s(d, 'clicked', p), s(d, 'sent', p)) })],
    ['inapp', 'inapp', (d, p) => ({
      impressions: s(d, 'impressions', p), clicked: s(d, 'clicked', p), dismissed: s(d, 'dismissed', p),
      ctr: ratio(s(d, 'clicked', p), s(d, 'impressions', p)), dismissRate: ratio(s(d, 'dismissed', p), s(d, 'impressions', p)),
    })],
    ['sms', 'sms', (d, p) => ({
      sent: s(d, 'sent', p), delivered: s(d, 'delivered', p), clicked: s(d, 'clicked', p), rejected: s(d, 'rejected', p), cost: s(d, 'cost', p),
      deliveryRate: ratio(s(d, 'delivered', p), s(d, 'sent', p)), ctr: ratio(s(d, 'clicked', p), s(d, 'delivered', p)),
    })],
    ['email', 'email', (d, p) => ({
      sent: s(d, 'sent', p), delivered: s(d, 'delivered', p), opened: s(d, 'opened', p), clicked: s(d, 'clicked', p),
      bounced: s(d, 'bounced', p), unsubscribed: s(d, 'unsubscribed', p), spamReports: s(d, 'spamReports', p),
      deliveryRate: ratio(s(d, 'delivered', p), s(d, 'sent', p)), openRate: ratio(s(d, 'opened', p), s(d, 'delivered', p)),
      ctr: ratio(s(d, 'clicked', p), s(d, 'delivered', p)), clickToOpenRate: ratio(s(d, 'clicked', p), s(d, 'opened', p)),
      bounceRate: ratio(s(d, 'bounced', p), s(d, 'sent', p)), unsubscribeRate: ratio(s(d, 'unsubscribed', p), s(d, 'delivered', p)),
    })],
    ['wallet', 'wallet', (d, p) => ({
      issued: s(d, 'issued', p), installed: s(d, 'installed', p), uninstalled: s(d, 'uninstalled', p), updates: s(d, 'updates', p),
      installRate: ratio(s(d, 'installed', p), s(d, 'issued', p)),
    })],
  ];
  const grid = cases.flatMap(([channel, gen, expected]) => IDS.map((id) => [channel, id, gen, expected] as const));

  it.each(grid)('%s of project %s equals the generator, with the previous period and its change', async (channel, id, gen, expected) => {
    const { period, previousPeriod } = windows(id);
    const r = await get(`/v1/kpis?channel=${channel}&from=${period.from}&to=${period.to}`, id);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ projectId: id, channel, period, previousPeriod, currency: null });
    const daily = generatorDaily(id, gen, previousPeriod.from, period.to);
    const now = expected(daily, period);
    const before = expected(daily, previousPeriod);
    const m = metricsOf(r.body);
    expect(Object.keys(m)).toEqual(Object.keys(now));
    for (const key of Object.keys(now)) {
      close(m[key]!.value, now[key]!);
      close(m[key]!.previous, before[key]!);
      if (m[key]!.format === 'ratio') {
        close(m[key]!.change, now[key] !== null && before[key] !== null ? now[key]! - before[key]! : null);
      } else {
        close(m[key]!.change, before[key]! > 0 ? (now[key]! - before[key]!) / before[key]! : null);
      }
    }
    expect(r.body.hasData).toBe(datesBetween(period.from, period.to).some((d) => daily.has(d)));
    if (channel === 'sms') expect(m.cost!.format).toBe('currency');
  });

  it('push keeps exactly the four metrics of ADR 003 (what <ig-channel-kpis> shows), read from the one source', async () => {
    const r = await get('/v1/kpis?channel=push');
    expect(r.body.metrics.map((m: MetricBody) => m.key)).toEqual(['sent', 'delivered', 'clicked', 'ctr']);
    // channel_daily's push rows (what the BFF reads) equal push_daily's (ADR 003's table).
    const { rows } = await owner.query(
      `(SELECT project_id, day, platform, sent, delivered, clicked FROM marts.channel_daily WHERE channel = 'push'
        EXCEPT SELECT project_id, day, platform, sent, received, clicked FROM marts.push_daily)
       UNION ALL
       (SELECT project_id, day, platform, sent, received, clicked FROM marts.push_daily
        EXCEPT SELECT project_id, day, platform, sent, delivered, clicked FROM marts.channel_daily WHERE channel = 'push')`,
    );
    expect(rows).toEqual([]);
  });

  it.each(IDS.filter((id) => id !== '100275'))('chat of project %s equals staging (sent, delivered, read, rates)', async (id) => {
    const { period, previousPeriod } = windows(id);
    const r = await get(`/v1/kpis?channel=chat&from=${period.from}&to=${period.to}`, id);
    const now = await stagingChat(id, period.from, period.to);
    const before = await stagingChat(id, previousPeriod.from, previousPeriod.to);
    expect(now.sent).toBeGreaterThan(0);
    const m = metricsOf(r.body);
    expect(Object.keys(m)).toEqual(['sent', 'delivered', 'read', 'deliveryRate', 'readRate']);
    expect([m.sent!.value, m.delivered!.value, m.read!.value]).toEqual([now.sent, now.delivered, now.read]);
    expect([m.sent!.previous, m.delivered!.previous, m.read!.previous]).toEqual([before.sent, before.delivered, before.read]);
    close(m.readRate!.value, ratio(now.read, now.delivered));
    close(m.deliveryRate!.value, ratio(now.delivered, now.sent));
  });

  it('a project without chat gets zeros, null rates and hasData false', async () => {
    const { period } = windows('100275');
    const r = await get(`/v1/kpis?channel=chat&from=${period.from}&to=${period.to}`, '100275');
    expect(r.body.hasData).toBe(false);
    expect(metricsOf(r.body).sent).toMatchObject({ value: 0, previous: 0, change: null });
    expect(metricsOf(r.body).readRate).toMatchObject({ value: null, previous: null, change: null });
  });

  it.each(IDS)('all of project %s: cross-channel totals of the message channels and every channel’s own metrics', async (id) => {
    const { period } = windows(id);
    const r = await get(`/v1/kpis?channel=all&from=${period.from}&to=${period.to}`, id);
    expect(r.status, r.text).toBe(200);
    const gen = (c: 'push' | 'sms' | 'email', k: string) => sumOf(generatorDaily(id, c, period.from, period.to), k, period.from, period.to);
    const chat = await stagingChat(id, period.from, period.to);
    const sent = gen('push', 'sent') + gen('sms', 'sent') + gen('email', 'sent') + chat.sent;
    const clicked = gen('push', 'clicked') + gen('sms', 'clicked') + gen('email', 'clicked');
    const m = metricsOf(r.body);
    expect(Object.keys(m)).toEqual(['sent', 'delivered', 'clicked', 'deliveryRate', 'ctr']);
    expect(m.sent!.value).toBe(sent);
    expect(m.delivered!.value).toBe(gen('push', 'delivered') + gen('sms', 'delivered') + gen('email', 'delivered') + chat.delivered);
    expect(m.clicked!.value).toBe(clicked);
    close(m.ctr!.value, clicked / (gen('push', 'sent') + gen('sms', 'sent') + gen('email', 'sent')));
    const summary = Object.fromEntries(r.body.channels.map((c: { channel: string; metrics: MetricBody[] }) => [c.channel, metricsOf(c)]));
    expect(summary.push.sent.value).toBe(gen('push', 'sent'));
    expect(summary.email.opened.value).toBe(gen('email', 'opened'));
    expect(Boolean(summary.chat)).toBe(id !== '100275');
    const wallet = sumOf(generatorDaily(id, 'wallet', period.from, period.to), 'issued', period.from, period.to);
    expect(summary.wallet.issued.value).toBe(wallet);
  });

  it('CSV lists every metric of channel=all, each channel’s too', async () => {
    const r = await get('/v1/kpis?channel=all', '100276', { Accept: 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/csv/);
    const lines = r.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('channel,metric,format,value,previous,change');
    expect(lines.some((l) => l.startsWith('all,sent,count,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('email,openRate,ratio,'))).toBe(true);
  });
});

describe('GET /v1/timeseries', () => {
  it.each(IDS)('project %s: the default period ends on its own local today (zones differ), whose figure is that local day’s', async (id) => {
    const { today } = windows(id);
    const r = await get('/v1/timeseries?channel=push&metric=sent', id);
    expect(r.body.period).toEqual({ from: addDays(today, -29), to: today });
    expect(r.body.timeZone).toBe(DEMO_PROJECTS.find((p) => String(p.id) === id)!.timeZone);
    const points = r.body.series[0].points;
    expect(points).toHaveLength(30);
    expect(points[29]).toMatchObject({ bucket: today, value: sumOf(generatorDaily(id, 'push', today, today), 'sent', today, today) });
  });

  it.each(IDS)('daily push sent of project %s: one zero-filled point per local day, equal to the generator', async (id) => {
    const { today } = windows(id);
    const from = addDays(today, -49); // ten days before the first synced day
    const r = await get(`/v1/timeseries?channel=push&metric=sent&from=${from}&to=${today}`, id);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ projectId: id, period: { from, to: today }, interval: 'day', split: null, previousPeriod: null, format: 'count' });
    const points = r.body.series[0].points;
    expect(r.body.series).toHaveLength(1);
    expect(points.map((p: { bucket: string }) => p.bucket)).toEqual(datesBetween(from, today));
    const synced = addDays(today, -39);
    const gen = generatorDaily(id, 'push', synced, today);
    for (const p of points) {
      expect(p.from).toBe(p.bucket);
      expect(p.to).toBe(p.bucket);
      expect(p.value).toBe(p.bucket < synced ? 0 : sumOf(gen, 'sent', p.bucket, p.bucket));
    }
  });

  it('ratios per bucket are the ratio of the bucket’s sums, null on days without data', async () => {
    const { today } = windows('100275');
    const from = addDays(today, -44);
    const r = await get(`/v1/timeseries?channel=push&metric=ctr&from=${from}&to=${today}`, '100275');
    const gen = generatorDaily('100275', 'push', from, today);
    const synced = addDays(today, -39);
    for (const p of r.body.series[0].points) {
      if (p.bucket < synced) expect(p.value).toBeNull();
      else close(p.value, sumOf(gen, 'clicked', p.bucket, p.bucket) / sumOf(gen, 'sent', p.bucket, p.bucket));
    }
  });

  it('ISO weeks start on Monday; the first and last weeks are clipped to the period', async () => {
    const { today } = windows('100276');
    let from = addDays(today, -30);
    while (weekday(from) !== 3) from = addDays(from, 1); // a Wednesday
    const to = addDays(from, 20); // a Tuesday, three weeks later
    const r = await get(`/v1/timeseries?channel=email&metric=sent&interval=week&from=${from}&to=${to}`, '100276');
    expect(r.status, r.text).toBe(200);
    const points = r.body.series[0].points;
    expect(points).toHaveLength(4);
    expect(points[0]).toMatchObject({ bucket: addDays(from, -2), from, to: addDays(from, 4) });
    expect(points[3]).toMatchObject({ bucket: addDays(to, -1), from: addDays(to, -1), to });
    const gen = generatorDaily('100276', 'email', from, to);
    for (const p of points) {
      expect(weekday(p.bucket)).toBe(1);
      expect(p.value).toBe(sumOf(gen, 'sent', p.from, p.to));
    }
    expect(points.reduce((a: number, p: { value: number }) => a + p.value, 0)).toBe(sumOf(gen, 'sent', from, to));
  });

  it('months: buckets start on the 1st, clipped to the period', async () => {
    const { today } = windows('100274');
    const from = addDays(today, -39);
    const r = await get(`/v1/timeseries?channel=sms&metric=cost&interval=month&from=${from}&to=${today}`, '100274');
    const points = r.body.series[0].points;
    expect(r.body.format).toBe('currency');
    expect(points[0]).toMatchObject({ bucket: `${from.slice(0, 7)}-01`, from });
    expect(points[points.length - 1]).toMatchObject({ bucket: `${today.slice(0, 7)}-01`, to: today });
    const gen = generatorDaily('100274', 'sms', from, today);
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      expect(p.bucket.endsWith('-01')).toBe(true);
      if (i > 0) expect(p.from).toBe(p.bucket);
      if (i < points.length - 1) expect(addDays(p.to, 1).endsWith('-01')).toBe(true);
      expect(p.value).toBeCloseTo(sumOf(gen, 'cost', p.from, p.to), 6);
    }
  });

  it('compare=previous aligns the previous period by offset, bucket by bucket', async () => {
    const { period, previousPeriod } = windows('100275');
    const r = await get(`/v1/timeseries?channel=push&metric=clicked&compare=previous&from=${period.from}&to=${period.to}`, '100275');
    expect(r.body.previousPeriod).toEqual(previousPeriod);
    const gen = generatorDaily('100275', 'push', previousPeriod.from, period.to);
    const points = r.body.series[0].points;
    expect(points).toHaveLength(14);
    points.forEach((p: { bucket: string; value: number; previous: number }, i: number) => {
      expect(p.value).toBe(sumOf(gen, 'clicked', p.bucket, p.bucket));
      const aligned = addDays(previousPeriod.from, i);
      expect(p.previous).toBe(sumOf(gen, 'clicked', aligned, aligned));
    });
    // weeks: each bucket's previous covers the same days shifted by the period's length
    const w = await get(`/v1/timeseries?channel=push&metric=clicked&interval=week&compare=previous&from=${period.from}&to=${period.to}`, '100275');
    for (const p of w.body.series[0].points) {
      expect(p.previous).toBe(sumOf(gen, 'clicked', addDays(p.from, -14), addDays(p.to, -14)));
    }
  });

  it('split=platform adds one series per platform that add up to the total', async () => {
    const { period } = windows('100276');
    const r = await get(`/v1/timeseries?channel=push&metric=sent&split=platform&from=${period.from}&to=${period.to}`, '100276');
    expect(r.body.split).toBe('platform');
    expect(r.body.series.map((s: { platform: string | null }) => s.platform)).toEqual([null, 'android', 'ios', 'web']);
    const gen = generatorDaily('100276', 'push', period.from, period.to);
    for (const s of r.body.series.slice(1)) {
      for (const p of s.points) expect(p.value).toBe(sumOf(gen, 'sent', p.bucket, p.bucket, s.platform));
    }
  });

  it('CSV: one row per series and bucket', async () => {
    const { period } = windows('100274');
    const r = await get(`/v1/timeseries?channel=push&metric=sent&split=platform&compare=previous&from=${period.from}&to=${period.to}`, '100274', { Accept: 'text/csv' });
    expect(r.type).toMatch(/^text\/csv/);
    const lines = r.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('series,bucket,from,to,value,previous');
    expect(lines).toHaveLength(1 + 3 * 14); // total, android, ios
    expect(lines[1]).toMatch(new RegExp(`^total,${period.from},${period.from},${period.from},\\d+,\\d+$`));
  });
});

describe('GET /v1/breakdown', () => {
  it.each(IDS)('by platform: push sent of project %s per platform, with shares', async (id) => {
    const { period } = windows(id);
    const r = await get(`/v1/breakdown?by=platform&channel=push&metric=sent&from=${period.from}&to=${period.to}`, id);
    expect(r.status, r.text).toBe(200);
    const gen = generatorDaily(id, 'push', period.from, period.to);
    const total = sumOf(gen, 'sent', period.from, period.to);
    expect(r.body).toMatchObject({ projectId: id, by: 'platform', channel: 'push', metric: 'sent', format: 'count', total });
    for (const row of r.body.rows) {
      expect(row.value).toBe(sumOf(gen, 'sent', period.from, period.to, row.key));
      close(row.share, row.value / total);
    }
    expect(r.body.rows.map((x: { value: number }) => x.value)).toEqual([...r.body.rows.map((x: { value: number }) => x.value)].sort((a, b) => b - a));
  });

  it('by platform with a ratio: each platform’s own ratio, the total is the overall ratio', async () => {
    const { period } = windows('100275');
    const r = await get(`/v1/breakdown?by=platform&channel=inapp&metric=ctr&from=${period.from}&to=${period.to}`, '100275');
    const gen = generatorDaily('100275', 'inapp', period.from, period.to);
    close(r.body.total, ratio(sumOf(gen, 'clicked', period.from, period.to), sumOf(gen, 'impressions', period.from, period.to)));
    for (const row of r.body.rows) {
      expect(row.share).toBeNull();
      close(row.value, ratio(sumOf(gen, 'clicked', period.from, period.to, row.key), sumOf(gen, 'impressions', period.from, period.to, row.key)));
    }
  });

  it('by channel: every channel that has the metric, with its own definition of it', async () => {
    const id = '100274';
    const { period } = windows(id);
    const r = await get(`/v1/breakdown?by=channel&metric=sent&from=${period.from}&to=${period.to}`, id);
    const value = Object.fromEntries(r.body.rows.map((x: { key: string; value: number }) => [x.key, x.value]));
    const g = (c: 'push' | 'sms' | 'email') => sumOf(generatorDaily(id, c, period.from, period.to), 'sent', period.from, period.to);
    expect(value).toEqual({ push: g('push'), sms: g('sms'), email: g('email'), chat: (await stagingChat(id, period.from, period.to)).sent });
    const ctr = await get(`/v1/breakdown?by=channel&metric=ctr&from=${period.from}&to=${period.to}`, id);
    expect(ctr.body.total).toBeNull();
    expect(ctr.body.rows.map((x: { key: string }) => x.key).sort()).toEqual(['email', 'push', 'sms'].concat(ctr.body.rows.some((x: { key: string }) => x.key === 'inapp') ? ['inapp'] : []).sort());
  });

  it.each(['100274', '100276'])('by category: chat messages of project %s per WhatsApp category equal staging', async (id) => {
    const { period } = windows(id);
    const r = await get(`/v1/breakdown?by=category&from=${period.from}&to=${period.to}`, id);
    expect(r.status, r.text).toBe(200);
    const { rows } = await owner.query<{ category: string; messages: number }>(
      `SELECT category, sum(messages)::int AS messages FROM staging.chat_stats_categories
       WHERE project_id = $1 AND day BETWEEN $2 AND $3 GROUP BY category`,
      [id, period.from, period.to],
    );
    expect(Object.fromEntries(r.body.rows.map((x: { key: string; value: number }) => [x.key, x.value]))).toEqual(Object.fromEntries(rows.map((x) => [x.category, x.messages])));
    expect(r.body).toMatchObject({ channel: 'chat', metric: 'messages', total: rows.reduce((a, x) => a + x.messages, 0) });
  });

  it('CSV escapes quotes and commas and defuses formulas', async () => {
    // A category name no real row has, planted on a day outside the synced range.
    await owner.query(`INSERT INTO marts.chat_categories (project_id, day, category, messages) VALUES (100274, '2001-03-01', '=HYPERLINK("x"),y', 5)`);
    const r = await get('/v1/breakdown?by=category&from=2001-03-01&to=2001-03-01', '100274', { Accept: 'text/csv' });
    expect(r.type).toMatch(/^text\/csv/);
    expect(r.text).toBe(`category,messages,share\r\n"'=HYPERLINK(""x""),y",5,1\r\n`);
    // another project does not see the planted row
    const other = await get('/v1/breakdown?by=category&from=2001-03-01&to=2001-03-01', '100276');
    expect(other.body.rows).toEqual([]);
  });
});

describe('GET /v1/heatmap', () => {
  it.each(IDS)('project %s: local weekday × hour equal the hourly generator, and the best cells follow the volume rule', async (id) => {
    const { period } = windows(id);
    const r = await get(`/v1/heatmap?from=${period.from}&to=${period.to}`, id);
    expect(r.status, r.text).toBe(200);
    expect(r.body.cells).toHaveLength(168);
    const gen = generatorHeatmap(id, period.from, period.to);
    for (const c of r.body.cells) {
      const g = gen.get(`${c.weekday}|${c.hour}`) ?? { sent: 0, clicked: 0 };
      expect([c.sent, c.clicked]).toEqual([g.sent, g.clicked]);
      close(c.ctr, ratio(g.clicked, g.sent));
    }
    const cells = [...gen.values()].filter((c) => c.sent > 0);
    const threshold = Math.max(100, Math.ceil((cells.reduce((a, c) => a + c.sent, 0) / cells.length) * 0.25));
    expect(r.body.minSent).toBe(threshold);
    const eligible = [...gen].filter(([, c]) => c.sent >= threshold).map(([k, c]) => ({ k, ctr: c.clicked / c.sent })).sort((a, b) => b.ctr - a.ctr);
    expect(r.body.best.map((b: { weekday: number; hour: number }) => `${b.weekday}|${b.hour}`)).toEqual(eligible.slice(0, 3).map((e) => e.k));
    expect(r.body.best.map((b: { rank: number }) => b.rank)).toEqual([1, 2, 3]);
  });

  it('a platform filter reads that platform only', async () => {
    const { period } = windows('100275');
    const r = await get(`/v1/heatmap?platform=web&from=${period.from}&to=${period.to}`, '100275');
    const gen = generatorHeatmap('100275', period.from, period.to, 'web');
    expect(r.body.platform).toBe('web');
    expect(r.body.cells.reduce((a: number, c: { sent: number }) => a + c.sent, 0)).toBe([...gen.values()].reduce((a, c) => a + c.sent, 0));
  });

  it('a cell with 3 sends cannot be the best time to send, whatever its CTR', async () => {
    // 2001-01-01 is a Monday; planted outside the synced days of project 100276.
    await owner.query(
      `INSERT INTO marts.push_hourly (project_id, day, hour, platform, hour_start_utc, sent, success, received, clicked) VALUES
         (100276, '2001-01-01', 9, 'android', '2001-01-01T15:00Z', 5000, 5000, 5000, 250),
         (100276, '2001-01-01', 10, 'android', '2001-01-01T16:00Z', 4000, 4000, 4000, 120),
         (100276, '2001-01-02', 3, 'android', '2001-01-02T09:00Z', 3, 3, 3, 3),
         (100276, '2001-01-03', 20, 'android', '2001-01-03T02:00Z', 600, 600, 600, 60)`,
    );
    const r = await get('/v1/heatmap?from=2001-01-01&to=2001-01-07', '100276');
    const cell = (wd: number, h: number) => r.body.cells.find((c: { weekday: number; hour: number }) => c.weekday === wd && c.hour === h);
    expect(cell(2, 3)).toMatchObject({ sent: 3, clicked: 3, ctr: 1 });
    // average of the 4 non-empty cells = 2400.75 → a cell needs ≥ 601 sends
    expect(r.body.minSent).toBe(601);
    expect(r.body.best.map((b: { weekday: number; hour: number; rank: number }) => [b.weekday, b.hour, b.rank])).toEqual([[1, 9, 1], [1, 10, 2]]);
    // minSent raises the bar; nothing qualifies above every cell's volume
    const strict = await get('/v1/heatmap?from=2001-01-01&to=2001-01-07&minSent=4500', '100276');
    expect(strict.body.best.map((b: { hour: number }) => b.hour)).toEqual([9]);
    expect((await get('/v1/heatmap?from=2001-01-01&to=2001-01-07&minSent=9999', '100276')).body.best).toEqual([]);
    // other projects see none of it
    const other = await get('/v1/heatmap?from=2001-01-01&to=2001-01-07', '100274');
    expect(other.body.cells.every((c: { sent: number }) => c.sent === 0)).toBe(true);
    expect(other.body.best).toEqual([]);
  });

  it('CSV: 168 cells with the best rank', async () => {
    const r = await get('/v1/heatmap?from=2001-01-01&to=2001-01-07', '100276', { Accept: 'text/csv' });
    const lines = r.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('weekday,hour,sent,clicked,ctr,bestRank');
    expect(lines).toHaveLength(169);
    expect(lines).toContain('1,9,5000,250,0.05,1');
    expect(lines).toContain('2,3,3,3,1,');
  });
});

describe('bad parameters → 400 naming them', () => {
  it.each([
    ['channel', '/v1/kpis?channel=fax'],
    ['metric', '/v1/timeseries?channel=push'],
    ['metric', '/v1/timeseries?channel=push&metric=bogus'],
    ['metric', '/v1/timeseries?channel=push&metric=impressions'],
    ['channel', '/v1/timeseries?metric=sent'],
    ['interval', '/v1/timeseries?channel=push&metric=sent&interval=year'],
    ['split', '/v1/timeseries?channel=push&metric=sent&split=campaign'],
    ['compare', '/v1/timeseries?channel=push&metric=sent&compare=lastyear'],
    ['from', '/v1/timeseries?channel=push&metric=sent&from=2026-02-30'],
    ['from', '/v1/timeseries?channel=push&metric=sent&from=2020-01-01&to=2026-01-01'],
    ['to', '/v1/timeseries?channel=push&metric=sent&to=tomorrow'],
    ['limit', '/v1/timeseries?channel=push&metric=sent&limit=3'],
    ['by', '/v1/breakdown'],
    ['by', '/v1/breakdown?by=country'],
    ['channel', '/v1/breakdown?by=platform'],
    ['channel', '/v1/breakdown?by=channel&channel=push'],
    ['channel', '/v1/breakdown?by=category&channel=sms'],
    ['metric', '/v1/breakdown?by=category&metric=sent'],
    ['metric', '/v1/breakdown?by=platform&channel=wallet&metric=sent'],
    ['metric', '/v1/breakdown?by=channel&metric=nope'],
    ['platform', '/v1/heatmap?platform=apple'],
    ['minSent', '/v1/heatmap?minSent=0'],
    ['minSent', '/v1/heatmap?minSent=ten'],
    ['minSent', '/v1/heatmap?minSent=1.5'],
    ['to', '/v1/heatmap?from=2026-01-10&to=2026-01-0'],
    ['from', '/v1/heatmap?from=2026-01-10&to=2026-01-01'],
    ['x', '/v1/heatmap?x=1'],
  ])('%s: %s', async (param, path) => {
    expectProblem(await get(path), 400, 'invalid_parameter', param);
  });
});

describe('isolation and contract', () => {
  it('each project sees only its own numbers', async () => {
    const sent = new Set<number>();
    for (const id of IDS) {
      const { period } = windows(id);
      const r = await get(`/v1/timeseries?channel=email&metric=sent&from=${period.from}&to=${period.to}`, id);
      const total = r.body.series[0].points.reduce((a: number, p: { value: number }) => a + p.value, 0);
      expect(total).toBe(sumOf(generatorDaily(id, 'email', period.from, period.to), 'sent', period.from, period.to));
      sent.add(total);
    }
    expect(sent.size).toBe(3);
    expectProblem(await get('/v1/breakdown?by=channel&project=100275', '100274'), 403, 'forbidden_project');
    expectProblem(await getAt(stack, '/v1/heatmap', undefined), 401, 'unauthorized');
  });

  it('/openapi.json lists the operations with their parameters', async () => {
    const doc = await (await fetch(stack.api + '/openapi.json')).json();
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId: string; parameters: { name: string }[] }>>).flatMap((p) => Object.values(p));
    const byId = Object.fromEntries(ops.map((o) => [o.operationId, o]));
    for (const id of ['getKpis', 'getMeta', 'getTimeseries', 'getBreakdown', 'getHeatmap', 'getDevices', 'getWallet', 'getChat']) expect(byId[id], id).toBeDefined();
    expect(byId.getTimeseries!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['channel', 'metric', 'interval', 'split', 'compare', 'from', 'to', 'project']));
    expect(doc.paths['/v1/heatmap'].get.responses['200'].content['text/csv']).toBeDefined();
  });
});
