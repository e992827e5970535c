// Speculative decoding rows of `npm run bench`: plain KV-cache greedy decoding vs speculative decoding of the same
// tokens (draft-v1 guessing, target-v1 verifying), per tree shape and backend, with tokens per target pass and the
// wall-clock speed-up (draft time included; each run's pass over the prompt timed apart and left out, as in
// lib/speculative's races). Goal (issue 10): ≥ 2.0 tokens per pass with the best tree on held-out
// text, and ≥ 1.5× over plain decoding on wasm in Chromium; scripts/measure-speculative.ts has the full sweep.
//   npm exec -- node scripts/bench-speculative.ts
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { raceDecoding } from '../lib/speculative/measure.ts';
import { raceRegime, REGIMES, regimeTree } from '../lib/speculative/regimes.ts';
import { CHROMIUM, DIST } from '../node/chromium.ts';
import { heldOutPrompts, loadCorpus } from '../node/corpus.ts';
import { loadPair } from '../node/model-files.ts';
import { openRegimeStorage } from '../node/regime-storage.ts';

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function speculativeRows({
  shapes = ['chain 2', 'chain 4', '1,1,3,1,1,1,1,1'],
  backends = ['wasm', 'cpu'],
} = {}): Promise<Record<string, string | number>[]> {
  const previous = tf.getBackend() as string | undefined;
  const rows: Record<string, string | number>[] = [];
  for (const backend of backends) {
    await tf.setBackend(backend);
    await tf.ready();
    const { target, draft } = await loadPair();
    const ids = target.tokenizer.encode(loadCorpus().validation);
    const prompt = heldOutPrompts(ids, 1, 32)[0];
    const newTokens = backend === 'cpu' ? 32 : 96;
    for (const shape of shapes) {
      for (const lean of [true, false]) {
        // Processor time of this process: on a shared machine other programs inflate the wall clock, not this.
        const r = raceDecoding(target, draft, prompt, shape, { maxNewTokens: newTokens, repeats: 3, lean, cpuNow });
        rows.push({
          where: `node ${backend} (cpu time)`,
          tree: r.shape,
          draft: r.draft,
          tokens: newTokens,
          'tokens/pass': +r.tokensPerPass.toFixed(2),
          'plain tok/s': Math.round((newTokens / r.plainCpuMs!) * 1000),
          'speculative tok/s': Math.round((newTokens / r.speculativeCpuMs!) * 1000),
          speedup: `${r.cpuSpeedup!.toFixed(2)}x`,
          'wall speedup': `${r.speedup.toFixed(2)}x`,
          'target ms/pass': +r.targetMsPerPass.toFixed(2),
          'draft ms/pass': +r.draftMsPerPass.toFixed(2),
          'same text': r.identical ? 'yes' : 'NO',
        });
      }
    }
    target.dispose();
    draft.dispose();
  }
  if (previous) await tf.setBackend(previous);
  return rows;
}

/** The regimes block scripts/measure-speculative.ts recorded in site/data/speculative.json, if any. */
function recordedRegimes(): { sweep?: unknown; rows: { shape: string }[] } | undefined {
  const file = fileURLToPath(new URL('../site/data/speculative.json', import.meta.url));
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).regimes : undefined;
}

/**
 * Lesson 8's three regimes (lib/speculative/regimes.ts): plain against speculative greedy decoding, the same tokens,
 * with the target pass overhead-bound (tfjs), compute-bound (lean engine, weights in cache) or memory-bound (lean
 * engine reading its weights from a file before every pass, read past the page cache at the disk's own speed:
 * node/regime-storage.ts). Goal: >= 1.8x wall-clock memory-bound.
 * Each row also gives what its measured costs predict: tokens/pass x plain ms/token / (target + draft ms per pass).
 */
export async function regimeRows({
  shape = regimeTree(recordedRegimes()), // the memory-bound sweep's choice (scripts/measure-speculative.ts)
  tokens = 96,
  repeats = 3,
} = {}): Promise<Record<string, string | number>[]> {
  const previous = tf.getBackend() as string | undefined;
  await tf.setBackend('wasm');
  await tf.ready();
  const { target, draft } = await loadPair();
  const ids = target.tokenizer.encode(loadCorpus().validation);
  const prompt = heldOutPrompts(ids, 1, 32)[0];
  const file = openRegimeStorage();
  const storage = file.storage;
  const rows: Record<string, string | number>[] = [];
  try {
    for (const regime of REGIMES) {
      const r = raceRegime(regime, target, draft, prompt, { shape, maxNewTokens: tokens, repeats, storage });
      rows.push({
        regime,
        target:
          regime === 'overhead-bound'
            ? 'tfjs wasm'
            : regime === 'compute-bound'
              ? 'lean simd'
              : `lean simd, weights ${file.reads}`,
        tree: r.shape,
        'tokens/pass': +r.tokensPerPass.toFixed(2),
        'plain tok/s': Math.round((tokens / r.plainMs) * 1000),
        'speculative tok/s': Math.round((tokens / r.speculativeMs) * 1000),
        speedup: `${r.speedup.toFixed(2)}x`,
        'plain ms/token': +r.plainMsPerToken.toFixed(3),
        'target ms/pass': +r.targetMsPerPass.toFixed(3),
        'draft ms/pass': +r.draftMsPerPass.toFixed(3),
        'predicted speedup': `${r.explainedSpeedup.toFixed(2)}x`,
        'same tokens': r.speculativeIds.every((id, i) => id === r.plainIds[i]) ? 'yes' : 'NO',
      });
    }
  } finally {
    file.dispose();
    target.dispose();
    draft.dispose();
    if (previous) await tf.setBackend(previous);
  }
  return rows;
}

