/**
 * The push sync end to end on a real database, as the ETL runs it (backfillTasks → runTasks, the API
 * clients of apiClients): the indigitall simulator on a loopback port, the ig_etl login role,
 * raw → staging → marts. Expected figures are recomputed from the simulator's generator (pushDaily,
 * dateStats, pushCampaignStats), never read back from what the sync wrote.
 * Most tests are about the mechanics of one endpoint (windows, raw, idempotency, quarantine, retries)
 * and sync the push group cut down to its daily dateStats endpoint; "the registered push group" syncs
 * the group as registered (hourly dateStats and campaign stats too), and removeProject runs on all of it.
 * Broken upstream answers the simulator cannot produce come from a tiny local HTTP server that speaks
 * indigitall's wire format (the envelope JSON); every check on the database reads as the owner.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, datesBetween, splitWindows } from '../lib/dates.js';
import { createPool, type Pool } from '../lib/db.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { findGroup } from './groups/index.js';
import { dateStatsDaily, push, DATE_STATS_MAX_DAYS as MAX_WINDOW_DAYS } from './groups/push.js';
import type { GroupSpec } from './pipeline/types.js';
import { removeProject, upsertProject } from './projects.js';
import { DEMO_PROJECTS, enabledPlatforms, type SimProject } from './simulator/catalog.js';
import { pushCampaignStats, type PushCampaignRow } from './simulator/channels.js';
import { dateStats, pushDaily, type PushDailyRow, type PushHourlyRow } from './simulator/generator.js';
import { startSimulator, type RunningSimulator } from './simulator/server.js';
import { apiClients, backfillTasks, runTasks, select } from './sync.js';

/** 03:00 UTC: already the 21st in Madrid, still the 20th in Bogotá and Mexico City. */
const NOW = new Date('2026-11-21T03:00:00Z');
const DAYS = 120;
const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
/** Each project's local "today" at NOW, written out rather than computed with the code under test. */
const LOCAL_TODAY: Record<number, string> = { [banco.id]: '2026-11-20', [moda.id]: '2026-11-21', [viajes.id]: '2026-11-20' };
const METRICS = ['sent', 'success', 'received', 'clicked'] as const;
type Metric = (typeof METRICS)[number];
type Totals = Record<Metric, number>;

let db: TestDatabase;
let sim: RunningSimulator;
let etl: Pool;
let owner: pg.Client;
let first: SyncSummary;

const ENDPOINT = dateStatsDaily.name;

interface SyncSummary {
  windows: number;
  rawInserted: number;
  rowsChanged: number;
  quarantined: number;
  failures: { projectId: number; window: { from: string; to: string }; error: string }[];
}

/**
 * The push group cut down to its daily dateStats endpoint, with its push_daily model and data tests:
 * each upstream answer of a sync is then one dateStats payload per window.
 */
const pushDailyOnly: GroupSpec = {
  ...push,
  endpoints: [dateStatsDaily],
  martModels: ['push_daily.sql'],
  dataTests: push.dataTests.filter((t) => t.startsWith('push_daily__')),
};
/** The push group as the scheduler, the CLI and `npm start` run it. */
const registeredPush = findGroup('push')!;

interface SyncOptions {
  /** Default: pushDailyOnly. */
  spec: GroupSpec;
  baseUrl: string;
  /** The last `days` local days at NOW (default DAYS). */
  days: number;
  /** Default: every active project. */
  projectIds: number[];
  /** Where `env:NAME` credentials are read (default process.env). */
  env: NodeJS.ProcessEnv;
}

/**
 * A backfill of a push spec for the active projects at NOW, as the ETL runs it, summed up as these
 * tests compare it (every failure is of the push group; nothing was busy).
 */
const sync = async (opts: Partial<SyncOptions> = {}): Promise<SyncSummary> => {
  const { projects } = await select(etl, opts.projectIds ? { projectIds: opts.projectIds } : {});
  const tasks = backfillTasks(projects, [opts.spec ?? pushDailyOnly], opts.days ?? DAYS, NOW);
  const s = await runTasks(etl, tasks, { clients: apiClients(opts.baseUrl ?? sim.url, opts.env) });
  expect(s.busy).toEqual([]);
  expect(s.failures.every((f) => f.group === 'push')).toBe(true);
  return { windows: s.windows, rawInserted: s.rawInserted, rowsChanged: s.rowsChanged, quarantined: s.quarantined, failures: s.failures.map(({ group: _g, ...f }) => f) };
};

/** The sync window of a project at NOW for `days` days: [local today - days + 1, local today]. */
const windowOf = (p: SimProject, days = DAYS) => ({ from: addDays(LOCAL_TODAY[p.id]!, -(days - 1)), to: LOCAL_TODAY[p.id]! });

// ---- expectations from the generator --------------------------------------------------------------

function generatorRows(p: SimProject, from: string, to: string): PushDailyRow[] {
  return datesBetween(from, to).flatMap((d) => pushDaily(p, d));
}

function generatorTotals(p: SimProject, from: string, to: string): { all: Totals; byPlatform: Record<string, Totals> } {
  const zero = (): Totals => ({ sent: 0, success: 0, received: 0, clicked: 0 });
  const all = zero();
  const byPlatform: Record<string, Totals> = {};
  for (const r of generatorRows(p, from, to)) {
    const t = (byPlatform[r.platformGroup] ??= zero());
    const v: Totals = { sent: r.numDevicesSent, success: r.numDevicesSuccess, received: r.numDevicesReceived, clicked: r.numDevicesClicked };
    for (const m of METRICS) {
      t[m] += v[m];
      all[m] += v[m];
    }
  }
  return { all, byPlatform };
}

