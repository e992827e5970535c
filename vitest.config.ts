import { defineConfig } from 'vitest/config';

// Two projects: `lib` runs the inference library in Node; `site` builds the site once and drives it in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'lib',
          include: ['tests/lib/**/*.test.ts'],
          testTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          globalSetup: ['tests/site/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
