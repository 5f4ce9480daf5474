/**
 * The whole product for tests, in-process: PostgreSQL (a given database, or an embedded cluster in a
 * temporary directory), migrations, the simulator, the demo projects' push group synced, and the BFF
 * on a free loopback port. Used by the BFF's HTTP tests and by web-test-runner (the widgets talk to
 * it over real HTTP). Expected figures come from the simulator's generator, not from the database.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { loadConfig, type Config } from '../config.js';
import { createPool } from '../db.js';
import { createLogger } from '../log.js';
import { datesBetween, periods } from '../dates.js';
import { startBff } from '../../bff/server.js';
import { signToken } from '../../bff/auth/jwt.js';
import { startSimulator } from '../../etl/simulator/server.js';
import { DEMO_PROJECTS } from '../../etl/simulator/catalog.js';
import { pushDaily } from '../../etl/simulator/generator.js';
import { apiClients, backfillTasks, runTasks, select } from '../../etl/sync.js';
import { prepareDatabase, registerDemoProjects } from '../../demo/platform.js';
import { GROUPS } from '../../etl/groups/index.js';
import type { DataGroup } from '../../etl/pipeline/types.js';
import { freePort } from './ports.js';

export interface Totals {
  sent: number;
  delivered: number;
  clicked: number;
}

export interface Stack {
  api: string;
  config: Config;
  /** Connection URLs of the stack's database (owner and the BFF's login role). */
  database: { ownerUrl: string; apiUrl: string };
  /** project id -> a valid token for that project (role viewer). */
  tokens: Record<string, string>;
  /** A well-formed token signed with another secret. */
  forgedToken: string;
  /** project id -> last-30-days totals computed from the generator. */
  expected: Record<string, Totals>;
  stop(): Promise<void>;
}

/** Push totals of a demo project over [from, to], straight from the simulator's generator. */
export function generatorTotals(projectId: number, from: string, to: string): Totals {
  const project = DEMO_PROJECTS.find((p) => p.id === projectId);
  if (!project) throw new Error(`${projectId} is not a demo project`);
  const t: Totals = { sent: 0, delivered: 0, clicked: 0 };
  for (const day of datesBetween(from, to)) {
    for (const r of pushDaily(project, day)) {
      t.sent += r.numDevicesSent;
      t.delivered += r.numDevicesReceived;
      t.clicked += r.numDevicesClicked;
    }
  }
  return t;
}

export interface StackOptions {
  databaseUrl?: string;
  corsOrigins?: string[];
  syncDays?: number;
  /** Data groups synced for the demo projects (default: push only, what the KPI tests and widgets read). */
  groups?: readonly DataGroup[] | 'all';
  /** Configuration overrides (environment variable names, as lib/config.ts reads them). */
  env?: Record<string, string>;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    let dataDir = '';
    if (!opts.databaseUrl) {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'ig-stack-'));
      await chmod(dataDir, 0o755);
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    }
    const config = loadConfig({
      PORT: '0',
      IG_DATA_DIR: dataDir || '.data',
      PG_PORT: String(await freePort()),
      CORS_ORIGINS: (opts.corsOrigins ?? []).join(','),
      ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
      // Tests send bursts from one user; the limits have tests of their own (bff/platform.test.ts).
      RATE_LIMIT_USER_RPS: '0',
      RATE_LIMIT_PROJECT_RPS: '0',
      ...opts.env,
    });
    const db = await prepareDatabase(config);
    cleanups.push(db.stop);
    const sim = await startSimulator({ rateLimit: false });
    cleanups.push(sim.close);
    const etl = createPool(db.etlUrl, { max: 2 });
    cleanups.push(() => etl.end());
    await registerDemoProjects(etl);
    const groups = opts.groups === 'all' ? GROUPS.map((g) => g.group) : [...(opts.groups ?? ['push'])];
    const { projects, specs } = await select(etl, { groups });
    const summary = await runTasks(etl, backfillTasks(projects, specs, opts.syncDays ?? 70), { clients: apiClients(sim.url), concurrency: 2 });
    if (summary.failures.length) throw new Error(`test stack sync failed: ${JSON.stringify(summary.failures)}`);
    const bff = await startBff(config, createLogger('silent'), { apiUrl: db.apiUrl, validateResponses: true });
    cleanups.push(bff.close);

    const tokens: Record<string, string> = {};
    const expected: Record<string, Totals> = {};
    for (const p of DEMO_PROJECTS) {
      tokens[p.id] = await signToken(config, { sub: `user-${p.id}`, project_id: String(p.id), role: 'viewer' });
      const { period } = periods({ timeZone: p.timeZone, days: 30 });
      expected[p.id] = generatorTotals(p.id, period.from, period.to);
    }
    const forgedToken = await new SignJWT({ sub: 'mallory', project_id: String(DEMO_PROJECTS[0]!.id), role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(config.JWT_ISSUER)
      .setAudience(config.JWT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-different-secret-of-the-same-length-0123456789'));
    return { api: bff.url, config, database: { ownerUrl: db.ownerUrl, apiUrl: db.apiUrl }, tokens, forgedToken, expected, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
