/**
 * The pieces `npm start` and the test harness compose: a database (embedded unless DATABASE_URL is
 * set) with migrations applied and login roles ready; the demo projects registered; a first sync.
 */
import { roleUrl, type Config } from '../lib/config.js';
import { DEMO_DATABASE, startEmbeddedPostgres } from '../lib/embedded-pg.js';
import { migrate, setLoginPasswords } from '../sql/migrate.js';
import { ensureDatabase, type Pool } from '../lib/db.js';

export interface Database {
  ownerUrl: string;
  etlUrl: string;
  apiUrl: string;
  embedded: boolean;
  created: boolean;
  stop(): Promise<void>;
}

export async function prepareDatabase(
  config: Config,
  log: (msg: string) => void = () => undefined,
  opts: { pgSettings?: Record<string, string> } = {},
): Promise<Database> {
  let ownerUrl = config.DATABASE_URL;
  let stop: () => Promise<void> = async () => undefined;
  let created = false;
  if (!ownerUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: config.IG_DATA_DIR, port: config.PG_PORT, settings: opts.pgSettings });
    created = pg.created;
    stop = pg.stop;
    try {
      ownerUrl = await ensureDatabase(pg.url, DEMO_DATABASE);
    } catch (err) {
      await stop();
      throw err;
    }
  }
  try {
    const applied = await migrate(ownerUrl, { log });
    if (applied.length) log(`applied ${applied.length} migration(s)`);
    if (!config.API_DATABASE_URL || !config.ETL_DATABASE_URL) {
      await setLoginPasswords(ownerUrl, { api: config.IG_API_DB_PASSWORD, etl: config.IG_ETL_DB_PASSWORD }).catch((err: Error) => {
        log(`could not set the ig_api/ig_etl passwords (${err.message}); set API_DATABASE_URL and ETL_DATABASE_URL`);
      });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    ownerUrl,
    etlUrl: config.ETL_DATABASE_URL ?? roleUrl(ownerUrl, 'ig_etl', config.IG_ETL_DB_PASSWORD),
    apiUrl: config.API_DATABASE_URL ?? roleUrl(ownerUrl, 'ig_api', config.IG_API_DB_PASSWORD),
    embedded: !config.DATABASE_URL,
    created,
    stop,
  };
}

/** Registers the simulator's demo projects (their keys come from the simulator: credentials 'demo'). */
export async function registerDemoProjects(etl: Pool): Promise<void> {
  // Loaded here, not with this module: npm start starts PostgreSQL before it loads the ETL.
  const [{ upsertProject }, { DEMO_PROJECTS }] = await Promise.all([import('../etl/projects.js'), import('../etl/simulator/catalog.js')]);
  for (const p of DEMO_PROJECTS) {
    await upsertProject(etl, { projectId: p.id, name: p.name, timeZone: p.timeZone, credentialsRef: 'demo' });
  }
}
