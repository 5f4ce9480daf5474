import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// One frozen business 'now' for every node test (lib/clock.ts): no test depends on the calendar.
const { IG_NOW } = JSON.parse(readFileSync(new URL('./lib/testing/test-now.json', import.meta.url), 'utf8')) as { IG_NOW: string };

export default defineConfig({
  test: {
    include: ['{bff,etl,sql,lib,demo,bench}/**/*.test.ts', 'widgets/scripts/**/*.test.ts'],
    globalSetup: ['lib/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { IG_NOW },
  },
});
