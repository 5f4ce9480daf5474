// Bounded memoisation of the simulator's generated rows. Every generator is a pure function of
// (project, local day, what `now` changes about that day), so its rows can be kept and served again
// instead of regenerated for every page and request. Each cache is an LRU bounded by a weight (rows,
// sessions or entries), so 500 projects × 2 years of history cannot exhaust memory: what falls out is
// regenerated, identically, when asked for again.
//
// Keys start with projectKey(project): a number per project *object* (not its id), because tests build
// variants of a project with the same id and other knobs. What `now` changes is part of the key where it
// matters: the late-correction factor of the day (corrections.ts), the local today; lists cut at `now`
// (agent conversations, chat history) cache the full day and cut it per request.

import type { SimProject } from './catalog.js';

export interface CacheStats {
  name: string;
  entries: number;
  weight: number;
  maxWeight: number;
  hits: number;
  misses: number;
  evictions: number;
}

/** A least-recently-used map with a weight budget (weigh(v) per entry; 1 per entry by default). */
export class Lru<V> {
  readonly #map = new Map<string, { value: V; weight: number }>();
  #weight = 0;
  hits = 0;
  misses = 0;
  evictions = 0;

  #maxWeight: number;

  constructor(
    readonly name: string,
    maxWeight: number,
    readonly weigh: (value: V) => number = () => 1,
  ) {
    this.#maxWeight = Lru.#checked(name, maxWeight);
  }

  static #checked(name: string, maxWeight: number): number {
    if (!(maxWeight >= 1)) throw new RangeError(`cache ${name}: maxWeight must be >= 1, got ${maxWeight}`);
    return maxWeight;
  }

  get maxWeight(): number {
    return this.#maxWeight;
  }

  /** Changes the budget, evicting the least recently used entries down to it. */
  resize(maxWeight: number): void {
    this.#maxWeight = Lru.#checked(this.name, maxWeight);
    this.#evict(undefined);
  }

  get size(): number {
    return this.#map.size;
  }

  get weight(): number {
    return this.#weight;
  }

  get(key: string): V | undefined {
    const e = this.#map.get(key);
    if (e === undefined) return undefined;
    this.#map.delete(key); // re-insert: Map order is the recency order
    this.#map.set(key, e);
    return e.value;
  }

  has(key: string): boolean {
    return this.#map.has(key);
  }

  set(key: string, value: V): void {
    const old = this.#map.get(key);
    if (old !== undefined) {
      this.#weight -= old.weight;
      this.#map.delete(key);
    }
    const weight = Math.max(1, this.weigh(value));
    this.#map.set(key, { value, weight });
    this.#weight += weight;
    this.#evict(key);
  }

  /** Oldest first down to the budget; the entry `keep` (just set) stays even when it alone exceeds it. */
  #evict(keep: string | undefined): void {
    for (const [k, e] of this.#map) {
      if (this.#weight <= this.#maxWeight || k === keep) break;
      this.#map.delete(k);
      this.#weight -= e.weight;
      this.evictions++;
    }
  }

  clear(): void {
    this.#map.clear();
    this.#weight = 0;
  }

  stats(): CacheStats {
    const { name, hits, misses, evictions } = this;
    return { name, entries: this.#map.size, weight: this.#weight, maxWeight: this.#maxWeight, hits, misses, evictions };
  }
}

const registry: Lru<unknown>[] = [];
let enabled = true;

/** A registered cache (clearCaches, cacheStats and setCaching act on every registered cache). */
export function lru<V>(name: string, maxWeight: number, weigh?: (value: V) => number): Lru<V> {
  const c = new Lru<V>(name, maxWeight, weigh);
  registry.push(c as Lru<unknown>);
  return c;
}

/** The cached value of `key`, or make() stored under it. With caching off, always make(). */
export function memo<V>(cache: Lru<V>, key: string, make: () => V): V {
  if (!enabled) return make();
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.hits++;
    return hit;
  }
  cache.misses++;
  const value = make();
  cache.set(key, value);
  return value;
}

/** Empties every cache (memory back, answers unchanged). */
export function clearCaches(): void {
  for (const c of registry) c.clear();
}

/** Turns memoisation on or off (off: every answer regenerated, as before caching; for tests). Returns the previous state. */
export function setCaching(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  if (!on) clearCaches();
  return was;
}

export function cacheStats(): CacheStats[] {
  return registry.map((c) => c.stats());
}

/** A registered cache by name (tests resize them). */
export function cacheNamed(name: string): Lru<unknown> | undefined {
  return registry.find((c) => c.name === name);
}

const projectKeys = new WeakMap<SimProject, number>();
let nextProjectKey = 1;

/** A number naming this project object in cache keys (distinct objects never share one). */
export function projectKey(project: SimProject): number {
  let k = projectKeys.get(project);
  if (k === undefined) projectKeys.set(project, (k = nextProjectKey++));
  return k;
}

/** Freezes a row array and its rows (cached rows are shared by every answer; nobody may change them). */
export function frozenRows<T extends object>(rows: T[]): readonly T[] {
  for (const r of rows) Object.freeze(r);
  return Object.freeze(rows);
}
