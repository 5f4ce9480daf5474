/**
 * Payload checks shared by every endpoint, and the canonical form raw storage hashes.
 */
import { createHash } from 'node:crypto';
import type { CheckContext, EndpointSpec } from './types.js';

/**
 * JSON with object keys sorted, so the hash identifies the content, not the key order. Byte for byte
 * what `JSON.stringify` with a key-sorting replacer gives (raw de-duplication compares these hashes
 * across versions), written out for the plain values a parsed payload holds: building a sorted copy
 * of every object cost a large share of a chat history backfill. Anything else (toJSON, a Map…)
 * takes the replacer path.
 */
export function canonicalJson(value: unknown): string {
  const out = canonicalPlain(value);
  return out ?? canonicalSlow(value);
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isIndex = (k: string) => /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295;

function canonicalSlow(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byKey(a, b)))
      : v,
  );
}

/** undefined when `value` holds something other than plain JSON data (the caller falls back). */
function canonicalPlain(value: unknown): string | undefined {
  const parts: string[] = [];
  const emit = (v: unknown, inArray: boolean): boolean => {
    switch (typeof v) {
      case 'string':
        parts.push(JSON.stringify(v));
        return true;
      case 'number':
        parts.push(Number.isFinite(v) ? JSON.stringify(v) : 'null');
        return true;
      case 'boolean':
        parts.push(v ? 'true' : 'false');
        return true;
      case 'undefined':
      case 'function':
      case 'symbol':
        // Skipped by the caller in an object; null in an array.
        if (!inArray) return false;
        parts.push('null');
        return true;
      case 'bigint':
        return false;
      default:
        break;
    }
    if (v === null) {
      parts.push('null');
      return true;
    }
    if (Array.isArray(v)) {
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i) parts.push(',');
        if (!emit(v[i], true)) return false;
      }
      parts.push(']');
      return true;
    }
    const proto = Object.getPrototypeOf(v);
    if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
    const o = v as Record<string, unknown>;
    // As Object.fromEntries rebuilds the sorted entries: array-index keys ('0', '10') come first in
    // numeric order (Object.keys already lists them so), then the other keys sorted.
    const keys = Object.keys(o);
    let n = 0;
    while (n < keys.length && isIndex(keys[n]!)) n++;
    if (n < keys.length) {
      const rest = keys.splice(n).sort(byKey);
      for (const k of rest) keys.push(k);
    }
    parts.push('{');
    let first = true;
    for (const k of keys) {
      const x = o[k];
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      if (!first) parts.push(',');
      first = false;
      parts.push(JSON.stringify(k), ':');
      if (!emit(x, false)) return false;
    }
    parts.push('}');
    return true;
  };
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  return emit(value, false) ? parts.join('') : undefined;
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
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x));
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
