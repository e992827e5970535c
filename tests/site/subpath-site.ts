// A second build of the site for the instructor/offline tests: built with a sub-path base (as on a static host
// that serves it under /courses/llm/) and with one temporary lesson forked by `npm run new-lesson`, which is
// deleted again as soon as the build is done. Built once per test run: the first test file that asks builds
// it, later ones reuse it (the stamp is newer than the main build in test-results/site-dist); SKIP_BUILD=1
// reuses whatever is there.
import { spawnSync } from 'node:child_process';
import { productionBuildEnv } from './build-env.ts';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveSite } from '../../node/serve-site.ts';

export const BASE = '/courses/llm/';
/** The slug of the temporary lesson; its file is lessons/NN-fork-check-tmp.mdx while the build runs. */
export const FORK_SLUG = 'fork-check-tmp';
/** The lesson it is forked from. */
export const FORK_FROM = '01-three-views-of-xw';

const root = fileURLToPath(new URL('../../', import.meta.url));
const serveRoot = join(root, 'test-results/subpath-root');
export const subpathDist = join(serveRoot, BASE);
const stamp = join(serveRoot, 'built.txt');
const mainBuild = join(root, 'test-results/site-dist/index.html');

const env = productionBuildEnv();

const run = (cmd: string, args: string[]) => {
  const result = spawnSync(cmd, args, {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${result.stdout}`);
  return result.stdout;
};

const forkedFiles = () => readdirSync(join(root, 'lessons')).filter((f) => f.endsWith(`-${FORK_SLUG}.mdx`));
const removeForks = () => forkedFiles().forEach((f) => rmSync(join(root, 'lessons', f)));

/** The forked lesson's id ("04-fork-check-tmp"), read back from the build. */
export const forkedLessonId = () =>
  readdirSync(join(subpathDist, 'lessons')).find((id) => id.endsWith(`-${FORK_SLUG}`)) ??
  (() => {
    throw new Error(`the sub-path build has no lesson *-${FORK_SLUG}`);
  })();

function fresh(): boolean {
  if (!existsSync(stamp) || !existsSync(subpathDist)) return false;
  if (process.env.SKIP_BUILD === '1') return true;
  return !existsSync(mainBuild) || statSync(stamp).mtimeMs > statSync(mainBuild).mtimeMs;
}

/**
 * Build the sub-path site unless this run's is already there. tests/site/global-setup.ts calls it before any test
 * starts, so the temporary lesson it forks is gone again before a test reads lessons/ (site files run in parallel).
 */
export function ensureSubpathBuild(): void {
  if (!fresh()) {
    removeForks(); // a run killed mid-build may have left one behind
    try {
      const made = run('npm', ['run', '--silent', 'new-lesson', '--', FORK_SLUG, '--from', FORK_FROM]);
      if (!/created lessons\/\d+-fork-check-tmp\.mdx/.test(made)) throw new Error(`new-lesson said: ${made}`);
      rmSync(serveRoot, { recursive: true, force: true });
      console.log(`[site tests] npx astro build --base ${BASE} (with lessons/${forkedFiles()[0]})`);
      run('npx', ['astro', 'build', '--base', BASE, '--outDir', subpathDist]);
    } finally {
      removeForks();
    }
    writeFileSync(stamp, new Date().toISOString());
  }
}

/** Build (unless fresh) and serve the sub-path site; resolves to its URL ("http://127.0.0.1:port/courses/llm/"). */
export async function serveSubpathSite(): Promise<{ server: Server; url: string }> {
  ensureSubpathBuild();
  const { server, baseURL } = await serveSite(serveRoot);
  return { server, url: new URL(BASE, baseURL).href };
}

export const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
