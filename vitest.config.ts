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
  },
});