/**
 * The same race in headless Chromium: lesson 8's SpecRace widget (model worker, wasm), per shape, the decoders
 * alternating five times (fastest of each), pressed twice (the first press warms up), reading the result it leaves in
 * data-result. Needs a built site (npx astro build).
 */
export async function browserSpeculativeRows({
  shapes = ['chain 2', 'chain 3', 'chain 4', '1,1,3,1,1,1,1,1'],
  tokens = 96,
  save = false,
} = {}): Promise<Record<string, string | number>[]> {
  if (!existsSync(CHROMIUM) || !existsSync(`${DIST}/lessons/08-specinfer/index.html`)) {
    console.log('browser speculative: skipped (needs /usr/bin/chromium and a built site: npx astro build)');
    return [];
  }
  const { chromium } = await import('playwright-core');
  const { serveSite } = await import('../node/serve-site.ts');
  const { server, baseURL } = await serveSite(DIST);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const rows: Record<string, string | number>[] = [];
  const saved: Record<string, unknown>[] = [];
  try {
    for (const shape of shapes) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(
        new URL(
          `lessons/08-specinfer/?backend=wasm&race.tree=${encodeURIComponent(shape)}&race.tokens=${tokens}&race.runs=5`,
          baseURL,
        ).href,
      );
      const race = page.locator('spec-race');
      await race.scrollIntoViewIfNeeded();
      await page.locator('spec-race[data-ready="true"]').waitFor({ timeout: 300_000 });
      let result: Record<string, any> = {};
      for (let run = 0; run < 2; run++) {
        await page.evaluate(() => document.querySelector('spec-race')!.removeAttribute('data-result'));
        await page.locator('spec-race [data-action="race"]').click();
        await page.locator('spec-race[data-result]').waitFor({ timeout: 300_000 });
        result = JSON.parse((await race.getAttribute('data-result')) ?? '{}');
      }
      saved.push({
        backend: result.backend,
        shape: result.shape,
        tokens,
        tokensPerPass: result.speculative.tokensPerPass,
        targetMsPerPass: result.speculative.targetMs / result.speculative.passes,
        draftMsPerPass: result.speculative.draftMs / result.speculative.passes,
        plainTokensPerSecond: result.plain.tokensPerSecond,
        speculativeTokensPerSecond: result.speculative.tokensPerSecond,
        speedup: result.plain.ms / result.speculative.ms,
        identical: result.identical,
      });
      rows.push({
        where: `browser ${result.backend}`,
        tree: result.shape,
        draft: 'plain JS',
        tokens,
        'tokens/pass': +result.speculative.tokensPerPass.toFixed(2),
        'plain tok/s': Math.round(result.plain.tokensPerSecond),
        'speculative tok/s': Math.round(result.speculative.tokensPerSecond),
        speedup: `${(result.plain.ms / result.speculative.ms).toFixed(2)}x`,
        'target ms/pass': +(result.speculative.targetMs / result.speculative.passes).toFixed(2),
        'draft ms/pass': +(result.speculative.draftMs / result.speculative.passes).toFixed(2),
        'same text': result.identical ? 'yes' : 'NO',
      });
      await page.context().close();
    }
  } finally {
    await browser.close();
    server.closeAllConnections();
    server.close();
  }
  if (save) {
    // Lesson 8 shows these beside the Node race: merged into site/data/speculative.json.
    const out = fileURLToPath(new URL('../site/data/speculative.json', import.meta.url));
    const data = JSON.parse(readFileSync(out, 'utf8'));
    data.browserRace = {
      command: 'npm exec -- node scripts/bench-speculative.ts --browser --save',
      machine: `${cpus().length} x ${cpus()[0]?.model}, headless ${CHROMIUM}`,
      date: new Date().toISOString().slice(0, 10),
      rows: saved,
    };
    writeFileSync(
      out,
      JSON.stringify(data, (_, v) => (typeof v === 'number' && !Number.isInteger(v) ? +v.toFixed(4) : v), 1) + '\n',
    );
  }
  return rows;
}

//   --browser: only the Chromium rows; --save: also write them into site/data/speculative.json for lesson 8.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && !process.env.NO_MAIN) {
  const browserOnly = process.argv.includes('--browser');
  console.table([
    ...(browserOnly ? [] : await speculativeRows()),
    ...(await browserSpeculativeRows({ save: process.argv.includes('--save') })),
  ]);
}
