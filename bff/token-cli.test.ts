/** `npm run token`: prints a verifiable dev token; refuses bad input and any non-development secret. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/config.js';
import { createVerifier } from './auth/jwt.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

async function token(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(tsx, ['bff/token-cli.ts', ...args], { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run token', () => {
  it('prints a token the BFF accepts, for the project asked', async () => {
    const r = await token(['--project', '100274', '--role', 'editor'], { JWT_SECRET: loadConfig({}).JWT_SECRET });
    expect(r.code).toBe(0);
    const claims = await createVerifier(loadConfig({}))(r.stdout.trim());
    expect(claims).toMatchObject({ project_id: '100274', role: 'editor', sub: 'demo-user' });
  });

  it('prints a partner token covering several projects with --projects', async () => {
    const r = await token(['--project', '100274', '--projects', '100275', '--role', 'editor'], { JWT_SECRET: loadConfig({}).JWT_SECRET });
    expect(r.code).toBe(0);
    const claims = await createVerifier(loadConfig({}))(r.stdout.trim());
    expect(claims).toMatchObject({ project_id: '100274', project_ids: ['100274', '100275'], role: 'editor' });
  });

  it('refuses when a production secret is configured', async () => {
    const r = await token(['--project', '100274'], { JWT_SECRET: 'a-production-secret-that-is-long-enough-0123' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/production JWT_SECRET/);
  });

  it.each([[['--project', 'abc']], [[]], [['--project', '100274', '--role', 'root']], [['--bogus']], [['--project', '100274', '--projects', '1x']]])(
    'refuses bad arguments %j with one line and exit 1',
    async (args) => {
      const r = await token(args, { JWT_SECRET: loadConfig({}).JWT_SECRET });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    },
  );
});
