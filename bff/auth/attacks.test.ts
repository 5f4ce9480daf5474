/**
 * The JWT attack suite, as data: (case → request builder → expected status and code), run over real
 * HTTP against BFFs on the real stack (PostgreSQL with RLS, demo data synced). Three verifier set-ups:
 *   hs   HS256 with the development secret (the default), parent-domain cookie `indigitall_jwt` on;
 *   rs   RS256 with a PEM public key;
 *   jwks a JWKS served on 127.0.0.1 (an RSA key `k1` and an EC key `k2`).
 * Every case must answer 401/403 application/problem+json, carry no data and set no session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { testDatabase, type TestDatabase } from '../../lib/testing/database.js';
import { startStack, type Stack } from '../../lib/testing/stack.js';
import { SESSION_AUDIENCE, SESSION_ISSUER, SESSION_TYP, sessionKey } from './session.js';
import { b64, call, cookieLine, keyPair, nowS, serveBff, signWith, startJwksServer, type Call, type JwksServer, type KeyPair, type SignOptions, type TestBff } from './testing.js';

const SESSION_SECRET = 'a-session-secret-for-the-attack-suite-0123456789';
const PARENT = 'indigitall_jwt';
const claims = { sub: 'u1', project_id: '100274', role: 'viewer' };

let db: TestDatabase;
let stack: Stack;
let apps: Record<'hs' | 'rs' | 'jwks', TestBff>;
let rsa: KeyPair; // the RS app's key
let jwksRsa: KeyPair; // k1 in the JWKS
let jwksEc: KeyPair; // k2 in the JWKS
let attacker: KeyPair; // an RSA key nobody trusts
let attackerEc: KeyPair;
let jwks: JwksServer;
let attackerJwks: JwksServer; // what jku/x5u point at; must never be fetched
let session: string; // a valid session cookie of the hs app (for project 100274)
const secret = () => new TextEncoder().encode(apps.hs.config.JWT_SECRET);

beforeAll(async () => {
  db = await testDatabase();
  stack = await startStack({ databaseUrl: db.ownerUrl, syncDays: 35 });
  [rsa, jwksRsa, jwksEc, attacker, attackerEc] = await Promise.all([
    keyPair('RS256', 'rs'),
    keyPair('RS256', 'k1'),
    keyPair('ES256', 'k2'),
    keyPair('RS256', 'evil'),
    keyPair('ES256', 'evil-ec'),
  ]);
  jwks = await startJwksServer([jwksRsa.jwk, jwksEc.jwk]);
  attackerJwks = await startJwksServer([attacker.jwk]);
  apps = {
    hs: await serveBff(stack, { JWT_PARENT_COOKIE: PARENT }),
    rs: await serveBff(stack, { JWT_PUBLIC_KEY: rsa.spki, SESSION_SECRET }),
    jwks: await serveBff(stack, { JWT_JWKS_URL: jwks.url, SESSION_SECRET }),
  };
  const ex = await call(apps.hs.url, { path: `/auth/exchange?token=${stack.tokens['100274']}` });
  expect(ex.status).toBe(303);
  session = cookieLine(ex, 'ig_session')!.value as string;
  expect(session.split('.')).toHaveLength(3);
});
afterAll(async () => {
  for (const a of Object.values(apps ?? {})) await a.close();
  await jwks?.close();
  await attackerJwks?.close();
  await stack?.stop();
  await db?.drop();
});

// --- token builders ---------------------------------------------------------------------------------
const hs = (payload: Record<string, unknown>, o: Partial<SignOptions> = {}) => signWith(apps.hs.config, payload, { key: secret(), alg: 'HS256', ...o });
const rs = (payload: Record<string, unknown>, o: Partial<SignOptions> = {}) => signWith(apps.rs.config, payload, { key: rsa.privateKey, alg: 'RS256', ...o });
const viaJwks = (payload: Record<string, unknown>, o: Partial<SignOptions> = {}) =>
  signWith(apps.jwks.config, payload, { key: jwksRsa.privateKey, alg: 'RS256', kid: 'k1', ...o });
const registered = (app: TestBff) => ({ iss: app.config.JWT_ISSUER, aud: app.config.JWT_AUDIENCE, iat: nowS(), exp: nowS() + 600 });
/** header.payload. with no signature, as `alg: none` asks. */
const unsigned = (app: TestBff) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, ...registered(app) })}.`;
/** A valid token's header and signature around another payload. */
const tamper = (token: string, payload: Record<string, unknown>) => {
  const [h, , s] = token.split('.');
  return `${h}.${b64(payload)}.${s}`;
};
/** A session JWT exactly as ours are made, but with the given key/expiry. */
const sessionLike = (key: Uint8Array, exp: number, typ = SESSION_TYP) =>
  new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ })
    .setSubject('u1')
    .setIssuer(SESSION_ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key);
/** HMAC-SHA256 over header.payload with an arbitrary byte key (what an alg-confusion attacker does). */
const hmacWith = async (keyBytes: string, header: Record<string, unknown>, payload: Record<string, unknown>) => {
  const { createHmac } = await import('node:crypto');
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', keyBytes).update(input).digest('base64url')}`;
};

