import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Fits train real networks; a slow shared machine must not fail them on time alone.
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
