// Global setup for the `site` project: build the site once, serve dist/ over HTTP, tell the tests where.
// SKIP_BUILD=1 reuses an existing dist/ (handy while iterating on tests only).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built site is served, e.g. "http://127.0.0.1:40123/". */
    baseURL: string;
    /** Absolute path of the built site. */
    distDir: string;
  }
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const distDir = fileURLToPath(new URL('../../dist/', import.meta.url)).replace(/\/$/, '');

function build() {
  console.log('[site tests] npx astro build');
  const started = Date.now();
  // npx puts node_modules/.bin first on PATH, so astro runs on the project's pinned Node.
  const result = spawnSync('npx', ['astro', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`astro build failed (exit ${result.status ?? result.signal}); see its output above`);
  }
  console.log(`[site tests] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject) {
  if (process.env.SKIP_BUILD === '1' && existsSync(distDir)) console.log('[site tests] SKIP_BUILD=1: using dist/');
  else build();

  const { server, baseURL } = await serveStatic(distDir);
  project.provide('baseURL', baseURL);
  project.provide('distDir', distDir);

  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // keep-alive sockets from Chromium would hold close() open
    });
}
