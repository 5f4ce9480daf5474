/**
 * `npm run etl -- <command>`:
 *   projects list
 *   projects add --id 100274 --name "Banco Andino" --tz America/Bogota --credentials env:IG_KEY_100274
 *   projects remove --id 100274        (deletes every row of that project in every layer)
 *   sync [--project ID] [--days N]     (push statistics; needs INDIGITALL_BASE_URL)
 * The database is ETL_DATABASE_URL, else DATABASE_URL as ig_etl, else the embedded cluster of
 * `npm start` (which must be running). Errors print one line and exit 1.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, roleUrl } from '../lib/config.js';
import { createPool } from '../lib/db.js';
import { listProjects, removeProject, upsertProject } from './projects.js';
import { syncPush } from './sync.js';
import { DEMO_DATABASE } from '../demo/platform.js';

function fail(message: string): never {
  process.stderr.write(`etl: ${message}\n`);
  process.exit(1);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    strict: true,
    options: {
      id: { type: 'string' },
      project: { type: 'string' },
      name: { type: 'string' },
      tz: { type: 'string' },
      credentials: { type: 'string' },
      days: { type: 'string' },
    },
  });
  const config = loadConfig();
  const etlUrl =
    config.ETL_DATABASE_URL ??
    roleUrl(config.DATABASE_URL ?? `postgres://127.0.0.1:${config.PG_PORT}/${DEMO_DATABASE}`, 'ig_etl', config.IG_ETL_DB_PASSWORD);
  const pool = createPool(etlUrl, { max: 2, application: 'ig-etl-cli' });
  const id = (v: string | undefined, flag: string) => {
    if (!v || !/^[1-9]\d{0,14}$/.test(v)) fail(`--${flag} must be a numeric project id`);
    return Number(v);
  };
  try {
    const [group, action] = positionals;
    if (group === 'projects' && action === 'list') {
      for (const p of await listProjects(pool)) {
        process.stdout.write(`${p.projectId}\t${p.name}\t${p.timeZone}\t${p.credentialsRef}\t${p.status}\n`);
      }
    } else if (group === 'projects' && action === 'add') {
      if (!values.name || !values.tz || !values.credentials) fail('projects add needs --id, --name, --tz and --credentials');
      await upsertProject(pool, { projectId: id(values.id, 'id'), name: values.name, timeZone: values.tz, credentialsRef: values.credentials });
      process.stdout.write(`project ${values.id} saved\n`);
    } else if (group === 'projects' && action === 'remove') {
      const removed = await removeProject(pool, id(values.id, 'id'));
      if (!removed) fail(`project ${values.id} is not registered`);
      process.stdout.write(`project ${values.id} and all its data removed\n`);
    } else if (group === 'sync') {
      if (!config.INDIGITALL_BASE_URL) fail('set INDIGITALL_BASE_URL (e.g. the simulator of `npm run simulator`)');
      const days = values.days ? Number(values.days) : config.SYNC_DAYS;
      if (!Number.isInteger(days) || days < 1 || days > 730) fail('--days must be between 1 and 730');
      const summary = await syncPush(pool, {
        baseUrl: config.INDIGITALL_BASE_URL,
        days,
        ...(values.project ? { projectIds: [id(values.project, 'project')] } : {}),
      });
      process.stdout.write(`${summary.windows} windows, ${summary.rawInserted} new payloads, ${summary.rowsChanged} rows changed\n`);
      if (summary.failures.length) {
        for (const f of summary.failures) process.stderr.write(`etl: project ${f.projectId} ${f.window.from}..${f.window.to}: ${f.error}\n`);
        process.exitCode = 1;
      }
    } else {
      fail('usage: etl projects list | projects add --id --name --tz --credentials | projects remove --id | sync [--project] [--days]');
    }
  } finally {
    await pool.end();
  }
}

main().catch((err) => fail(err instanceof ConfigError ? err.message.replace(/\n\s*/g, ' ') : (err as Error).message));
