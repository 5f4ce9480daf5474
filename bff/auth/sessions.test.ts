/**
 * The ways in that must work, over real HTTP against BFFs on the real stack (PostgreSQL with RLS):
 * every key mode (HS256, RS256/ES256/EdDSA PEM, JWKS with key rotation), the `?token=` exchange and
 * its cookie, the postMessage session, logout, indigitall's parent-domain cookie, the source order,
 * the Origin check on cookie writes, and that no token or cookie reaches a log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { startStack, type Stack } from '../../lib/testing/stack.js';
import { signToken } from './jwt.js';
import { call, captureLogger, cookieLine, keyPair, nowS, serveBff, signWith, startJwksServer, type Answer, type KeyPair, type TestBff } from './testing.js';

const SESSION_SECRET = 'a-session-secret-for-the-session-suite-0123456789';
const HOST_PAGE = 'https://crm.indigitall.example';
const PARENT = 'indigitall_jwt';

let db: TestDatabase;
let stack: Stack;
let app: TestBff; // HS256 dev setup, parent cookie on, one trusted host page
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, syncDays: 35 });
  app = await serveBff(stack, { JWT_PARENT_COOKIE: PARENT, CORS_ORIGINS: HOST_PAGE });
  closers.push(app.close);
});
afterAll(async () => {
  for (const c of closers.reverse()) await c();
  await stack?.stop();
  await db?.drop();
});

const token = (project = '100274', ttl = 600, extra: Record<string, unknown> = {}) =>
  signToken(stack.config, { sub: `user-${project}`, project_id: project, role: 'viewer', ...extra }, ttl);

/** The answer is the project's own KPIs, with the generator's figures. */
function expectKpis(r: Answer, project: string) {
  expect(r.status, r.text).toBe(200);
  expect(r.body.projectId).toBe(project);
  expect(r.body.metrics.find((m: { key: string }) => m.key === 'sent').value).toBe(stack.expected[project]!.sent);
}

function expectProblem(r: Answer, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.body.code).toBe(code);
  expect(r.body).not.toHaveProperty('metrics');
}

async function exchange(base: string, tok: string, next?: string) {
  const r = await call(base, { path: `/auth/exchange?token=${encodeURIComponent(tok)}${next !== undefined ? `&next=${encodeURIComponent(next)}` : ''}` });
  return { r, cookie: cookieLine(r, 'ig_session') };
}

