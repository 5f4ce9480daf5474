/**
 * Payload checks shared by every endpoint, and the canonical form raw storage hashes.
 */
import { createHash } from 'node:crypto';
import type { CheckContext, EndpointSpec } from './types.js';

/** JSON with object keys sorted, so the hash identifies the content, not the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
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
