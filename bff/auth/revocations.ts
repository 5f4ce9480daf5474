/**
 * Revoked sessions, shared by every BFF instance through PostgreSQL (migration 0021,
 * docs/adr/022-edges.md). /auth/logout records the session id (`jti`); every use of a session cookie
 * asks whether its id was revoked.
 *
 * The answer "not revoked" is remembered for a few seconds, but only while this instance LISTENs on
 * `ig_session_revoked`: a revocation anywhere notifies at commit, the id joins the local revoked set
 * and leaves the remembered answers at once. While the listener is down (or when none was started,
 * as in apps built directly by tests) every use asks the database, so a missed notification can never
 * let a revoked session through. A generation counter keeps an answer read before a notification
 * from being remembered after it.
 */
import pg from 'pg';
import { LRUCache } from 'lru-cache';
import type { Pool } from '../../lib/db.js';
import type { Logger } from '../../lib/log.js';

export interface Revocations {
  revoke(jti: string, expiresAtS: number): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface RevocationOptions {
  /** Connection URL for the LISTEN connection (the BFF's own role); absent: no listener, no cache. */
  listenUrl?: string;
  logger?: Logger;
  /** How long a "not revoked" answer is remembered while listening (default 10 s). */
  cacheMs?: number;
  retryMs?: number;
}

export function createRevocations(pool: Pool, opts: RevocationOptions = {}): Revocations {
  const cacheMs = opts.cacheMs ?? 10_000;
  const revoked = new LRUCache<string, true>({ max: 100_000, ttl: 8 * 86_400_000 });
  const notRevoked = new LRUCache<string, true>({ max: 100_000, ttl: cacheMs });
  let live = false;
  let generation = 0;
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const forget = () => {
    live = false;
    generation++;
    notRevoked.clear();
  };

  async function listen(): Promise<void> {
    if (!opts.listenUrl || stopped) return;
    const c = new pg.Client({ connectionString: opts.listenUrl, application_name: 'ig-bff-revocations' });
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = undefined;
      forget();
      if (!stopped) {
        opts.logger?.warn({ err: err?.message }, 'session revocation listener lost: every session is checked in the database until it reconnects');
        retry = setTimeout(() => void listen(), opts.retryMs ?? 2000);
        retry.unref();
      }
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (msg) => {
      generation++;
      if (msg.payload) {
        revoked.set(msg.payload, true);
        notRevoked.delete(msg.payload);
      }
    });
    client = c;
    try {
      await c.connect();
      await c.query('LISTEN ig_session_revoked');
      notRevoked.clear();
      live = true;
    } catch (err) {
      lost(err as Error);
      await c.end().catch(() => undefined);
    }
  }
  const started = listen();

  return {
    async revoke(jti, expiresAtS) {
      await pool.query('SELECT bff.revoke_session($1::uuid, to_timestamp($2))', [jti, expiresAtS]);
      revoked.set(jti, true);
      notRevoked.delete(jti);
      generation++;
    },
    async isRevoked(jti) {
      if (revoked.has(jti)) return true;
      if (live && notRevoked.has(jti)) return false;
      const gen = generation;
      const { rows } = await pool.query<{ r: boolean }>('SELECT bff.session_revoked($1::uuid) AS r', [jti]);
      const r = rows[0]?.r === true;
      if (r) revoked.set(jti, true);
      else if (live && gen === generation) notRevoked.set(jti, true);
      return r;
    },
    async close() {
      stopped = true;
      clearTimeout(retry);
      await started;
      const c = client;
      client = undefined;
      forget();
      await c?.end().catch(() => undefined);
    },
  };
}