describe('key modes', () => {
  const PEM_MODES = [
    ['RS256', 'RS256'],
    ['ES256', 'ES256'],
    ['EdDSA (Ed25519)', 'EdDSA'],
  ] as const;

  it('HS256 with the shared secret (the default)', async () => {
    expectKpis(await call(app.url, { bearer: await token('100275') }), '100275');
  });

  it.each(PEM_MODES)('%s with a PEM public key, and nothing else', async (_n, alg) => {
    const key = await keyPair(alg);
    const other = await keyPair(alg);
    const bff = await serveBff(stack, { JWT_PUBLIC_KEY: key.spki, SESSION_SECRET });
    closers.push(bff.close);
    const claims = { sub: 'u', project_id: '100276', role: 'viewer' };
    expectKpis(await call(bff.url, { bearer: await signWith(bff.config, claims, { key: key.privateKey, alg }) }), '100276');
    // the same claims from another key pair, or as HS256 with the dev secret, do not pass
    expectProblem(await call(bff.url, { bearer: await signWith(bff.config, claims, { key: other.privateKey, alg }) }), 401, 'unauthorized');
    expectProblem(await call(bff.url, { bearer: await token('100276') }), 401, 'unauthorized');
  });

  it('a PEM key with literal \\n (as env files write it) works', async () => {
    const key = await keyPair('ES256');
    const bff = await serveBff(stack, { JWT_PUBLIC_KEY: key.spki.trim().replace(/\n/g, '\\n'), SESSION_SECRET });
    closers.push(bff.close);
    expectKpis(await call(bff.url, { bearer: await signWith(bff.config, { sub: 'u', project_id: '100274' }, { key: key.privateKey, alg: 'ES256' }) }), '100274');
  });

  describe('JWKS', () => {
    let k1: KeyPair, k2: KeyPair, k3: KeyPair;
    let jwks: Awaited<ReturnType<typeof startJwksServer>>;
    let bff: TestBff;
    const COOLDOWN_S = 1;
    const sign = (k: KeyPair, project = '100274') => signWith(bff.config, { sub: 'u', project_id: project }, { key: k.privateKey, alg: k.alg, kid: k.kid });

    beforeAll(async () => {
      [k1, k2, k3] = await Promise.all([keyPair('RS256', 'k1'), keyPair('ES256', 'k2'), keyPair('EdDSA', 'k3')]);
      jwks = await startJwksServer([k1.jwk]);
      closers.push(jwks.close);
      bff = await serveBff(stack, { JWT_JWKS_URL: jwks.url, JWT_JWKS_COOLDOWN_S: String(COOLDOWN_S), SESSION_SECRET });
      closers.push(bff.close);
    });

    it('verifies with the key named by kid, fetching the set once and caching it', async () => {
      for (let i = 0; i < 3; i++) expectKpis(await call(bff.url, { bearer: await sign(k1) }), '100274');
      expect(jwks.hits).toBe(1);
    });

    it('unknown kids do not refetch within the cooldown (no refetch storm), with the default 30 s', async () => {
      const b = await serveBff(stack, { JWT_JWKS_URL: jwks.url, SESSION_SECRET });
      closers.push(b.close);
      const before = jwks.hits;
      expectKpis(await call(b.url, { bearer: await sign(k1) }), '100274'); // first use: one fetch
      const stranger = await keyPair('RS256');
      for (let i = 0; i < 20; i++) {
        const t = await signWith(b.config, { sub: 'u', project_id: '100274' }, { key: stranger.privateKey, alg: 'RS256', kid: `unknown-${i}` });
        expectProblem(await call(b.url, { bearer: t }), 401, 'unauthorized');
      }
      expect(jwks.hits - before).toBe(1);
    });

    it('survives key rotation without a restart: a new kid is fetched, the retired key is refused', async () => {
      jwks.keys = [k2.jwk, k3.jwk]; // indigitall rotates: k1 retired, k2 and k3 published
      await new Promise((r) => setTimeout(r, COOLDOWN_S * 1000 + 100));
      expectKpis(await call(bff.url, { bearer: await sign(k2, '100275') }), '100275');
      expectKpis(await call(bff.url, { bearer: await sign(k3, '100276') }), '100276');
      expectProblem(await call(bff.url, { bearer: await sign(k1) }), 401, 'unauthorized');
    });

    it('an unreachable key set is a 503 (not a 401), and neither the token nor the error leaks', async () => {
      const { logger, text } = captureLogger();
      const down = await startJwksServer([k1.jwk]);
      closers.push(down.close);
      const b = await serveBff(stack, { JWT_JWKS_URL: down.url, SESSION_SECRET }, logger);
      closers.push(b.close);
      down.keys = 'down';
      const t = await signWith(b.config, { sub: 'u', project_id: '100274' }, { key: k1.privateKey, alg: 'RS256', kid: 'k1' });
      const r = await call(b.url, { bearer: t });
      expectProblem(r, 503, 'unavailable');
      expect(r.headers.get('retry-after')).toBe('5');
      expect(text()).toContain('JWKS unavailable');
      expect(text()).not.toContain(t.split('.')[2]!);
      expect(text()).not.toContain(t.split('.')[1]!);
    });
  });
});

