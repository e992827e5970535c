// Global setup for the `site` and `browsers` projects: build the site once, serve it over HTTP, tell the tests where.
// The tests build into their own folder (git-ignored test-results/), so an `npm run build` running at the
// same time cannot swap dist/ out from under them. SKIP_BUILD=1 reuses that build (iterating on tests only).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { serveSite } from '../../node/serve-site.ts';
import { productionBuildEnv } from './build-env.ts';
import { chromiumLaunchOptions } from './chromium.ts';
import { serveSubpathSite } from './subpath-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built site is served, e.g. "http://127.0.0.1:40123/". */
    baseURL: string;
    /** Absolute path of the built site. */
    distDir: string;
    /** The same build served with the headers a deploy sends (node/deploy-headers.ts: CSP and the rest). */
    deployBaseURL: string;
    /** The sub-path build (tests/site/subpath-site.ts), served at its base: "http://127.0.0.1:40125/courses/llm/". */
    subpathBaseURL: string;
    /** The Chromium every site test file connects to (harness.ts), launched once per run. */
    chromiumEndpoint: string;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));
// SITE_DIST names another build folder (a second build to test while the first is in use).
const outDir = process.env.SITE_DIST ?? 'test-results/site-dist';
const distDir = fileURLToPath(new URL(`../../${outDir}`, import.meta.url));

function build() {
  console.log(`[site tests] npx astro build --outDir ${outDir}`);
  const started = Date.now();
  // npx puts node_modules/.bin first on PATH, so astro runs on the project's pinned Node.
  const result = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
    cwd: root,
    env: productionBuildEnv(),
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(`astro build failed (exit ${result.status ?? result.signal}); see its output above`);
  }
  console.log(`[site tests] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject) {
  if (process.env.SKIP_BUILD === '1' && existsSync(distDir)) console.log(`[site tests] SKIP_BUILD=1: using ${outDir}`);
  else if (process.env.SITE_BUILT_IN_THIS_RUN === '1') console.log(`[site tests] reusing this run's ${outDir}`);
  else {
    build();
    // `site` and `browsers` both use this setup; whichever starts second in the same run reuses the build.
    process.env.SITE_BUILT_IN_THIS_RUN = '1';
  }
  // The second build (under a sub-path, with a forked lesson) before any test runs: site files run in parallel.
  const subpath = await serveSubpathSite();

  const { server, baseURL } = await serveSite(distDir);
  const deployed = await serveSite(distDir, { deployHeaders: true });
  project.provide('baseURL', baseURL);
  project.provide('deployBaseURL', deployed.baseURL);
  project.provide('subpathBaseURL', subpath.url);
  project.provide('distDir', distDir);
  // The site project's files all connect to one Chromium (harness.ts); the browsers project launches its own engines.
  const chromiumServer = project.name === 'site' ? await chromium.launchServer(chromiumLaunchOptions()) : undefined;
  if (chromiumServer) project.provide('chromiumEndpoint', chromiumServer.wsEndpoint());

  const close = (s: typeof server) =>
    new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections(); // keep-alive sockets from Chromium would hold close() open
    });
  return () =>
    Promise.all([close(server), close(deployed.server), close(subpath.server), chromiumServer?.close()]).then(
      () => undefined,
    );
}
