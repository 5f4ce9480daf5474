/**
 * Reconciliation end to end: the statistics groups run through the pipeline runner against the
 * indigitall simulator (HTTP, server keys, pagination, window limits, late corrections) for the three
 * demo projects, and the marts' totals equal the simulator's own totals for the same days
 * (channelTotals, and the generator's rows where it has no total). Then a day later, a re-sync of the
 * last days picks up the late corrections and the totals equal the simulator's again.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates.js';
import { createPool, type Pool } from '../../lib/db.js';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { runGroup } from '../pipeline/run.js';
import type { GroupSpec, Window } from '../pipeline/types.js';
import { upsertProject, type Project } from '../projects.js';
import { DEMO_PROJECTS, type SimProject } from '../simulator/catalog.js';
import { channelTotals, deviceStats, type Channel } from '../simulator/channels.js';
import { startSimulator, type RunningSimulator } from '../simulator/server.js';
import { apiClients } from '../sync.js';
import { devices } from './devices.js';
import { email } from './email.js';
import { inapp } from './inapp.js';
import { push } from './push.js';
import { sms } from './sms.js';
import { wallet } from './wallet.js';

const T1 = new Date('2026-11-21T03:00:00Z');
const T2 = new Date('2026-11-23T15:00:00Z');
const DAYS = 60;
const RESYNC_DAYS = 7;

const pushGroup: GroupSpec = push;
const SPECS = [pushGroup, inapp, sms, email, wallet, devices];

/** mart column ← the API field channelTotals sums, per channel (docs/adr/007). */
const MAPPING: Record<Exclude<Channel, 'chat'>, Record<string, string>> = {
  push: { sent: 'numDevicesSent', accepted: 'numDevicesSuccess', delivered: 'numDevicesReceived', clicked: 'numDevicesClicked' },
  inapp: { impressions: 'numImpressions', clicked: 'numClicks', dismissed: 'numDismissed' },
  sms: {
    sent: 'numContactsSent',
    delivered: 'numContactsDelivered',
    rejected: 'numContactsRejected',
    chunks: 'numChunks',
    clicked: 'numContactsClicked',
    unique_contacts: 'numContactsUnique',
    cost: 'cost',
  },
  email: {
    sent: 'numContactsSent',
    delivered: 'numContactsDelivered',
    opened: 'numContactsOpened',
    clicked: 'numContactsClicked',
    spam_reports: 'numContactsSpammed',
    soft_bounced: 'numContactsSoftBounced',
    hard_bounced: 'numContactsHardBounced',
    blocked: 'numContactsBlocked',
    unsubscribed: 'numContactsUnsubscribed',
  },
  wallet: {
    passes_issued: 'numPassesIssued',
    passes_installed: 'numPassesInstalled',
    passes_uninstalled: 'numPassesUninstalled',
    pass_updates_sent: 'numPassUpdatesSent',
  },
};
const CHANNELS = Object.keys(MAPPING) as (keyof typeof MAPPING)[];

let db: TestDatabase;
let sim: RunningSimulator;
let etl: Pool;
let owner: pg.Client;
let clock = T1;