type App = keyof typeof apps;
type Case = [name: string, app: App, build: () => Promise<Call>, status: 401 | 403, code: string];
const bearer = (make: () => Promise<string>) => async (): Promise<Call> => ({ bearer: await make() });

const CASES: Case[] = [
  // signature and algorithm
  ['alg none', 'hs', bearer(async () => unsigned(apps.hs)), 401, 'unauthorized'],
  ['alg none against the RS256 verifier', 'rs', bearer(async () => unsigned(apps.rs)), 401, 'unauthorized'],
  ['HS256 signed with the RS public key as HMAC secret (key confusion)', 'rs', bearer(() => hmacWith(rsa.spki, { alg: 'HS256', typ: 'JWT' }, { ...claims, ...registered(apps.rs) })), 401, 'unauthorized'],
  ['a token signed with another secret', 'hs', bearer(() => hs(claims, { key: new TextEncoder().encode('another-secret-of-the-same-length-0123456789abcdef') })), 401, 'unauthorized'],
  ['RS256 signed with a key other than the configured one', 'rs', bearer(() => rs(claims, { key: attacker.privateKey })), 401, 'unauthorized'],
  ['HS512 with the right secret (only HS256 allowed)', 'hs', bearer(() => hs(claims, { alg: 'HS512' })), 401, 'unauthorized'],
  ['ES256 (only RS256 allowed)', 'rs', bearer(() => rs(claims, { key: attackerEc.privateKey, alg: 'ES256' })), 401, 'unauthorized'],
  ['tampered payload (another project_id, original signature)', 'hs', bearer(async () => tamper(stack.tokens['100274']!, { ...claims, project_id: '100275', ...registered(apps.hs) })), 401, 'unauthorized'],
  ['tampered payload on an RS256 token', 'rs', bearer(async () => tamper(await rs(claims), { ...claims, role: 'admin', ...registered(apps.rs) })), 401, 'unauthorized'],
  ['critical header parameter it does not understand (crit)', 'hs', bearer(() => hmacWith(apps.hs.config.JWT_SECRET, { alg: 'HS256', typ: 'JWT', crit: ['x-ig-policy'], 'x-ig-policy': 'relaxed' }, { ...claims, ...registered(apps.hs) })), 401, 'unauthorized'],
  // embedded or remote keys named by the token itself: never used
  ['jwk header embedding the attacker key (PEM verifier)', 'rs', bearer(() => rs(claims, { key: attacker.privateKey, header: { jwk: attacker.jwk } })), 401, 'unauthorized'],
  ['jwk header embedding the attacker key (JWKS verifier)', 'jwks', bearer(() => viaJwks(claims, { key: attacker.privateKey, kid: 'evil', header: { jwk: attacker.jwk } })), 401, 'unauthorized'],
  ['jku header pointing at the attacker JWKS', 'jwks', bearer(() => viaJwks(claims, { key: attacker.privateKey, kid: 'evil', header: { jku: attackerJwks.url } })), 401, 'unauthorized'],
  ['x5u header pointing at the attacker', 'jwks', bearer(() => viaJwks(claims, { key: attacker.privateKey, kid: 'evil', header: { x5u: attackerJwks.url } })), 401, 'unauthorized'],
  ['unknown kid', 'jwks', bearer(() => viaJwks(claims, { key: attacker.privateKey, kid: 'no-such-key' })), 401, 'unauthorized'],
  ['a known kid with the attacker signature', 'jwks', bearer(() => viaJwks(claims, { key: attacker.privateKey, kid: 'k1' })), 401, 'unauthorized'],
  ['the EC kid with an RS256 header (alg/key mismatch)', 'jwks', bearer(() => viaJwks(claims, { kid: 'k2' })), 401, 'unauthorized'],
  // registered claims
  ['expired an hour ago', 'hs', bearer(() => hs(claims, { exp: nowS() - 3600 })), 401, 'unauthorized'],
  ['expired just beyond the clock tolerance', 'hs', bearer(() => hs(claims, { exp: nowS() - apps.hs.config.JWT_CLOCK_TOLERANCE_S - 5 })), 401, 'unauthorized'],
  ['exp missing', 'hs', bearer(() => hs(claims, { exp: null })), 401, 'unauthorized'],
  ['nbf in the future beyond the tolerance', 'hs', bearer(() => hs(claims, { nbf: nowS() + apps.hs.config.JWT_CLOCK_TOLERANCE_S + 120 })), 401, 'unauthorized'],
  ['wrong iss', 'hs', bearer(() => hs(claims, { iss: 'https://login.evil.example' })), 401, 'unauthorized'],
  ['iss missing', 'rs', bearer(() => rs(claims, { iss: null })), 401, 'unauthorized'],
  ['wrong aud', 'jwks', bearer(() => viaJwks(claims, { aud: 'another-product' })), 401, 'unauthorized'],
  ['sub missing', 'hs', bearer(() => hs({ project_id: '100274' })), 401, 'unauthorized'],
  // tenancy claims
  ['project claim missing', 'hs', bearer(() => hs({ sub: 'u1' })), 401, 'unauthorized'],
  ['project_id empty', 'hs', bearer(() => hs({ sub: 'u1', project_id: '' })), 401, 'unauthorized'],
  ['project_ids empty', 'rs', bearer(() => rs({ sub: 'u1', project_ids: [] })), 401, 'unauthorized'],
  ['malformed project id in the token', 'hs', bearer(() => hs({ sub: 'u1', project_id: "100274' OR '1'='1" })), 401, 'unauthorized'],
  ['a role outside the list', 'hs', bearer(() => hs({ ...claims, role: 'root' })), 401, 'unauthorized'],
  ['a project outside project_ids (query)', 'hs', async () => ({ path: '/v1/kpis?channel=push&project=100275', bearer: await hs({ sub: 'p', project_ids: ['100274', '100276'] }) }), 403, 'forbidden_project'],
  ['a project outside project_ids (X-Ig-Project)', 'jwks', async () => ({ headers: { 'x-ig-project': '100275' }, bearer: await viaJwks({ sub: 'p', project_ids: ['100274', '100276'] }) }), 403, 'forbidden_project'],
  ['a project outside project_ids, with a session cookie', 'hs', async () => {
    const ex = await call(apps.hs.url, { path: `/auth/exchange?token=${await hs({ sub: 'p', project_ids: ['100274', '100276'] })}` });
    return { path: '/v1/kpis?channel=push&project=100275', cookies: { ig_session: cookieLine(ex, 'ig_session')!.value as string } };
  }, 403, 'forbidden_project'],
  // shape
  ['oversized token (validly signed)', 'hs', bearer(() => hs({ ...claims, pad: 'x'.repeat(9000) })), 401, 'unauthorized'],
  ['malformed base64', 'hs', bearer(async () => 'eyJ%%%.###.***'), 401, 'unauthorized'],
  ['one segment', 'hs', bearer(async () => stack.tokens['100274']!.split('.')[1]!), 401, 'unauthorized'],
  ['two segments', 'hs', bearer(async () => stack.tokens['100274']!.split('.').slice(0, 2).join('.')), 401, 'unauthorized'],
  ['four segments', 'hs', bearer(async () => `${stack.tokens['100274']}.${b64({})}`), 401, 'unauthorized'],
  ['five segments (JWE shape)', 'jwks', bearer(async () => [b64({ alg: 'dir', enc: 'A256GCM' }), '', 'aaaa', 'bbbb', 'cccc'].join('.')), 401, 'unauthorized'],
  ['a scheme other than Bearer', 'hs', async () => ({ headers: { authorization: `Basic ${stack.tokens['100274']}` } }), 401, 'unauthorized'],
  // transport
  ['a valid token in the query string', 'hs', async () => ({ path: `/v1/kpis?channel=push&token=${stack.tokens['100274']}` }), 401, 'unauthorized'],
  ['a valid token as access_token with a valid session cookie', 'hs', async () => ({ path: `/v1/kpis?channel=push&access_token=${stack.tokens['100274']}`, cookies: { ig_session: session } }), 401, 'unauthorized'],
  // our session vs indigitall's token
  ['our session cookie presented as a bearer token', 'hs', async () => ({ bearer: session }), 401, 'unauthorized'],
  ["indigitall's token presented as our session cookie", 'hs', async () => ({ cookies: { ig_session: stack.tokens['100274']! } }), 401, 'unauthorized'],
  ['a session cookie past its expiry', 'hs', async () => ({ cookies: { ig_session: await sessionLike(sessionKey(apps.hs.config), nowS() - 3600) } }), 401, 'unauthorized'],
  ['a session cookie forged with another secret', 'hs', async () => ({ cookies: { ig_session: await sessionLike(new TextEncoder().encode(SESSION_SECRET), nowS() + 600) } }), 401, 'unauthorized'],
  ['a session cookie signed with JWT_SECRET', 'hs', async () => ({ cookies: { ig_session: await sessionLike(secret(), nowS() + 600) } }), 401, 'unauthorized'],
  ['a session cookie with another typ', 'hs', async () => ({ cookies: { ig_session: await sessionLike(sessionKey(apps.hs.config), nowS() + 600, 'JWT') } }), 401, 'unauthorized'],
  ['a session cookie with a tampered payload', 'hs', async () => ({ cookies: { ig_session: tamper(session, { ...claims, project_id: '100275', sub: 'u1', iss: SESSION_ISSUER, aud: SESSION_AUDIENCE, exp: nowS() + 600 }) } }), 401, 'unauthorized'],
  ['a session of another deployment (other SESSION_SECRET)', 'rs', async () => ({ cookies: { ig_session: session } }), 401, 'unauthorized'],
  ['a forged token in the parent-domain cookie', 'hs', async () => ({ cookies: { [PARENT]: await hs(claims, { key: new TextEncoder().encode('another-secret-of-the-same-length-0123456789abcdef') }) } }), 401, 'unauthorized'],
  ['our session in the parent-domain cookie', 'hs', async () => ({ cookies: { [PARENT]: session } }), 401, 'unauthorized'],
  ['a parent-domain cookie where none is configured', 'rs', async () => ({ cookies: { [PARENT]: await rs(claims) } }), 401, 'unauthorized'],
  // cross-site requests riding on cookies
  ['a cookie-authenticated POST from another origin', 'hs', async () => ({ method: 'POST', origin: 'https://evil.example', cookies: { ig_session: session }, json: {} }), 403, 'forbidden_origin'],
  ['a cookie-authenticated DELETE without Origin', 'hs', async () => ({ method: 'DELETE', path: '/v1/kpis', cookies: { [PARENT]: stack.tokens['100274']! } }), 403, 'forbidden_origin'],
  ['a login-CSRF POST /auth/session from another origin', 'hs', async () => ({ method: 'POST', path: '/auth/session', origin: 'https://evil.example', json: { token: stack.tokens['100274'] } }), 403, 'forbidden_origin'],
];

