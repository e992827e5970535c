// Drive the built site in Debian's Chromium. openPage() opens a path in a tab (which later pages reuse, with the
// site's storage cleared) whose context records console errors, uncaught exceptions, and every request to another
// origin (which it blocks: the site must work from its own origin alone). One browser is shared by every file
// (launched by global-setup.ts).
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { NEAR_PX } from '../../site/widgets/_kit/near.ts';

export { CHROMIUM } from './chromium.ts';

export interface OpenPageOptions {
  /** Emulated prefers-color-scheme; defaults to 'light'. */
  colorScheme?: 'light' | 'dark';
  /** Viewport in CSS pixels; defaults to 1280×800. */
  viewport?: { width: number; height: number };
  /** 'allow' lets the site's service worker install (offline tests); by default it is blocked, so a page's
   *  requests go to the network and no test precaches the whole site as a side effect. */
  serviceWorkers?: 'allow' | 'block';
  /** JavaScript run in the model worker before its own code (prepended to the served script): how a test makes
   *  this Chromium behave like a browser without OPFS, or with a full storage quota. */
  workerPrelude?: string;
  /** Where the site is served, when not the shared server (a test's own, with other headers). */
  baseURL?: string;
  /** JavaScript run in the page before its own scripts (listeners for events the page may fire while loading). */
  initScript?: string;
}

/** What a browser context saw: console messages, uncaught exceptions and requests, from its pages and workers. */
export interface Records {
  /** Text of console.error messages and uncaught exceptions, from the page and its workers. */
  consoleErrors: string[];
  /** Text of console.warn messages from the page and its workers. */
  consoleWarnings: string[];
  /** URLs requested from any origin other than the site's; each was aborted. */
  foreignRequests: string[];
  /** URLs requested from the site's own origin (data: and blob: URLs left out). */
  ownRequests: string[];
  /** Requests to the site's own origin that failed or were answered with a status of 400 or more. */
  failedRequests: string[];
}

export interface OpenedPage extends Records {
  page: Page;
  /** Close this page's browser context. */
  close: () => Promise<void>;
}

export interface OpenedContext {
  context: BrowserContext;
  /** Where the site is served in this context. */
  base: URL;
  /** What the context has seen since it opened, or since the last `restart()`. */
  records: Records;
  /** Start new records (a context shared by pages opened one after another: each page's own). */
  restart: () => Records;
}

let browser: Promise<Browser> | undefined;

// One Chromium serves every site test file: the global setup launches it and each worker process connects once (a
// launch costs about a CPU-second, and there are some fifty files). A file's contexts are its own: when the file
// ends, tests/site/per-file.ts calls endFile(), which closes every context the file opened but those of openPage's
// idle tabs, which the worker's next files reuse (each page there starts with the site's storage cleared).
const forgets: (() => void)[] = [];
const contexts = new Set<BrowserContext>();

/**
 * A tab openPage() opens pages in, one after another: it takes a free one opened with the same options, or opens one.
 * A tab per page would start a renderer per page, which costs more than the page itself on most tests.
 */
interface PooledTab {
  key: string;
  opened: OpenedContext;
  page: Page;
  busy: boolean;
}
const tabs: PooledTab[] = [];

/** A connection of its own to the run's Chromium (closing it closes the contexts made through it). */
export const connectChromium = () => chromium.connect(inject('chromiumEndpoint'));

/** Run `forget` when a file ends (a module keeping contexts across a file's tests forgets them: they are closed). */
export const onFileEnd = (forget: () => void) => forgets.push(forget);

/** Close the contexts this file opened, but keep openPage's idle tabs (and only their own page) for the next file. */
export async function endFile(): Promise<void> {
  const kept = tabs.filter((t) => !t.busy);
  tabs.splice(0, tabs.length, ...kept);
  for (const forget of forgets) forget();
  const keep = new Map(kept.map((t) => [t.opened.context, t.page]));
  const closing = [...contexts].map((c) => {
    const page = keep.get(c);
    return page
      ? Promise.all(
          c
            .pages()
            .filter((p) => p !== page)
            .map((p) => p.close()),
        )
      : c.close();
  });
  await Promise.allSettled(closing);
}

/** The served site's base URL, e.g. "http://127.0.0.1:40123/". */
export const baseURL = () => inject('baseURL');

