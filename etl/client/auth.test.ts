/**
 * Credentials against a fake indigitall: server-key vs JWT per endpoint, login once and share the
 * token, re-login once on 401 (a second 401 is an error), concurrent requests share one login, the
 * token's exp is honoured, account keys for several projects (D17) and no password or token in errors.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialsError, Keyring, keyResolver, tokenRefreshAt, TOKEN_EXPIRY_SKEW_MS, type Credentials } from './credentials.js';
import { apiError, delay, envelope, startFake, type Fake, type FakeReply, type FakeRequest } from './fake-upstream.js';
import { IndigitallApiError, IndigitallClient, IndigitallClients, type ClientOptions } from './indigitall.js';

const MAIL = 'etl@example.com';
const PASSWORD = 'pa55-w0rd-secret';
const SERVER_KEY = 'b4e1d7a2-1111-4000-8000-000000s3rv3r';
const LOGIN: Credentials = { login: { mail: MAIL, password: PASSWORD } };
const STATS = { totalMessages: 12 };

let fakes: Fake[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

/** A JWT-shaped token (unsigned: the client never verifies, it only reads exp). */
function jwt(n: number, exp?: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: MAIL, n, ...(exp === undefined ? {} : { exp }) })}.c2lnbmF0dXJl`;
}

interface AuthFake extends Fake {
  logins: FakeRequest[];
  /** Tokens the fake accepts; tests remove some to model expiry or revocation. */
  valid: Set<string>;
}

/**
 * A fake with `POST /v1/auth` (the right mail and password get a new token, `loginDelayMs` later) and
 * everything else answered OK for a valid Bearer token or for the server key, else 401.
 */
async function authFake(opts: { loginDelayMs?: number; exp?: (n: number) => number | undefined; reply?: (req: FakeRequest) => FakeReply | undefined } = {}): Promise<AuthFake> {
  const valid = new Set<string>();
  const logins: FakeRequest[] = [];
  const f = await startFake(async (req) => {
    const custom = opts.reply?.(req);
    if (custom) return custom;
    if (req.method === 'POST' && req.url.pathname === '/v1/auth') {
      logins.push(req);
      if (opts.loginDelayMs) await delay(opts.loginDelayMs);
      const { mail, password } = JSON.parse(req.body) as { mail?: string; password?: string };
      if (mail !== MAIL || password !== PASSWORD) return apiError(401, 'Invalid credentials');
      const token = jwt(logins.length, opts.exp?.(logins.length));
      valid.add(token);
      return { body: envelope({ accessToken: token }) };
    }
    const bearer = /^Bearer (\S+)$/.exec(req.authorization)?.[1];
    if (bearer ? valid.has(bearer) : req.authorization === `ServerKey ${SERVER_KEY}`) {
      await delay(5);
      return { body: envelope(STATS) };
    }
    return apiError(401, 'Access token is not valid');
  });
  fakes.push(f);
  return Object.assign(f, { logins, valid });
}

function client(f: Fake, opts: Partial<ClientOptions> = {}): IndigitallClient {
  return new IndigitallClient({ baseUrl: f.url, credentials: LOGIN, keyring: new Keyring(), sleep: async () => {}, ...opts });
}

const CHAT = '/v1/chat/stats';
const Q = { applicationId: 100, dateFrom: '2026-11-01', dateTo: '2026-11-07' };
const bearerOf = (req: FakeRequest) => /^Bearer (\S+)$/.exec(req.authorization)?.[1];

describe('which authorization a request uses', () => {
  it('chat endpoints use the JWT, the others the server key, when both are configured', async () => {
    const f = await authFake();
    const c = client(f, { credentials: { serverKey: SERVER_KEY, ...LOGIN } });
    await c.get(CHAT, Q);
    await c.get('/v1/application/100/dateStats', { dateFrom: '2026-11-01', dateTo: '2026-11-07', periodicity: 'daily' });
    const [login, chat, push] = f.requests;
    expect(login).toMatchObject({ method: 'POST', path: '/v1/auth', authorization: '' });
    expect(JSON.parse(login!.body)).toEqual({ mail: MAIL, password: PASSWORD });
    expect(chat!.authorization).toBe(`Bearer ${jwt(1)}`);
    expect(push!.authorization).toBe(`ServerKey ${SERVER_KEY}`);
  });

  it('a login alone is used for every endpoint; an explicit auth option overrides the default', async () => {
    const f = await authFake();
    const c = client(f);
    await c.get('/v1/application', { limit: 1 });
    expect(f.requests.at(-1)!.authorization).toBe(`Bearer ${jwt(1)}`);
    const k = client(f, { credentials: { serverKey: SERVER_KEY, ...LOGIN } });
    await k.get('/v1/chat/agent/status', { applicationId: 100 }, { auth: 'serverKey' });
    expect(f.requests.at(-1)!.authorization).toBe(`ServerKey ${SERVER_KEY}`);
  });

  it('a chat endpoint with only a server key is a CredentialsError, and nothing is requested', async () => {
    const f = await authFake();
    const c = client(f, { credentials: { serverKey: SERVER_KEY } });
    await expect(c.get(CHAT, Q)).rejects.toThrow(CredentialsError);
    await expect(c.get(CHAT, Q)).rejects.toThrow('/v1/chat/stats needs a console login (mail and password) for a JWT; these credentials have none');
    expect(f.requests).toHaveLength(0);
  });
});

describe('JWT login', () => {
  it('logs in once and reuses the token, across clients that share a keyring; another keyring logs in again', async () => {
    const f = await authFake();
    const keyring = new Keyring();
    const a = client(f, { keyring });
    const b = client(f, { keyring });
    await a.get(CHAT, Q);
    await a.get(CHAT, Q);
    await b.get(CHAT, Q);
    expect(f.logins).toHaveLength(1);
    expect(a.logins).toBe(1);
    await client(f).get(CHAT, Q);
    expect(f.logins).toHaveLength(2);
  });

  it('on 401 "Access token is not valid" it logs in again once and retries', async () => {
    const f = await authFake();
    const c = client(f);
    await c.get(CHAT, Q);
    f.valid.clear(); // the token expired upstream
    const res = await c.get(CHAT, Q);
    expect(res.json).toEqual(envelope(STATS));
    expect(f.requests.map((r) => `${r.method} ${r.url.pathname} ${r.url.pathname === '/v1/auth' ? '' : bearerOf(r) === jwt(1) ? 'tok1' : 'tok2'}`)).toEqual([
      'POST /v1/auth ',
      'GET /v1/chat/stats tok1',
      'GET /v1/chat/stats tok1',
      'POST /v1/auth ',
      'GET /v1/chat/stats tok2',
    ]);
    expect(c.stats.reLogins).toBe(1);
  });

  it('a second 401 right after the re-login is an error (no loop of logins)', async () => {
    const f = await authFake({ reply: (req) => (req.url.pathname === CHAT ? apiError(401, 'Access token is not valid') : undefined) });
    const c = client(f);
    const err = (await c.get(CHAT, Q).catch((e: unknown) => e)) as IndigitallApiError;
    expect(err).toBeInstanceOf(IndigitallApiError);
    expect(err).toMatchObject({ status: 401, path: CHAT, upstreamMessage: 'Access token is not valid', attempts: 2, retryable: false });
    expect(f.logins).toHaveLength(2);
    expect(f.requests).toHaveLength(4);
  });

  it('a 401 reported as HTTP 200 with statusCode 401 in the body also triggers the re-login', async () => {
    let n = 0;
    const f = await authFake({ reply: (req) => (req.url.pathname === CHAT && ++n === 1 ? apiError(401, 'Access token is not valid', { httpStatus: 200 }) : undefined) });
    const c = client(f);
    await c.get(CHAT, Q);
    expect(f.logins).toHaveLength(2);
  });

  it('concurrent requests share one login in flight', async () => {
    const f = await authFake({ loginDelayMs: 50 });
    const keyring = new Keyring({ concurrency: 20 });
    const clients = [client(f, { keyring }), client(f, { keyring })];
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => clients[i % 2]!.get(CHAT, Q)));
    expect(results).toHaveLength(12);
    expect(f.logins).toHaveLength(1);
    expect(new Set(f.requests.filter((r) => r.method === 'GET').map(bearerOf))).toEqual(new Set([jwt(1)]));
  });

  it('concurrent 401s on the same expired token share one re-login', async () => {
    const f = await authFake({ loginDelayMs: 30 });
    const c = client(f, { keyring: new Keyring({ concurrency: 10 }) });
    await c.get(CHAT, Q);
    f.valid.clear();
    await Promise.all(Array.from({ length: 8 }, () => c.get(CHAT, Q)));
    expect(f.logins).toHaveLength(2);
    expect(c.stats.reLogins).toBe(8); // each request retried once, all with the one new token
    expect(f.requests.filter((r) => r.method === 'GET' && bearerOf(r) === jwt(2))).toHaveLength(8);
  });

  it('a late 401 for the old token does not throw away the new one (no third login)', async () => {
    const f = await authFake({
      reply: (req) =>
        req.url.searchParams.get('slow') === '1' && bearerOf(req) === jwt(1) ? { ...(apiError(401, 'Access token is not valid') as object), delayMs: 150 } : undefined,
    });
    const c = client(f);
    await c.get(CHAT, Q);
    f.valid.clear();
    const late = c.get(CHAT, { ...Q, slow: 1 }); // its 401 arrives after the other request's re-login
    await c.get(CHAT, Q);
    expect(f.logins).toHaveLength(2);
    await late;
    expect(f.logins).toHaveLength(2);
    expect(bearerOf(f.requests.at(-1)!)).toBe(jwt(2));
  });

  it('a rejected login is an error on /v1/auth, not retried, and never shows the password', async () => {
    const f = await authFake();
    const c = client(f, { credentials: { login: { mail: MAIL, password: 'wrong-password-123' } } });
    const err = (await c.get(CHAT, Q).catch((e: unknown) => e)) as IndigitallApiError;
    expect(err).toMatchObject({ status: 401, path: '/v1/auth', upstreamMessage: 'Invalid credentials', attempts: 1 });
    expect(f.requests).toHaveLength(1);
    for (const text of [err.message, err.stack ?? '', JSON.stringify(err), inspect(err), inspect(c, { showHidden: true, depth: 5 })]) {
      expect(text).not.toContain('wrong-password-123');
    }
    // A failed login is not cached: the next call tries again.
    await c.get(CHAT, Q).catch(() => undefined);
    expect(f.requests).toHaveLength(2);
  });

  it('a login that answers 500 is retried like any request', async () => {
    let n = 0;
    const f = await authFake({ reply: (req) => (req.url.pathname === '/v1/auth' && ++n === 1 ? apiError(500, 'Internal server error') : undefined) });
    const c = client(f);
    await c.get(CHAT, Q);
    expect(f.requests.map((r) => r.url.pathname)).toEqual(['/v1/auth', '/v1/auth', CHAT]);
  });

  it('a login answer without data.accessToken is a malformed error', async () => {
    const f = await authFake({ reply: (req) => (req.url.pathname === '/v1/auth' ? { body: envelope({ token: 'x' }) } : undefined) });
    const err = (await client(f).get(CHAT, Q).catch((e: unknown) => e)) as IndigitallApiError;
    expect(err).toMatchObject({ kind: 'malformed', path: '/v1/auth', upstreamMessage: 'login answer has no data.accessToken' });
  });

  it("logs in again before the token's exp (less the skew) instead of waiting for a 401", async () => {
    const t0 = Date.parse('2026-11-20T10:00:00Z');
    let now = t0;
    const f = await authFake({ exp: () => Math.floor(now / 1000) + 3600 });
    const c = client(f, { keyring: new Keyring({ now: () => now }) });
    await c.get(CHAT, Q);
    now = t0 + 3600_000 - TOKEN_EXPIRY_SKEW_MS - 1;
    await c.get(CHAT, Q);
    expect(f.logins).toHaveLength(1);
    now = t0 + 3600_000 - TOKEN_EXPIRY_SKEW_MS;
    await c.get(CHAT, Q);
    expect(f.logins).toHaveLength(2);
    expect(f.requests.filter((r) => r.url.pathname === CHAT)).toHaveLength(3); // no 401 on the way
  });

  it('reads the lifetime as exp − iat, so a server clock far from ours neither loops logins nor keeps a stale token', () => {
    const t0 = Date.parse('2026-11-20T10:00:00Z');
    const token = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
    const longAgo = Date.parse('2020-01-01T00:00:00Z') / 1000; // e.g. the simulator on a test clock
    expect(tokenRefreshAt(token({ iat: longAgo, exp: longAgo + 3600 }), t0)).toBe(t0 + 3600_000 - TOKEN_EXPIRY_SKEW_MS);
    expect(tokenRefreshAt(token({ exp: t0 / 1000 + 3600 }), t0)).toBe(t0 + 3600_000 - TOKEN_EXPIRY_SKEW_MS);
    expect(tokenRefreshAt(token({ iat: 0, exp: 300 }), t0)).toBe(t0 + 300_000 - 30_000); // skew at most a tenth of the lifetime
    expect(tokenRefreshAt(token({ exp: longAgo }), t0)).toBe(Infinity); // already past by our clock: let the 401 decide
    expect(tokenRefreshAt(token({ iat: 10, exp: 5 }), t0)).toBe(Infinity);
    expect(tokenRefreshAt('opaque-token', t0)).toBe(Infinity);
    expect(tokenRefreshAt('a.bm90LWpzb24.c', t0)).toBe(Infinity);
  });

  it('a token echoed in an error message is redacted', async () => {
    const f = await authFake({ reply: (req) => (req.url.pathname === '/v1/chat/agent/status' ? apiError(403, `forbidden for ${req.authorization}`) : undefined) });
    const err = (await client(f).get('/v1/chat/agent/status', { applicationId: 1 }).catch((e: unknown) => e)) as IndigitallApiError;
    expect(err.message).toBe('indigitall API 403 on /v1/chat/agent/status: forbidden for Bearer [redacted]');
    expect(err.message).not.toContain(jwt(1));
  });
});

describe('credentials per project (D17: a key per project, or one account key for several)', () => {
  it('keyResolver: a project key wins, the account covers the listed projects, others fail', async () => {
    const resolve = keyResolver({
      projects: { 7: { serverKey: 'project-seven-key' } },
      account: { serverKey: 'account-key', projectIds: [1, 2, 7] },
    });
    expect(await resolve(7)).toEqual({ serverKey: 'project-seven-key' });
    expect(await resolve(1)).toEqual({ serverKey: 'account-key' });
    expect(() => resolve(3)).toThrow(new CredentialsError('no indigitall credentials for project 3'));
    expect(await keyResolver({ account: { serverKey: 'account-key' } })(12345)).toEqual({ serverKey: 'account-key' });
    expect(() => keyResolver({ projects: { 1: { serverKey: 'has space' } } })).toThrow(CredentialsError);
    expect(() => keyResolver({ projects: { 1: {} } })).toThrow('credentials need a server key or a console login');
    expect(() => keyResolver({ account: { login: { mail: MAIL, password: '' } } })).toThrow('console login needs a password');
  });

  it('IndigitallClients: projects on the account key share one client; a project key gets its own', async () => {
    const f = await authFake();
    const clients = new IndigitallClients({
      baseUrl: f.url,
      keyring: new Keyring(),
      resolver: keyResolver({ projects: { 7: { serverKey: 'project-seven-key' } }, account: { serverKey: SERVER_KEY } }),
    });
    const [one, two, seven] = await Promise.all([clients.forProject(1), clients.forProject(2), clients.forProject(7)]);
    expect(one).toBe(two);
    expect(seven).not.toBe(one);
    await one.get('/v1/application/1/dateStats', { dateFrom: '2026-11-01', dateTo: '2026-11-01', periodicity: 'daily' });
    expect(f.requests[0]!.authorization).toBe(`ServerKey ${SERVER_KEY}`);
  });
});
