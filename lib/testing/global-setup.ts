/**
 * vitest global setup: one embedded PostgreSQL cluster for the whole node test run, in a temporary
 * directory on a free loopback port. Each test file makes its own database on it (testDatabase()).
 */
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../embedded-pg.js';
import { freePort } from './ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ig-test-pg-'));
  await chmod(dir, 0o755); // the cluster runs as the postgres user
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  project.provide('pgAdminUrl', pg.url);
  return async () => {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
