import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser and socket tests start real servers and Chromium; give them room on a 2-core CI box.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
