// One pass over a built page in one setup (theme and width) that records everything the per-page checks need, so a
// page is opened once per setup instead of once per check: console errors and warnings, uncaught exceptions,
// requests to other origins, horizontal overflow, axe (all rules), cumulative layout shift, and the chrome a
// lesson page carries (table of contents, sources, previous/next, fork link). It waits on the page's state
// (widgets report data-ready and leave their busy states), never on fixed sleeps.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { type OpenedContext, onFileEnd, openContext, scrollToEnd } from './harness.ts';
import { findOverflow } from './overflow.ts';
import { looseProse, repeatedBadges } from './prose-checks.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Setup {
  name: string;
  colorScheme: 'light' | 'dark';
  viewport: { width: number; height: number };
  /** Appended to the page's address. */
  query: string;
  serviceWorkers: 'allow' | 'block';
  /** Which build, served how: the main build with the headers a deploy sends (Content-Security-Policy and the rest),
   *  or the sub-path build (tests/site/subpath-site.ts) at its base, as a static host serving it under a folder. */
  served: 'deploy' | 'subpath';
}

export const SETUPS = {
  // As a reader gets it from a deploy: its headers (CSP included), the backend the worker picks by evidence, and the
  // service worker installing.
  desktop: {
    name: 'desktop 1280 px, light',
    colorScheme: 'light',
    viewport: { width: 1280, height: 800 },
    query: '',
    serviceWorkers: 'allow',
    served: 'deploy',
  },
  // A phone in the dark theme, with garbage in the address the page must ignore, on the site deployed under a
  // sub-path: every address the page builds or fetches must stay under the base. The wasm backend asked for by name
  // (the evidence picks it on this machine anyway; software WebGL would take minutes), so its binary is fetched too.
  phone: {
    name: '375 px phone, dark',
    colorScheme: 'dark',
    viewport: { width: 375, height: 740 },
    query: '?backend=wasm&foo=<script>alert(1)</script>&hide=%%%&lesson=../../etc#%zz',
    serviceWorkers: 'block',
    served: 'subpath',
  },
} as const satisfies Record<string, Setup>;

export interface PassResult {
  consoleErrors: string[];
  consoleWarnings: string[];
  foreignRequests: string[];
  /** Requests to the site's origin that failed or were answered with 400 or more. */
  failedRequests: string[];
  /** Requests to the site's origin outside the setup's base, and links the page built to its own site (a, link,
   *  script) that miss the base. */
  outsideBase: string[];
  /** Paths (under the base, without it) of every request to the site's origin: what the page fetched. */
  fetched: string[];
  /** Content-Security-Policy violations the page reported (securitypolicyviolation events). */
  cspViolations: string[];
  /** documentElement.scrollWidth − clientWidth after every widget has drawn; > 0 means the page scrolls sideways. */
  overflowPx: number;
  /** Serious or critical axe findings, and any WCAG A/AA one. */
  axe: string[];
  /** The page's CLS (largest session window) and the shifts in it. */
  cls: { value: number; worst: string[] };
  /** href of every table-of-contents link, with how many elements carry its target id. */
  toc: { href: string; targets: number }[];
  sources: string[];
  prev: string[];
  next: string[];
  fork: string | null;
  /** What EXTRA_CHECKS found, each line prefixed with the check's name. */
  extra: string[];
}

/** Further per-page checks, each given the settled page and returning what it found wrong (empty: fine). */
export const EXTRA_CHECKS: { name: string; check: (page: Page) => Promise<string[]> }[] = [
  // Wide content fits or visibly scrolls in its own box (issue 19), at both setups' widths.
  {
    name: 'overflow',
    check: async (page) => (await findOverflow(page)).map((p) => `${p.kind} ${p.where} (${p.detail})`),
  },
  // A lesson's badges and sentences sit inside their paragraphs, a sentence never repeats a source's badge.
  { name: 'loose prose', check: looseProse },
  { name: 'repeated badges', check: repeatedBadges },
];

// Collects layout shifts from navigation on, read back with takeRecords(), so no wait for buffered entries; and every
// CSP violation the page reports.
const OBSERVE_PAGE = `
  window.__cspViolations = [];
  addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
  window.__shifts = [];
  try {
    // Each shift's sources are named when it is observed: a node a widget replaces is gone by the time it is read.
    const named = (n) => n instanceof Element ? (n.closest('[data-state]')?.localName ?? '') + ' ' + n.localName + '.' + (n.getAttribute('class') ?? '') + (n.dataset?.out ? '[' + n.dataset.out + ']' : '') : (n?.nodeName ?? '?');
    window.__shiftObserver = new PerformanceObserver((l) => window.__shifts.push(...l.getEntries().map((e) => Object.assign(e, { names: (e.sources ?? []).map((s) => named(s.node) + ' ' + JSON.stringify([s.previousRect?.x, s.previousRect?.y, s.previousRect?.width, s.previousRect?.height, s.currentRect?.x, s.currentRect?.y, s.currentRect?.width, s.currentRect?.height])) }))));
    window.__shiftObserver.observe({ type: 'layout-shift', buffered: true });
  } catch {}
`;

