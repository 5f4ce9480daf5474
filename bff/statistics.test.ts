/**
 * GET /v1/meta, /v1/devices, /v1/wallet and /v1/chat over real HTTP against the real stack (one stack
 * with the devices, wallet and chat groups). Devices and wallet are checked against the simulator's
 * generators; chat figures against independent owner queries over staging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { startStack, type Stack } from '../lib/testing/stack.js';
import { addDays, datesBetween } from '../lib/dates.js';
import { signToken } from './auth/jwt.js';
import { DEMO_PROJECTS } from '../etl/simulator/catalog.js';
import { expectProblem, generatorDaily, get as getAt, project, sumOf, windows } from './endpoints-testkit.js';

let db: TestDatabase;
let stack: Stack;
let owner: pg.Client;
const IDS = DEMO_PROJECTS.map((p) => String(p.id));
const SYNC_DAYS = 40;

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, groups: ['devices', 'wallet', 'chat'], syncDays: SYNC_DAYS });
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await stack?.stop();
  await db?.drop();
});

const get = (path: string, id = '100274', headers: Record<string, string> = {}) => getAt(stack, path, stack.tokens[id], headers);
const csvLines = (text: string) => text.trimEnd().split('\r\n');

describe('GET /v1/meta', () => {
  it.each(IDS)('project %s: name, zone, default locale, channels and freshness per data group', async (id) => {
    const r = await get('/v1/meta', id);
    expect(r.status, r.text).toBe(200);
    const p = project(id);
    expect(r.body).toMatchObject({ projectId: id, name: p.name, timeZone: p.timeZone, locale: 'es' });
    // wallet has data everywhere; chat has data where chat is enabled and is listed anyway where its
    // group has synced (100275 has no chat: synced, no data); push was not synced here.
    expect(r.body.channels).toEqual(['chat', 'wallet']);
    const chat = r.body.channelStatus.find((c: { channel: string }) => c.channel === 'chat');
    expect(chat).toEqual({ channel: 'chat', hasData: p.chatEnabled, synced: true });
    expect(r.body.channelStatus.find((c: { channel: string }) => c.channel === 'push')).toEqual({ channel: 'push', hasData: false, synced: false });
    expect(r.body.freshness.map((f: { group: string }) => f.group)).toEqual(['chat', 'devices', 'wallet']);
    const { today } = windows(id);
    for (const f of r.body.freshness) {
      expect(f).toMatchObject({ watermark: today, stale: false });
      expect(Date.now() - Date.parse(f.lastSuccessAt)).toBeLessThan(10 * 60_000);
    }
    expect(r.body.freshness.find((f: { group: string }) => f.group === 'chat').tier).toBe('15min');
  });

  it("takes the token's locale; is never served from a cache across users", async () => {
    const en = await signToken(stack.config, { sub: 'u-en', project_id: '100275', locale: 'en' });
    expect((await getAt(stack, '/v1/meta', en)).body.locale).toBe('en');
    expect((await get('/v1/meta', '100275')).body.locale).toBe('es');
    expect((await getAt(stack, '/v1/meta', en)).body.locale).toBe('en');
  });

  it('a stale group says so', async () => {
    await owner.query(`UPDATE app.sync_state SET last_success_at = now() - interval '3 days' WHERE project_id = 100276 AND data_group = 'wallet'`);
    const r = await get('/v1/meta', '100276');
    expect(r.body.freshness.find((f: { group: string }) => f.group === 'wallet').stale).toBe(true);
    expect(r.body.freshness.find((f: { group: string }) => f.group === 'devices').stale).toBe(false);
  });

  it('rejects any query parameter but project', async () => {
    expectProblem(await get('/v1/meta?from=2026-01-01'), 400, 'invalid_parameter', 'from');
  });
});

describe('GET /v1/devices', () => {
  it.each(IDS)('project %s: per local day and in total; active averaged and taken on the last day, never summed', async (id) => {
    const { today } = windows(id);
    const from = addDays(today, -(SYNC_DAYS + 4)); // 5 days before the first synced day
    const r = await get(`/v1/devices?from=${from}&to=${today}`, id);
    expect(r.status, r.text).toBe(200);
    const synced = addDays(today, -(SYNC_DAYS - 1));
    const gen = generatorDaily(id, 'devices', synced, today);
    expect(r.body).toMatchObject({ projectId: id, timeZone: project(id).timeZone, period: { from, to: today }, split: null });
    expect(r.body.days.map((d: { day: string }) => d.day)).toEqual(datesBetween(from, today));
    for (const d of r.body.days) {
      if (d.day < synced) expect(d).toEqual({ day: d.day, new: 0, active: null, unregistered: 0 });
      else expect(d).toEqual({ day: d.day, new: sumOf(gen, 'new', d.day, d.day), active: sumOf(gen, 'active', d.day, d.day), unregistered: sumOf(gen, 'unregistered', d.day, d.day) });
    }
    const actives = datesBetween(synced, today).map((d) => sumOf(gen, 'active', d, d));
    expect(r.body.totals.new).toBe(sumOf(gen, 'new', synced, today));
    expect(r.body.totals.unregistered).toBe(sumOf(gen, 'unregistered', synced, today));
    expect(r.body.totals.activeAverage).toBeCloseTo(actives.reduce((a, n) => a + n, 0) / actives.length, 9);
    expect(r.body.totals).toMatchObject({ activeLastDay: actives[actives.length - 1], lastDay: today });
    expect(r.body.totals.activeAverage).toBeLessThan(actives.reduce((a, n) => a + n, 0));
  });

  it('split=platform: one series per platform, adding up to the total (except active, which is per day)', async () => {
    const { period } = windows('100276');
    const r = await get(`/v1/devices?split=platform&from=${period.from}&to=${period.to}`, '100276');
    const gen = generatorDaily('100276', 'devices', period.from, period.to);
    expect(r.body.platforms.map((p: { platform: string }) => p.platform)).toEqual(['android', 'ios', 'web']);
    for (const p of r.body.platforms) {
      expect(p.totals.new).toBe(sumOf(gen, 'new', period.from, period.to, p.platform));
      expect(p.days[3].active).toBe(sumOf(gen, 'active', p.days[3].day, p.days[3].day, p.platform));
    }
    expect(r.body.platforms.reduce((a: number, p: { totals: { new: number } }) => a + p.totals.new, 0)).toBe(r.body.totals.new);
  });

  it('an empty period has zeros and no active figures', async () => {
    const r = await get('/v1/devices?from=2001-01-01&to=2001-01-03');
    expect(r.body.totals).toEqual({ new: 0, unregistered: 0, activeAverage: null, activeLastDay: null, lastDay: null });
  });

  it('CSV: one line per day (all), then per day and platform', async () => {
    const { period } = windows('100274');
    const r = await get(`/v1/devices?split=platform&from=${period.from}&to=${period.to}`, '100274', { Accept: 'text/csv' });
    expect(r.type).toMatch(/^text\/csv/);
    const lines = csvLines(r.text);
    expect(lines[0]).toBe('day,platform,new,active,unregistered');
    expect(lines).toHaveLength(1 + 14 * 3); // all, android, ios
    expect(lines[1]!.startsWith(`${period.from},all,`)).toBe(true);
  });

  it.each([
    ['split', '/v1/devices?split=channel'],
    ['from', '/v1/devices?from=20260101'],
    ['platform', '/v1/devices?platform=ios'],
  ])('bad %s → 400', async (param, path) => {
    expectProblem(await get(path), 400, 'invalid_parameter', param);
  });
});

describe('GET /v1/wallet', () => {
  it.each(IDS)('project %s: passes per local day and platform equal the generator', async (id) => {
    const { period } = windows(id);
    const r = await get(`/v1/wallet?from=${period.from}&to=${period.to}`, id);
    expect(r.status, r.text).toBe(200);
    const gen = generatorDaily(id, 'wallet', period.from, period.to);
    const keys = ['issued', 'installed', 'uninstalled', 'updates'];
    expect(r.body.totals).toEqual(Object.fromEntries(keys.map((k) => [k, sumOf(gen, k, period.from, period.to)])));
    expect(r.body.platforms.map((p: { platform: string }) => p.platform)).toEqual(['apple', 'google']);
    for (const p of r.body.platforms) {
      expect(p.totals).toEqual(Object.fromEntries(keys.map((k) => [k, sumOf(gen, k, period.from, period.to, p.platform)])));
      for (const d of p.days) expect(d.issued).toBe(sumOf(gen, 'issued', d.day, d.day, p.platform));
    }
    expect(r.body.days).toHaveLength(14);
  });

  it('projects differ, and each sees its own', async () => {
    const totals = new Set<number>();
    for (const id of IDS) {
      const { period } = windows(id);
      totals.add((await get(`/v1/wallet?from=${period.from}&to=${period.to}`, id)).body.totals.issued);
    }
    expect(totals.size).toBe(3);
  });

  it('days without data are zero-filled', async () => {
    const { today } = windows('100275');
    const from = addDays(today, -(SYNC_DAYS + 1));
    const r = await get(`/v1/wallet?from=${from}&to=${today}`, '100275');
    expect(r.body.days[0]).toEqual({ day: from, issued: 0, installed: 0, uninstalled: 0, updates: 0 });
    expect(r.body.days[1].issued).toBe(0);
    expect(r.body.days[2].issued).toBeGreaterThan(0);
  });

  it('CSV', async () => {
    const r = await get('/v1/wallet?from=2001-01-01&to=2001-01-02', '100275', { Accept: 'text/csv' });
    expect(r.text).toBe('day,platform,issued,installed,uninstalled,updates\r\n2001-01-01,all,0,0,0,0\r\n2001-01-02,all,0,0,0,0\r\n');
  });
});

describe('GET /v1/chat', () => {
  /** Independent figures from staging (the owner sees every project; filtered by hand). */
  async function staging(id: string, from: string, to: string) {
    const q = async <T extends pg.QueryResultRow>(sql: string) => (await owner.query<T>(sql, [id, from, to])).rows;
    const [stats] = await q<{ sent: number; delivered: number; read: number }>(
      `SELECT coalesce(sum(sent), 0)::int AS sent, coalesce(sum(delivered), 0)::int AS delivered, coalesce(sum(read), 0)::int AS read
       FROM staging.chat_stats_daily WHERE project_id = $1 AND day BETWEEN $2 AND $3`,
    );
    const bySendType = await q<{ send_type: string; n: number }>(
      `SELECT send_type, count(*)::int AS n FROM staging.chat_messages WHERE project_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1`,
    );
    const [bot] = await q<{ messages: number; fallbacks: number }>(
      `SELECT count(*)::int AS messages, count(*) FILTER (WHERE is_fallback)::int AS fallbacks
       FROM staging.chat_messages WHERE project_id = $1 AND day BETWEEN $2 AND $3 AND send_type = 'dialogflow'`,
    );
    const categories = await q<{ category: string; n: number }>(
      `SELECT category, sum(messages)::int AS n FROM staging.chat_stats_categories WHERE project_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1`,
    );
    const perDay = await q<{ day: string; messages: number; fallbacks: number; bot: number }>(
      `SELECT day::text AS day, count(*)::int AS messages, count(*) FILTER (WHERE is_fallback AND send_type = 'dialogflow')::int AS fallbacks,
              count(*) FILTER (WHERE send_type = 'dialogflow')::int AS bot
       FROM staging.chat_messages WHERE project_id = $1 AND day BETWEEN $2 AND $3 GROUP BY 1`,
    );
    return { stats: stats!, bySendType, bot: bot!, categories, perDay };
  }

  it.each(['100274', '100276'])('project %s: totals, sendTypes, categories and the fallback rate equal staging', async (id) => {
    const { period } = windows(id);
    const r = await get(`/v1/chat?from=${period.from}&to=${period.to}`, id);
    expect(r.status, r.text).toBe(200);
    const s = await staging(id, period.from, period.to);
    expect(s.bot.messages).toBeGreaterThan(0);
    const t = r.body.totals;
    expect([t.sent, t.delivered, t.read]).toEqual([s.stats.sent, s.stats.delivered, s.stats.read]);
    expect(t.readRate).toBeCloseTo(s.stats.read / s.stats.delivered, 12);
    expect(t.bySendType).toEqual(Object.fromEntries(s.bySendType.map((x) => [x.send_type, x.n])));
    expect(t.messages).toBe(s.bySendType.reduce((a, x) => a + x.n, 0));
    expect([t.botMessages, t.fallbacks]).toEqual([s.bot.messages, s.bot.fallbacks]);
    // Σ fallbacks ÷ Σ bot messages over the period (ADR 008), not a mean of daily rates
    expect(t.fallbackRate).toBeCloseTo(s.bot.fallbacks / s.bot.messages, 12);
    expect(t.byCategory).toEqual(Object.fromEntries(s.categories.map((x) => [x.category, x.n])));
    expect(r.body.byCategory.reduce((a: number, c: { share: number }) => a + c.share, 0)).toBeCloseTo(1, 12);
    expect(r.body.days).toHaveLength(14);
    for (const d of s.perDay) {
      const day = r.body.days.find((x: { day: string }) => x.day === d.day);
      expect([day.messages, day.botMessages, day.fallbacks]).toEqual([d.messages, d.bot, d.fallbacks]);
      expect(day.fallbackRate).toBe(d.bot ? d.fallbacks / d.bot : null);
    }
    expect(r.body.byChannel.map((c: { channel: string }) => c.channel)).toEqual(['webapp', 'whatsapp']);
  });

  it('a project without chat: hasData false, zeros, null rates', async () => {
    const r = await get('/v1/chat', '100275');
    expect(r.status).toBe(200);
    expect(r.body.hasData).toBe(false);
    expect(r.body.totals).toMatchObject({ sent: 0, messages: 0, fallbackRate: null, readRate: null });
    expect(r.body.days).toHaveLength(30);
  });

  it('CSV: a column per sendType and category', async () => {
    const { period } = windows('100276');
    const r = await get(`/v1/chat?from=${period.from}&to=${period.to}`, '100276', { Accept: 'text/csv' });
    expect(r.type).toMatch(/^text\/csv/);
    const lines = csvLines(r.text);
    expect(lines[0]).toMatch(/^day,sent,delivered,read,messages,botMessages,fallbacks,fallbackRate,sendType:[a-z_]+.*,category:[a-z_]+/);
    expect(lines).toHaveLength(15);
  });

  it('bad parameters → 400', async () => {
    expectProblem(await get('/v1/chat?channel=whatsapp'), 400, 'invalid_parameter', 'channel');
    expectProblem(await get('/v1/chat?to=2026-02-29'), 400, 'invalid_parameter', 'to');
  });
});
