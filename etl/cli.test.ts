/**
 * `npm run etl` as an operator runs it: a child process (node + tsx, etl/cli.ts) against a real
 * database and the simulator. A backfill killed with SIGKILL mid-run and then rerun leaves the marts
 * byte-identical to an uninterrupted backfill; a rerun with no upstream change adds no raw row; every
 * error path prints one line, exits 1 and changes nothing.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../lib/db.js';
import { freePort } from '../lib/testing/ports.js';
import { testDatabase, type TestDatabase } from '../lib/testing/database.js';
import { groupNames } from './groups/index.js';
import { push } from './groups/push.js';
import { lockKey } from './pipeline/run.js';
import { startProxy, type Proxy } from './pipeline/testing.js';
import { removeProject, upsertProject, type Project } from './projects.js';
import { DEMO_PROJECTS, type SimProject } from './simulator/catalog.js';
import { channelTotals } from './simulator/channels.js';
import { agentConversations as simConversations } from './simulator/chat.js';
import { startSimulator, type RunningSimulator } from './simulator/server.js';
import { apiClients, backfillTasks, runTasks } from './sync.js';
import { runCli } from './cli.js';

const root = path.resolve(import.meta.dirname, '..');
const NOW = '2026-11-21T03:00:00Z';
const [banco, moda, viajes] = DEMO_PROJECTS as [SimProject, SimProject, SimProject];
const DAYS = 730; // 9 windows of push statistics (90 days each)

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined>, onSpawn?: (kill: () => void) => void): Promise<Result> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'etl/cli.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SYNC_DAYS: '30', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  onSpawn?.(() => child.kill('SIGKILL'));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** The same command in this process (fast): what it printed and its exit code. */
async function cliHere(args: string[], env: Record<string, string | undefined>): Promise<Omit<Result, 'signal'>> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: { SYNC_DAYS: '30', ...env },
    stdout: { isTTY: false, write: (s: string) => ((stdout += s), true) } as never,
    stderr: { write: (s: string) => ((stderr += s), true) } as never,
  });
  return { code, stdout, stderr };
}

const project = (p: SimProject): Project => ({ projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo', status: 'active' });

async function q<T extends pg.QueryResultRow = Record<string, any>>(c: pg.Client, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await c.query<T>(sql, params)).rows;
}

/** Every table of the given schemas, each as "rows:md5 of all rows in text form", found in the catalogue. */
async function checksums(c: pg.Client, schemas: string[]): Promise<Record<string, string>> {
  const tables = await q<{ t: string }>(
    c,
    `SELECT format('%I.%I', n.nspname, c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p') ORDER BY 1`,
    [schemas],
  );
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [r] = await q<{ md5: string; n: number }>(c, `SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS md5, count(*)::int AS n FROM ${t} x`);
    out[t] = `${r!.n}:${r!.md5}`;
  }
  return out;
}

let sim: RunningSimulator;
let proxy: Proxy;

beforeAll(async () => {
  sim = await startSimulator({ rateLimit: false, now: () => new Date(NOW) });
  proxy = await startProxy(sim.url);
});

afterAll(async () => {
  await proxy?.close();
  await sim?.close();
});

