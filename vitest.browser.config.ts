import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: real Chromium against the real server; one file at a time on the 2 shared cores. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