const project = (p: SimProject): Project => ({ projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo', status: 'active' });
const range = (p: SimProject, at: Date, days: number): Window => {
  const to = todayIn(p.timeZone, at);
  return { from: addDays(to, -(days - 1)), to };
};

async function runAll(at: Date, days: number, kind: 'backfill' | 'resync') {
  const clients = apiClients(sim.url);
  const out = [];
  for (const p of DEMO_PROJECTS) {
    for (const spec of SPECS) {
      const r = await runGroup({ pool: etl, project: project(p), spec, range: range(p, at, days), kind, client: () => clients(project(p)) });
      out.push({ project: p.id, group: spec.group, status: r.status, errors: r.windows.filter((w) => w.error).map((w) => w.error) });
    }
  }
  return out;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Σ of mapped mart columns over a window, named by the API field (cost to 4 decimals, as channelTotals gives it). */
async function martTotals(table: string, where: string, params: unknown[], mapping: Record<string, string>) {
  const cols = Object.keys(mapping);
  const { rows } = await owner.query(`SELECT ${cols.map((c) => `coalesce(sum(${c}), 0)::float8 AS ${c}`).join(', ')} FROM ${table} WHERE ${where}`, params);
  return Object.fromEntries(cols.map((c) => [mapping[c]!, c === 'cost' ? round4(rows[0][c]) : rows[0][c]]));
}

function simTotals(p: SimProject, channel: keyof typeof MAPPING, w: Window, at: Date) {
  const t = channelTotals(p, channel, w.from, w.to, at, { lateCorrections: true });
  return Object.fromEntries(Object.values(MAPPING[channel]).map((f) => [f, t[f] ?? 0]));
}

function simDevices(p: SimProject, w: Window, at: Date) {
  const rows = deviceStats(p, w.from, w.to, at, { lateCorrections: true });
  const sum = (f: 'numDevicesNew' | 'numDevicesActive' | 'numDevicesUnregistered') => rows.reduce((a, r) => a + r[f], 0);
  return { new: sum('numDevicesNew'), active: sum('numDevicesActive'), unregistered: sum('numDevicesUnregistered') };
}

/** Every reconciliation of one project over a window at a clock, as [what, mart, simulator]. */
async function reconcile(p: SimProject, w: Window, at: Date) {
  const args = [p.id, w.from, w.to];
  const out: [string, unknown, unknown][] = [];
  for (const ch of CHANNELS) {
    const sim = simTotals(p, ch, w, at);
    out.push([`channel_daily ${ch}`, await martTotals('marts.channel_daily', `project_id = $1 AND day BETWEEN $2 AND $3 AND channel = '${ch}'`, args, MAPPING[ch]), sim]);
  }
  // The simulator's campaign rows add up to its daily totals (an always-on campaign carries the rest).
  for (const ch of ['push', 'inapp', 'sms', 'email'] as const) {
    const mapping = Object.fromEntries(Object.entries(MAPPING[ch]).filter(([c]) => c !== 'unique_contacts'));
    const sim = simTotals(p, ch, w, at);
    delete sim.numContactsUnique;
    out.push([`campaign_daily ${ch}`, await martTotals('marts.campaign_daily', `project_id = $1 AND day BETWEEN $2 AND $3 AND channel = '${ch}'`, args, mapping), sim]);
  }
  const hourly = { sent: 'numDevicesSent', success: 'numDevicesSuccess', received: 'numDevicesReceived', clicked: 'numDevicesClicked' };
  out.push(['push_hourly', await martTotals('marts.push_hourly', 'project_id = $1 AND day BETWEEN $2 AND $3', args, hourly), simTotals(p, 'push', w, at)]);
  const dev = { new: 'new', active: 'active', unregistered: 'unregistered' };
  out.push(['devices_daily', await martTotals('marts.devices_daily', 'project_id = $1 AND day BETWEEN $2 AND $3', args, dev), simDevices(p, w, at)]);
  return out;
}

beforeAll(async () => {
  db = await testDatabase();
  sim = await startSimulator({ rateLimit: false, now: () => clock, lateCorrections: true });
  etl = createPool(db.etlUrl, { max: 4 });
  owner = new pg.Client(db.ownerUrl);
  await owner.connect();
  for (const p of DEMO_PROJECTS) await upsertProject(etl, { projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo' });
}, 120_000);

afterAll(async () => {
  await owner?.end();
  await etl?.end();
  await sim?.close();
  await db?.drop();
});

describe('statistics groups against the simulator, three demo projects', () => {
  it(`a ${DAYS}-day backfill of every group succeeds in every window`, async () => {
    const results = await runAll(T1, DAYS, 'backfill');
    expect(results.filter((r) => r.status !== 'succeeded')).toEqual([]);
    expect(results).toHaveLength(DEMO_PROJECTS.length * SPECS.length);
  }, 120_000);

  it.each(DEMO_PROJECTS.map((p) => ({ name: p.name, p })))('$name: mart totals equal the simulator’s own totals for the same days', async ({ p }) => {
    const checks = await reconcile(p, range(p, T1, DAYS), T1);
    for (const [what, mart, simulator] of checks) expect(mart, what).toEqual(simulator);
    // Not a vacuous comparison: every channel the project uses has figures.
    expect(checks.filter(([, , s]) => Object.values(s as Record<string, number>).some((v) => v > 0)).length).toBeGreaterThanOrEqual(8);
  });

  it('a rerun with no upstream change adds no raw rows and changes no mart row', async () => {
    const count = async () => (await owner.query('SELECT count(*)::int AS n FROM raw.api_responses')).rows[0].n;
    const before = await count();
    const clients = apiClients(sim.url);
    for (const p of DEMO_PROJECTS) {
      for (const spec of SPECS) {
        const r = await runGroup({ pool: etl, project: project(p), spec, range: range(p, T1, DAYS), kind: 'backfill', client: () => clients(project(p)) });
        expect(r.windows.map((w) => [w.status, w.rawInserted, w.rowsChanged])).toEqual(r.windows.map(() => ['succeeded', 0, 0]));
      }
    }
    expect(await count()).toBe(before);
  }, 120_000);

  it('two days later, a re-sync of the last days loads the late corrections: totals equal the simulator’s again', async () => {
    clock = T2;
    const results = await runAll(T2, RESYNC_DAYS, 'resync');
    expect(results.filter((r) => r.status !== 'succeeded')).toEqual([]);
    for (const p of DEMO_PROJECTS) {
      // The whole loaded range: backfilled days before the re-sync are final and unchanged.
      const w = { from: range(p, T1, DAYS).from, to: todayIn(p.timeZone, T2) };
      for (const [what, mart, simulator] of await reconcile(p, w, T2)) expect(mart, `${p.name} ${what}`).toEqual(simulator);
    }
  }, 120_000);
});
