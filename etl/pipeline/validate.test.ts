/**
 * canonicalJson must stay byte-identical to the key-sorting JSON.stringify it replaced: raw
 * de-duplication compares sha256 of it with payloads stored by earlier versions.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './validate.js';

/** The definition it replaced, kept here as the reference. */
const reference = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['b', 'a', 'B', '10', '2', '0', '01', '-1', '4294967295', '4294967294', 'é', 'ä', '', 'z z', '"q"', '\u2028', 'numDevicesSent', '_', '1.5'];
const STRINGS = ['', 'x', 'ñandú', '"quoted"', 'back\\slash', 'line\nbreak', '\u2028\u2029', '😀', '\ud800', 'tab\t', '<script>'];

function value(r: () => number, depth: number, sortedKeys = false): unknown {
  const k = Math.floor(r() * (depth > 3 ? 6 : 9));
  switch (k) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return [0, -0, 1.5, -3, 1e21, 1e-7, 2 ** 53, NaN, Infinity, 123456789][Math.floor(r() * 10)];
    case 3: return STRINGS[Math.floor(r() * STRINGS.length)];
    case 4: return undefined;
    case 5: return Math.floor(r() * 1000);
    case 6: return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1, sortedKeys));
    default: {
      const keys = Array.from({ length: Math.floor(r() * 6) }, () => KEYS[Math.floor(r() * KEYS.length)]!);
      // Inserted in sorted order, the object is already in canonical order (the CSV reader's records
      // are), unless a nested one is not.
      if (sortedKeys) keys.sort();
      const o: Record<string, unknown> = {};
      for (const k of keys) o[k] = value(r, depth + 1, sortedKeys && r() < 0.9);
      return o;
    }
  }
}

describe('canonicalJson', () => {
  it('equals the key-sorting JSON.stringify on 5000 generated values (index-like keys, unicode, undefined, NaN, -0)', () => {
    const r = rng(42);
    for (let i = 0; i < 5000; i++) {
      const v = value(r, 0);
      expect(canonicalJson(v), JSON.stringify(v)).toBe(reference(v));
    }
  });

  it('equals it on 5000 generated values whose objects mostly are in key order already', () => {
    const r = rng(7);
    for (let i = 0; i < 5000; i++) {
      const v = value(r, 0, true);
      expect(canonicalJson(v), JSON.stringify(v)).toBe(reference(v));
    }
  });

  it('keeps a key named __proto__ as data, in order or not', () => {
    const inOrder = JSON.parse('{"__proto__":{"b":1,"a":2},"a":1}') as unknown;
    const outOfOrder = JSON.parse('{"b":1,"__proto__":[3]}') as unknown;
    for (const v of [inOrder, outOfOrder]) expect(canonicalJson(v)).toBe(reference(v));
    expect(canonicalJson(outOfOrder)).toBe('{"__proto__":[3],"b":1}');
  });

  it('sorts keys at every depth and orders index-like keys numerically, as Object.fromEntries does', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 0 }, '10': 1, '9': 2 })).toBe('{"9":2,"10":1,"a":{"c":0,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('falls back to the reference for what is not plain data (toJSON, Date)', () => {
    const d = new Date('2026-01-02T03:04:05Z');
    expect(canonicalJson({ at: d, n: { toJSON: () => 'x' } })).toBe(reference({ at: d, n: { toJSON: () => 'x' } }));
  });
});