/** Canonical JSON written independently of the extractor: object keys sorted, no whitespace. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

// ---- reading the database as the owner ------------------------------------------------------------

async function q<T extends pg.QueryResultRow = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await owner.query<T>(sql, params)).rows;
}

const LAYERS = ['raw.api_responses', 'raw.quarantine', 'staging.push_daily', 'marts.push_daily', 'app.projects'] as const;
/** What the push group's other endpoints and models write. */
const PUSH_EXTRA_TABLES = [
  'staging.push_hourly',
  'staging.push_campaign_daily',
  'marts.push_hourly',
  'marts.channel_daily',
  'marts.campaign_daily',
  'marts.campaign_totals',
] as const;

/** Row count and an md5 of every row's full text (so any rewrite, even of loaded_at, shows). */
async function checksum(table: string, where = 'true', params: unknown[] = []): Promise<{ rows: number; md5: string }> {
  const [r] = await q<{ rows: number; md5: string }>(
    `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS md5 FROM ${table} t WHERE ${where}`,
    params,
  );
  return r!;
}

async function snapshot(tables: readonly string[] = LAYERS, where = 'true', params: unknown[] = []) {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of tables) out[t] = await checksum(t, where, params);
  return out;
}

const xmins = async (table: string) =>
  (await q<{ x: string }>(`SELECT xmin::text AS x FROM ${table} ORDER BY project_id, day, platform`)).map((r) => r.x);

async function martTotals(projectId: number, from: string, to: string) {
  const rows = await q<Totals & { platform: string }>(
    `SELECT platform, sum(sent)::bigint AS sent, sum(success)::bigint AS success, sum(received)::bigint AS received,
            sum(clicked)::bigint AS clicked
     FROM marts.push_daily WHERE project_id = $1 AND day BETWEEN $2 AND $3 GROUP BY platform ORDER BY platform`,
    [projectId, from, to],
  );
  const byPlatform = Object.fromEntries(rows.map(({ platform, ...t }) => [platform, t]));
  const all = Object.fromEntries(METRICS.map((m) => [m, rows.reduce((s, r) => s + r[m], 0)])) as Totals;
  return { all, byPlatform };
}

const maxRunId = async () => (await q<{ id: number | null }>('SELECT max(run_id)::int AS id FROM app.sync_runs'))[0]!.id ?? 0;
const runsAfter = (runId: number) =>
  q(
    `SELECT project_id, window_from, window_to, status, raw_inserted, rows_changed, error, finished_at IS NOT NULL AS finished
     FROM app.sync_runs WHERE run_id > $1 ORDER BY project_id, window_from`,
    [runId],
  );

// ---- a fake indigitall API ------------------------------------------------------------------------

interface FakeReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

