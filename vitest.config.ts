import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The CLI tests run the built package (dist/), rebuilt here from the current sources.
    globalSetup: ['test/helpers/build.ts'],
    // Fits train real networks; a slow shared machine must not fail them on time alone.
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time: vitest's default (one fewer than the cores) ran one at a time on a 2-core machine, 13 minutes in all.
    maxWorkers: 2,
  },
});