describe('a backfill killed with SIGKILL, then rerun', () => {
  let killed: TestDatabase;
  let reference: TestDatabase;
  let a: pg.Client;
  let b: pg.Client;
  let refPool: Pool;

  beforeAll(async () => {
    [killed, reference] = await Promise.all([testDatabase(), testDatabase()]);
    a = new pg.Client(killed.ownerUrl);
    b = new pg.Client(reference.ownerUrl);
    await Promise.all([a.connect(), b.connect()]);
    refPool = createPool(reference.etlUrl, { max: 2 });
    const killedPool = createPool(killed.etlUrl, { max: 1 });
    for (const pool of [killedPool, refPool]) await upsertProject(pool, { projectId: banco.id, name: banco.name, timeZone: banco.timeZone, credentialsRef: 'demo' });
    await killedPool.end();
  });

  afterAll(async () => {
    await refPool?.end();
    await a?.end();
    await b?.end();
    await killed?.drop();
    await reference?.drop();
  });

  const env = () => ({ ETL_DATABASE_URL: killed.etlUrl, INDIGITALL_BASE_URL: proxy.url, ETL_NOW: NOW });
  const args = ['backfill', '--project', String(banco.id), '--days', String(DAYS), '--group', 'push'];

  it('leaves marts byte-identical to an uninterrupted run, and a further rerun adds no raw row', { timeout: 90_000 }, async () => {
    // Slow the upstream down so the kill lands mid-run, after a few windows were published.
    proxy.hooks = { delayMs: 80 };
    let polling = true;
    const run = cli(args, env(), (kill) => {
      void (async () => {
        while (polling) {
          const [r] = await q<{ n: number }>(a, `SELECT count(*)::int AS n FROM app.sync_runs WHERE status = 'succeeded'`);
          if (r!.n >= 3) return kill();
          await new Promise((res) => setTimeout(res, 10));
        }
      })();
    });
    const first = await run;
    polling = false;
    expect(first.signal).toBe('SIGKILL');

    // What the kill left: whole windows, the watermark at the last one published in order.
    const runs = await q<{ status: string; window_to: string }>(a, 'SELECT status, window_to FROM app.sync_runs ORDER BY window_from');
    const published = runs.filter((r) => r.status === 'succeeded');
    expect(published.length).toBeGreaterThanOrEqual(3);
    expect(published.length).toBeLessThan(9);
    // The window in progress (if the kill did not fall between two windows) is left running.
    const running = runs.slice(published.length);
    expect(running.length).toBeLessThanOrEqual(1);
    expect(running.every((r) => r.status === 'running')).toBe(true);
    expect(await q(a, 'SELECT watermark FROM app.sync_state')).toEqual([{ watermark: published.at(-1)!.window_to }]);
    const [loaded] = await q<{ days: number }>(a, 'SELECT count(DISTINCT day)::int AS days FROM marts.push_daily');
    expect(loaded!.days).toBeLessThan(DAYS);

    proxy.hooks = {};
    const rerun = await cli(args, env());
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/^backfill: 9 windows, \d+ new payloads, \d+ rows changed\n {2}100274 push: watermark 2026-11-20\n/m);
    expect(rerun.stdout).toContain('  backfill'); // the progress bar's last state (not a TTY: one line)
    expect(await q(a, `SELECT status, error FROM app.sync_runs WHERE status <> 'succeeded'`)).toEqual(
      running.map(() => ({ status: 'failed', error: 'abandoned: the process running it stopped before it finished' })),
    );

    // The reference: the same backfill, never interrupted, into another database.
    const ref = await runTasks(refPool, backfillTasks([project(banco)], [push], DAYS, new Date(NOW)), { clients: apiClients(sim.url) });
    expect(ref.failures).toEqual([]);

    const martsA = await checksums(a, ['marts']);
    expect(Object.keys(martsA)).toContain('marts.push_daily');
    expect(martsA['marts.push_daily']).not.toMatch(/^0:/);
    expect(martsA).toEqual(await checksums(b, ['marts']));
    // Raw holds each payload once, as in the reference; the watermarks agree.
    const rawSet = (c: pg.Client) => q(c, 'SELECT endpoint, window_from, window_to, sha256 FROM raw.api_responses ORDER BY 1, 2, 3, 4');
    expect(await rawSet(a)).toEqual(await rawSet(b));
    expect(await q(a, 'SELECT data_group, watermark FROM app.sync_state')).toEqual(await q(b, 'SELECT data_group, watermark FROM app.sync_state'));

    // And once more: nothing changed upstream, so nothing is added or rewritten.
    const before = await checksums(a, ['raw', 'staging', 'marts']);
    const again = await cliHere(args, env());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^backfill: 9 windows, 0 new payloads, 0 rows changed$/m);
    expect(await checksums(a, ['raw', 'staging', 'marts'])).toEqual(before);
  });
});

