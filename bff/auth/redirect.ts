/**
 * Where /auth/exchange may send the browser after setting the session: a path on this site only.
 *
 * The check is on what is sent, not on what was asked: `next` is resolved with the WHATWG URL parser
 * against a stand-in origin (dot segments removed, percent-encoding normalised, exactly as a browser
 * will resolve the Location), and the serialised path is the Location. It must still be on that
 * origin and start with exactly one `/` followed by neither `/` nor `\`, with no backslash and no
 * control character anywhere; and resolving it again must give the same URL. `/.//evil.example`,
 * `/%2e//evil.example`, `/..//evil`, `//evil`, `/\evil`, `https://evil`, `javascript:` and anything
 * with a tab or newline (which URL parsers strip) all fall back to `/`.
 */
const BASE = 'http://same-origin.invalid';
const FALLBACK = '/';

export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return FALLBACK;
  if (!next.startsWith('/') || next.startsWith('//')) return FALLBACK;
  if (/[\\\u0000-\u001f\u007f-\u009f]/.test(next)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== BASE) return FALLBACK;
  const location = url.pathname + url.search + url.hash;
  return isSafeLocation(location) ? location : FALLBACK;
}

/** True for a Location that every browser resolves to a path of the origin that sent it. */
export function isSafeLocation(location: string): boolean {
  if (!/^\/(?![/\\])/.test(location)) return false;
  if (/[\\\u0000-\u0020\u007f-\uffff]/.test(location)) return false; // serialised URLs are printable ASCII
  try {
    const again = new URL(location, BASE);
    return again.origin === BASE && again.pathname + again.search + again.hash === location;
  } catch {
    return false;
  }
}
