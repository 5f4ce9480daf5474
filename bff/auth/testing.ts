/**
 * Test helpers for the auth suites: a BFF with its own configuration over the test stack's database
 * (real PostgreSQL with RLS), a JWKS server on 127.0.0.1 standing in for indigitall's login, key pairs,
 * and an HTTP client that handles cookies by hand so every attribute can be checked.
 */
import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../lib/config.js';
import { createLogger, REDACT_PATHS, type Logger } from '../../lib/log.js';
import type { Stack } from '../../lib/testing/stack.js';
import { startBff } from '../server.js';

export interface TestBff {
  url: string;
  config: Config;
  close(): Promise<void>;
}

/** A BFF on a free loopback port with the given environment on top of the defaults, over the stack's database. */
export async function serveBff(stack: Stack, env: Record<string, string>, logger: Logger = createLogger('silent')): Promise<TestBff> {
  const config = loadConfig({ PORT: '0', PG_POOL_MAX: '2', ...env });
  const bff = await startBff(config, logger, { apiUrl: stack.database.apiUrl, validateResponses: true });
  return { url: bff.url, config, close: () => bff.close() };
}

/** A pino logger like the product's (same redaction) writing into a string, to inspect every line. */
export function captureLogger(level = 'debug'): { logger: Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const logger = pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream);
  return { logger, text: () => chunks.join('') };
}

export interface KeyPair {
  alg: string;
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  spki: string;
  jwk: JWK;
}

export async function keyPair(alg: string, kid = `${alg.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicKey, spki: await exportSPKI(publicKey), jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export interface JwksServer {
  url: string;
  /** Requests served so far. */
  hits: number;
  /** What the next fetch returns; `down` answers 503. */
  keys: JWK[] | 'down';
  close(): Promise<void>;
}

export async function startJwksServer(keys: JWK[]): Promise<JwksServer> {
  const state: JwksServer = { url: '', hits: 0, keys, close: async () => undefined };
  const server: Server = createServer((_req, res) => {
    state.hits++;
    if (state.keys === 'down') {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  state.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/.well-known/jwks.json`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}

export const nowS = () => Math.floor(Date.now() / 1000);

export interface SignOptions {
  key: CryptoKey | Uint8Array;
  alg: string;
  kid?: string;
  iss?: string | null;
  aud?: string | null;
  /** Absolute exp; null: none. Default: now + 600. */
  exp?: number | null;
  nbf?: number;
  header?: Record<string, unknown>;
}

/** Signs a token with full control over header and registered claims (good tokens and attacks alike). */
export function signWith(config: Pick<Config, 'JWT_ISSUER' | 'JWT_AUDIENCE'>, claims: JWTPayload, o: SignOptions): Promise<string> {
  const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: o.alg, typ: 'JWT', ...(o.kid ? { kid: o.kid } : {}), ...(o.header ?? {}) }).setIssuedAt();
  if (o.iss !== null) jwt.setIssuer(o.iss ?? config.JWT_ISSUER);
  if (o.aud !== null) jwt.setAudience(o.aud ?? config.JWT_AUDIENCE);
  if (o.exp !== null) jwt.setExpirationTime(o.exp ?? nowS() + 600);
  if (o.nbf !== undefined) jwt.setNotBefore(o.nbf);
  return jwt.sign(o.key);
}

export const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export interface Call {
  path?: string;
  method?: string;
  bearer?: string;
  cookies?: Record<string, string>;
  origin?: string;
  headers?: Record<string, string>;
  json?: unknown;
}

export interface Answer {
  status: number;
  type: string;
  headers: Headers;
  setCookies: string[];
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One HTTP request; redirects are not followed, cookies are sent exactly as given. */
export async function call(base: string, c: Call = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(c.headers ?? {}) };
  if (c.bearer !== undefined) headers.authorization = `Bearer ${c.bearer}`;
  if (c.cookies) headers.cookie = Object.entries(c.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  if (c.origin) headers.origin = c.origin;
  if (c.json !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(base + (c.path ?? '/v1/kpis?channel=push'), {
    method: c.method ?? 'GET',
    headers,
    redirect: 'manual',
    ...(c.json !== undefined ? { body: typeof c.json === 'string' ? c.json : JSON.stringify(c.json) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, setCookies: res.headers.getSetCookie(), text, body };
}

/** Attributes of the Set-Cookie line for `name`, keys lower-cased (`value` holds the cookie's value). */
export function cookieLine(a: Answer, name: string): Record<string, string | true> | undefined {
  const line = a.setCookies.find((l) => l.startsWith(`${name}=`));
  if (!line) return undefined;
  const [first, ...attrs] = line.split(';');
  const out: Record<string, string | true> = { value: first!.slice(name.length + 1) };
  for (const attr of attrs) {
    const eq = attr.indexOf('=');
    if (eq < 0) out[attr.trim().toLowerCase()] = true;
    else out[attr.slice(0, eq).trim().toLowerCase()] = attr.slice(eq + 1).trim();
  }
  return out;
}