describe('commands', () => {
  let db: TestDatabase;
  let owner: pg.Client;
  let etl: Pool;
  let realSim: RunningSimulator;
  const env = () => ({ ETL_DATABASE_URL: db.etlUrl, INDIGITALL_BASE_URL: realSim.url });

  beforeAll(async () => {
    db = await testDatabase();
    owner = new pg.Client(db.ownerUrl);
    await owner.connect();
    etl = createPool(db.etlUrl, { max: 2 });
    realSim = await startSimulator({ rateLimit: false }); // real time, as the CLI's clock
  });

  afterAll(async () => {
    await etl?.end();
    await owner?.end();
    await realSim?.close();
    await db?.drop();
  });

  it('projects add, list and remove; sync runs what is due, once', { timeout: 90_000 }, async () => {
    const add = await cliHere(['projects', 'add', '--id', String(moda.id), '--name', moda.name, '--tz', moda.timeZone, '--credentials', 'demo'], env());
    expect(add).toMatchObject({ code: 0, stderr: '', stdout: `project ${moda.id} saved\n` });
    expect((await cliHere(['projects', 'list'], env())).stdout).toBe(`${moda.id}\t${moda.name}\t${moda.timeZone}\tdemo\tactive\n`);

    const sync = await cliHere(['sync', '--group', 'push'], env());
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    // One 30-day window of the push group: one payload per request of each endpoint, i.e. daily
    // dateStats (≤ 90 days: 1), hourly dateStats (≤ 7 days: 5) and campaign stats (≤ 90 days: 1).
    expect(sync.stdout).toMatch(/^sync of 1 due \(project, group\) pair: 1 windows, 7 new payloads, \d+ rows changed$/m);
    const [state] = await q(owner, 'SELECT watermark, resynced_at IS NOT NULL AS resynced, last_error FROM app.sync_state');
    expect(state).toMatchObject({ resynced: true, last_error: null }); // the first sync of a dated group is also its re-sync
    const [loaded] = await q<{ days: number }>(owner, 'SELECT count(DISTINCT day)::int AS days FROM marts.push_daily');
    expect(loaded!.days).toBe(30); // SYNC_DAYS of the test environment
    expect(await cliHere(['sync', '--group', 'push'], env())).toMatchObject({ code: 0, stderr: '', stdout: 'sync: nothing is due\n' });

    // Every mart of the push group, the state, the runs and raw hold rows of the project; remove empties them.
    const counts = () =>
      q<{ t: string; n: number }>(
        owner,
        `SELECT 'marts' AS t, count(*)::int AS n FROM marts.push_daily UNION ALL SELECT 'hourly', count(*) FROM marts.push_hourly
         UNION ALL SELECT 'channels', count(*) FROM marts.channel_daily UNION ALL SELECT 'campaigns', count(*) FROM marts.campaign_daily
         UNION ALL SELECT 'state', count(*) FROM app.sync_state
         UNION ALL SELECT 'runs', count(*) FROM app.sync_runs UNION ALL SELECT 'raw', count(*) FROM raw.api_responses`,
      );
    expect((await counts()).filter((r) => r.n === 0)).toEqual([]);
    const remove = await cliHere(['projects', 'remove', '--id', String(moda.id)], env());
    expect(remove).toMatchObject({ code: 0, stderr: '', stdout: `project ${moda.id} and all its data removed\n` });
    expect((await counts()).filter((r) => r.n !== 0)).toEqual([]);
  });

  it('drift: a warning line on stderr when a sync first sees a field the schema does not know; `drift` lists it', { timeout: 90_000 }, async () => {
    await upsertProject(etl, { projectId: viajes.id, name: viajes.name, timeZone: viajes.timeZone, credentialsRef: 'demo' });
    try {
      expect(await cliHere(['drift', '--project', String(viajes.id)], env())).toMatchObject({ code: 0, stdout: `drift: none recorded for project ${viajes.id}\n` });
      realSim.faults.set('pushDateStats', { kind: 'addField', field: 'numDevicesBounced', value: 3 });
      const sync = await cliHere(['sync', '--project', String(viajes.id), '--group', 'push'], env());
      expect(sync.code).toBe(0); // the payload is still valid: loaded
      // daily and hourly dateStats: one warning each, however many windows carried the field
      expect(sync.stderr.split('\n').filter(Boolean)).toEqual([
        expect.stringMatching(/^etl: warning: schema drift: push\.dateStats\.daily of project \d+ has a field the schema does not know: data\[\]\.numDevicesBounced$/),
        expect.stringMatching(/^etl: warning: schema drift: push\.dateStats\.hourly of project \d+ has a field the schema does not know: data\[\]\.numDevicesBounced$/),
      ]);
      const list = await cliHere(['drift'], env());
      expect(list.code).toBe(0);
      const lines = list.stdout.trim().split('\n');
      expect(lines[0]).toBe('project\tgroup\tendpoint\tkind\tfield\tpayloads\tfirst seen\tlast seen');
      expect(lines.slice(1).map((l) => l.split('\t').slice(0, 5)).sort()).toEqual([
        [String(viajes.id), 'push', 'push.dateStats.daily', 'unknown', 'data[].numDevicesBounced'],
        [String(viajes.id), 'push', 'push.dateStats.hourly', 'unknown', 'data[].numDevicesBounced'],
      ]);
    } finally {
      realSim.faults.clear();
      await removeProject(etl, viajes.id);
    }
  });

  it('every error prints one line, exits 1, and changes nothing', { timeout: 90_000 }, async () => {
    await upsertProject(etl, { projectId: banco.id, name: banco.name, timeZone: banco.timeZone, credentialsRef: 'demo' });
    await upsertProject(etl, { projectId: moda.id, name: moda.name, timeZone: moda.timeZone, credentialsRef: 'demo' });
    const id = String(banco.id);
    const closedPort = await freePort();
    const cases: [string[], Record<string, string | undefined>, RegExp][] = [
      [[], {}, /^etl: usage: etl projects list \| /],
      [['frobnicate'], {}, /^etl: usage: /],
      [['projects', 'list', 'extra'], {}, /^etl: usage: /],
      [['backfill', '--bogus'], {}, /^etl: Unknown option '--bogus'/],
      [['backfill', '--project', id], {}, /^etl: --days must be a whole number from 1 to 730$/],
      [['backfill', '--project', id, '--days', '0'], {}, /^etl: --days must be a whole number from 1 to 730$/],
      [['backfill', '--project', 'abc', '--days', '5'], {}, /^etl: --project must be a numeric project id$/],
      [['backfill', '--project', '999', '--days', '5'], {}, /^etl: project 999 is not registered/],
      [['backfill', '--project', id, '--days', '5', '--group', 'fax'], {}, new RegExp(`^etl: unknown data group "fax" \\(registered: ${groupNames().join(', ')}\\)$`)],
      [['backfill', '--project', id, '--days', '5'], { INDIGITALL_BASE_URL: undefined }, /^etl: set INDIGITALL_BASE_URL/],
      [['backfill', '--project', id, '--days', '5'], { ETL_NOW: 'yesterday' }, /^etl: Invalid configuration: ETL_NOW: not an ISO date-time \("yesterday"\)$/],
      [['sync', '--project', '999'], {}, /^etl: project 999 is not registered/],
      [['projects', 'add', '--id', '5', '--name', 'X', '--tz', 'Mars/Base', '--credentials', 'demo'], {}, /^etl: unknown time zone "Mars\/Base"$/],
      [['projects', 'add', '--id', '5', '--name', 'X'], {}, /^etl: projects add needs --id, --name, --tz and --credentials$/],
      [['projects', 'remove', '--id', '999'], {}, /^etl: project 999 is not registered$/],
      [['projects', 'list'], { ETL_DATABASE_URL: `postgres://ig_etl:x@127.0.0.1:${closedPort}/nowhere` }, /^etl: cannot reach the database \(.*ECONNREFUSED.*\); start it with `npm start` or set ETL_DATABASE_URL$/],
    ];
    const holder = new pg.Client(db.etlUrl);
    await holder.connect();
    try {
      // Another run holds (banco, push): a backfill of it must not start at all.
      await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey(banco.id, 'push')]);
      cases.push([['backfill', '--project', id, '--days', '5', '--group', 'push'], {}, /^etl: 100274 push: being synced by another run; nothing was done for it, try again when it finishes$/]);
      const everything = ['raw', 'staging', 'marts', 'app'];
      const before = await checksums(owner, everything);
      const results = await Promise.all(cases.map(([args, extra]) => cliHere(args, { ...env(), ...extra })));
      results.forEach((r, i) => {
        const [args, , line] = cases[i]!;
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr.split('\n'), args.join(' ')).toEqual([expect.stringMatching(line), '']);
      });
      expect(await checksums(owner, everything)).toEqual(before);
    } finally {
      await holder.end();
    }
  });

  it('an upstream that fails every window: one line per project and group, exit 1, no data changed', { timeout: 90_000 }, async () => {
    await upsertProject(etl, { projectId: moda.id, name: moda.name, timeZone: moda.timeZone, credentialsRef: 'env:IG_CLI_TEST_UNSET' });
    const data = ['raw', 'staging', 'marts'];
    const before = await checksums(owner, data);
    const r = await cliHere(['backfill', '--project', String(moda.id), '--days', '100', '--group', 'push'], env());
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^backfill: 0 windows, 0 new payloads, 0 rows changed$/m);
    expect(r.stderr).toMatch(
      new RegExp(`^etl: project ${moda.id} push \\d{4}-\\d{2}-\\d{2}\\.\\.\\d{4}-\\d{2}-\\d{2}: credentials for project ${moda.id} not found: set IG_CLI_TEST_UNSET \\(server key\\) and\\/or IG_CLI_TEST_UNSET_MAIL and IG_CLI_TEST_UNSET_PASSWORD \\(console login\\) \\(and 1 more failed window\\); watermark held at none\\n$`),
    );
    expect(await checksums(owner, data)).toEqual(before);
    expect(await q(owner, `SELECT status, count(*)::int AS n FROM app.sync_runs WHERE project_id = $1 GROUP BY status`, [moda.id])).toEqual([
      { status: 'failed', n: 2 },
    ]);
  });
});

