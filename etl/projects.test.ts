/**
 * How a project's credentials reference becomes indigitall credentials (etl/projects.ts) and clients
 * (apiClients in etl/sync.ts): `demo` is the simulator's own server key and console login of the
 * project; `env:NAME` reads the key from NAME and the login from NAME_MAIL and NAME_PASSWORD.
 * Projects whose references resolve to the same credentials share one client, and every client with
 * the same key shares that key's in-flight limit. Errors name variables, never values.
 */
import { describe, expect, it } from 'vitest';
import { Keyring } from './client/credentials.js';
import { envelope, startFake } from './client/fake-upstream.js';
import { ProjectError, resolveCredentials, type Project } from './projects.js';
import { ACCOUNT_LOGIN, ACCOUNT_SERVER_KEY, DEMO_PROJECTS, type SimProject } from './simulator/catalog.js';
import { apiClients } from './sync.js';

const [banco, moda] = DEMO_PROJECTS as [SimProject, SimProject];
const project = (projectId: number, credentialsRef: string): Project => ({ projectId, name: 'P', timeZone: 'UTC', credentialsRef, status: 'active' });

describe('resolveCredentials', () => {
  it('demo: the catalogue project’s own server key and console login', () => {
    expect(resolveCredentials(project(banco.id, 'demo'))).toEqual({ serverKey: banco.serverKey, login: { mail: banco.login!.mail, password: banco.login!.password } });
    expect(resolveCredentials(project(moda.id, 'demo'))).toEqual({ serverKey: moda.serverKey, login: moda.login });
    expect(() => resolveCredentials(project(4242, 'demo'))).toThrow(new ProjectError('project 4242 is not a simulator demo project'));
  });

  it('env:NAME: the key in NAME, the login in NAME_MAIL and NAME_PASSWORD; either part alone', () => {
    const env = { IG_A: 'key-a', IG_A_MAIL: 'bi@a.example', IG_A_PASSWORD: 'pw-a', IG_K: 'key-k', IG_L_MAIL: 'bi@l.example', IG_L_PASSWORD: 'pw-l' };
    expect(resolveCredentials(project(1, 'env:IG_A'), env)).toEqual({ serverKey: 'key-a', login: { mail: 'bi@a.example', password: 'pw-a' } });
    expect(resolveCredentials(project(1, 'env:IG_K'), env)).toEqual({ serverKey: 'key-k' });
    expect(resolveCredentials(project(1, 'env:IG_L'), env)).toEqual({ login: { mail: 'bi@l.example', password: 'pw-l' } });
  });

  it('missing, incomplete or unusable: a ProjectError naming the variables, never a value', () => {
    expect(() => resolveCredentials(project(7, 'env:IG_NONE'), { IG_NONE: '' })).toThrow(
      new ProjectError('credentials for project 7 not found: set IG_NONE (server key) and/or IG_NONE_MAIL and IG_NONE_PASSWORD (console login)'),
    );
    expect(() => resolveCredentials(project(7, 'env:IG_H'), { IG_H: 'k', IG_H_MAIL: 'bi@h.example' })).toThrow(
      new ProjectError('console login for project 7 is incomplete: set both IG_H_MAIL and IG_H_PASSWORD'),
    );
    const spaced = () => resolveCredentials(project(7, 'env:IG_S'), { IG_S: 'secret with spaces' });
    expect(spaced).toThrow(ProjectError);
    expect(spaced).toThrow(/^credentials for project 7 \(env:IG_S\): server key must be a non-empty string without spaces$/);
    expect(spaced).not.toThrow(/secret/);
  });
});

describe('apiClients', () => {
  it('projects whose references resolve to the same credentials share one client; others get their own', async () => {
    const env = { IG_ACC: ACCOUNT_SERVER_KEY, IG_ACC_MAIL: ACCOUNT_LOGIN.mail, IG_ACC_PASSWORD: ACCOUNT_LOGIN.password, IG_ACC2: ACCOUNT_SERVER_KEY, IG_ACC2_MAIL: ACCOUNT_LOGIN.mail, IG_ACC2_PASSWORD: ACCOUNT_LOGIN.password };
    const clients = apiClients('http://127.0.0.1:9', env);
    const a = await clients(project(banco.id, 'env:IG_ACC'));
    expect(await clients(project(moda.id, 'env:IG_ACC'))).toBe(a);
    expect(await clients(project(moda.id, 'env:IG_ACC2'))).toBe(a); // same values under other names
    expect(await clients(project(banco.id, 'demo'))).not.toBe(a);
    expect(await clients(project(banco.id, 'demo'))).toBe(await clients(project(banco.id, 'demo')));
    // A missing variable fails at once, before any request.
    expect(() => clients(project(banco.id, 'env:IG_MISSING'))).toThrow(/^credentials for project 100274 not found: set IG_MISSING /);
  });

  it('clients with the same server key share its in-flight limit; another key runs alongside', async () => {
    const fake = await startFake(() => ({ body: envelope([]), delayMs: 40 }));
    try {
      const env = { IG_ONE: 'shared-key', IG_TWO: 'shared-key', IG_TWO_MAIL: 'bi@two.example', IG_TWO_PASSWORD: 'pw', IG_OTHER: 'other-key' };
      const clients = apiClients(fake.url, env, { keyring: new Keyring({ concurrency: 1 }), retries: 0 });
      // Different credentials (one has a login too), hence different clients, but one server key.
      const one = await clients(project(1, 'env:IG_ONE'));
      const two = await clients(project(2, 'env:IG_TWO'));
      const other = await clients(project(3, 'env:IG_OTHER'));
      expect(two).not.toBe(one);
      await Promise.all([1, 2, 3].flatMap(() => [one.get('/v1/x', {}), two.get('/v1/x', {}), other.get('/v1/x', {})]));
      expect(fake.requests).toHaveLength(9);
      expect(fake.maxInFlightFor('ServerKey shared-key')).toBe(1);
      expect(fake.maxInFlightFor('ServerKey other-key')).toBe(1);
      expect(fake.maxInFlight).toBe(2);
    } finally {
      await fake.close();
    }
  });
});
