// The browser rows of `npm run bench`: serves dist/ on 127.0.0.1, opens /bench/?backend=wasm and ?backend=webgl
// in headless Chromium (Debian's /usr/bin/chromium through playwright-core), waits for the JSON that page writes
// into <pre id="bench-result">, and turns it into rows like the Node ones. Needs a built site (npx astro build).
// webgl runs on SwiftShader (a CPU rasteriser) here, so its numbers say nothing about a real GPU; if the worker
// cannot start webgl it falls back, and the backend is reported as unavailable instead of mislabelled.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { DecodeBench } from '../lib/bench.ts';
import type { Int4RaceResult } from '../lib/quant/race.ts';
import type { Page } from 'playwright-core';
import type { RecordedLadder as BrowserLadder } from '../lib/capstone/measure.ts';
import { CHROMIUM, DIST, eachBackendPage, persistentProfilePage } from './chromium.ts';
import { row, type BenchRow } from './bench-table.ts';

// BENCH_BROWSER_BACKENDS=webgl (comma-separated) re-times only those backends, e.g. to add one to the reference.
const BACKENDS = (process.env.BENCH_BROWSER_BACKENDS?.split(',').filter((b) => b === 'wasm' || b === 'webgl') ?? [
  'wasm',
  'webgl',
]) as ('wasm' | 'webgl')[];
// BENCH_TIMEOUT_MIN raises the wait per backend (webgl on SwiftShader crawls on a busy machine).
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MIN ?? 15) * 60_000;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

interface PageResult {
  requested: string;
  backend?: string;
  skipped?: { name: string; reason: string }[];
  error?: string;
  results?: { model: string; loadMs: number; fromCache: boolean; bench: DecodeBench }[];
  offload?: { nb: number; weightLoads: number; weightBytesPerToken: number; tokensPerSecond: number }[];
  widgets?: { widget: string; ms: number }[];
  quant?: (Int4RaceResult & { size: string })[];
  flashPolicies?: {
    policy: string;
    storage: string;
    fallback: string | null;
    tokens: number;
    same: boolean;
    bytesPerToken: number;
    readsPerToken: number;
    readMsPerToken: number;
    dramBytes: number;
    paperMsPerToken: number;
    curveMsPerToken: number | null;
    tokensPerSecond: number;
  }[];
  capstone?: BrowserLadder | null;
  flash?:
    | {
        points: { order: string; chunkBytes: number; bytesPerSecond: number; microsPerRead: number }[];
        storage: string;
        fallback: string | null;
      }
    | { error: string };
}

/** The zig-zag executor's rows from the last browserRows() run (bench page, offload.run), for scripts/bench.ts. */
export const browserOffloadRows: Record<string, string | number>[] = [];

/** The AWQ lesson's int4 vs fp32 race in the page's worker (quant.race), rows like scripts/bench-quant.ts's. */
export const browserQuantRows: Record<string, string | number>[] = [];

/** LLM in a Flash on OPFS, each rung of Table 2 (flash.start/next), rows like scripts/bench-flash.ts's policies. */
export const browserFlashRows: Record<string, string | number>[] = [];

/** Lesson 9's ladder on OPFS with the read curve measured beside it (capstone.ladder): in the off-the-record context
 *  each backend runs in, and on wasm again in a persistent profile (a reader's ordinary window). */
export const browserLadders: BrowserLadder[] = [];

/** A ladder's `where`: the backend, the storage, and the kind of profile. */
const ladderWhere = (backend: string, l: BrowserLadder, profile: string) =>
  `browser ${backend}, ${l.storage === 'opfs' ? 'OPFS' : 'memory (OPFS failed)'}, ${profile}`;

const PERSISTENT = 'persistent profile';
const OFF_THE_RECORD = 'off-the-record profile';

/** Runs lesson 9's ladder alone on wasm (/bench/?only=ladder) in `page` and adds it to browserLadders. */
const ladderInto = (profile: string) => async (page: Page, baseURL: string) => {
  await page.goto(new URL('bench/?backend=wasm&only=ladder', baseURL).href);
  const r = await pageResult(page);
  if (r.capstone)
    browserLadders.push({ ...r.capstone, where: ladderWhere('wasm', r.capstone, profile), loadAverage: loadavg() });
  else console.log(`browser wasm, ${profile}: no ladder (${r.error ?? 'no OPFS read curve'})`);
};

/** Only lesson 9's ladder, in an off-the-record context and in a persistent profile (scripts/bench-capstone.ts
 *  --browser): the two OPFS a reader may have, a private window's and an ordinary one's. */
export async function browserLadderRuns(): Promise<BrowserLadder[]> {
  if (!existsSync(CHROMIUM) || !existsSync(`${DIST}/bench/index.html`)) {
    console.log(`browser: skipped, ${CHROMIUM} or a built site (npx astro build) is missing`);
    return [];
  }
  await eachBackendPage(['wasm'], CHROMIUM_ARGS, 'browser', (page, _backend, baseURL) =>
    ladderInto(OFF_THE_RECORD)(page, baseURL),
  );
  await persistentProfilePage(CHROMIUM_ARGS, PERSISTENT, ladderInto(PERSISTENT));
  return browserLadders;
}

