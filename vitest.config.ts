import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{bff,etl,sql,lib,demo}/**/*.test.ts'],
    globalSetup: ['lib/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