describe('the conversation groups from the command line', () => {
  let db: TestDatabase;
  let owner: pg.Client;
  let etl: Pool;
  const env = () => ({ ETL_DATABASE_URL: db.etlUrl, INDIGITALL_BASE_URL: proxy.url, ETL_NOW: NOW });
  /** Local days at NOW (03:00 UTC): still the 20th in Bogotá and Mexico City. */
  const range = { from: '2026-11-19', to: '2026-11-20' };

  beforeAll(async () => {
    db = await testDatabase();
    owner = new pg.Client(db.ownerUrl);
    await owner.connect();
    etl = createPool(db.etlUrl, { max: 2 });
    proxy.hooks = {};
  });

  afterAll(async () => {
    await etl?.end();
    await owner?.end();
    await db?.drop();
  });

  it('backfill --group chat with demo credentials logs in and loads the chat marts as the simulator counts them', { timeout: 90_000 }, async () => {
    await upsertProject(etl, { projectId: banco.id, name: banco.name, timeZone: banco.timeZone, credentialsRef: 'demo' });
    const r = await cliHere(['backfill', '--project', String(banco.id), '--days', '2', '--group', 'chat'], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^backfill: 1 windows, 3 new payloads, \d+ rows changed\n {2}100274 chat: watermark 2026-11-20\n/m);
    const t = channelTotals(banco, 'chat', range.from, range.to, new Date(NOW));
    expect(t.sent).toBeGreaterThan(0);
    expect(
      await q(owner, `SELECT sum(sent)::int AS sent, sum(delivered)::int AS delivered, sum(read)::int AS read, sum(total_messages)::int AS "totalMessages"
                      FROM marts.chat_daily WHERE project_id = $1`, [banco.id]),
    ).toEqual([{ sent: t.sent, delivered: t.delivered, read: t.read, totalMessages: t.totalMessages }]);
    expect(await q(owner, `SELECT data_group, watermark, last_error FROM app.sync_state WHERE project_id = $1`, [banco.id])).toEqual([
      { data_group: 'chat', watermark: range.to, last_error: null },
    ]);
  });

  it('env:NAME credentials: the key from NAME, the console login from NAME_MAIL and NAME_PASSWORD (a child process)', { timeout: 90_000 }, async () => {
    await upsertProject(etl, { projectId: viajes.id, name: viajes.name, timeZone: viajes.timeZone, credentialsRef: 'env:IG_CLI_VIAJES' });
    const login = { IG_CLI_VIAJES_MAIL: viajes.login!.mail, IG_CLI_VIAJES_PASSWORD: viajes.login!.password };
    const args = ['backfill', '--project', String(viajes.id), '--days', '2', '--group', 'agents'];

    // The key alone: the agents endpoints take only a login's JWT; each window fails saying so, nothing requested.
    proxy.requests.length = 0;
    const keyOnly = await cli(args, { ...env(), IG_CLI_VIAJES: viajes.serverKey });
    expect(keyOnly.code).toBe(1);
    expect(keyOnly.stderr).toMatch(
      /^etl: project 100276 agents 2026-11-19\.\.2026-11-20: \/v1\/chat\/agent\/conversations needs a console login \(mail and password\) for a JWT; these credentials have none; set IG_CLI_VIAJES_MAIL and IG_CLI_VIAJES_PASSWORD; watermark held at none\n$/,
    );
    expect(proxy.requests).toEqual([]);

    const ok = await cli(args, { ...env(), IG_CLI_VIAJES: viajes.serverKey, ...login });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(proxy.requests.filter((u) => u.startsWith('/v1/chat/agent/')).length).toBeGreaterThanOrEqual(2);
    const sessions = simConversations(viajes, range.from, range.to, new Date(NOW));
    expect(sessions.length).toBeGreaterThan(0);
    expect(await q(owner, `SELECT sum(sessions)::int AS sessions FROM marts.agent_conversations_daily WHERE project_id = $1`, [viajes.id])).toEqual([
      { sessions: sessions.length },
    ]);
    for (const secret of [viajes.serverKey, viajes.login!.password]) expect(ok.stdout + keyOnly.stdout + keyOnly.stderr).not.toContain(secret);
  });
});

describe('the process', () => {
  it('exits 1 with one line on stderr, and 0 when a command succeeds', { timeout: 60_000 }, async () => {
    const db = await testDatabase();
    try {
      const closedPort = await freePort();
      const [usage, unreachable, list] = await Promise.all([
        cli(['frobnicate'], { ETL_DATABASE_URL: db.etlUrl }),
        cli(['projects', 'list'], { ETL_DATABASE_URL: `postgres://ig_etl:x@127.0.0.1:${closedPort}/nowhere` }),
        cli(['projects', 'list'], { ETL_DATABASE_URL: db.etlUrl }),
      ]);
      expect(usage).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^etl: usage: etl projects list \| [^\n]*\n$/) });
      expect(unreachable).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^etl: cannot reach the database [^\n]*\n$/) });
      expect(list).toMatchObject({ code: 0, stdout: '', stderr: '' });
    } finally {
      await db.drop();
    }
  });
});
