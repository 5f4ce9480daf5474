/**
 * Where /auth/exchange may send the browser after setting the session: a path on this site only.
 * Anything that a browser could read as another origin (`//evil`, `/\evil`, `https://evil`, control
 * characters that URL parsers strip, `javascript:`) falls back to `/`.
 */
const BASE = 'http://same-origin.invalid';

export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return '/';
  if (!next.startsWith('/') || next.startsWith('//')) return '/';
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  return url.pathname + url.search + url.hash;
}
