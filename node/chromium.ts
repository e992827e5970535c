// Headless Chromium over the built site, for the browser rows of `npm run bench`: Debian's /usr/bin/chromium through
// playwright-core, with dist/ served on 127.0.0.1.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** The built site: dist/, or the folder SITE_DIST names (as the site tests read it, e.g. test-results/site-dist). */
export const DIST = fileURLToPath(new URL(`../${process.env.SITE_DIST ?? 'dist'}/`, import.meta.url)).replace(
  /\/$/,
  '',
);

/**
 * Serves dist/, launches Chromium with `args`, and calls `run` once per backend with a page in a fresh profile (models
 * load from the network, not the cache). A backend that fails is logged as `<label> <backend>: failed: …` and the
 * others still run; the browser and the server are always closed.
 */
export async function eachBackendPage(
  backends: string[],
  args: string[],
  label: string,
  run: (page: Page, backend: string, baseURL: string) => Promise<void>,
): Promise<void> {
  const { chromium } = await import('playwright-core');
  const { serveSite } = await import('./serve-site.ts');
  const { server, baseURL } = await serveSite(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  try {
    for (const backend of backends) {
      const context = await browser.newContext();
      try {
        await run(await context.newPage(), backend, baseURL);
      } catch (err) {
        console.log(`${label} ${backend}: failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
}

/**
 * Like eachBackendPage, once, in a persistent profile (a fresh user-data folder, deleted after): the storage a reader's
 * ordinary window has. eachBackendPage's contexts are off the record, like a private window, where Chromium keeps
 * OPFS in memory in the browser process and every call of a sync access handle crosses to it (about 0.3 ms here).
 */
export async function persistentProfilePage(
  args: string[],
  label: string,
  run: (page: Page, baseURL: string) => Promise<void>,
): Promise<void> {
  const { chromium } = await import('playwright-core');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { serveSite } = await import('./serve-site.ts');
  const { server, baseURL } = await serveSite(DIST);
  const profile = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args });
    try {
      await run(context.pages()[0] ?? (await context.newPage()), baseURL);
    } catch (err) {
      console.log(`${label}: failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await context.close();
    }
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
