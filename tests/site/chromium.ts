// The Chromium the site tests drive: Debian's, launched once per run by global-setup.ts with these options; every
// test file connects to it (harness.ts).
import { existsSync } from 'node:fs';
import type { LaunchOptions } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** The options the site tests' Chromium is launched with (tests/site/global-setup.ts launches it once per run). */
export const chromiumLaunchOptions = (): LaunchOptions => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the site tests need Debian's Chromium (apt-get install -y chromium)`);
  }
  return {
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Every request to another origin goes to a proxy that is not there, so it fails at once (and is recorded by
      // the 'request' listener in harness.ts); loopback, where the site is served, never goes through a proxy. This
      // blocks them without routing every request through playwright, which would also turn off the HTTP cache.
      '--proxy-server=http://127.0.0.1:9',
    ],
  };
};
