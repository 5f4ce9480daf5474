/**
 * The edges of issue 12, as tables of cases (and generated ones) over real HTTP against BFFs on the
 * real stack (PostgreSQL with RLS): the exchange's redirect, JWT strictness (iat, maximum age and
 * lifetime, repeated names), repeated headers, RFC 6750 challenges, unreadable URLs and bodies,
 * sign-out across two BFF instances, /metrics outside development, HSTS, and saved specs.
 */
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { startStack, type Stack } from '../../lib/testing/stack.js';
import { signToken } from './jwt.js';
import { hasDuplicateKeys } from './json-strict.js';
import { isSafeLocation, safeNextPath } from './redirect.js';
import { b64, call, cookieLine, nowS, serveBff, type Answer, type TestBff } from './testing.js';

const SESSION_SECRET = 'a-session-secret-for-the-edges-suite-0123456789';
const METRICS_TOKEN = 'metrics-token-of-the-edges-suite';

let db: TestDatabase;
let stack: Stack;
let app: TestBff; // the development setup
let second: TestBff; // another instance on the same database
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, syncDays: 3 });
  app = await serveBff(stack, {});
  second = await serveBff(stack, {});
  closers.push(app.close, second.close);
});
afterAll(async () => {
  for (const c of closers.reverse()) await c();
  await stack?.stop();
  await db?.drop();
});

const token = (extra: Record<string, unknown> = {}, ttl = 600) => signToken(stack.config, { sub: 'edge-user', project_id: '100274', role: 'editor', ...extra }, ttl);

function expectProblem(r: Answer, status: number, code: string, param?: string) {
  expect(r.status, r.text).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.body.code).toBe(code);
  if (param !== undefined) expect(r.body.param).toBe(param);
  expect(r.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|SELECT|syntax/);
}