describe('JWT attacks', () => {
  it('has at least 25 cases over the three key modes', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CASES.map((c) => c[1]))).toEqual(new Set(['hs', 'rs', 'jwks']));
  });

  const rows = CASES.map(([name, app, build, status, code]) => ({ name, app, build, status, code }));
  it.each(rows)('$name ($app) → $status $code', async ({ app, build, status, code }) => {
    const r = await call(apps[app].url, await build());
    expect(r.status).toBe(status);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ status, code, type: expect.stringContaining(code) });
    // no data, no session, no internals
    expect(r.body).not.toHaveProperty('metrics');
    expect(r.body).not.toHaveProperty('projectId');
    expect(cookieLine(r, 'ig_session')).toBeUndefined();
    expect(r.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|stack|jose|ERR_/i);
  });

  it('never fetched the keys a token pointed at (jku, x5u)', () => {
    expect(attackerJwks.hits).toBe(0);
  });

  it('the same requests with honest credentials succeed (the refusals above are not an outage)', async () => {
    const ok = [
      await call(apps.hs.url, { bearer: await hs(claims) }),
      await call(apps.hs.url, { bearer: await hmacWith(apps.hs.config.JWT_SECRET, { alg: 'HS256', typ: 'JWT' }, { ...claims, ...registered(apps.hs) }) }),
      await call(apps.rs.url, { bearer: await rs(claims) }),
      await call(apps.jwks.url, { bearer: await viaJwks(claims) }),
      await call(apps.jwks.url, { bearer: await viaJwks(claims, { key: jwksEc.privateKey, alg: 'ES256', kid: 'k2' }) }),
      await call(apps.hs.url, { cookies: { ig_session: session } }),
      await call(apps.hs.url, { cookies: { [PARENT]: stack.tokens['100274']! } }),
    ];
    for (const r of ok) {
      expect(r.status).toBe(200);
      expect(r.body.projectId).toBe('100274');
      expect(r.body.metrics.find((m: { key: string }) => m.key === 'sent').value).toBe(stack.expected['100274']!.sent);
    }
  });
});
