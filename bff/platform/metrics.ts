/**
 * Prometheus metrics (prom-client) on a registry of the app's own, so several apps in one process
 * (tests) never collide: request latency per route (the route pattern, never the raw path, so the
 * label set stays bounded), pool use, and the response cache's hit ratio.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Pool } from '../../lib/db.js';
import type { CacheStats } from '../cache/responses.js';

export function routeLabel(req: Request): string {
  return req.route ? req.baseUrl + String(req.route.path) : 'unmatched';
}

export function createMetrics(pool: Pool, cache: CacheStats | undefined) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ig_bff_' });
  const latency = new Histogram({
    name: 'ig_bff_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern, method and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  new Gauge({
    name: 'ig_bff_db_pool_connections',
    help: 'Database pool connections by state (total, idle, waiting callers).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  if (cache) {
    new Counter({
      name: 'ig_bff_cache_requests_total',
      help: 'Cacheable GETs by outcome: hit, miss, not_modified (304), bypassed (data version unknown).',
      labelNames: ['outcome'] as const,
      registers: [registry],
      collect() {
        this.reset();
        this.inc({ outcome: 'hit' }, cache.hits);
        this.inc({ outcome: 'miss' }, cache.misses);
        this.inc({ outcome: 'not_modified' }, cache.notModified);
        this.inc({ outcome: 'bypassed' }, cache.bypassed);
      },
    });
    new Gauge({
      name: 'ig_bff_cache_hit_ratio',
      help: 'Share of cacheable GETs answered without a database query (hits and 304s over all).',
      registers: [registry],
      collect() {
        const all = cache.hits + cache.misses + cache.notModified + cache.bypassed;
        this.set(all ? (cache.hits + cache.notModified) / all : 0);
      },
    });
  }
  // The histogram's child per label set, kept: prom-client otherwise hashes the labels on every
  // observation. Bounded like the label set itself (method × route pattern × status).
  const children = new Map<string, { observe(v: number): void }>();
  return {
    registry,
    observe(req: Request, res: Response, seconds: number) {
      const route = routeLabel(req);
      const id = `${req.method} ${res.statusCode} ${route}`;
      let child = children.get(id);
      if (!child) children.set(id, (child = latency.labels({ method: req.method, route, status: String(res.statusCode) })));
      child.observe(seconds);
    },
    /** GET /metrics; with a token configured, only `Authorization: Bearer <token>` may read it. */
    handler(token: string | undefined) {
      const expected = token === undefined ? undefined : createHash('sha256').update(`Bearer ${token}`).digest();
      return async (req: Request, res: Response, next: NextFunction) => {
        // Compared as digests in constant time: the header's length and bytes leak nothing of the token.
        const given = createHash('sha256').update(req.headers.authorization ?? '').digest();
        if (expected && !timingSafeEqual(given, expected)) {
          next();
          return;
        }
        res.type(registry.contentType).send(await registry.metrics());
      };
    },
  };
}
