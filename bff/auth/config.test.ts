/**
 * The parts of auth that need no server: configuration that must be refused at start, the key a
 * misconfigured verifier must not start with, the `next` path rules, cookie parsing and requireRole.
 */
import { describe, expect, it } from 'vitest';
import type { Request, Response } from 'express';
import { exportPKCS8 } from 'jose';
import { ConfigError, DEV_JWT_SECRET, loadConfig } from '../../lib/config.js';
import { AppError } from '../errors.js';
import { parseCookieHeader } from './cookies.js';
import { requireRole, type Role } from './index.js';
import { createVerifier } from './jwt.js';
import { safeNextPath } from './redirect.js';
import { createSessions } from './session.js';
import { keyPair } from './testing.js';

const SECRET = 'a-production-secret-with-more-than-32-chars';
const SESSION = 'a-session-secret-with-more-than-32-characters';

describe('auth configuration', () => {
  it('the development defaults need nothing else', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ JWT_SECRET: DEV_JWT_SECRET, JWT_ALGORITHMS: [], SESSION_COOKIE: 'ig_session', SESSION_SAMESITE: 'lax', SESSION_MAX_AGE_S: 28800 });
    expect(c.SESSION_SECRET).toBeUndefined();
    expect(c.JWT_PARENT_COOKIE).toBeUndefined();
  });

  it.each([
    ['SESSION_SECRET equal to JWT_SECRET', { JWT_SECRET: SECRET, SESSION_SECRET: SECRET }, 'must differ'],
    ['a short SESSION_SECRET', { JWT_SECRET: SECRET, SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    ['both a PEM key and a JWKS URL', { JWT_PUBLIC_KEY: 'x', JWT_JWKS_URL: 'https://login.example/jwks', SESSION_SECRET: SESSION }, 'not both'],
    ['HS256 allowed with a public key', { JWT_PUBLIC_KEY: 'x', JWT_ALGORITHMS: 'RS256,HS256', SESSION_SECRET: SESSION }, 'HS256'],
    ['RS256 allowed with a shared secret', { JWT_ALGORITHMS: 'RS256' }, 'RS256'],
    ['alg none', { JWT_ALGORITHMS: 'none' }, 'unknown algorithm'],
    ['a JWKS over plain http to another host', { JWT_JWKS_URL: 'http://login.example/jwks', SESSION_SECRET: SESSION }, 'https'],
    ['SameSite=None without an https PUBLIC_URL', { SESSION_SAMESITE: 'none', PUBLIC_URL: 'http://analytics.example' }, 'SESSION_SAMESITE'],
    ['a cookie name with a separator', { JWT_PARENT_COOKIE: 'a;b' }, 'JWT_PARENT_COOKIE'],
  ])('refuses %s', (_n, env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it.each([
    ['a production JWT_SECRET', { JWT_SECRET: SECRET }],
    ['a PEM key (the dev-derived session key is public)', { JWT_PUBLIC_KEY: 'x' }],
    ['a JWKS URL', { JWT_JWKS_URL: 'https://login.example/jwks' }],
  ])('the BFF does not start with %s and no SESSION_SECRET (the ETL may)', (_n, env) => {
    const config = loadConfig(env as NodeJS.ProcessEnv);
    const none = { revoke: async () => undefined, isRevoked: async () => false, close: async () => undefined };
    expect(() => createSessions(config, none)).toThrow(ConfigError);
    expect(() => createSessions(config, none)).toThrow(/SESSION_SECRET/);
    expect(() => createSessions({ ...config, SESSION_SECRET: SESSION }, none)).not.toThrow();
  });

  it('accepts a JWKS over http on loopback (tests) and a complete production setup', () => {
    expect(loadConfig({ JWT_JWKS_URL: 'http://127.0.0.1:9/jwks', SESSION_SECRET: SESSION }).JWT_JWKS_URL).toBe('http://127.0.0.1:9/jwks');
    const c = loadConfig({ JWT_SECRET: SECRET, SESSION_SECRET: SESSION, SESSION_SAMESITE: 'none', PUBLIC_URL: 'https://analytics.example', JWT_ALGORITHMS: 'HS256, HS384' });
    expect(c.JWT_ALGORITHMS).toEqual(['HS256', 'HS384']);
  });

  it('a PEM key that cannot do the allowed algorithm, or a private key, stops the start', async () => {
    const rsa = await keyPair('RS256');
    const env = { SESSION_SECRET: SESSION };
    expect(() => createVerifier(loadConfig({ ...env, JWT_PUBLIC_KEY: rsa.spki, JWT_ALGORITHMS: 'ES256' }))).toThrow(/cannot verify ES256/);
    const pkcs8 = await exportPKCS8(rsa.privateKey);
    expect(() => createVerifier(loadConfig({ ...env, JWT_PUBLIC_KEY: pkcs8 }))).toThrow(/private key/);
    expect(() => createVerifier(loadConfig({ ...env, JWT_PUBLIC_KEY: 'not a key' }))).toThrow();
    expect(() => createVerifier(loadConfig({ ...env, JWT_PUBLIC_KEY: rsa.spki, JWT_ALGORITHMS: 'RS256,PS256' }))).not.toThrow();
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/dashboards/push', '/dashboards/push'],
    ['/a/b?x=1&y=2#frag', '/a/b?x=1&y=2#frag'],
    ['/a/../b', '/b'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'], // stays a path on this site
  ])('keeps the same-site path %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([undefined, '', 'evil.example', '//evil.example', '///evil.example', '/\\evil.example', '/\\/evil.example', 'https://evil.example', 'HTTPS://evil.example', 'javascript:alert(1)', '/\tevil', '/x\ny', '/x\u0000', '/x\u007f', ' /x', '/' + 'a'.repeat(3000), ['/a', '/b']])(
    'sends %j to /',
    (next) => {
      expect(safeNextPath(next)).toBe('/');
    },
  );
});

describe('parseCookieHeader', () => {
  it('reads pairs, keeps the first of a repeated name, unquotes and decodes', () => {
    expect(parseCookieHeader('a=1; b="two"; a=3; c=x%20y; d; e=%E0%A4%A; =z')).toEqual({ a: '1', b: 'two', c: 'x y', e: '%E0%A4%A' });
    expect(parseCookieHeader(undefined)).toEqual({});
    expect(Object.entries(parseCookieHeader('__proto__=x; constructor=y'))).toEqual([['__proto__', 'x'], ['constructor', 'y']]);
  });
});

describe('requireRole', () => {
  const run = (role: Role | undefined, min: Role) => {
    const res = { locals: role ? { auth: { userId: 'u', projectId: '1', role, locale: undefined } } : {} } as unknown as Response;
    let passed = false;
    try {
      requireRole(min)({} as Request, res, () => {
        passed = true;
      });
      return passed ? 'next' : 'stuck';
    } catch (err) {
      return (err as AppError).code;
    }
  };
  it.each([
    ['viewer', 'viewer', 'next'],
    ['viewer', 'editor', 'forbidden_role'],
    ['editor', 'editor', 'next'],
    ['editor', 'admin', 'forbidden_role'],
    ['admin', 'editor', 'next'],
    [undefined, 'viewer', 'unauthorized'],
  ] as const)('%s asking for %s → %s', (role, min, expected) => {
    expect(run(role, min)).toBe(expected);
  });
});
