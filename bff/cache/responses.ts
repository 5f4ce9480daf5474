/**
 * The response cache of GET endpoints: an in-process LRU and an ETag, both keyed by the project's
 * data version and everything else the answer depends on (path, query, representation, role, locale,
 * and the project's current local day, which moves the default "last 30 days"). A new refresh changes
 * the version, hence the key: nothing is ever invalidated by hand.
 *
 * Identical misses that arrive together share one computation.
 *
 * An answer is stored on its key's second miss, not its first (a doorkeeper, as in TinyLFU): a key
 * asked once, like every request of a cold load with its own period, is computed and sent but never
 * fills the heap. Storing every cold answer grew the heap by tens of thousands of entries a minute,
 * and the collector's pauses with it: in an open-loop cold load the BFF's longest garbage collection
 * per level was 10–41 ms with every answer stored and 9–11 ms with the cache off (docs/adr/028,
 * fourth addendum). A repeated request costs one more computation before it is served from memory.
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
  /**
   * The doorkeeper: a 32-bit hash of each key missed once, in a slot chosen by its low 16 bits (one
   * typed array, nothing per key for the collector). A later key in the same slot forgets the
   * earlier one; two keys with the same hash admit each other early. Both only move a store by one
   * miss.
   */
  private readonly seen = new Uint32Array(1 << 16);

  constructor(
    private readonly versions: VersionSource,
    opts: { maxBytes: number },
  ) {
    this.lru = new LRUCache({ maxSize: opts.maxBytes, sizeCalculation: (v) => Math.max(1, v.payload.length) });
  }

  /** The ETag, cache key and key hash of a request, or undefined when the project's version is unknown. */
  key(req: Request, res: Response): { key: string; etag: string; hash: number } | undefined {
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
    const digest = createHash('sha256').update(key).digest();
    const etag = `"${v.version}-${digest.toString('base64url').slice(0, 22)}"`;
    return { key, etag, hash: digest.readUInt32LE(22) || 1 };
  }

  /** Whether the key was missed before (then it is stored); records it otherwise. */
  private admit(hash: number): boolean {
    const slot = hash & 0xffff;
    if (this.seen[slot] === hash) return true;
    this.seen[slot] = hash;
    return false;
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
      const store = this.admit(k.hash);
      pending.then(
        (body) => {
          if (store) this.lru.set(k.key, body);
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
