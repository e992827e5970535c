import { readdirSync, readFileSync } from 'node:fs';
import { getViteConfig } from 'astro/config';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './tests/longest-first.ts';

// The lib files that take most of the lib project's time (vitest's per-file durations, on a loaded 2-core machine:
// each over 30 s there, the rest under 30 s): CI runs them in a project of their own, `lib-slow`, so that
// `npm run test:fast` (lib + widgets) stays a quick Node-only loop.
const SLOW_LIB = [
  'tests/lib/speculative/greedy-equivalence.test.ts',
  'tests/lib/quant/awq-vs-rtn.test.ts',
  'tests/lib/offload/policy-search.test.ts',
  'tests/lib/sparsity/sparse-ffn.test.ts',
  'tests/lib/quant/file.test.ts',
  'tests/lib/speculative/tree-forward.test.ts',
  'tests/lib/flash/decode.test.ts',
  'tests/lib/lora/train.test.ts',
  'tests/lib/offload/zigzag-executor.test.ts',
  'tests/lib/offload/compression.test.ts',
  'tests/lib/capstone/decoder.test.ts',
  'tests/lib/quant/sample-engine.test.ts',
];

// The widgets files that run in Node's own environment (no `@vitest-environment` line): no window, so they can share
// worker processes and modules. (The jsdom files cannot share a window: it defines each custom element once, so a
// file's element would keep talking to the worker client an earlier file mocked. They run in a vm pool instead.)
const NODE_WIDGETS = readdirSync(new URL('tests/widgets', import.meta.url), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `tests/widgets/${f}`)
  .filter((f) => !readFileSync(new URL(f, import.meta.url), 'utf8').includes('@vitest-environment'));

// Six projects: `lib` and `lib-slow` run the inference library in Node; `widgets` (jsdom files) and `widgets-node`
// test the widget kit, view models and charts in Node; `site` builds the site once and drives it in Chromium;
// `browsers` drives the same build in Chromium, Firefox and WebKit on a smoke set.
export default defineConfig({
  test: {
    // Longest files first, across projects (tests/longest-first.ts, from tests/durations.json).
    sequence: { sequencer: LongestFirst },
    // vitest's default in run mode is one worker fewer than the cores: on the 2-core machines CI and readers' laptops
    // run on, that is one worker, and every file ran after the other. Two workers overlap everything: the Node files,
    // and the site files too, since every page check waits on the page's state (data-ready, data-state, recorded
    // state writes), never on a sleep. (One site file at a time took `npm test` 1,333 s in the last quiet CI run.)
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'lib',
          include: ['tests/lib/**/*.test.ts'],
          exclude: SLOW_LIB,
          testTimeout: 120_000,
          pool: 'forks',
          // Files share a worker's modules (tfjs is imported once per worker, not once per file); tfjs's own state is
          // reset before each file (tests/lib/fresh-engine.ts).
          isolate: false,
          setupFiles: ['tests/lib/fresh-engine.ts'],
        },
      },
      {
        test: {
          name: 'lib-slow',
          include: SLOW_LIB,
          testTimeout: 300_000,
          pool: 'forks',
          isolate: false, // as in `lib`
          setupFiles: ['tests/lib/fresh-engine.ts'],
        },
      },
      // Widgets in Node: the kit, view models and chart helpers (jsdom where a DOM is needed), in seconds. Astro's
      // Vite setup compiles .astro files, so a test can render a widget's real shell; `@vitest-environment jsdom-ssr`
      // (tests/widgets/jsdom-ssr.ts) is jsdom with the server's transforms, which that needs.
      getViteConfig({
        resolve: {
          alias: { 'vitest-environment-jsdom-ssr': new URL('tests/widgets/jsdom-ssr.ts', import.meta.url).pathname },
        },
        test: {
          name: 'widgets',
          include: ['tests/widgets/**/*.test.ts'],
          exclude: NODE_WIDGETS,
          testTimeout: 30_000,
          // Each file in a fresh vm context of its own (its own window, its own modules and mocks), in workers that
          // import jsdom once and set it up once: a process and jsdom's import per file cost more than the tests.
          pool: 'vmForks',
        },
      }),
      // The rest of the widgets files, in Node's environment, sharing workers (each imports the modules afresh).
      getViteConfig({
        test: {
          name: 'widgets-node',
          include: NODE_WIDGETS,
          testTimeout: 30_000,
          isolate: false,
          setupFiles: ['tests/widgets/fresh-modules.ts'],
        },
      }),
      {
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          globalSetup: ['tests/site/global-setup.ts'],
          // Files share worker processes (playwright is imported once per worker) and one Chromium; each file's
          // browser contexts are closed when it ends (tests/site/per-file.ts).
          isolate: false,
          setupFiles: ['tests/site/per-file.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'browsers',
          include: ['tests/browsers/**/*.test.ts'],
          globalSetup: ['tests/site/global-setup.ts'], // the same build as `site` (built once per run)
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // One file, whose engines launch one after another. (With `fileParallelism: false` vitest ran it in a
          // group of its own after every other file, on one core, for about a minute.)
        },
      },
    ],
  },
});