/** HS256 over exactly the given header and payload text (so names can repeat). */
function hsRaw(headerJson: string, payloadJson: string, secret = stack.config.JWT_SECRET): string {
  const h = Buffer.from(headerJson).toString('base64url');
  const p = Buffer.from(payloadJson).toString('base64url');
  return `${h}.${p}.${createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
}
const registered = () => `"iss":"${stack.config.JWT_ISSUER}","aud":"${stack.config.JWT_AUDIENCE}","sub":"u","iat":${nowS()},"exp":${nowS() + 600}`;

/** A request with repeated headers (fetch joins them into one). */
function raw(base: string, method: string, path: string, headers: Record<string, string | string[]>, body?: string): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const headersOut = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headersOut.set(k, v);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), headers: headersOut, setCookies: [], text, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------------

describe('1. the exchange redirects to a path of this site only, checked on the Location sent', () => {
  const OFFSITE = [
    '/%2F/evil.example', // stays encoded: a path of ours
  ];
  const TO_ROOT = [
    '%2F.%2F%2Fevil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/./%2e//evil.example',
    '/a/../..//evil.example',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'http:/evil.example',
    '//evil.example/%2e%2e',
    'javascript:alert(1)',
    '///evil.example',
    '/.\\/evil.example',
    'évil',
  ];
  it.each(TO_ROOT)('next %j → /', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });
  it.each([['/app', '/app'], ['/app/x?y=1#z', '/app/x?y=1#z'], ['/a/./b/../c', '/a/c'], ['/é', '/%C3%A9'], ...OFFSITE.map((o) => [o, o])])('next %j → %j', (next, location) => {
    expect(safeNextPath(next)).toBe(location);
  });

  /** The origin a browser lands on when it follows the Location from our origin. */
  const landing = (location: string) => new URL(location, 'https://insights.example/auth/exchange?token=x').origin;

  it('generated payloads (dot segments, encoded slashes and dots, backslashes, controls, unicode, schemes) never leave the origin', () => {
    const piece = fc.constantFrom('/', '//', '\\', '.', '..', '%2e', '%2E', '%2f', '%2F', '%5c', '%5C', '%252e', 'evil.example', '@', ':', 'https:', 'javascript:', '\t', '\n', '\r', '\u0000', ' ', '#', '?', 'é', '\u3002', '\uff0f', '％2e', 'a');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 10 }), (parts) => {
        const next = parts.join('');
        const location = safeNextPath(next);
        expect(isSafeLocation(location)).toBe(true);
        expect(landing(location)).toBe('https://insights.example');
        expect(location).toMatch(/^\/(?![/\\])/);
      }),
      { numRuns: 3000 },
    );
  });

  it('over HTTP: 303 with exactly the checked Location, and control characters refused before any session', async () => {
    const tok = await token();
    for (const next of [...TO_ROOT, '/app']) {
      const r = await call(app.url, { path: `/auth/exchange?token=${tok}&next=${encodeURIComponent(next)}` });
      expect(r.status).toBe(303);
      const location = r.headers.get('location')!;
      expect(location).toBe(next === '/app' ? '/app' : '/');
    }
    for (const next of ['/ok\r\nSet-Cookie: x=1', '\t//evil.example', '/a\u0000']) {
      const r = await call(app.url, { path: `/auth/exchange?token=${tok}&next=${encodeURIComponent(next)}` });
      expectProblem(r, 400, 'invalid_parameter', 'next');
      expect(r.setCookies).toEqual([]);
    }
  });
});

describe('2–4. unreadable URLs and bodies are 4xx problems naming the part, before any work', () => {
  const URLS: [string, string][] = [
    ['/v1/agents/%ZZ', 'path'],
    ['/v1/campaigns/%E0%A4%A', 'path'],
    ['/v1/campaigns/%00', 'path'],
    ['/v1/analyses/%ED%A0%80', 'path'],
    ['/v1/campaigns?q=a%00b', 'q'],
    ['/v1/analyses?folder=%00', 'folder'],
    ['/v1/campaigns?q=%1B%5B31m', 'q'],
    ['/v1/campaigns?q=%ZZ', 'q'],
    ['/v1/kpis?channel=push&from=%E0%A4%A', 'from'],
    ['/v1/kpis?%00=1', 'query'],
  ];
  it.each(URLS)('GET %s → 400 naming %s', async (path, param) => {
    expectProblem(await call(app.url, { path, bearer: await token() }), 400, 'invalid_parameter', param);
  });

  const BODIES: [string, Record<string, unknown>, string][] = [
    ['name', { name: 'a\u0000b', kind: 'widget', spec: { element: 'ig-channel-kpis' } }, 'name'],
    ['folder', { name: 'n', folder: '\u0000', kind: 'widget', spec: { element: 'ig-channel-kpis' } }, 'folder'],
    ['description', { name: 'n', description: 'x\u0007', kind: 'widget', spec: { element: 'ig-channel-kpis' } }, 'description'],
    ['a spec attribute', { name: 'n', kind: 'widget', spec: { element: 'ig-channel-kpis', attributes: { channel: 'push\u0000' } } }, 'spec.attributes.channel'],
    ['a lone surrogate', { name: '\ud800', kind: 'widget', spec: { element: 'ig-channel-kpis' } }, 'name'],
  ];
  it.each(BODIES)('a JSON body with a control character in %s → 400 naming it, nothing stored', async (_what, body, param) => {
    expectProblem(await call(app.url, { path: '/v1/analyses', method: 'POST', bearer: await token(), json: body }), 400, 'invalid_parameter', param);
    const list = await call(app.url, { path: '/v1/analyses', bearer: await token() });
    expect(list.body.items).toEqual([]);
  });

  const PARSER: [string, Record<string, string>, string, number, string][] = [
    ['charset latin1', { 'content-type': 'application/json; charset=latin1' }, '{"token":"x"}', 415, 'unsupported_media_type'],
    ['charset koi8-r', { 'content-type': 'application/json; charset=koi8-r' }, '{"token":"x"}', 415, 'unsupported_media_type'],
    ['charset utf-16', { 'content-type': 'application/json; charset=utf-16' }, '{"token":"x"}', 415, 'unsupported_media_type'],
    ['gzip that is not', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, '{"token":"x"}', 400, 'invalid_parameter'],
    ['deflate that is not', { 'content-type': 'application/json', 'content-encoding': 'deflate' }, '{"token":"x"}', 400, 'invalid_parameter'],
    ['br that is not', { 'content-type': 'application/json', 'content-encoding': 'br' }, '{"token":"x"}', 400, 'invalid_parameter'],
    ['an unknown encoding', { 'content-type': 'application/json', 'content-encoding': 'x-bogus' }, '{"token":"x"}', 415, 'unsupported_media_type'],
    ['malformed JSON', { 'content-type': 'application/json' }, '{"token":', 400, 'invalid_parameter'],
    ['text/plain', { 'content-type': 'text/plain' }, '{"token":"x"}', 415, 'unsupported_media_type'],
    ['too large', { 'content-type': 'application/json' }, `{"token":"${'a'.repeat(80 * 1024)}"}`, 413, 'payload_too_large'],
  ];
  for (const [path, auth] of [
    ['/auth/session', false],
    ['/v1/analyses', true],
  ] as const) {
    it.each(PARSER)(`POST ${path} with %s → %i %s`, async (_what, headers, body, status, code) => {
      const r = await raw(app.url, 'POST', path, { ...headers, origin: app.url, ...(auth ? { authorization: `Bearer ${await token()}` } : {}) }, body);
      expectProblem(r, status, code);
    });
  }
});

describe('5. JWT strictness', () => {
  const tol = () => stack.config.JWT_CLOCK_TOLERANCE_S;
  const maxAge = () => stack.config.JWT_MAX_AGE_S;
  const CASES: [string, () => string, number][] = [
    ['iat ten years in the future', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{"iss":"${stack.config.JWT_ISSUER}","aud":"${stack.config.JWT_AUDIENCE}","sub":"u","project_id":"100274","iat":${nowS() + 10 * 365 * 86400},"exp":${nowS() + 600}}`), 401],
    ['iat just beyond the tolerance in the future', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{"iss":"${stack.config.JWT_ISSUER}","aud":"${stack.config.JWT_AUDIENCE}","sub":"u","project_id":"100274","iat":${nowS() + tol() + 5},"exp":${nowS() + 600}}`), 401],
    ['iat within the tolerance in the future', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{"iss":"${stack.config.JWT_ISSUER}","aud":"${stack.config.JWT_AUDIENCE}","sub":"u","project_id":"100274","iat":${nowS() + tol() - 5},"exp":${nowS() + 600}}`), 200],
    ['iat older than JWT_MAX_AGE_S (still unexpired)', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{"iss":"${stack.config.JWT_ISSUER}","aud":"${stack.config.JWT_AUDIENCE}","sub":"u","project_id":"100274","iat":${nowS() - maxAge() - tol() - 5},"exp":${nowS() + 600}}`), 401],
    ['valid for ten years (exp − iat)', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{"iss":"${stack.config.JWT_ISSUER}","aud":"${stack.config.JWT_AUDIENCE}","sub":"u","project_id":"100274","iat":${nowS()},"exp":${nowS() + 10 * 365 * 86400}}`), 401],
    ['a lifetime just over JWT_MAX_AGE_S', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{"iss":"${stack.config.JWT_ISSUER}","aud":"${stack.config.JWT_AUDIENCE}","sub":"u","project_id":"100274","iat":${nowS()},"exp":${nowS() + maxAge() + 1}}`), 401],
    ['a lifetime of exactly JWT_MAX_AGE_S', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{"iss":"${stack.config.JWT_ISSUER}","aud":"${stack.config.JWT_AUDIENCE}","sub":"u","project_id":"100274","iat":${nowS()},"exp":${nowS() + maxAge()}}`), 200],
    ['no iat', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{"iss":"${stack.config.JWT_ISSUER}","aud":"${stack.config.JWT_AUDIENCE}","sub":"u","project_id":"100274","exp":${nowS() + 600}}`), 401],
    ['project_id twice', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{${registered()},"project_id":"100274","project_id":"100275"}`), 401],
    ['role twice', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{${registered()},"project_id":"100274","role":"viewer","role":"admin"}`), 401],
    ['a name repeated through an escape', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{${registered()},"project_id":"100274","rol\\u0065":"viewer","role":"admin"}`), 401],
    ['a repeated name in a nested object', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{${registered()},"project_id":"100274","x":{"a":1,"a":2}}`), 401],
    ['a repeated header parameter', () => hsRaw('{"alg":"HS256","typ":"JWT","typ":"JWT"}', `{${registered()},"project_id":"100274"}`), 401],
    ['the same claims, once each', () => hsRaw('{"alg":"HS256","typ":"JWT"}', `{${registered()},"project_id":"100274","role":"viewer"}`), 200],
  ];
  it.each(CASES)('%s → %i', async (_what, make, status) => {
    const r = await call(app.url, { bearer: make() });
    expect(r.status, r.text).toBe(status);
    if (status === 401) {
      expectProblem(r, 401, 'unauthorized');
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm="indigitall-insights", error="invalid_token"/);
    }
  });

  it('repeated names are found at any depth and through escapes (generated), and single names pass', () => {
    const key = fc.string({ maxLength: 4 });
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 5 }), fc.nat(), (obj, pick) => {
        const text = JSON.stringify(obj);
        expect(hasDuplicateKeys(text)).toBe(false);
        const keys = Object.keys(obj);
        const k = keys[pick % keys.length]!;
        const escaped = JSON.stringify(k).slice(1, -1).replace(/[a-z]/, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
        expect(hasDuplicateKeys(`${text.slice(0, -1)},"${escaped}":0}`)).toBe(true);
        expect(hasDuplicateKeys(`{"wrap":${text.slice(0, -1)},"${escaped}":0}}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a cached token stays bounded by the maximum age (the ADR 009 cache never outlives what verify accepts)', async () => {
    // verified once (cached), then the same token again: still the same answer; a token past its age is never cached
    const t = await token();
    expect((await call(app.url, { bearer: t })).status).toBe(200);
    expect((await call(app.url, { bearer: t })).status).toBe(200);
  });
});

