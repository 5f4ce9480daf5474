/**
 * Rate limiting per project and per user (token buckets). A request spends one token from its
 * user's bucket and one from its project's; an empty bucket answers 429 with the seconds until a
 * token is back in Retry-After.
 *
 * Two stores: `pgBuckets` (RATE_LIMIT_STORE=postgres, the default) keeps the buckets in PostgreSQL
 * (bff.take_tokens, migration 0025), one atomic statement per request, so every BFF instance draws
 * from the same buckets and N instances allow the configured rate, not N times it; `memoryBuckets`
 * keeps them in an LRU of this process (bounded memory whatever the number of users). If the
 * database cannot answer, the request goes on unlimited (fail open): the routes that need the
 * database answer 503 by themselves, and answers served from the cache keep flowing.
 */
import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { Pool } from '../../lib/db.js';
import type { Logger } from '../../lib/log.js';
import { AppError } from '../errors.js';

export interface Rate {
  /** Tokens added per second; 0 turns the limit off. */
  perSecond: number;
  /** Bucket size: the burst allowed after a quiet period. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new LRUCache<string, Bucket>({ max: 100_000 });
  constructor(
    private readonly rate: Rate,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token for `key`: 0 when granted, else the seconds until one is available. */
  take(key: string): number {
    if (this.rate.perSecond <= 0) return 0;
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.rate.burst, at: t };
    b.tokens = Math.min(this.rate.burst, b.tokens + ((t - b.at) / 1000) * this.rate.perSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / this.rate.perSecond;
  }
}

/** One token to take: a bucket's key and its rate. */
export interface Take {
  key: string;
  rate: Rate;
}

/** Where the buckets live. `take` answers 0 when every bucket had a token, else the seconds to wait. */
export interface BucketStore {
  take(takes: Take[]): number | Promise<number>;
}

/** Buckets in this process only. */
export function memoryBuckets(now?: () => number): BucketStore {
  const byRate = new Map<string, TokenBuckets>();
  return {
    take(takes) {
      let wait = 0;
      for (const t of takes) {
        const id = `${t.rate.perSecond}/${t.rate.burst}`;
        let buckets = byRate.get(id);
        if (!buckets) byRate.set(id, (buckets = new TokenBuckets(t.rate, now)));
        wait = Math.max(wait, buckets.take(t.key));
      }
      return wait;
    },
  };
}

/** Takes between two prunes of full buckets (bff.prune_rate_buckets). */
const PRUNE_EVERY = 5000;

/**
 * Buckets in PostgreSQL, shared by every instance on the database (migration 0025). When the
 * database does not answer (or the pool's queue wait, PG_POOL_QUEUE_TIMEOUT_MS, runs out), the take
 * is counted in this process's own buckets instead: the limit still holds per process rather than
 * not at all (docs/adr/023-production.md).
 */
export function pgBuckets(pool: Pool, logger?: Logger): BucketStore {
  let count = 0;
  let warned = false;
  const local = memoryBuckets();
  return {
    async take(takes) {
      const sorted = [...takes].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      if (++count % PRUNE_EVERY === 0) void pool.query('SELECT bff.prune_rate_buckets()').catch(() => undefined);
      try {
        const { rows } = await pool.query<{ wait: number }>('SELECT bff.take_tokens($1::text[], $2::float8[], $3::float8[]) AS wait', [
          sorted.map((t) => t.key),
          sorted.map((t) => t.rate.perSecond),
          sorted.map((t) => t.rate.burst),
        ]);
        warned = false;
        return Number(rows[0]?.wait ?? 0);
      } catch (err) {
        if (!warned) logger?.warn({ err: (err as Error).message }, 'rate limit store unavailable: limits are counted per process until it answers');
        warned = true;
        return local.take(sorted);
      }
    },
  };
}

/** Bucket keys: the project id, and a digest of (project, user) so no user id is stored. */
export function bucketKeys(projectId: string, userId: string): { project: string; user: string } {
  return { project: `p:${projectId}`, user: `u:${createHash('sha256').update(`${projectId}\n${userId}`).digest('base64url')}` };
}

export function rateLimit(limits: { user: Rate; project: Rate }, store: BucketStore = memoryBuckets()) {
  // Both limits off (0 req/s): nothing to count, not even the keys' digest.
  const on = limits.project.perSecond > 0 || limits.user.perSecond > 0;
  return async (_req: Request, res: Response, next: NextFunction) => {
    if (!on) return next();
    const { projectId, userId } = res.locals.auth;
    const keys = bucketKeys(projectId, userId);
    const takes: Take[] = [];
    if (limits.project.perSecond > 0) takes.push({ key: keys.project, rate: limits.project });
    if (limits.user.perSecond > 0) takes.push({ key: keys.user, rate: limits.user });
    const wait = await store.take(takes);
    if (wait > 0) throw new AppError('rate_limited', 'Too many requests for this project or user; retry after the indicated delay.', undefined, Math.max(1, wait));
    next();
  };
}
