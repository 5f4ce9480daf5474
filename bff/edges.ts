/**
 * The request's edges, checked before any work (docs/adr/022-edges.md): what cannot be read, or
 * could not be stored, is a 400/413/415 problem+json that names the parameter, never a 500 later on.
 *
 *   - the path: every segment must be valid percent-encoded UTF-8 and decode to no control character
 *     (one generic check, so `/v1/agents/%ZZ` and `/v1/campaigns/%00` are refused for every route);
 *   - the query string: the same, per parameter name and value (`+` is a space);
 *   - headers a request must not repeat (two `Authorization`, two `Content-Type`): Node keeps the first
 *     and drops the rest, so a proxy and the BFF could disagree about which one counts;
 *   - JSON bodies: read only as UTF-8 JSON (another charset is 415, a body that is not JSON 415, a
 *     malformed one 400, a large one 413), then every string at any depth, keys included, must be
 *     storable text: no NUL, no C0 control other than tab, line feed and carriage return, no DEL and
 *     no lone UTF-16 surrogate (PostgreSQL refuses NUL and lone surrogates in text and jsonb).
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { AppError, invalidParameter } from './errors.js';

/** Not allowed anywhere in a decoded path segment or query parameter: C0, DEL and C1 controls. */
const URL_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Not allowed in a JSON string: NUL and the C0 controls but tab, LF and CR; DEL; lone surrogates. */
const TEXT_UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Headers that must appear at most once in a request. */
const SINGLE_HEADERS = ['authorization', 'content-type', 'content-length', 'content-encoding', 'x-ig-project'];

function decodeComponent(raw: string, param: string, what: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw invalidParameter(param, `${what} is not valid percent-encoded UTF-8.`);
  }
  if (URL_CONTROL.test(decoded)) throw invalidParameter(param, `${what} contains a control character.`);
  return decoded;
}

/** Checks a request's raw path and query string; throws the 400 of the first bad part. */
export function checkUrl(url: string): void {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  for (const segment of path.split('/')) {
    if (segment) decodeComponent(segment, 'path', `The path segment "${segment.slice(0, 40)}"`);
  }
  if (q < 0) return;
  for (const pair of url.slice(q + 1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawName = (eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ');
    const name = decodeComponent(rawName, 'query', 'A query parameter name');
    if (eq >= 0) decodeComponent(pair.slice(eq + 1).replace(/\+/g, ' '), name.slice(0, 64), `The query parameter "${name.slice(0, 64)}"`);
  }
}

/** App-wide, first thing after the security headers: the URL and the single-valued headers. */
export function refuseUnreadableRequests(req: Request, _res: Response, next: NextFunction): void {
  checkUrl(req.originalUrl);
  const raw = req.rawHeaders;
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!SINGLE_HEADERS.includes(name)) continue;
    if (seen.has(name)) throw invalidParameter(name, `The ${raw[i]} header must be sent once.`);
    seen.add(name);
  }
  next();
}

/** The path of the first string (key or value) that cannot be stored as text, or undefined. */
export function unstorablePath(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return TEXT_UNSTORABLE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = unstorablePath(value[i], [...path, String(i)]);
      if (p) return p;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (TEXT_UNSTORABLE.test(k)) return [...path, k.replace(TEXT_UNSTORABLE, '?')];
      const p = unstorablePath(v, [...path, k]);
      if (p) return p;
    }
  }
  return undefined;
}

/** True when a request carries a body (a length above zero, or a chunked one). */
const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * The JSON body parser of the API: UTF-8 JSON only (strict: an object or an array), at most `limit`;
 * a body of another type is 415; after parsing, every string must be storable text (400 naming it).
 */
export function jsonBody(limit: string): RequestHandler[] {
  const parse = express.json({ limit, strict: true, type: ['application/json', 'application/*+json'] });
  return [
    (req, _res, next) => {
      if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
        throw new AppError('unsupported_media_type', 'Send the body as application/json (UTF-8).', 'content-type');
      }
      // body-parser would decode any utf-* (UTF-16 included); JSON on the wire is UTF-8 (RFC 8259 §8.1).
      const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1];
      if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
        throw new AppError('unsupported_media_type', 'The body must be UTF-8 (charset=utf-8).', 'content-type');
      }
      next();
    },
    parse,
    (req, _res, next) => {
      const bad = unstorablePath(req.body);
      if (bad) {
        const param = ['body', ...bad].join('.');
        throw invalidParameter(bad.length ? bad.join('.') : 'body', `${param} contains a NUL, a control character or an unpaired surrogate, which cannot be stored.`);
      }
      next();
    },
  ];
}