/** A fresh browser context set up as `opts` says, recording what its pages and workers do (see Records). */
export async function openContext(opts: OpenPageOptions = {}): Promise<OpenedContext> {
  if (!(await browser?.catch(() => undefined))?.isConnected()) {
    browser = connectChromium();
    tabs.length = 0; // their contexts went with the old connection
    contexts.clear();
  }
  const base = new URL(opts.baseURL ?? baseURL());
  const context = await (await browser!).newContext({
    colorScheme: opts.colorScheme ?? 'light',
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    serviceWorkers: opts.serviceWorkers ?? 'block',
  });
  const fresh = (): Records => ({
    consoleErrors: [],
    consoleWarnings: [],
    foreignRequests: [],
    ownRequests: [],
    failedRequests: [],
  });
  contexts.add(context);
  context.on('close', () => contexts.delete(context));
  const opened: OpenedContext = {
    context,
    base,
    records: fresh(),
    restart: () => (opened.records = fresh()),
  };
  const isForeign = (url: string) => {
    const { protocol, origin } = new URL(url);
    return protocol !== 'data:' && origin !== base.origin; // blob: URLs report the origin that made them
  };
  const isOwn = (url: string) => new URL(url).origin === base.origin && /^https?:$/.test(new URL(url).protocol);
  // Record every request to another origin (from the page or its workers); the proxy the browser is launched with
  // (chromium.ts) makes each fail.
  context.on('request', (request) => {
    if (isForeign(request.url())) opened.records.foreignRequests.push(request.url());
    else if (isOwn(request.url())) opened.records.ownRequests.push(request.url());
  });
  context.on('requestfailed', (request) => {
    if (isOwn(request.url())) opened.records.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`);
  });
  context.on('response', (response) => {
    if (response.status() >= 400 && isOwn(response.url()))
      opened.records.failedRequests.push(`${response.url()} (${response.status()})`);
  });
  if (opts.workerPrelude) {
    const prelude = opts.workerPrelude;
    await context.route(/\/model-worker-[\w-]+\.js$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `${prelude}\n${await response.text()}` });
    });
  }
  context.on('console', (msg) => {
    if (msg.type() === 'error') opened.records.consoleErrors.push(`${msg.text()} (${msg.location().url})`);
    if (msg.type() === 'warning') opened.records.consoleWarnings.push(`${msg.text()} (${msg.location().url})`);
  });
  context.on('weberror', (error) => opened.records.consoleErrors.push(`uncaught: ${error.error().message}`));
  if (opts.initScript) await context.addInitScript(opts.initScript);
  return opened;
}

/**
 * Open `path` (relative to the site root, e.g. "/lessons/x/") and wait for the load event. The page starts as a
 * reader's first visit would, in a tab the file reuses: the site's storage is cleared first (OPFS, Cache API,
 * localStorage, service workers, cookies), and media emulation reset; only the browser's HTTP and compiled-code
 * caches stay warm. `ownContext` gives a context of its own, for a test that changes the context itself (routes,
 * listeners, other tabs).
 */
export async function openPage(
  path: string,
  opts: OpenPageOptions & { ownContext?: boolean } = {},
): Promise<OpenedPage> {
  const { ownContext, ...options } = opts;
  if (ownContext) {
    const { context, base, records } = await openContext(options);
    const page = await context.newPage();
    await page.goto(new URL(path.replace(/^\//, ''), base).href);
    return { page, ...records, close: () => context.close() };
  }
  const key = JSON.stringify(options);
  let tab = tabs.find((t) => !t.busy && t.key === key);
  if (tab) {
    const cdp = await tab.opened.context.newCDPSession(tab.page);
    await cdp.send('Storage.clearDataForOrigin', { origin: tab.opened.base.origin, storageTypes: 'all' });
    await cdp.detach();
    await tab.page.emulateMedia({ media: null, reducedMotion: null });
  } else {
    const opened = await openContext(options);
    tab = { key, opened, page: await opened.context.newPage(), busy: false };
    tabs.push(tab);
  }
  const used = tab;
  used.busy = true;
  const records = used.opened.restart();
  await used.page.goto(new URL(path.replace(/^\//, ''), used.opened.base).href);
  // Closing leaves the page (its workers end with it) and frees the tab; a tab that cannot leave is dropped.
  const close = async () => {
    try {
      await used.page.goto('about:blank');
      used.busy = false;
    } catch {
      tabs.splice(tabs.indexOf(used), 1);
      await used.opened.context.close().catch(() => {});
    }
  };
  return { page: used.page, ...records, close };
}

/** Assert that the page logged no errors and asked no other origin for anything. */
export function expectClean({ consoleErrors, foreignRequests }: Pick<OpenedPage, 'consoleErrors' | 'foreignRequests'>) {
  expect(consoleErrors, 'console errors').toEqual([]);
  expect(foreignRequests, 'requests to other origins').toEqual([]);
}

/**
 * Scrolls through the page, waking every widget: a widget starts when it comes within NEAR_PX of the viewport
 * (the kit's whenNear), so each step moves a screen plus that margin above and below, and consecutive steps leave no
 * stretch of the page unseen. After each step it waits two frames, by when the browser has delivered the
 * IntersectionObserver callbacks.
 */
export async function scrollToEnd(page: Page): Promise<void> {
  await page.evaluate(async (margin) => {
    // Two frames, or 250 ms if the page draws none (a busy main thread): a scroll never waits forever.
    const frames = () =>
      new Promise((r) => {
        requestAnimationFrame(() => requestAnimationFrame(r));
        setTimeout(r, 250);
      });
    for (let y = 0; y < document.body.scrollHeight; y += innerHeight + 2 * margin) {
      scrollTo(0, y);
      await frames();
    }
  }, NEAR_PX);
}

/**
 * Click `button` and wait until `widget` ends the run it starts: the first data-state write of done or error after the
 * click. Every write is recorded from before the click, so a run that ends before a test could see it running (an
 * error at once, a cached answer) is not waited for. Returns the widget's state then.
 */
export async function clickAndSettle(widget: Locator, button: Locator, timeout = 180_000): Promise<string | null> {
  await widget.evaluate((el) => {
    const host = el as HTMLElement & { statesSinceClick?: string[]; stateRecorder?: MutationObserver };
    host.stateRecorder?.disconnect();
    host.statesSinceClick = [];
    host.stateRecorder = new MutationObserver(() => host.statesSinceClick!.push(host.dataset.state ?? ''));
    host.stateRecorder.observe(host, { attributes: true, attributeFilter: ['data-state'] });
  });
  await button.click();
  await widget.evaluate(
    (el, ms) =>
      new Promise<void>((resolve, reject) => {
        const host = el as HTMLElement & { statesSinceClick: string[] };
        const ended = () => host.statesSinceClick.some((s) => s === 'done' || s === 'error');
        if (ended()) return resolve();
        const timer = setTimeout(() => reject(new Error(`no done or error state within ${ms} ms`)), ms);
        new MutationObserver((_, observer) => {
          if (!ended()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        }).observe(host, { attributes: true, attributeFilter: ['data-state'] });
      }),
    timeout,
  );
  return widget.getAttribute('data-state');
}