describe('5, 7. headers: repeated credentials and RFC 6750 challenges', () => {
  it.each([
    ['two different Authorization headers', async () => ({ authorization: [`Bearer ${await token()}`, `Bearer ${stack.tokens['100275']}`] }), 'authorization'],
    ['the same Authorization twice', async () => ({ authorization: [`Bearer ${await token()}`, `Bearer ${await token()}`] }), 'authorization'],
    ['two Content-Types', async () => ({ authorization: `Bearer ${await token()}`, 'content-type': ['application/json', 'text/plain'] }), 'content-type'],
    ['two X-Ig-Project', async () => ({ authorization: `Bearer ${await token()}`, 'x-ig-project': ['100274', '100275'] }), 'x-ig-project'],
  ] as const)('%s → 400 naming the header', async (_what, headers, param) => {
    const r = await raw(app.url, 'GET', '/v1/kpis?channel=push', await headers());
    expectProblem(r, 400, 'invalid_parameter', param);
    if (param === 'authorization') expect(r.headers.get('www-authenticate')).toBe('Bearer realm="indigitall-insights", error="invalid_request"');
  });

  it('a 401 without credentials carries a bare Bearer challenge; with a bad one, error="invalid_token"', async () => {
    const none = await call(app.url, {});
    expectProblem(none, 401, 'unauthorized');
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="indigitall-insights"');
    const bad = await call(app.url, { bearer: stack.forgedToken });
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer realm="indigitall-insights", error="invalid_token", error_description="[^"]*"$/);
    const cookie = await call(app.url, { cookies: { ig_session: 'x.y.z' } });
    expect(cookie.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    // a cookie that is no credential of ours is no credential sent
    expect((await call(app.url, { cookies: { theme: 'dark' } })).headers.get('www-authenticate')).toBe('Bearer realm="indigitall-insights"');
  });
});