describe('GET /auth/exchange', () => {
  it('verifies the token, sets the session cookie and sends the browser on with a 303', async () => {
    const { r, cookie } = await exchange(app.url, await token('100275', 3600), '/dashboards/push?range=30d#top');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/dashboards/push?range=30d#top');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(cookie).toMatchObject({ path: '/', httponly: true, samesite: 'Lax' });
    expect(cookie).not.toHaveProperty('secure'); // plain http on loopback, no https PUBLIC_URL
    expect(cookie).not.toHaveProperty('domain'); // host-only: never shared with sibling subdomains
    // ... and the cookie alone now reads the project's data
    expectKpis(await call(app.url, { cookies: { ig_session: cookie!.value as string } }), '100275');
  });

  it('defaults next to /', async () => {
    const { r } = await exchange(app.url, await token());
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/');
  });

  it.each(['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'http:/evil.example', 'javascript:alert(1)', 'relative/path'])(
    'an open-redirect next %j goes to / instead',
    async (next) => {
      const { r, cookie } = await exchange(app.url, await token(), next);
      expect(r.status).toBe(303);
      expect(r.headers.get('location')).toBe('/');
      expect(cookie).toBeDefined();
    },
  );

  it.each(['/ok\r\nSet-Cookie: x=1', '\t//evil.example', '/a\u0000b'])('a next %j with control characters is refused at the edge (400 naming next, no cookie)', async (next) => {
    const { r, cookie } = await exchange(app.url, await token(), next);
    expectProblem(r, 400, 'invalid_parameter');
    expect(r.body.param).toBe('next');
    expect(cookie).toBeUndefined();
  });

  it('a bad, expired or project-less token is a 401 problem and sets no cookie', async () => {
    for (const t of [stack.forgedToken, await token('100274', -3600), await signToken(stack.config, { sub: 'u' })]) {
      const { r, cookie } = await exchange(app.url, t, '/x');
      expectProblem(r, 401, 'unauthorized');
      expect(r.headers.get('location')).toBeNull();
      expect(cookie).toBeUndefined();
    }
    expectProblem((await call(app.url, { path: '/auth/exchange' })), 401, 'unauthorized');
  });

  it('the cookie never outlives the token, and is capped by SESSION_MAX_AGE_S', async () => {
    const short = await token('100274', 120);
    const { cookie } = await exchange(app.url, short);
    const maxAge = Number(cookie!['max-age']);
    expect(maxAge).toBeGreaterThan(100);
    expect(maxAge).toBeLessThanOrEqual(decodeJwt(short).exp! - nowS() + 1);
    expect(decodeJwt(cookie!.value as string).exp).toBeLessThanOrEqual(decodeJwt(short).exp!);
    expect(Date.parse(cookie!.expires as string) / 1000).toBeLessThanOrEqual(decodeJwt(short).exp! + 1);

    const long = await exchange(app.url, await token('100274', 20 * 3600)); // within JWT_MAX_AGE_S (24 h)
    expect(Number(long.cookie!['max-age'])).toBe(app.config.SESSION_MAX_AGE_S);
    expect(decodeJwt(long.cookie!.value as string).exp! - nowS()).toBeLessThanOrEqual(app.config.SESSION_MAX_AGE_S);
  });

  it('the session carries the claims of the token: a partner picks its projects, and only those', async () => {
    const partner = await signToken(stack.config, { sub: 'partner', project_ids: ['100274', '100276'], role: 'editor', locale: 'es' });
    const { cookie } = await exchange(app.url, partner);
    const value = cookie!.value as string;
    expect(decodeJwt(value)).toMatchObject({ sub: 'partner', project_ids: ['100274', '100276'], role: 'editor', locale: 'es' });
    expectKpis(await call(app.url, { path: '/v1/kpis?channel=push&project=100276', cookies: { ig_session: value } }), '100276');
    expectKpis(await call(app.url, { headers: { 'x-ig-project': '100274' }, cookies: { ig_session: value } }), '100274');
    expectProblem(await call(app.url, { path: '/v1/kpis?channel=push&project=100275', cookies: { ig_session: value } }), 403, 'forbidden_project');
  });

  it('Secure when the public URL is https, SameSite as configured (None adds Partitioned)', async () => {
    const lax = await serveBff(stack, { PUBLIC_URL: 'https://analytics.indigitall.example', SESSION_SAMESITE: 'strict' });
    const none = await serveBff(stack, { PUBLIC_URL: 'https://analytics.indigitall.example', SESSION_SAMESITE: 'none' });
    closers.push(lax.close, none.close);
    expect((await exchange(lax.url, await token())).cookie).toMatchObject({ secure: true, samesite: 'Strict', httponly: true });
    const n = (await exchange(none.url, await token())).cookie;
    expect(n).toMatchObject({ secure: true, samesite: 'None', partitioned: true, httponly: true });
  });
});

describe('POST /auth/session and /auth/logout', () => {
  it('a token handed over by postMessage becomes the session cookie (204)', async () => {
    const r = await call(app.url, { method: 'POST', path: '/auth/session', origin: app.url, json: { token: await token('100276') } });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    const cookie = cookieLine(r, 'ig_session');
    expect(cookie).toMatchObject({ path: '/', httponly: true, samesite: 'Lax' });
    expectKpis(await call(app.url, { cookies: { ig_session: cookie!.value as string } }), '100276');
  });

  it('also from a configured host page origin', async () => {
    const r = await call(app.url, { method: 'POST', path: '/auth/session', origin: HOST_PAGE, json: { token: await token() } });
    expect(r.status).toBe(204);
  });

  it('refuses a bad token (401, no cookie), a non-JSON body (415), unknown fields (400) and a foreign or missing Origin (403)', async () => {
    const cases: [Parameters<typeof call>[1], number, string][] = [
      [{ origin: app.url, json: { token: stack.forgedToken } }, 401, 'unauthorized'],
      [{ origin: app.url, json: `token=${await token()}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
      [{ origin: app.url, json: { token: await token(), admin: true } }, 400, 'invalid_parameter'],
      [{ origin: app.url, json: '{"token": ' }, 400, 'invalid_parameter'],
      [{ origin: 'https://evil.example', json: { token: await token() } }, 403, 'forbidden_origin'],
      [{ json: { token: await token() } }, 403, 'forbidden_origin'],
      [{ origin: 'null', json: { token: await token() } }, 403, 'forbidden_origin'],
    ];
    for (const [c, status, code] of cases) {
      const r = await call(app.url, { method: 'POST', path: '/auth/session', ...c });
      expectProblem(r, status, code);
      expect(cookieLine(r, 'ig_session')).toBeUndefined();
    }
  });

  it('logout clears the cookie (204), from our own origin only', async () => {
    const r = await call(app.url, { method: 'POST', path: '/auth/logout', origin: app.url });
    expect(r.status).toBe(204);
    const cleared = cookieLine(r, 'ig_session');
    expect(cleared).toMatchObject({ value: '', path: '/', httponly: true });
    expect(Date.parse(cleared!.expires as string)).toBeLessThan(Date.now());
    expectProblem(await call(app.url, { method: 'POST', path: '/auth/logout', origin: 'https://evil.example' }), 403, 'forbidden_origin');
  });
});

describe('credential sources', () => {
  it("indigitall's parent-domain cookie authenticates when configured, and only then", async () => {
    expectKpis(await call(app.url, { cookies: { [PARENT]: await token('100275') } }), '100275');
    const off = await serveBff(stack, {});
    closers.push(off.close);
    expectProblem(await call(off.url, { cookies: { [PARENT]: await token('100275') } }), 401, 'unauthorized');
  });

  it('Bearer wins over the session cookie, which wins over the parent-domain cookie', async () => {
    const s = (await exchange(app.url, await token('100275'))).cookie!.value as string;
    const both = { ig_session: s, [PARENT]: await token('100276') };
    expectKpis(await call(app.url, { bearer: await token('100274'), cookies: both }), '100274');
    expectKpis(await call(app.url, { cookies: both }), '100275');
  });

  it('a stale session gives way to a fresh parent-domain cookie', async () => {
    const other = await serveBff(stack, { SESSION_SECRET });
    closers.push(other.close);
    const stale = (await exchange(other.url, await token('100275'))).cookie!.value as string; // not valid on `app`
    expectKpis(await call(app.url, { cookies: { ig_session: stale, [PARENT]: await token('100276') } }), '100276');
    expectProblem(await call(app.url, { cookies: { ig_session: stale } }), 401, 'unauthorized');
  });
});

describe('Origin check on cookie-authenticated writes', () => {
  let session: string;
  beforeAll(async () => {
    session = (await exchange(app.url, await token())).cookie!.value as string;
  });
  // No /v1 route takes writes yet, so "accepted" is the 404 that only comes after authentication.
  it.each([
    ['our own origin', () => app.url],
    ['a configured host page', () => HOST_PAGE],
  ])('accepts %s', async (_n, origin) => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expectProblem(await call(app.url, { method, path: '/v1/anything', origin: origin(), cookies: { ig_session: session } }), 404, 'not_found');
    }
  });

  it('refuses another origin or none, with either cookie', async () => {
    const cookieSets: Record<string, string>[] = [{ ig_session: session }, { [PARENT]: await token() }];
    for (const cookies of cookieSets) {
      for (const origin of ['https://evil.example', `${app.url}.evil.example`, undefined]) {
        expectProblem(await call(app.url, { method: 'POST', path: '/v1/anything', origin, cookies }), 403, 'forbidden_origin');
      }
    }
  });

  it('reads (GET) need no Origin, and Bearer requests are not subject to it', async () => {
    expectKpis(await call(app.url, { cookies: { ig_session: session } }), '100274');
    expectProblem(await call(app.url, { method: 'POST', path: '/v1/anything', origin: 'https://evil.example', bearer: await token() }), 404, 'not_found');
  });

  it('with PUBLIC_URL set, our origin is that URL', async () => {
    const pub = await serveBff(stack, { PUBLIC_URL: 'https://analytics.indigitall.example' });
    closers.push(pub.close);
    const s = (await exchange(pub.url, await token())).cookie!.value as string;
    expectProblem(await call(pub.url, { method: 'POST', path: '/v1/x', origin: 'https://analytics.indigitall.example', cookies: { ig_session: s } }), 404, 'not_found');
    expectProblem(await call(pub.url, { method: 'POST', path: '/v1/x', origin: pub.url, cookies: { ig_session: s } }), 403, 'forbidden_origin');
  });
});

describe('logs', () => {
  it('no token, session cookie or secret reaches a log line', async () => {
    const { logger, text } = captureLogger('debug');
    const b = await serveBff(stack, { JWT_PARENT_COOKIE: PARENT }, logger);
    closers.push(b.close);
    const good = await token('100274');
    const bad = stack.forgedToken;
    const ex = await exchange(b.url, good, '/after');
    const session = ex.cookie!.value as string;
    await exchange(b.url, bad);
    await call(b.url, { path: `/v1/kpis?channel=push&token=${good}` });
    await call(b.url, { bearer: bad });
    await call(b.url, { cookies: { ig_session: session } });
    await call(b.url, { cookies: { [PARENT]: good } });
    await call(b.url, { method: 'POST', path: '/auth/session', origin: b.url, json: { token: good } });
    await call(b.url, { method: 'POST', path: '/auth/session', origin: b.url, json: `{"token": "${bad}` });
    await call(b.url, { method: 'POST', path: '/auth/session', origin: b.url, json: { token: bad } });

    const log = text();
    const lines = log.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.msg === 'request').map((l) => l.route)).toEqual(
      expect.arrayContaining(['/auth/exchange', '/v1/kpis', '/auth/session']),
    );
    expect(lines.some((l) => l.msg === 'token refused')).toBe(true); // failures are logged, by reason only
    // not even a fragment: every 12-character window of each payload and signature (and of the secret)
    for (const secret of [good, bad, session, stack.config.JWT_SECRET]) {
      for (const part of secret.split('.').slice(-2)) {
        for (let i = 0; i + 12 <= part.length; i++) expect(log).not.toContain(part.slice(i, i + 12));
      }
    }
    expect(log).not.toMatch(/token=|\?/);
  });
});
