/**
 * Payload checks shared by every endpoint, and the canonical form raw storage hashes.
 */
import { createHash } from 'node:crypto';
import type { CheckContext, EndpointSpec } from './types.js';

/**
 * JSON with object keys sorted, so the hash identifies the content, not the key order. Byte for byte
 * what `JSON.stringify` with a key-sorting replacer gives (raw de-duplication compares these hashes
 * across versions). For the plain values a parsed payload holds, the objects whose keys are out of
 * order are copied in order (those already in order, such as the CSV reader's records, are not) and
 * the native `JSON.stringify` writes the result: a replacer, or writing the text out piece by piece
 * in JavaScript, cost a large share of a chat history backfill (docs/adr/029, third addendum).
 * Anything else (toJSON, a Map, a BigInt…) takes the replacer path.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return canonicalSlow(value);
  const ordered = inKeyOrder(value);
  return ordered === NOT_PLAIN ? canonicalSlow(value) : JSON.stringify(ordered);
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** An array index, which `Object.keys` lists first in numeric order (and fromEntries keeps so). */
const isIndex = (k: string) => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295;
};

function canonicalSlow(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byKey(a, b)))
      : v,
  );
}

const NOT_PLAIN = Symbol('not plain JSON data');

/**
 * `value` with every object's keys in the canonical order (as Object.fromEntries rebuilds sorted
 * entries: array-index keys first in numeric order, then the others sorted by code unit): the value
 * itself where it already is, a copy of what is not; NOT_PLAIN when something in it is not plain data.
 */
function inKeyOrder(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' ? NOT_PLAIN : value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      const y = inKeyOrder(x);
      if (y === NOT_PLAIN) return NOT_PLAIN;
      if (y !== x && !copy) copy = value.slice(0, i);
      copy?.push(y);
    }
    return copy ?? value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  let n = 0;
  while (n < keys.length && isIndex(keys[n]!)) n++;
  let sorted = true;
  for (let i = n + 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! < keys[i]!;
  if (!sorted) {
    const rest = keys.splice(n).sort(byKey);
    for (const k of rest) keys.push(k);
  }
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const x = o[k];
    const y = inKeyOrder(x);
    if (y === NOT_PLAIN) return NOT_PLAIN;
    if (!copy && (y !== x || !sorted)) {
      // A prototype-less object, so that a key named __proto__ is data, as it was in the payload.
      copy = Object.create(null) as Record<string, unknown>;
      for (let j = 0; j < i; j++) copy[keys[j]!] = o[keys[j]!];
    }
    if (copy) copy[k] = y;
  }
  return copy ?? o;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** zod issues as one line: `path: message; path: message` ((root) for the payload itself). */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === 'object') {
    // for…in: no array of keys per object (parsed payloads inherit no enumerable keys).
    for (const k in v) if (k.includes('\u0000') || hasNul((v as Record<string, unknown>)[k])) return true;
  }
  return false;
}

/** Why `payload` of `endpoint` cannot be loaded, or undefined when it can. */
export async function quarantineReason(endpoint: EndpointSpec, payload: unknown, ctx: CheckContext): Promise<string | undefined> {
  if (payload === undefined) return 'body is not JSON';
  const parsed = endpoint.schema.safeParse(payload);
  if (!parsed.success) return describeIssues(parsed.error.issues);
  if (hasNul(payload)) return 'a string contains U+0000, which PostgreSQL jsonb cannot store';
  return (await endpoint.check?.(payload, ctx)) ?? undefined;
}
