/**
 * Request cookies, parsed on demand (only the auth guard reads them). A small parser rather than a
 * dependency: `name=value` pairs separated by `;`, the first occurrence of a name wins (as browsers
 * order the more specific path first), values optionally quoted and percent-decoded when valid.
 */
import type { Request } from 'express';

const parsed = new WeakMap<Request, Record<string, string>>();

export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (value.includes('%')) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // keep the raw value: it simply will not verify
      }
    }
    out[name] = value;
  }
  return out;
}

/** The request's cookies (parsed once per request). */
export function requestCookies(req: Request): Record<string, string> {
  let c = parsed.get(req);
  if (!c) {
    c = parseCookieHeader(req.headers.cookie);
    parsed.set(req, c);
  }
  return c;
}
