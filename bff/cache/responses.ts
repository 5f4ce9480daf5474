/**
 * The response cache of GET endpoints: an in-process LRU and an ETag, both keyed by the project's
 * data version and everything else the answer depends on (path, query, representation, role, locale,
 * and the project's current local day, which moves the default "last 30 days"). A new refresh changes
 * the version, hence the key: nothing is ever invalidated by hand.
 *
 * Identical misses that arrive together share one computation.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { todayIn } from '../../lib/dates.js';
import type { Rendered } from '../routes/define.js';
import type { VersionSource } from './versions.js';

export interface CacheStats {
  hits: number;
  misses: number;
  bypassed: number;
  notModified: number;
}

export class ResponseCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, bypassed: 0, notModified: 0 };
  private readonly lru: LRUCache<string, Rendered>;
  private readonly inflight = new Map<string, Promise<Rendered>>();

  constructor(
    private readonly versions: VersionSource,
    opts: { maxBytes: number },
  ) {
    this.lru = new LRUCache({ maxSize: opts.maxBytes, sizeCalculation: (v) => Math.max(1, v.payload.length) });
  }

  /** The ETag and cache key of a request, or undefined when the project's version is unknown. */
  key(req: Request, res: Response): { key: string; etag: string } | undefined {
    const auth = res.locals.auth;
    const v = this.versions.get(auth.projectId);
    if (!v) return undefined;
    const query = Object.entries(req.query as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, val]) => `${k}=${String(val)}`)
      .join('&');
    // No Accept header accepts anything: the first offered type, as req.accepts answers, without its parser.
    const representation = req.headers.accept === undefined ? 'application/json' : req.accepts(['application/json', 'text/csv']) || 'json';
    const key = [auth.projectId, v.version, todayIn(v.timeZone), auth.role, auth.locale ?? '', req.path, query, representation].join('\n');
    const etag = `"${v.version}-${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;
    return { key, etag };
  }

  async cached(req: Request, res: Response, compute: () => Promise<Rendered>): Promise<{ body: Rendered; hit: boolean } | 'not-modified'> {
    const k = this.key(req, res);
    if (!k) {
      this.stats.bypassed++;
      return { body: await compute(), hit: false };
    }
    res.setHeader('ETag', k.etag);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.vary('Authorization').vary('Cookie').vary('Accept').vary('X-Ig-Project');
    if (matches(req.headers['if-none-match'], k.etag)) {
      this.stats.notModified++;
      return 'not-modified';
    }
    const stored = this.lru.get(k.key);
    if (stored) {
      this.stats.hits++;
      return { body: stored, hit: true };
    }
    this.stats.misses++;
    let pending = this.inflight.get(k.key);
    if (!pending) {
      pending = compute();
      this.inflight.set(k.key, pending);
      pending.then(
        (body) => {
          this.lru.set(k.key, body);
          this.inflight.delete(k.key);
        },
        () => this.inflight.delete(k.key),
      );
    }
    return { body: await pending, hit: false };
  }
}

/** If-None-Match: a list of entity tags (weak ones compare weakly), or `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