describe('6. sign-out ends the session on every instance', () => {
  async function sessionOn(base: string) {
    const r = await call(base, { path: `/auth/exchange?token=${await token()}` });
    return cookieLine(r, 'ig_session')!.value as string;
  }

  it('after /auth/logout on one instance the cookie is refused there and on another instance at once (which had it cached as valid)', async () => {
    const cookie = await sessionOn(app.url);
    expect((await call(app.url, { cookies: { ig_session: cookie } })).status).toBe(200);
    expect((await call(second.url, { cookies: { ig_session: cookie } })).status).toBe(200); // remembered as not revoked
    const out = await call(app.url, { path: '/auth/logout', method: 'POST', origin: app.url, cookies: { ig_session: cookie } });
    expect(out.status).toBe(204);
    expect(cookieLine(out, 'ig_session')!.value).toBe('');
    expectProblem(await call(app.url, { cookies: { ig_session: cookie } }), 401, 'unauthorized');
    // the other instance learns it by NOTIFY; bounded wait for the notification, not a timing assertion
    let r = await call(second.url, { cookies: { ig_session: cookie } });
    for (let i = 0; i < 100 && r.status === 200; i++) {
      await new Promise((res) => setTimeout(res, 20));
      r = await call(second.url, { cookies: { ig_session: cookie } });
    }
    expectProblem(r, 401, 'unauthorized');
    expect(r.body.detail).toMatch(/ended/);
    // a new sign-in gets a new session id and works
    const again = await sessionOn(second.url);
    expect(again).not.toBe(cookie);
    expect((await call(app.url, { cookies: { ig_session: again } })).status).toBe(200);
  });

  it('an instance started after the sign-out refuses the session too (the database, not only the notification)', async () => {
    const cookie = await sessionOn(app.url);
    await call(app.url, { path: '/auth/logout', method: 'POST', origin: app.url, cookies: { ig_session: cookie } });
    const third = await serveBff(stack, {});
    closers.push(third.close);
    expectProblem(await call(third.url, { cookies: { ig_session: cookie } }), 401, 'unauthorized');
  });

  it('revocations live in PostgreSQL behind two functions: ig_api cannot read or change the table, expired rows are pruned', async () => {
    const api = new pg.Client({ connectionString: stack.database.apiUrl });
    const owner = new pg.Client({ connectionString: stack.database.ownerUrl });
    await api.connect();
    await owner.connect();
    try {
      await expect(api.query('SELECT * FROM bff.revoked_sessions')).rejects.toThrow(/permission denied/);
      await expect(api.query(`DELETE FROM bff.revoked_sessions`)).rejects.toThrow(/permission denied/);
      await api.query('BEGIN; SET LOCAL ROLE ig_reader');
      await expect(api.query('SELECT * FROM bff.revoked_sessions')).rejects.toThrow(/permission denied/);
      await api.query('ROLLBACK');
      await owner.query(`INSERT INTO bff.revoked_sessions (jti, expires_at) VALUES ('00000000-0000-4000-8000-00000000dead', now() - interval '1 hour')`);
      await api.query(`SELECT bff.revoke_session(gen_random_uuid(), now() + interval '1 hour')`);
      const left = await owner.query(`SELECT count(*)::int AS n FROM bff.revoked_sessions WHERE expires_at < now()`);
      expect(left.rows[0].n).toBe(0);
      // a revocation is bounded in time whatever the caller asks
      await api.query(`SELECT bff.revoke_session('00000000-0000-4000-8000-0000000000ff', now() + interval '10 years')`);
      const bound = await owner.query(`SELECT expires_at <= now() + interval '8 days' AS ok FROM bff.revoked_sessions WHERE jti = '00000000-0000-4000-8000-0000000000ff'`);
      expect(bound.rows[0].ok).toBe(true);
    } finally {
      await api.end();
      await owner.end();
    }
  });

  it('a session cookie without a session id (made before this change) is refused', async () => {
    const { SignJWT } = await import('jose');
    const { sessionKey, SESSION_AUDIENCE, SESSION_ISSUER, SESSION_TYP } = await import('./session.js');
    const old = await new SignJWT({ project_id: '100274', role: 'viewer' })
      .setProtectedHeader({ alg: 'HS256', typ: SESSION_TYP })
      .setSubject('u')
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(nowS() + 600)
      .sign(sessionKey(app.config));
    expectProblem(await call(app.url, { cookies: { ig_session: old } }), 401, 'unauthorized');
  });
});

