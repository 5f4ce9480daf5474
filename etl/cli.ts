/**
 * `npm run etl -- <command>`:
 *   projects list
 *   projects add --id 100274 --name "Banco Andino" --tz America/Bogota --credentials env:IG_KEY_100274
 *                                          credentials: env:NAME reads the server key from $NAME and the
 *                                          console login (chat, agents) from $NAME_MAIL and $NAME_PASSWORD
 *                                          (either part may be left unset, not both); demo: the simulator's
 *                                          own key and login of a demo project
 *   projects remove --id 100274            every row of that project in every layer, in one transaction
 *   backfill --project ID --days N [--group G]
 *                                          the last N local days of the project's groups (or one), with
 *                                          a progress bar; a rerun with no upstream change adds nothing
 *   sync [--project ID] [--group G] [--force]
 *                                          the due tiers now, once: each due (project, group) from its
 *                                          watermark to the local today (--force: every pair)
 *   drift [--project ID]                   the schema drift seen upstream (app.schema_drift): fields the
 *                                          schemas do not know, known fields the payloads lacked
 * backfill and sync need INDIGITALL_BASE_URL; they print a warning line on stderr the first time a
 * drift is seen. The database is ETL_DATABASE_URL, else DATABASE_URL as
 * ig_etl, else the embedded cluster of `npm start` (which must be running). ETL_NOW (an ISO instant,
 * read by lib/config.ts) pins the clock, for reproducible runs.
 *
 * Errors print one line on stderr and exit 1. Nothing is written before the arguments, the project and
 * the group are checked; each window is published whole or not at all, so a failure (or a kill) never
 * leaves a half-loaded window, and the watermark stays at the last window published in order.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, roleUrl, type Config } from '../lib/config.js';
import { createPool, type Pool } from '../lib/db.js';
import { DEMO_DATABASE } from '../lib/embedded-pg.js';
import { Progress } from '../lib/progress.js';
import { listProjects, ProjectError, removeProject, upsertProject } from './projects.js';
import type { DriftLog } from './pipeline/run.js';
import { apiClients, backfillTasks, dueTasks, pacedKeyring, runTasks, select, SyncError, type SyncSummary } from './sync.js';

const USAGE =
  'usage: etl projects list | projects add --id ID --name NAME --tz ZONE --credentials env:NAME|demo | projects remove --id ID' +
  ' | backfill --project ID --days N [--group G] | sync [--project ID] [--group G] [--force] | drift [--project ID]' +
  ' (env:NAME: server key in $NAME, console login in $NAME_MAIL and $NAME_PASSWORD)';

class UsageError extends Error {}

/** (project, group) runs at once: every key busy (ETL_RUNS_PER_KEY each) for a few projects at a time. */
const CONCURRENCY = 8;

function projectId(v: string | undefined, flag: string): number {
  if (!v || !/^[1-9]\d{0,14}$/.test(v)) throw new UsageError(`--${flag} must be a numeric project id`);
  return Number(v);
}

/** Where a command writes: the process's streams, or a test's. */
export interface Io {
  env: NodeJS.ProcessEnv;
  stdout: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;
  stderr: Pick<NodeJS.WriteStream, 'write'>;
}

function report(out: Io['stdout'], what: string, s: SyncSummary): void {
  out.write(`${what}: ${s.windows} windows, ${s.rawInserted} new payloads, ${s.rowsChanged} rows changed\n`);
  for (const r of s.runs) {
    if (r.status === 'succeeded' || r.status === 'failed') out.write(`  ${r.projectId} ${r.group}: watermark ${r.watermark ?? 'none'}\n`);
  }
}

