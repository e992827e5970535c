import { defineConfig } from 'vitest/config';

// Three projects: `lib` runs the inference library in Node; `widgets` tests the widget kit, view models and charts in
// Node; `site` builds the site once and drives it in Chromium.
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
        // Widgets in Node: the kit, view models and chart helpers (jsdom where a DOM is needed), in seconds.
        test: {
          name: 'widgets',
          include: ['tests/widgets/**/*.test.ts'],
          testTimeout: 30_000,
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