describe('7. /metrics, HSTS and saved specs', () => {
  it('/metrics: open in the development setup; elsewhere only with METRICS_TOKEN (404 otherwise)', async () => {
    expect((await call(app.url, { path: '/metrics' })).status).toBe(200);
    const prod = { JWT_SECRET: 'a-production-secret-that-is-long-enough-0123456789', SESSION_SECRET };
    const closed = await serveBff(stack, prod);
    const withToken = await serveBff(stack, { ...prod, METRICS_TOKEN });
    closers.push(closed.close, withToken.close);
    expectProblem(await call(closed.url, { path: '/metrics' }), 404, 'not_found');
    expectProblem(await call(withToken.url, { path: '/metrics' }), 404, 'not_found');
    expectProblem(await call(withToken.url, { path: '/metrics', headers: { authorization: 'Bearer wrong-token-of-the-right-size' } }), 404, 'not_found');
    const ok = await call(withToken.url, { path: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/ig_bff_http_request_duration_seconds/);
  });

  it('HSTS only over https: not on plain http, yes with an https PUBLIC_URL', async () => {
    expect((await call(app.url, { path: '/healthz' })).headers.get('strict-transport-security')).toBeNull();
    const https = await serveBff(stack, { PUBLIC_URL: 'https://insights.example' });
    closers.push(https.close);
    expect((await call(https.url, { path: '/healthz' })).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  const widget = (attributes: Record<string, unknown>) => ({ name: 'w', kind: 'widget', spec: { element: 'ig-channel-kpis', attributes } });
  it.each([
    ['onclick', widget({ onclick: 'alert(1)' }), 'spec.attributes'],
    ['onmouseover', widget({ onmouseover: 'x' }), 'spec.attributes'],
    ['style', widget({ style: 'color:red' }), 'spec.attributes'],
    ['is', widget({ is: 'x-evil' }), 'spec.attributes'],
    ['slot', widget({ slot: 'x' }), 'spec.attributes'],
    ['markup in an attribute value', widget({ channel: '<img src=x onerror=alert(1)>' }), 'spec.attributes.channel'],
    ['markup in a dashboard item', { name: 'd', kind: 'dashboard', spec: { items: [{ element: 'ig-channel-kpis', attributes: { label: '<script>x</script>' }, x: 0, y: 0, w: 1, h: 1 }] } }, 'spec.items.0.attributes.label'],
    ['markup in a chat answer', { name: 'c', kind: 'chat', spec: { question: 'q', answer: 'see <a href="javascript:x">here</a>' } }, 'spec.answer'],
  ])('a saved spec with %s is refused (400)', async (_what, body, param) => {
    const r = await call(app.url, { path: '/v1/analyses', method: 'POST', bearer: await token(), json: body });
    expectProblem(r, 400, 'invalid_parameter');
    expect(String(r.body.param)).toMatch(new RegExp(`^${param.replace(/\./g, '\\.')}`));
  });

  it('a spec stored before these checks is answered as text only: no forbidden attribute, no markup', async () => {
    const created = await call(app.url, { path: '/v1/analyses', method: 'POST', bearer: await token(), json: { name: 'old', kind: 'widget', shared: true, spec: { element: 'ig-channel-kpis', attributes: { channel: 'push' } } } });
    expect(created.status, created.text).toBe(201);
    const owner = new pg.Client({ connectionString: stack.database.ownerUrl });
    await owner.connect();
    try {
      // as an older BFF could have stored it (the test cluster's administrator bypasses RLS)
      await owner.query(
        `UPDATE app.analyses SET spec = '{"element":"ig-channel-kpis","attributes":{"channel":"<img src=x onerror=alert(1)>","onclick":"x","style":"y","slot":"z","is":"w"}}'::jsonb WHERE analysis_id = $1`,
        [created.body.id],
      );
    } finally {
      await owner.end();
    }
    const other = await call(app.url, { path: `/v1/analyses/${created.body.id}`, bearer: await token({ sub: 'another-reader' }) });
    expect(other.status, other.text).toBe(200);
    expect(other.body.spec).toEqual({ element: 'ig-channel-kpis', attributes: { channel: '\u2039img src=x onerror=alert(1)>' } });
  });

  it('plain text with < and > that is not markup is stored and read back by another user as text', async () => {
    const r = await call(app.url, { path: '/v1/analyses', method: 'POST', bearer: await token(), json: { name: 'c', kind: 'chat', shared: true, spec: { question: 'CTR < 2% and > 1%?', answer: '3 < 5' } } });
    expect(r.status, r.text).toBe(201);
    const other = await call(app.url, { path: `/v1/analyses/${r.body.id}`, bearer: await token({ sub: 'another-user' }) });
    expect(other.body.spec).toEqual({ question: 'CTR < 2% and > 1%?', answer: '3 < 5', widgets: [], calls: [] });
  });
});

// b64 is shared with the attack suite; used here to keep a malformed-token case honest
it('a token whose payload is not JSON is a 401, never a 500', async () => {
  const r = await call(app.url, { bearer: `${b64({ alg: 'HS256' })}.${Buffer.from('{"a":').toString('base64url')}.x` });
  expectProblem(r, 401, 'unauthorized');
});