/** One stderr line per (project, group) with failed windows; true when there was any. */
function reportFailures(io: Io, s: SyncSummary): boolean {
  for (const r of s.runs) {
    const failed = r.windows.filter((w) => w.status === 'failed');
    if (!failed.length) continue;
    const f = failed[0]!;
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more failed window${failed.length > 2 ? 's' : ''})` : '';
    io.stderr.write(
      `etl: project ${r.projectId} ${r.group} ${f.window.from}..${f.window.to}: ${f.error}${more}; watermark held at ${r.watermark ?? 'none'}\n`,
    );
  }
  return s.failures.length > 0;
}

async function main(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      id: { type: 'string' },
      project: { type: 'string' },
      name: { type: 'string' },
      tz: { type: 'string' },
      credentials: { type: 'string' },
      days: { type: 'string' },
      group: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  const [command, action, ...extra] = positionals;
  const known =
    (command === 'projects' && ['list', 'add', 'remove'].includes(action ?? '') && extra.length === 0) ||
    ((command === 'backfill' || command === 'sync' || command === 'drift') && action === undefined);
  if (!known) throw new UsageError(USAGE);

  // Everything that can be checked without the database is checked before connecting.
  const config = loadConfig(io.env);
  // ETL_NOW pins both the days and the ages; unset, the days follow the business clock (lib/clock.ts).
  const now = config.ETL_NOW;
  let days = 0;
  if (command === 'backfill') {
    if (!values.project) throw new UsageError('backfill needs --project ID and --days N');
    projectId(values.project, 'project');
    if (!values.days || !/^\d+$/.test(values.days) || Number(values.days) < 1 || Number(values.days) > 730) {
      throw new UsageError('--days must be a whole number from 1 to 730');
    }
    days = Number(values.days);
  }
  if ((command === 'backfill' || command === 'sync') && !config.INDIGITALL_BASE_URL) {
    throw new UsageError('set INDIGITALL_BASE_URL (e.g. the simulator of `npm run simulator`)');
  }
  if (command === 'drift' && values.project) projectId(values.project, 'project');
  if (command === 'projects' && (action === 'add' || action === 'remove')) projectId(values.id, 'id');
  if (command === 'projects' && action === 'add' && (!values.name || !values.tz || !values.credentials)) {
    throw new UsageError('projects add needs --id, --name, --tz and --credentials');
  }

  const etlUrl =
    config.ETL_DATABASE_URL ??
    roleUrl(config.DATABASE_URL ?? `postgres://127.0.0.1:${config.PG_PORT}/${DEMO_DATABASE}`, 'ig_etl', config.IG_ETL_DB_PASSWORD);
  const pool = createPool(etlUrl, { max: CONCURRENCY + 1, application: 'ig-etl-cli' });
  try {
    return await run(pool, io, command!, action, values, { baseUrl: config.INDIGITALL_BASE_URL, backfillDays: config.SYNC_DAYS, days, now, config });
  } finally {
    await pool.end();
  }
}