/** Waits for the bench page's run to end and reads its JSON. */
async function pageResult(page: Page): Promise<PageResult> {
  await page.waitForFunction(
    () => ['done', 'error'].includes(document.getElementById('bench-result')?.dataset.state ?? ''),
    undefined,
    { timeout: TIMEOUT_MS, polling: 500 },
  );
  return JSON.parse((await page.locator('#bench-result').textContent()) ?? '{}') as PageResult;
}

/** The model-backed widgets' own requests, timed on each browser backend (filled in by browserRows). */
export const widgetTimings: { where: string; widget: string; ms: number }[] = [];

export async function browserRows(): Promise<BenchRow[]> {
  if (!existsSync(CHROMIUM)) {
    console.log(`browser: skipped, ${CHROMIUM} not found (apt-get install -y chromium)`);
    return [];
  }
  if (!existsSync(`${DIST}/bench/index.html`)) {
    console.log('browser: skipped, dist/bench/index.html not found (build the site first: npx astro build)');
    return [];
  }
  const args = CHROMIUM_ARGS;
  const rows: BenchRow[] = [];
  await eachBackendPage(BACKENDS, args, 'browser', async (page, backend, baseURL) => {
    await page.goto(new URL(`bench/?backend=${backend}`, baseURL).href);
    const r = await pageResult(page);
    if (r.error) {
      console.log(`browser ${backend}: failed: ${r.error}`);
    } else if (r.backend !== backend) {
      const why = r.skipped?.find((s) => s.name === backend)?.reason ?? 'not started';
      console.log(
        `browser ${backend}: unavailable (${why}); the worker fell back to ${r.backend}, so no ${backend} rows`,
      );
    } else {
      for (const m of r.results ?? []) rows.push(row(`browser ${backend}`, m.model, m.loadMs, m.bench));
      for (const o of r.offload ?? [])
        browserOffloadRows.push({
          where: `browser, lean engine (worker on tfjs ${backend})`, // the executor runs on lib/engine whatever tfjs's backend
          schedule: o.nb === 1 ? 'row-by-row' : `zig-zag block ${o.nb}×4`,
          weightLoads: o.weightLoads,
          weightBytesPerToken: Math.round(o.weightBytesPerToken),
          tokensPerSecond: Number(o.tokensPerSecond.toPrecision(3)),
        });
      for (const q of r.quant ?? [])
        browserQuantRows.push({
          kernel: `plain JS (browser ${backend} run)`,
          matrix: q.size === 'large' ? '4096 x 4096' : 'target-v1 mlp.down',
          'fp32 ms': +q.fp32Ms.toFixed(4),
          'int4 g64 ms': +q.int4Ms.toFixed(4),
          'int4 speedup': +q.speedup.toFixed(2),
          'speedup range (3 races)': 'one race',
          'fp32 MB': +(q.fp32Bytes / 2 ** 20).toFixed(2),
          'int4 MB': +(q.int4Bytes / 2 ** 20).toFixed(2),
        });
      for (const f of r.flashPolicies ?? [])
        browserFlashRows.push({
          where: `browser ${backend}, ${f.storage === 'opfs' ? 'OPFS' : 'memory (OPFS failed)'}`,
          policy: f.policy,
          'KiB/token': +(f.bytesPerToken / 1024).toFixed(1),
          'reads/token': +f.readsPerToken.toFixed(1),
          'read ms/token': +f.readMsPerToken.toFixed(3),
          'I/O ms at M1 Max': +f.paperMsPerToken.toFixed(3),
          'I/O ms on this curve': f.curveMsPerToken === null ? '—' : +f.curveMsPerToken.toFixed(3),
          'DRAM KiB': +(f.dramBytes / 1024).toFixed(0),
          'tokens/s': +f.tokensPerSecond.toFixed(1),
          'same text': f.same ? 'yes' : 'NO',
        });
      if (r.capstone)
        browserLadders.push({
          ...r.capstone,
          where: ladderWhere(backend, r.capstone, OFF_THE_RECORD),
          loadAverage: loadavg(),
        });
      for (const w of r.widgets ?? [])
        widgetTimings.push({ where: `browser ${backend}`, widget: w.widget, ms: Math.round(w.ms) });
      if (r.flash && 'points' in r.flash) {
        console.log(
          `browser ${backend}: read throughput from ${r.flash.storage === 'opfs' ? 'OPFS (sync access handle, in the worker)' : `memory (${r.flash.fallback})`}; upper bounds, the OS cache holds the file:`,
        );
        console.table(
          r.flash.points.map((p) => ({
            order: p.order,
            'chunk KiB': p.chunkBytes / 1024,
            'GB/s': +(p.bytesPerSecond / 1e9).toFixed(2),
            'µs/read': +p.microsPerRead.toFixed(1),
          })),
        );
      } else if (r.flash) console.log(`browser ${backend}: OPFS measurement failed: ${r.flash.error}`);
    }
  });
  // The ladder again where OPFS is on disk, as in a reader's ordinary window (the contexts above are off the record).
  if (BACKENDS.includes('wasm')) await persistentProfilePage(args, PERSISTENT, ladderInto(PERSISTENT));
  return rows;
}