interface Fake {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** A loopback HTTP server answering every request with `reply` (given the URL and the request number). */
async function startFake(reply: (url: URL, n: number, authorization: string) => FakeReply | Promise<FakeReply>): Promise<Fake> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    Promise.resolve(reply(url, requests.length, req.headers.authorization ?? '')).then(
      (r) => {
        res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...r.headers });
        res.end(r.body);
      },
      (err: Error) => {
        res.writeHead(599);
        res.end(String(err));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Envelope {
  statusCode: number;
  message: string;
  count: number;
  data: Record<string, unknown>[];
}

/**
 * What the real API answers for a push request of a demo project, in its wire format: a dateStats
 * window (daily or hourly), or a page of campaign stats (v1: `limit`, `page` from 0, `count` the total).
 */
function envelopeFor(url: URL): Envelope {
  const param = (name: string) => url.searchParams.get(name)!;
  const dated = /^\/v1\/application\/(\d+)\/dateStats$/.exec(url.pathname);
  const p = DEMO_PROJECTS.find((x) => x.id === Number(dated ? dated[1] : param('applicationId')))!;
  const envelope = (rows: readonly object[], count = rows.length): Envelope => ({ statusCode: 200, message: 'OK', count, data: rows.map((r) => ({ ...r })) });
  if (dated) return envelope(dateStats(p, param('dateFrom'), param('dateTo'), param('periodicity') === 'hourly' ? 'hourly' : 'daily', NOW));
  if (url.pathname !== '/v1/campaign/stats') throw new Error(`the fake does not serve ${url.pathname}`);
  const rows = pushCampaignStats(p, param('dateFrom'), param('dateTo'), NOW);
  const [limit, page] = [Number(param('limit')), Number(url.searchParams.get('page') ?? 0)];
  return envelope(rows.slice(page * limit, (page + 1) * limit), rows.length);
}

async function withFake<T>(reply: Parameters<typeof startFake>[0], fn: (fake: Fake) => Promise<T>): Promise<T> {
  const fake = await startFake(reply);
  try {
    return await fn(fake);
  } finally {
    await fake.close();
  }
}

// ---- setup --------------------------------------------------------------------------------------

beforeAll(async () => {
  db = await testDatabase();
  sim = await startSimulator({ rateLimit: false, now: () => NOW });
  etl = createPool(db.etlUrl, { max: 4 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  for (const p of DEMO_PROJECTS) {
    await upsertProject(etl, { projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo' });
  }
  first = await sync();
});

afterAll(async () => {
  await etl?.end();
  await owner?.end();
  await sim?.close();
  await db?.drop();
});

// ---- the tests ----------------------------------------------------------------------------------

describe('a sync of daily dateStats against the simulator', () => {
  it('loads every window of every project without a failure', () => {
    const rowsInWindows = DEMO_PROJECTS.reduce((n, p) => n + DAYS * enabledPlatforms(p).length, 0);
    expect(first.failures).toEqual([]);
    expect(first.windows).toBe(3 * Math.ceil(DAYS / MAX_WINDOW_DAYS));
    expect(first.quarantined).toBe(0);
    expect(first.rawInserted).toBe(first.windows);
    // Each row inserted once into staging and once into the mart.
    expect(first.rowsChanged).toBe(2 * rowsInWindows);
  });

  it.each(DEMO_PROJECTS.map((p) => [p.name, p] as const))(
    'marts of %s hold the generator totals per platform over the window ending at its local today',
    async (_name, p) => {
      const { from, to } = windowOf(p);
      const expected = generatorTotals(p, from, to);
      expect(Object.keys(expected.byPlatform).sort()).toEqual([...enabledPlatforms(p)].sort());
      expect(await martTotals(p.id, '1900-01-01', '2999-12-31')).toEqual(expected);
      const [span] = await q('SELECT min(day) AS first, max(day) AS last, count(DISTINCT day)::int AS days FROM marts.push_daily WHERE project_id = $1', [p.id]);
      expect(span).toEqual({ first: from, last: to, days: DAYS });
    },
  );

  it('marts hold the generator rows themselves, day by day and platform by platform', async () => {
    for (const p of DEMO_PROJECTS) {
      const { from, to } = windowOf(p);
      const expected = generatorRows(p, from, to)
        .map((r) => ({
          day: r.statsDate,
          platform: r.platformGroup,
          sent: r.numDevicesSent,
          success: r.numDevicesSuccess,
          received: r.numDevicesReceived,
          clicked: r.numDevicesClicked,
        }))
        .sort((a, b) => (a.day + a.platform < b.day + b.platform ? -1 : 1));
      const rows = await q(
        'SELECT day, platform, sent, success, received, clicked FROM marts.push_daily WHERE project_id = $1 ORDER BY day, platform',
        [p.id],
      );
      expect(rows).toEqual(expected);
    }
  });

  it('staging holds exactly the rows of the marts', async () => {
    const cols = 'project_id, day, platform, sent, success, received, clicked';
    const [diff] = await q(`
      SELECT (SELECT count(*) FROM (SELECT ${cols} FROM staging.push_daily EXCEPT ALL SELECT ${cols} FROM marts.push_daily) a)::int AS only_staging,
             (SELECT count(*) FROM (SELECT ${cols} FROM marts.push_daily EXCEPT ALL SELECT ${cols} FROM staging.push_daily) b)::int AS only_marts,
             (SELECT count(*) FROM staging.push_daily)::int AS staging`);
    expect(diff).toEqual({ only_staging: 0, only_marts: 0, staging: DEMO_PROJECTS.reduce((n, p) => n + DAYS * enabledPlatforms(p).length, 0) });
  });

  it('lands one raw row per window: request window, params, and the sha256 of the canonical payload as served', async () => {
    const raw = await q(
      `SELECT project_id, endpoint, params, window_from, window_to, payload, sha256
       FROM raw.api_responses ORDER BY project_id, window_from`,
    );
    const expected = [];
    for (const p of DEMO_PROJECTS) {
      const { from, to } = windowOf(p);
      for (const w of splitWindows(from, to, MAX_WINDOW_DAYS)) {
        const params = { dateFrom: w.from, dateTo: w.to, periodicity: 'daily' };
        const res = await fetch(`${sim.url}/v1/application/${p.id}/dateStats?${new URLSearchParams(params)}`, {
          headers: { Authorization: `ServerKey ${p.serverKey}` },
        });
        const served = await res.json();
        expected.push({
          project_id: p.id,
          endpoint: ENDPOINT,
          params,
          window_from: w.from,
          window_to: w.to,
          payload: served,
          sha256: createHash('sha256').update(canonical(served)).digest('hex'),
        });
      }
    }
    expect(raw).toHaveLength(6);
    expect(raw).toEqual(expected);
    // Every staging row points at the raw payload of the window its day belongs to.
    const [orphans] = await q(`
      SELECT count(*)::int AS n FROM staging.push_daily s JOIN raw.api_responses r ON r.project_id = s.project_id AND r.id = s.raw_id
      WHERE s.day NOT BETWEEN r.window_from AND r.window_to`);
    expect(orphans).toEqual({ n: 0 });
  });

  it('records one succeeded sync run per window with its counts', async () => {
    const runs = await runsAfter(0);
    const expected = DEMO_PROJECTS.flatMap((p) =>
      splitWindows(windowOf(p).from, windowOf(p).to, MAX_WINDOW_DAYS).map((w) => ({
        project_id: p.id,
        window_from: w.from,
        window_to: w.to,
        status: 'succeeded',
        raw_inserted: 1,
        rows_changed: 2 * datesBetween(w.from, w.to).length * enabledPlatforms(p).length,
        error: null,
        finished: true,
      })),
    );
    expect(runs).toEqual(expected);
  });

  it('a second sync of the same data changes nothing: no new payload, no row written, same checksums', async () => {
    const before = await snapshot();
    const martXmins = await xmins('marts.push_daily');
    const stagingXmins = await xmins('staging.push_daily');
    const lastRun = await maxRunId();

    const second = await sync();

    expect(second).toEqual({ windows: 6, rawInserted: 0, rowsChanged: 0, quarantined: 0, failures: [] });
    expect(await snapshot()).toEqual(before);
    expect(await xmins('marts.push_daily')).toEqual(martXmins);
    expect(await xmins('staging.push_daily')).toEqual(stagingXmins);
    const runs = await runsAfter(lastRun);
    expect(runs).toHaveLength(6);
    for (const r of runs) expect(r).toMatchObject({ status: 'succeeded', raw_inserted: 0, rows_changed: 0, error: null, finished: true });
  });

  it('the fake upstream below is faithful: the same payload through it changes nothing', async () => {
    const before = await snapshot();
    const summary = await withFake(
      (url) => ({ status: 200, body: JSON.stringify(envelopeFor(url)) }),
      (fake) => sync({ baseUrl: fake.url, projectIds: [banco.id] }),
    );
    expect(summary).toEqual({ windows: 2, rawInserted: 0, rowsChanged: 0, quarantined: 0, failures: [] });
    expect(await snapshot()).toEqual(before);
  });

  it('a revised payload rewrites only the rows that changed, and a row gone upstream is deleted', async () => {
    const [w1, w2] = splitWindows(windowOf(banco).from, windowOf(banco).to, MAX_WINDOW_DAYS) as [Window, Window];
    const revisedDay = addDays(w2.from, 3);
    const goneDay = addDays(w2.from, 5);
    const martXmins = await q<{ day: string; platform: string; x: string }>(
      `SELECT day, platform, xmin::text AS x FROM marts.push_daily ORDER BY project_id, day, platform`,
    );
    const others = await snapshot(['staging.push_daily', 'marts.push_daily'], 'project_id <> $1', [banco.id]);

    const summary = await withFake(
      (url) => {
        const e = envelopeFor(url);
        for (const r of e.data) if (r.statsDate === revisedDay && r.platformGroup === 'ios') r.numDevicesClicked = Number(r.numDevicesClicked) + 1;
        e.data = e.data.filter((r) => !(r.statsDate === goneDay && r.platformGroup === 'android'));
        e.count = e.data.length;
        return { status: 200, body: JSON.stringify(e) };
      },
      (fake) => sync({ baseUrl: fake.url, projectIds: [banco.id] }),
    );

    // Window 1 is served as before (nothing new); window 2 is a new payload. Staging rows of window 2
    // now point at it (values unchanged except two rows); the mart changes exactly two rows.
    const stagingRowsW2 = datesBetween(w2.from, w2.to).length * 2;
    expect(summary).toEqual({ windows: 2, rawInserted: 1, rowsChanged: stagingRowsW2 + 2, quarantined: 0, failures: [] });
    const after = await q<{ day: string; platform: string; x: string }>(
      `SELECT day, platform, xmin::text AS x FROM marts.push_daily ORDER BY project_id, day, platform`,
    );
    const changed = martXmins.filter((r) => !after.some((a) => a.day === r.day && a.platform === r.platform && a.x === r.x));
    expect(changed.map((r) => `${r.day} ${r.platform}`)).toEqual([`${goneDay} android`, `${revisedDay} ios`].sort());
    const [revised] = await q('SELECT clicked FROM marts.push_daily WHERE project_id = $1 AND day = $2 AND platform = $3', [banco.id, revisedDay, 'ios']);
    expect(revised).toEqual({ clicked: pushDaily(banco, revisedDay).find((r) => r.platformGroup === 'ios')!.numDevicesClicked + 1 });
    for (const t of ['staging.push_daily', 'marts.push_daily']) {
      expect(await q(`SELECT day FROM ${t} WHERE project_id = $1 AND day = $2 AND platform = 'android'`, [banco.id, goneDay]), t).toEqual([]);
    }
    expect(await snapshot(['staging.push_daily', 'marts.push_daily'], 'project_id <> $1', [banco.id])).toEqual(others);
    expect(w1.to < revisedDay).toBe(true);

    // Back to the simulator's figures: the original payload of window 2 is already in raw, so nothing
    // is inserted, and staging and marts return to it.
    const back = await sync({ projectIds: [banco.id] });
    expect(back).toEqual({ windows: 2, rawInserted: 0, rowsChanged: stagingRowsW2 + 2, quarantined: 0, failures: [] });
    const { from, to } = windowOf(banco);
    expect(await martTotals(banco.id, '1900-01-01', '2999-12-31')).toEqual(generatorTotals(banco, from, to));
  });

  it('raw keeps fields the loader does not know, and the loaded figures stay the same', async () => {
    const marts = await snapshot(['marts.push_daily']);
    const lastRaw = (await q<{ id: number }>('SELECT max(id)::int AS id FROM raw.api_responses'))[0]!.id;
    const summary = await withFake(
      (url) => {
        const e = envelopeFor(url);
        for (const r of e.data) r.numDevicesOpened = 7;
        return { status: 200, body: JSON.stringify({ ...e, nextPage: null }) };
      },
      (fake) => sync({ baseUrl: fake.url, projectIds: [banco.id] }),
    );
    expect(summary).toMatchObject({ windows: 2, rawInserted: 2, quarantined: 0, failures: [] });
    const raw = await q('SELECT payload FROM raw.api_responses WHERE id > $1 ORDER BY id', [lastRaw]);
    expect(raw).toHaveLength(2);
    for (const { payload } of raw) {
      expect(payload.nextPage).toBeNull();
      expect(payload.data.every((r: Record<string, unknown>) => r.numDevicesOpened === 7)).toBe(true);
    }
    expect(await snapshot(['marts.push_daily'])).toEqual(marts);
  });

  it('refuses a number of days that is not a positive integer', async () => {
    for (const days of [0, -5, 1.5]) await expect(sync({ days })).rejects.toThrow(RangeError);
  });
});

type Window = { from: string; to: string };

describe('a broken upstream payload', () => {
  const mutate = (f: (e: Envelope, url: URL) => void) => (url: URL) => {
    const e = envelopeFor(url);
    f(e, url);
    return JSON.stringify(e);
  };
  const cases: { name: string; body: (url: URL) => string; reason: RegExp }[] = [
    { name: 'truncated JSON', body: (url) => JSON.stringify(envelopeFor(url)).slice(0, 500), reason: /^body is not JSON$/ },
    { name: 'an empty body', body: () => '', reason: /^body is not JSON$/ },
    { name: 'a negative count', body: mutate((e) => (e.data[3]!.numDevicesClicked = -1)), reason: /^data\.3\.numDevicesClicked: / },
    { name: 'a fractional count', body: mutate((e) => (e.data[0]!.numDevicesSent = 10.5)), reason: /^data\.0\.numDevicesSent: / },
    { name: 'a count sent as a string', body: mutate((e) => (e.data[1]!.numDevicesSuccess = '42')), reason: /^data\.1\.numDevicesSuccess: / },
    {
      name: 'a renamed field',
      body: mutate((e) => {
        for (const r of e.data) {
          r.numDevicesDelivered = r.numDevicesReceived;
          delete r.numDevicesReceived;
        }
      }),
      reason: /^data\.0\.numDevicesReceived: /,
    },
    { name: 'an unknown platform', body: mutate((e) => (e.data[2]!.platformGroup = 'huawei')), reason: /^data\.2\.platformGroup: / },
    { name: 'an impossible date', body: mutate((e) => (e.data[0]!.statsDate = '2026-02-30')), reason: /^data\.0\.statsDate: statsDate is not a YYYY-MM-DD date$/ },
    {
      name: 'a row outside the requested window',
      body: mutate((e, url) => (e.data.at(-1)!.statsDate = addDays(url.searchParams.get('dateTo')!, 1))),
      reason: /^row dated \d{4}-\d{2}-\d{2} is outside the requested window$/,
    },
    {
      name: 'the same day and platform twice',
      body: mutate((e) => {
        e.data.push({ ...e.data[0]!, numDevicesSent: Number(e.data[0]!.numDevicesSent) + 1 });
        e.count++;
      }),
      reason: /duplicate/,
    },
    { name: 'a count that does not match the rows', body: mutate((e) => e.count++), reason: /^\(root\): count does not match the number of rows$/ },
    { name: 'a NUL byte in the body', body: () => '{"statusCode":200,\u0000', reason: /^body is not JSON$/ },
    { name: 'a string holding U+0000', body: mutate((e) => (e.message = 'OK\u0000')), reason: /^a string contains U\+0000/ },
    { name: 'a missing data array', body: mutate((e) => delete (e as Partial<Envelope>).data), reason: /^data: / },
    {
      name: 'no rows for a window that already has data',
      body: mutate((e) => {
        e.data = [];
        e.count = 0;
      }),
      reason: /^empty payload for a window that already has data/,
    },
  ];

  it.each(cases)('($name) goes to raw.quarantine with the reason, is reported, and changes no loaded data', async ({ body, reason }) => {
    const before = await snapshot(['raw.api_responses', 'staging.push_daily', 'marts.push_daily']);
    const quarantinedBefore = await maxQuarantineId();
    const lastRun = await maxRunId();
    const sent: string[] = [];

    const summary = await withFake(
      (url) => {
        const b = body(url);
        sent.push(b);
        return { status: 200, body: b };
      },
      (fake) => sync({ baseUrl: fake.url, projectIds: [banco.id] }),
    );

    const windows = splitWindows(windowOf(banco).from, windowOf(banco).to, MAX_WINDOW_DAYS);
    expect(summary).toMatchObject({ windows: 2, rawInserted: 0, rowsChanged: 0, quarantined: 2 });
    expect(summary.failures.map((f) => f.window)).toEqual(windows);
    for (const f of summary.failures) {
      expect(f.projectId).toBe(banco.id);
      expect(f.error).toMatch(/quarantined/);
      expect(f.error.replace(/^.*?quarantined: /, '')).toMatch(reason);
    }

    const quarantined = await q(
      `SELECT project_id, endpoint, params, window_from, window_to, body, reason FROM raw.quarantine WHERE id > $1 ORDER BY id`,
      [quarantinedBefore],
    );
    expect(quarantined).toEqual(
      windows.map((w, i) => ({
        project_id: banco.id,
        endpoint: ENDPOINT,
        params: { dateFrom: w.from, dateTo: w.to, periodicity: 'daily' },
        window_from: w.from,
        window_to: w.to,
        body: sent[i]!.replaceAll('\u0000', '\\u0000'), // text cannot hold NUL: kept written as \u0000
        reason: expect.stringMatching(reason),
      })),
    );
    const runs = await runsAfter(lastRun);
    expect(runs).toEqual(
      windows.map((w) => ({
        project_id: banco.id,
        window_from: w.from,
        window_to: w.to,
        status: 'failed',
        raw_inserted: 0,
        rows_changed: 0,
        error: expect.stringMatching(/^payload quarantined: /),
        finished: true,
      })),
    );
    expect(await snapshot(['raw.api_responses', 'staging.push_daily', 'marts.push_daily'])).toEqual(before);
  });
});

async function maxQuarantineId(): Promise<number> {
  return (await q<{ id: number | null }>('SELECT max(id)::int AS id FROM raw.quarantine'))[0]!.id ?? 0;
}

describe('upstream errors', () => {
  it('403 for a key that does not cover the project: a failed run with the message, no data changed', async () => {
    await upsertProject(etl, { projectId: viajes.id, name: viajes.name, timeZone: viajes.timeZone, credentialsRef: 'env:IG_TEST_VIAJES_KEY' });
    try {
      const tables = ['raw.api_responses', 'raw.quarantine', 'staging.push_daily', 'marts.push_daily', ...PUSH_EXTRA_TABLES];
      const before = await snapshot(tables);
      const lastRun = await maxRunId();
      // Banco Andino's own key: valid, but it does not cover Viajes Sol. The whole push group: its first
      // request (daily dateStats) is refused, and so is each window.
      const summary = await sync({ spec: registeredPush, projectIds: [viajes.id], env: { IG_TEST_VIAJES_KEY: banco.serverKey } });

      const message = `indigitall API 403 on /v1/application/${viajes.id}/dateStats: Operation forbidden`;
      const windows = splitWindows(windowOf(viajes).from, windowOf(viajes).to, MAX_WINDOW_DAYS);
      expect(summary).toEqual({
        windows: 0,
        rawInserted: 0,
        rowsChanged: 0,
        quarantined: 0,
        failures: windows.map((window) => ({ projectId: viajes.id, window, error: message })),
      });
      expect(await runsAfter(lastRun)).toEqual(
        windows.map((w) => ({
          project_id: viajes.id,
          window_from: w.from,
          window_to: w.to,
          status: 'failed',
          raw_inserted: 0,
          rows_changed: 0,
          error: message,
          finished: true,
        })),
      );
      expect(await snapshot(tables)).toEqual(before);
    } finally {
      await upsertProject(etl, { projectId: viajes.id, name: viajes.name, timeZone: viajes.timeZone, credentialsRef: 'demo' });
    }
  });

  it('a missing server key is a failed run per window that names the variable, and nothing is requested', async () => {
    await upsertProject(etl, { projectId: viajes.id, name: viajes.name, timeZone: viajes.timeZone, credentialsRef: 'env:IG_TEST_UNSET_KEY' });
    try {
      const lastRun = await maxRunId();
      const summary = await withFake(
        () => ({ status: 500, body: '{}' }),
        async (fake) => {
          const s = await sync({ spec: registeredPush, baseUrl: fake.url, projectIds: [viajes.id], env: {} });
          expect(fake.requests).toEqual([]);
          return s;
        },
      );
      const message = `credentials for project ${viajes.id} not found: set IG_TEST_UNSET_KEY (server key) and/or IG_TEST_UNSET_KEY_MAIL and IG_TEST_UNSET_KEY_PASSWORD (console login)`;
      const windows = splitWindows(windowOf(viajes).from, windowOf(viajes).to, MAX_WINDOW_DAYS);
      expect(summary.failures).toEqual(windows.map((window) => ({ projectId: viajes.id, window, error: message })));
      expect((await runsAfter(lastRun)).map((r) => [r.window_from, r.window_to, r.status, r.error])).toEqual(
        windows.map((w) => [w.from, w.to, 'failed', message]),
      );
    } finally {
      await upsertProject(etl, { projectId: viajes.id, name: viajes.name, timeZone: viajes.timeZone, credentialsRef: 'demo' });
    }
  });

  it('a 429 and a 500 are retried, then the data lands', async () => {
    const days = 150; // 30 days more than loaded so far: new data must appear
    const before = await snapshot(['staging.push_daily', 'marts.push_daily'], 'project_id <> $1', [banco.id]);
    const lastRun = await maxRunId();
    const summary = await withFake(
      async (url, n, authorization) => {
        if (n === 1) return { status: 429, headers: { 'retry-after': '0' }, body: JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'Too many requests' }) };
        if (n === 2) return { status: 500, body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' }) };
        const res = await fetch(sim.url + url.pathname + url.search, { headers: { authorization } });
        return { status: res.status, body: await res.text() };
      },
      async (fake) => {
        const s = await sync({ baseUrl: fake.url, projectIds: [banco.id], days });
        expect(fake.requests).toHaveLength(4); // window 1 three times, window 2 once
        expect(fake.requests[0]).toBe(fake.requests[2]);
        return s;
      },
    );
    expect(summary.failures).toEqual([]);
    expect(summary).toMatchObject({ windows: 2, rawInserted: 2, quarantined: 0 });
    const { from, to } = windowOf(banco, days);
    expect(await martTotals(banco.id, '1900-01-01', '2999-12-31')).toEqual(generatorTotals(banco, from, to));
    expect((await runsAfter(lastRun)).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    // Other projects untouched.
    expect(await snapshot(['staging.push_daily', 'marts.push_daily'], 'project_id <> $1', [banco.id])).toEqual(before);
  });

  it('a 500 that persists fails the window after the retries and changes no data', async () => {
    const before = await snapshot(['raw.api_responses', 'raw.quarantine', 'staging.push_daily', 'marts.push_daily']);
    const summary = await withFake(
      () => ({ status: 500, body: JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' }) }),
      async (fake) => {
        const s = await sync({ baseUrl: fake.url, projectIds: [banco.id], days: 10 });
        expect(fake.requests).toHaveLength(4); // the first try and three retries
        return s;
      },
    );
    expect(summary.failures).toEqual([
      { projectId: banco.id, window: windowOf(banco, 10), error: `indigitall API 500 on /v1/application/${banco.id}/dateStats: Internal server error` },
    ]);
    expect(await snapshot(['raw.api_responses', 'raw.quarantine', 'staging.push_daily', 'marts.push_daily'])).toEqual(before);
  });
});

describe('the registered push group', () => {
  const tables = ['raw.api_responses', 'staging.push_daily', 'marts.push_daily', ...PUSH_EXTRA_TABLES];
  /** Mart rows as the push models map the API's rows (docs/adr/003 and 007: delivered = received, accepted = success). */
  const hourlyRow = (r: PushHourlyRow) => ({
    day: r.statsDate,
    hour: r.statsHour,
    platform: r.platformGroup,
    sent: r.numDevicesSent,
    success: r.numDevicesSuccess,
    received: r.numDevicesReceived,
    clicked: r.numDevicesClicked,
  });
  const channelRow = (r: PushDailyRow) => ({
    day: r.statsDate,
    platform: r.platformGroup,
    sent: r.numDevicesSent,
    delivered: r.numDevicesReceived,
    clicked: r.numDevicesClicked,
    accepted: r.numDevicesSuccess,
  });
  const campaignRow = (r: PushCampaignRow) => ({ campaign_id: r.campaignId, ...channelRow(r), errors: r.numErrors });
  type CampaignRow = ReturnType<typeof campaignRow>;
  const byCampaignDayPlatform = (a: CampaignRow, b: CampaignRow) =>
    a.campaign_id - b.campaign_id || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) || (a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : 0);
  function campaignTotals(rows: readonly CampaignRow[]) {
    const out = new Map<number, { campaign_id: number; first_day: string; last_day: string; days: Set<string>; sent: number; delivered: number; clicked: number; accepted: number; errors: number }>();
    for (const r of rows) {
      const t = out.get(r.campaign_id) ?? { campaign_id: r.campaign_id, first_day: r.day, last_day: r.day, days: new Set(), sent: 0, delivered: 0, clicked: 0, accepted: 0, errors: 0 };
      if (r.day < t.first_day) t.first_day = r.day;
      if (r.day > t.last_day) t.last_day = r.day;
      t.days.add(r.day);
      for (const m of ['sent', 'delivered', 'clicked', 'accepted', 'errors'] as const) t[m] += r[m];
      out.set(r.campaign_id, t);
    }
    return [...out.values()].sort((a, b) => a.campaign_id - b.campaign_id).map(({ days, ...t }) => ({ ...t, days: days.size }));
  }

  it('syncs daily and hourly dateStats and campaign stats: a raw payload per request window of each, every push mart as the generator says', async () => {
    expect(registeredPush.endpoints.map((e) => e.name)).toEqual(['push.dateStats.daily', 'push.dateStats.hourly', 'push.campaignStats']);
    const lastRaw = (await q<{ id: number }>('SELECT max(id)::int AS id FROM raw.api_responses'))[0]!.id;
    const summary = await sync({ spec: registeredPush });
    expect(summary).toMatchObject({ windows: 6, quarantined: 0, failures: [] });

    // The daily payloads are those the syncs above landed (same windows, same figures): nothing new.
    // Hourly dateStats come in requests of at most 7 days inside each 90-day window, campaign stats in
    // one request per window; each request's payload lands once, under its own request window.
    const key = (r: { project_id: number; window_from: string; endpoint: string }) => `${r.project_id} ${r.window_from} ${r.endpoint}`;
    const expected = DEMO_PROJECTS.flatMap((p) =>
      splitWindows(windowOf(p).from, windowOf(p).to, 90).flatMap((w) => [
        ...splitWindows(w.from, w.to, 7).map((h) => ({ project_id: p.id, endpoint: 'push.dateStats.hourly', window_from: h.from, window_to: h.to })),
        { project_id: p.id, endpoint: 'push.campaignStats', window_from: w.from, window_to: w.to },
      ]),
    ).sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(expected).toHaveLength(3 * (18 + 2));
    const raw = await q('SELECT project_id, endpoint, window_from, window_to FROM raw.api_responses WHERE id > $1', [lastRaw]);
    expect(raw.sort((a, b) => (key(a as never) < key(b as never) ? -1 : 1))).toEqual(expected);
    expect(summary.rawInserted).toBe(expected.length);

    for (const p of DEMO_PROJECTS) {
      const { from, to } = windowOf(p);
      const hourly = await q(
        'SELECT day, hour, platform, sent, success, received, clicked FROM marts.push_hourly WHERE project_id = $1 ORDER BY day, hour, platform',
        [p.id],
      );
      expect(hourly).toEqual(dateStats(p, from, to, 'hourly', NOW).map(hourlyRow));
      expect(hourly).toHaveLength(DAYS * 24 * enabledPlatforms(p).length);
      const channel = await q(
        `SELECT day, platform, sent, delivered, clicked, accepted FROM marts.channel_daily WHERE project_id = $1 AND channel = 'push' ORDER BY day, platform`,
        [p.id],
      );
      expect(channel).toEqual(generatorRows(p, from, to).map(channelRow));
      const campaigns = pushCampaignStats(p, from, to, NOW).map(campaignRow).sort(byCampaignDayPlatform);
      expect(campaigns.length).toBeGreaterThan(0);
      expect(
        await q(
          `SELECT campaign_id, day, platform, sent, delivered, clicked, accepted, errors FROM marts.campaign_daily
           WHERE project_id = $1 AND channel = 'push' ORDER BY campaign_id, day, platform`,
          [p.id],
        ),
      ).toEqual(campaigns);
      expect(
        await q(
          `SELECT campaign_id, first_day, last_day, days, sent, delivered, clicked, accepted, errors FROM marts.campaign_totals
           WHERE project_id = $1 AND channel = 'push' ORDER BY campaign_id`,
          [p.id],
        ),
      ).toEqual(campaignTotals(campaigns));
    }
  });

  it('the fake upstream serves every endpoint of the group as the simulator does: a sync through it changes nothing', async () => {
    const before = await snapshot(tables);
    const summary = await withFake(
      (url) => ({ status: 200, body: JSON.stringify(envelopeFor(url)) }),
      async (fake) => {
        const s = await sync({ spec: registeredPush, baseUrl: fake.url, projectIds: [banco.id] });
        const paths = new Set(fake.requests.map((r) => new URL(r, fake.url).pathname));
        expect([...paths].sort()).toEqual(['/v1/application/100274/dateStats', '/v1/campaign/stats']);
        return s;
      },
    );
    expect(summary).toEqual({ windows: 2, rawInserted: 0, rowsChanged: 0, quarantined: 0, failures: [] });
    expect(await snapshot(tables)).toEqual(before);
  });

  it("one endpoint's bad payload fails its whole window: the window's other payloads, good ones, are not loaded either", async () => {
    const [w1, w2] = splitWindows(windowOf(banco).from, windowOf(banco).to, MAX_WINDOW_DAYS) as [Window, Window];
    const revisedDay = addDays(w2.from, 3);
    const before = await snapshot(tables);
    const quarantinedBefore = await maxQuarantineId();
    const lastRun = await maxRunId();

    const summary = await withFake(
      (url) => {
        const e = envelopeFor(url);
        // A valid revision of window 2's daily figures, which alone would be published…
        if (url.pathname.endsWith('/dateStats') && url.searchParams.get('periodicity') === 'daily') {
          for (const r of e.data) if (r.statsDate === revisedDay && r.platformGroup === 'ios') r.numDevicesClicked = Number(r.numDevicesClicked) + 1;
        }
        // …and campaign stats of window 2 with a negative count.
        if (url.pathname === '/v1/campaign/stats' && url.searchParams.get('dateFrom') === w2.from) e.data[0]!.numDevicesSent = -1;
        return { status: 200, body: JSON.stringify(e) };
      },
      (fake) => sync({ spec: registeredPush, baseUrl: fake.url, projectIds: [banco.id] }),
    );

    expect(summary).toMatchObject({ windows: 2, rawInserted: 0, rowsChanged: 0, quarantined: 1 });
    expect(summary.failures).toEqual([
      { projectId: banco.id, window: w2, error: expect.stringMatching(/^payload quarantined: push\.campaignStats: data\.0\.numDevicesSent: /) },
    ]);
    expect(await q('SELECT endpoint, window_from, window_to FROM raw.quarantine WHERE id > $1', [quarantinedBefore])).toEqual([
      { endpoint: 'push.campaignStats', window_from: w2.from, window_to: w2.to },
    ]);
    expect((await runsAfter(lastRun)).map((r) => [r.window_from, r.status])).toEqual([
      [w1.from, 'succeeded'],
      [w2.from, 'failed'],
    ]);
    expect(await snapshot(tables)).toEqual(before);
  });
});

describe('removeProject', () => {
  it('deletes every row of the project in every layer and leaves the other projects intact', async () => {
    // Every table of the tenant schemas that has a project_id, found in the catalogue, so a table added
    // later without a matching delete in removeProject fails this test.
    const tables = (
      await q<{ name: string }>(`
        SELECT format('%I.%I', c.table_schema, c.table_name) AS name
        FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.column_name = 'project_id' AND t.table_type = 'BASE TABLE' AND c.table_schema IN ('raw', 'staging', 'marts', 'app')
        ORDER BY 1`)
    ).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining([...LAYERS, 'app.sync_runs']));

    const count = async (table: string, projectId: number) =>
      (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE project_id = $1`, [projectId]))[0]!.n;
    for (const t of ['raw.api_responses', 'raw.quarantine', 'staging.push_daily', 'marts.push_daily', ...PUSH_EXTRA_TABLES, 'app.sync_runs', 'app.projects']) {
      expect(await count(t, banco.id), `${t} has rows of the project before`).toBeGreaterThan(0);
    }
    const others = await snapshot(tables, 'project_id <> $1', [banco.id]);

    expect(await removeProject(etl, banco.id)).toBe(true);

    for (const t of tables) expect(await count(t, banco.id), t).toBe(0);
    expect(await snapshot(tables, 'project_id <> $1', [banco.id])).toEqual(others);
    expect(await removeProject(etl, banco.id)).toBe(false);

    // A removed project is no longer synced; the others still are, and unchanged.
    const after = await sync({ spec: registeredPush });
    expect(after).toEqual({ windows: 4, rawInserted: 0, rowsChanged: 0, quarantined: 0, failures: [] });
  });
});