async function run(
  pool: Pool,
  io: Io,
  command: string,
  action: string | undefined,
  values: { id?: string; project?: string; name?: string; tz?: string; credentials?: string; group?: string; force?: boolean },
  o: { baseUrl: string | undefined; backfillDays: number; days: number; now: Date | undefined; config: Config },
): Promise<number> {
  if (command === 'projects' && action === 'list') {
    for (const p of await listProjects(pool)) io.stdout.write(`${p.projectId}\t${p.name}\t${p.timeZone}\t${p.credentialsRef}\t${p.status}\n`);
    return 0;
  }
  if (command === 'projects' && action === 'add') {
    await upsertProject(pool, { projectId: projectId(values.id, 'id'), name: values.name!, timeZone: values.tz!, credentialsRef: values.credentials! });
    io.stdout.write(`project ${values.id} saved\n`);
    return 0;
  }
  if (command === 'projects' && action === 'remove') {
    if (!(await removeProject(pool, projectId(values.id, 'id')))) throw new SyncError(`project ${values.id} is not registered`);
    io.stdout.write(`project ${values.id} and all its data removed\n`);
    return 0;
  }

  if (command === 'drift') return drift(pool, io, values.project ? projectId(values.project, 'project') : undefined);

  const { projects, specs } = await select(pool, {
    ...(values.project ? { projectIds: [projectId(values.project, 'project')] } : {}),
    ...(values.group ? { groups: [values.group] } : {}),
  });
  const clients = apiClients(o.baseUrl!, io.env, { keyring: pacedKeyring(o.config) });
  const perKey = o.config.ETL_RUNS_PER_KEY;
  const progress = new Progress(io.stdout as NodeJS.WriteStream);
  const onProgress = ({ doneAll, totalAll }: { doneAll: number; totalAll: number }) => progress.update(command, doneAll, totalAll);
  const log: DriftLog = { warn: (_obj, msg) => io.stderr.write(`etl: warning: ${msg}\n`) };

  if (command === 'backfill') {
    const summary = await runTasks(pool, backfillTasks(projects, specs, o.days, o.now), { clients, concurrency: CONCURRENCY, perKey, onProgress, log });
    const busy = summary.busy.map((b) => `${b.projectId} ${b.group}`);
    report(io.stdout, 'backfill', summary);
    if (busy.length) throw new SyncError(`${busy.join(', ')}: being synced by another run; nothing was done for ${busy.length > 1 ? 'them' : 'it'}, try again when it finishes`);
    return reportFailures(io, summary) ? 1 : 0;
  }

  // sync: the due tiers, once.
  const tasks = await dueTasks(pool, projects, specs, { now: o.now, backfillDays: o.backfillDays, force: values.force ?? false });
  if (!tasks.length) {
    io.stdout.write('sync: nothing is due\n');
    return 0;
  }
  const summary = await runTasks(pool, tasks, { clients, concurrency: CONCURRENCY, perKey, onProgress, log });
  report(io.stdout, `sync of ${tasks.length} due (project, group) pair${tasks.length === 1 ? '' : 's'}`, summary);
  for (const b of summary.busy) io.stdout.write(`  ${b.projectId} ${b.group}: skipped, another run is syncing it\n`);
  return reportFailures(io, summary) ? 1 : 0;
}

interface DriftRow {
  project_id: string;
  data_group: string;
  endpoint: string;
  field: string;
  kind: string;
  first_seen: Date;
  last_seen: Date;
  payloads: string;
}

/** `drift [--project ID]`: one tab-separated line per drift, the latest first. */
async function drift(pool: Pool, io: Io, project: number | undefined): Promise<number> {
  const { rows } = await pool.query<DriftRow>(
    `SELECT project_id, data_group, endpoint, field, kind, first_seen, last_seen, payloads FROM app.schema_drift
     WHERE $1::bigint IS NULL OR project_id = $1
     ORDER BY last_seen DESC, project_id, data_group, endpoint, field, kind`,
    [project ?? null],
  );
  if (!rows.length) {
    io.stdout.write(`drift: none recorded${project ? ` for project ${project}` : ''}\n`);
    return 0;
  }
  io.stdout.write('project\tgroup\tendpoint\tkind\tfield\tpayloads\tfirst seen\tlast seen\n');
  for (const r of rows) {
    io.stdout.write(
      `${r.project_id}\t${r.data_group}\t${r.endpoint}\t${r.kind}\t${r.field}\t${r.payloads}\t${r.first_seen.toISOString()}\t${r.last_seen.toISOString()}\n`,
    );
  }
  return 0;
}

function message(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (err instanceof ConfigError) return e.message!.replace(/\n\s*/g, ' ');
  if (e?.code === 'ECONNREFUSED') return `cannot reach the database (${e.message}); start it with \`npm start\` or set ETL_DATABASE_URL`;
  if (err instanceof UsageError || err instanceof SyncError || err instanceof ProjectError || err instanceof RangeError) return e.message!;
  if (e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || e?.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `${e.message!.split('\n')[0]} (${USAGE})`;
  }
  return (e?.message ?? String(err)).split('\n')[0]!;
}

/** Runs one command; resolves to the exit code. Errors are one line on stderr and exit code 1. */
export async function runCli(argv: string[], io: Io = { env: process.env, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  try {
    return await main(argv, io);
  } catch (err) {
    io.stderr.write(`etl: ${message(err)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
