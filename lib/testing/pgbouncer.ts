/**
 * Debian's PgBouncer in front of a test cluster, for tests: transaction pooling on a free loopback
 * port, SCRAM for the clients, the given roles and passwords (auth_file). As root it runs as the
 * `postgres` user (PgBouncer refuses root). `.ci/run` installs it when it is missing.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports.js';

export interface PgBouncer {
  port: number;
  /** `url` with its host and port replaced by the bouncer's. */
  via(url: string): string;
  /** Output so far (PgBouncer logs to stderr). */
  log: string[];
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** Any URL of the upstream cluster (its host and port are used). */
  upstream: string;
  /** Roles clients log in as, with their passwords (PgBouncer also uses them upstream). */
  users: Record<string, string>;
  poolMode?: 'transaction' | 'session';
  /** Server connections per (database, user). */
  poolSize?: number;
  /** Listen port (default: a free one); a restart passes the port of the bouncer it replaces. */
  port?: number;
}

export async function startPgBouncer(opts: PgBouncerOptions): Promise<PgBouncer> {
  const up = new URL(opts.upstream);
  const port = opts.port ?? (await freePort());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ig-pgbouncer-'));
  await chmod(dir, 0o755);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  await writeFile(path.join(dir, 'userlist.txt'), Object.entries(opts.users).map(([u, p]) => `${quote(u)} ${quote(p)}`).join('\n') + '\n', { mode: 0o644 });
  await writeFile(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${up.hostname} port=${up.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      `pool_mode = ${opts.poolMode ?? 'transaction'}`,
      `default_pool_size = ${opts.poolSize ?? 2}`,
      'max_client_conn = 2000',
      'server_reset_query =',
      // Retry a failed server login after 1 s, not 15: a restarted PostgreSQL is used as soon as it is back.
      'server_login_retry = 1',
      'ignore_startup_parameters = extra_float_digits',
      'admin_users =',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const args = [path.join(dir, 'pgbouncer.ini')];
  if (process.getuid?.() === 0) args.unshift('-u', 'postgres');
  const child = spawn('pgbouncer', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout.on('data', (c) => log.push(String(c)));
  child.stderr.on('data', (c) => log.push(String(c)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  // Ready when it accepts connections.
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`pgbouncer exited: ${log.join('')}`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > until) {
      await stop();
      throw new Error(`pgbouncer did not listen on ${port}: ${log.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    log,
    via(url: string) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    stop,
  };
}