/**
 * Every widget (a custom element with data-state) has started (data-ready) and left its busy states. Waits at most
 * `timeout` (the slowest page settles in well under a minute on a busy CI machine); the error then names each widget
 * still busy, with its state and progress line.
 */
export async function widgetsSettled(page: Page, timeout = 120_000): Promise<void> {
  // Functions, not strings: the desktop pass is served with a CSP that refuses to evaluate strings.
  const busyWidgets = () =>
    [...document.querySelectorAll<HTMLElement>('[data-state]')]
      .filter((e) => e.localName.includes('-'))
      .filter((e) => e.dataset.ready !== 'true' || ['static', 'running', 'loading'].includes(e.dataset.state ?? ''))
      .map(
        (e) =>
          `${e.localName} (state ${e.dataset.state}, ready ${e.dataset.ready ?? 'no'}: ${e.querySelector('[data-progress]')?.textContent?.trim() ?? ''})`,
      );
  try {
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLElement>('[data-state]')]
          .filter((e) => e.localName.includes('-'))
          .every(
            (e) => e.dataset.ready === 'true' && !['static', 'running', 'loading'].includes(e.dataset.state ?? ''),
          ),
      null,
      { timeout, polling: 100 },
    );
  } catch (error) {
    const still = await page.evaluate(busyWidgets).catch(() => ['(the page did not answer)']);
    throw new Error(`widgets still busy after ${timeout / 1000} s: ${still.join('; ')} (${error})`);
  }
  await page.evaluate(
    () =>
      new Promise((r) => {
        requestAnimationFrame(() => requestAnimationFrame(r));
        setTimeout(r, 250);
      }),
  );
}

interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol, not added as a <script>: the desktop pass is served with the deploy's CSP,
  // which refuses inline scripts (as it should).
  await page.evaluate(`${(axeSource ??= readFileSync(axePath, 'utf8'))}\n;undefined`);
  const violations = await page.evaluate(async (wcag): Promise<Violation[]> => {
    // @ts-expect-error axe is the global the injected script defines
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter(
        (v: { impact: string; tags: string[] }) =>
          v.impact === 'serious' || v.impact === 'critical' || v.tags.some((t) => wcag.includes(t)),
      )
      .map((v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  }, WCAG);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.slice(0, 5).join(', ')}`);
}

/** CLS as browsers define it: the largest session window of shifts (gaps under 1 s, windows at most 5 s long). */
function layoutShift(page: Page): Promise<{ value: number; worst: string[] }> {
  return page.evaluate(() => {
    type Shift = PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: { node?: Node }[];
      names?: string[];
    };
    const w = window as unknown as { __shifts: Shift[]; __shiftObserver?: PerformanceObserver };
    const entries = [...w.__shifts, ...((w.__shiftObserver?.takeRecords() ?? []) as Shift[])];
    w.__shiftObserver?.disconnect();
    const shifts = entries.filter((e) => !e.hadRecentInput).sort((a, b) => a.startTime - b.startTime);
    let best = 0;
    let bestWindow: Shift[] = [];
    let session: Shift[] = [];
    let sum = 0;
    for (const e of shifts) {
      const first = session[0];
      const last = session[session.length - 1];
      if (!first || e.startTime - last.startTime > 1000 || e.startTime - first.startTime > 5000) {
        session = [];
        sum = 0;
      }
      session.push(e);
      sum += e.value;
      if (sum > best) {
        best = sum;
        bestWindow = [...session];
      }
    }
    const name = (n?: Node) =>
      n instanceof Element
        ? `${n.closest('[data-state]')?.localName ?? ''} ${n.localName}.${n.getAttribute('class') ?? ''}`
        : (n?.nodeName ?? '?');
    return {
      value: best,
      worst: bestWindow.map(
        (e) =>
          `${e.value.toFixed(3)} at ${Math.round(e.startTime)} ms: ${(e.names ?? (e.sources ?? []).map((s) => name(s.node))).join(', ')}`,
      ),
    };
  });
}

/**
 * One browser context per setup, shared by the pages a test file opens one after another, as a reader browsing the
 * site in one tab: its HTTP and compiled-code caches stay warm, and the desktop's service worker installs once (on
 * the first page) and then serves the pages it precached, under the deploy's headers. The tab goes from page to page
 * by navigating, through about:blank so the last page has ended (its workers too) before the next page's records
 * start: a tab per page would start a renderer process per page, which cost more than half of a pass's CPU.
 */
interface SharedTab {
  opened: OpenedContext;
  page: Page;
}
const tabs = new Map<string, Promise<SharedTab>>();
onFileEnd(() => tabs.clear());

/** How long one pass may take before it is abandoned (a page's own waits are bounded well inside it). */
const PASS_DEADLINE_MS = 180_000;

/**
 * Open `path` in `setup`, wake every widget, wait until all have settled, and record what the checks assert. A pass
 * that does not finish within PASS_DEADLINE_MS (CI has once seen a page's pass never return, while the same page
 * passed in every other run) is abandoned and taken once more in a fresh context of its own; its error says which
 * step it was stuck in, and the second one fails the page.
 */
export async function passPage(path: string, setup: Setup): Promise<PassResult> {
  try {
    return await withDeadline(path, setup, 'shared');
  } catch (error) {
    console.warn(`page pass over ${path} (${setup.name}) abandoned, taken again in a fresh context: ${error}`);
    const stuck = tabs.get(setup.name);
    tabs.delete(setup.name); // the pages after this one get a new shared context
    void stuck?.then((t) => t.opened.context.close()).catch(() => {});
    return withDeadline(path, setup, 'fresh');
  }
}

async function withDeadline(path: string, setup: Setup, context: 'shared' | 'fresh'): Promise<PassResult> {
  const step = { name: 'opening the page' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the pass did not finish in ${PASS_DEADLINE_MS / 1000} s; it was ${step.name}`)),
      PASS_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([passOnce(path, setup, context, step), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function passOnce(
  path: string,
  setup: Setup,
  which: 'shared' | 'fresh',
  step: { name: string },
): Promise<PassResult> {
  const baseURL = inject(setup.served === 'deploy' ? 'deployBaseURL' : 'subpathBaseURL');
  const base = new URL(baseURL).pathname; // "/" or "/courses/llm/"
  /** A path under the base, written as on the root build ("/courses/llm/zh/" → "/zh/"). */
  const unbased = (href: string) => (href.startsWith(base) ? `/${href.slice(base.length)}` : href);
  const options = {
    colorScheme: setup.colorScheme,
    viewport: setup.viewport,
    serviceWorkers: setup.serviceWorkers,
    initScript: OBSERVE_PAGE,
    baseURL,
  };
  const openTab = async (): Promise<SharedTab> => {
    const opened = await openContext(options);
    return { opened, page: await opened.context.newPage() };
  };
  if (which === 'shared' && !tabs.has(setup.name)) tabs.set(setup.name, openTab());
  const { opened, page } = await (which === 'shared' ? tabs.get(setup.name)! : openTab());
  if (which === 'shared') await page.goto('about:blank'); // the last page ends before these records start
  const records = opened.restart();
  const done = () => (which === 'shared' ? Promise.resolve() : opened.context.close());
  // Each step's time, printed with PASS_TIMING=1 (where a slow pass spends its time).
  const t0 = Date.now();
  let tLast = t0;
  const times: string[] = [];
  const mark = (name: string) => {
    times.push(`${step.name} ${Date.now() - tLast}`);
    tLast = Date.now();
    step.name = name;
  };
  mark('loading the page');
  await page.goto(new URL(`${path}${setup.query}`.replace(/^\//, ''), opened.base).href);
  try {
    await page.waitForLoadState('load');
    mark('scrolling to the end');
    await scrollToEnd(page);
    mark('waiting for every widget to settle');
    await widgetsSettled(page);
    mark('reading layout, chrome and requests');
    const overflowPx = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    const cls = await layoutShift(page);
    const chrome = await page.evaluate(() => {
      const hrefs = (selector: string) =>
        [...document.querySelectorAll(selector)].map((a) => a.getAttribute('href') ?? '');
      return {
        toc: hrefs('nav.toc a').map((href) => ({
          href,
          targets: href.startsWith('#')
            ? document.querySelectorAll(`[id="${CSS.escape(decodeURIComponent(href.slice(1)))}"]`).length
            : 0,
        })),
        sources: hrefs('.sources a'),
        prev: hrefs('.prev-next a[rel="prev"]'),
        next: hrefs('.prev-next a[rel="next"]'),
        fork: document.querySelector('footer a.fork')?.getAttribute('href') ?? null,
      };
    });
    const builtLinks = await page
      .locator('a[href^="/"], link[href^="/"], script[src^="/"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? ''));
    const own = records.ownRequests.map((u) => new URL(u).pathname);
    const outsideBase = [
      ...own.filter((p) => !p.startsWith(base)).map((p) => `request ${p}`),
      ...builtLinks.filter((h) => !h.startsWith(base)).map((h) => `link ${h}`),
    ];
    const cspViolations = await page.evaluate(
      () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
    );
    const extra: string[] = [];
    for (const { name, check } of EXTRA_CHECKS) extra.push(...(await check(page)).map((p) => `${name}: ${p}`));
    mark('running axe');
    const axe = await axeViolations(page);
    mark('done');
    if (process.env.PASS_TIMING)
      console.log(`pass ${path} (${setup.name}): ${Date.now() - t0} ms; ${times.slice(1).join(' ms, ')} ms`);
    return {
      consoleErrors: records.consoleErrors,
      consoleWarnings: records.consoleWarnings,
      foreignRequests: records.foreignRequests,
      failedRequests: records.failedRequests,
      outsideBase,
      fetched: own.filter((p) => p.startsWith(base)).map(unbased),
      cspViolations,
      overflowPx,
      axe,
      cls,
      ...chrome,
      prev: chrome.prev.map(unbased),
      next: chrome.next.map(unbased),
      extra,
    };
  } finally {
    step.name = 'closing the page';
    await done();
  }
}
