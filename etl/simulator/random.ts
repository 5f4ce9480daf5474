// Seeded randomness and integer helpers shared by every generator of the simulator. No Math.random:
// every stream is a mulberry32 PRNG seeded by a hash of `${SEED}|part|part|…`, so any number the
// simulator serves can be recomputed from its parts.

import { SEED, type Rate } from './model.js';

type Range = readonly [min: number, max: number];

/** FNV-1a over `s`, continuing from state `h` (streaming: update(update(h, a), b) = update(h, a + b)). */
function fnvUpdate(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** murmur3 finaliser (avalanche). */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit string hash (FNV-1a followed by the murmur3 finaliser for good avalanche). */
export function hash32(s: string): number {
  return fmix(fnvUpdate(0x811c9dc5, s));
}

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG stream named by its parts (joined with '|' after the global seed). */
export function rng(...parts: readonly (string | number)[]): () => number {
  return mulberry32(fmix(keyState(parts)));
}

const SEED_STATE = fnvUpdate(0x811c9dc5, SEED);
const BAR = '|'.charCodeAt(0);

/** The FNV state of `${SEED}|${parts.join('|')}`, hashed part by part (FNV streams) without building the text. */
function keyState(parts: readonly (string | number)[]): number {
  let h = SEED_STATE;
  for (const p of parts) {
    h ^= BAR;
    h = Math.imul(h, 0x01000193);
    h = fnvUpdate(h, typeof p === 'string' ? p : String(p));
  }
  return h;
}

/** A PRNG stream for one (project, date, platform, metric): the push generator's historical naming. */
export function stream(projectId: number, date: string, platform: string, metric: string): () => number {
  return rng(projectId, date, platform, metric);
}

/** Two lowercase hex digits per byte value (Number#toString(16) is slow on hot paths). */
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** 8 lowercase hex digits of an unsigned 32-bit integer (= n.toString(16).padStart(8, '0')). */
export const hex8 = (n: number) => HEX2[n >>> 24]! + HEX2[(n >>> 16) & 0xff]! + HEX2[(n >>> 8) & 0xff]! + HEX2[n & 0xff]!;

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const uuidCodes = new Array<number>(36).fill(0x2d); // '-' stays at 8, 13, 18 and 23
uuidCodes[14] = 0x34; // the version digit '4'

/** Writes hex digits `from`..`to` - 1 (0 = the most significant) of the 32-bit `n` at uuidCodes[at…]. */
function putHex(n: number, from: number, to: number, at: number): void {
  for (let k = from; k < to; k++) uuidCodes[at + k - from] = HEX_CODES[(n >>> (28 - 4 * k)) & 15]!;
}

/**
 * uuid-shaped text (version 4 layout) from the FNV state of a key, hashing only `#0`..`#3` more:
 * with a..d the 8-digit hex of the four hashes, `${a}-${b[0..4)}-4${b[5..8)}-${variant}${c[1..4)}-${c[4..8)}${d}`,
 * variant = 8 | (c[0] & 3). Built from char codes: one flat string, no intermediate ones (this runs
 * for every chat message).
 */
function uuidOfState(h: number): string {
  const a = fmix(fnvUpdate(h, '#0'));
  const b = fmix(fnvUpdate(h, '#1'));
  const c = fmix(fnvUpdate(h, '#2'));
  const d = fmix(fnvUpdate(h, '#3'));
  putHex(a, 0, 8, 0);
  putHex(b, 0, 4, 9);
  putHex(b, 5, 8, 15);
  uuidCodes[19] = HEX_CODES[((c >>> 28) & 0x3) | 0x8]!;
  putHex(c, 1, 4, 20);
  putHex(c, 4, 8, 24);
  putHex(d, 0, 8, 28);
  return String.fromCharCode.apply(null, uuidCodes);
}

/**
 * A uuid-shaped (version 4 layout) id derived from its parts: 128 bits of hash (hash32 of
 * `${SEED}|parts…#i` for i = 0..3), so distinct parts practically never collide.
 */
export function uuidFrom(...parts: readonly (string | number)[]): string {
  return uuidOfState(keyState(parts));
}

/** keyState continued by one more part. */
function keyState1(h: number, part: string | number): number {
  h ^= BAR;
  return fnvUpdate(Math.imul(h, 0x01000193), typeof part === 'string' ? part : String(part));
}

/** uuidFrom(...parts, last) for many `last` values, hashing the shared parts once. */
export function uuidMaker(...parts: readonly (string | number)[]): (last: string | number) => string {
  const h = keyState(parts);
  return (last) => uuidOfState(keyState1(h, last));
}

/** 1 ± rel, uniformly. */
export const jitter = (r: () => number, rel: number) => 1 + rel * (2 * r() - 1);
export const clamp = (x: number, [lo, hi]: Range) => Math.min(hi, Math.max(lo, x));
/** A float uniformly in [lo, hi). */
export const between = (r: () => number, [lo, hi]: Range) => lo + (hi - lo) * r();
/** An integer uniformly in [lo, hi]. */
export const intBetween = (r: () => number, [lo, hi]: Range) => lo + Math.floor((hi - lo + 1) * r());

/** xs[i], or a RangeError (keeps noUncheckedIndexedAccess honest without `!`). */
export const at = <T>(xs: readonly T[], i: number): T => {
  const v = xs[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range`);
  return v;
};

/** A drawer of keys of `weights` (probability ∝ weight), with the cumulative table built once. */
export function picker<K extends string>(weights: Readonly<Record<K, number>>): (r: () => number) => K {
  const keys = Object.keys(weights) as K[];
  const cum: number[] = [];
  let total = 0;
  for (const k of keys) cum.push((total += weights[k]));
  return (r) => {
    const x = r() * total;
    for (let i = 0; i < cum.length; i++) if (x < cum[i]!) return keys[i]!;
    return keys[keys.length - 1]!;
  };
}

/** A key of `weights` drawn with probability proportional to its weight. */
export function pick<K extends string>(r: () => number, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [k, w] of entries) {
    if (x < w) return k;
    x -= w;
  }
  return at(entries, entries.length - 1)[0];
}

/** Inverse-CDF draw of an index from non-negative weights (e.g. an hour profile). */
export function drawIndex(r: () => number, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = r() * total;
  for (let i = 0; i < weights.length; i++) {
    const w = at(weights, i);
    if (x < w) return i;
    x -= w;
  }
  return weights.length - 1;
}

/** round(n × rate), then kept inside [n × lo, n × hi] whenever an integer fits there. */
export function ofCount(n: number, rate: number, [lo, hi]: Range): number {
  const v = Math.round(n * rate);
  const min = Math.ceil(n * lo - 1e-9);
  const max = Math.floor(n * hi + 1e-9);
  return min <= max ? Math.min(max, Math.max(min, v)) : v;
}

/** A rate drawn around `base` with ± rel noise, clamped to `range`, then applied to n with ofCount. */
export function countAt(n: number, r: () => number, base: number, rel: number, range: Range): number {
  return ofCount(n, clamp(base * jitter(r, rel), range), range);
}

/** countAt with a model Rate: typical (or the given one, e.g. a project's own) × (1 ± noise), clamped to its range. */
export function rateCount(n: number, r: () => number, rate: Rate, typical = rate.typical): number {
  return countAt(n, r, typical, rate.noise, rate.range);
}

/**
 * Splits the integer `total` over integer `weights` by largest remainder (ties → lower index), then,
 * if `caps` are given, moves any excess above a cap to the slots with spare room (heaviest first).
 * The result always sums exactly to `total`.
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const n = weights.length;
  let w = weights.map((x) => Math.max(0, Math.round(x)));
  let wSum = w.reduce((a, b) => a + b, 0);
  if (wSum === 0) {
    w = caps ? caps.map((c) => Math.max(0, c)) : weights.map(() => 1);
    wSum = w.reduce((a, b) => a + b, 0);
    if (wSum === 0) {
      w = weights.map(() => 1);
      wSum = n;
    }
  }
  const out = new Array<number>(n);
  const rem = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const num = total * at(w, i); // exact: total and weights are integers well below 2^53
    let q = Math.floor(num / wSum);
    let r = num - q * wSum;
    if (r < 0) (q -= 1), (r += wSum);
    else if (r >= wSum) (q += 1), (r -= wSum);
    out[i] = q;
    rem[i] = r;
    given += q;
  }
  const byRemainder = [...out.keys()].sort((a, b) => at(rem, b) - at(rem, a) || a - b);
  for (let k = 0; given < total; k++, given++) {
    const i = at(byRemainder, k % n);
    out[i] = at(out, i) + 1;
  }
  if (caps) {
    let excess = 0;
    for (let i = 0; i < n; i++) {
      const over = at(out, i) - at(caps, i);
      if (over > 0) (out[i] = at(caps, i)), (excess += over);
    }
    const byWeight = [...out.keys()].sort((a, b) => at(w, b) - at(w, a) || a - b);
    for (const i of byWeight) {
      if (excess === 0) break;
      const give = Math.min(excess, at(caps, i) - at(out, i));
      if (give > 0) (out[i] = at(out, i) + give), (excess -= give);
    }
    if (excess > 0) throw new RangeError(`apportion: total ${total} exceeds the sum of caps`);
  }
  return out;
}
