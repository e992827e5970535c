// The three browser engines a reader may use, behind one small interface, so a test is written once and runs in each:
// Chromium (Debian's, through playwright-core), Firefox (Debian's firefox-esr, through WebDriver BiDi with
// puppeteer-core) and WebKit (WebKitGTK's MiniBrowser, through its WebKitWebDriver and selenium-webdriver, on a
// virtual X display from xvfb-run). Classic WebDriver has no hook that runs before a page's scripts, so page errors
// are recorded by a script the test server puts at the top of every HTML page (see recorder-server.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export interface Engine {
  name: EngineName;
  /** Navigate to `url` and wait for its load event. */
  goto(url: string): Promise<void>;
  /** Evaluate a JavaScript expression in the page (a promise is awaited) and return its JSON-able value. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

export const EXECUTABLES: Record<EngineName, string> = {
  chromium: '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
  webkit: '/usr/bin/WebKitWebDriver',
};
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

async function chromium(): Promise<Engine> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: EXECUTABLES.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  return {
    name: 'chromium',
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    evaluate: (expression) => page.evaluate(expression),
    close: () => browser.close(),
  };
}

async function firefox(): Promise<Engine> {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: EXECUTABLES.firefox,
    headless: true,
    // A fresh profile per run; no updates, telemetry or first-run pages that would reach another origin.
    extraPrefsFirefox: { 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
  });
  const page = await browser.newPage();
  return {
    name: 'firefox',
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load', timeout: 120_000 })),
    evaluate: (expression) => page.evaluate(expression) as Promise<never>,
    close: () => browser.close(),
  };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function waitForDriver(url: string, driver: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${driver.exitCode}`);
    const ready = await fetch(`${url}/status`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100)); // polling a process that has no "ready" event
  }
  throw new Error(`WebKitWebDriver did not answer at ${url} within 20 s`);
}

async function webkit(): Promise<Engine> {
  const { Builder, Capabilities } = await import('selenium-webdriver');
  const port = await freePort();
  // xvfb-run gives MiniBrowser an X display of its own; its own process group so close() ends the whole tree.
  const driver = spawn('xvfb-run', ['-a', EXECUTABLES.webkit, `--port=${port}`, '--host=127.0.0.1'], {
    detached: true,
    stdio: 'ignore',
  });
  const server = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      if (driver.pid) process.kill(-driver.pid, 'SIGTERM');
    } catch {}
  };
  try {
    await waitForDriver(server, driver);
    const capabilities = new Capabilities()
      .set('browserName', 'MiniBrowser')
      .set('webkitgtk:browserOptions', { binary: MINIBROWSER, args: ['--automation'] });
    const session = await new Builder().usingServer(server).withCapabilities(capabilities).build();
    await session.manage().setTimeouts({ script: 240_000, pageLoad: 120_000 });
    return {
      name: 'webkit',
      goto: (url) => session.get(url),
      // Classic WebDriver runs a function body and awaits a returned promise.
      evaluate: (expression) => session.executeScript(`return (${expression});`),
      close: async () => {
        await session.quit().catch(() => {});
        stop();
      },
    };
  } catch (err) {
    stop();
    throw err;
  }
}

/** Why `name` cannot run on this machine (its program is missing), or undefined when it can. */
export function missing(name: EngineName): string | undefined {
  const needs = name === 'webkit' ? [EXECUTABLES.webkit, MINIBROWSER, '/usr/bin/xvfb-run'] : [EXECUTABLES[name]];
  const absent = needs.filter((p) => !existsSync(p));
  return absent.length ? `${absent.join(', ')} not found (.ci/run installs it with apt-get)` : undefined;
}

export function launch(name: EngineName): Promise<Engine> {
  const why = missing(name);
  if (why) throw new Error(`${name}: ${why}`);
  return { chromium, firefox, webkit }[name]();
}
