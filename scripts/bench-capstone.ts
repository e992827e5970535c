// The lesson 9 rows of `npm run bench` (Node): target-v1 decoding 24 greedy tokens with its FFN read from a store,
// rung by rung from plain fp32 reading the whole FFN from flash to every switch on (exact neurons, windowing,
// bundling, int4, a draft chain, a token tree), plus the union effect of tree shapes. Flash in Node is a file
// (lib/storage's NodeFileStorage) that the OS page cache holds, so reads are memory-speed upper bounds. Also: the
// predictor's loss change on held-out text (the lossy switch), and the ladders Chromium measured on OPFS
// (node/bench-browser.ts), each rung checked against the lessons' models.
//   node scripts/bench-capstone.ts        (or via `npm run bench`, which calls capstoneRows())
//   node scripts/bench-capstone.ts --browser [--save]   the ladder in Chromium only (built site in dist/), see below
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  allSwitchesBelowSpeculation,
  CapstoneStores,
  fastestShape,
  type CapstoneRun,
  capstoneGenerate,
  capstoneLadder,
  capstoneLoss,
  LADDER_GOAL,
  checkRecordedLadder,
  type RecordedLadder,
  unionSweep,
  withPricedReads,
} from '../lib/capstone/index.ts';
import { UFS_4_0 } from '../lib/hardware/storage-curve.ts';
import { fileFlash, loadCapstoneModels } from '../node/capstone-models.ts';
import { loadCorpus } from '../node/corpus.ts';

const PROMPT = 'Call me Ishmael.';
const SHAPES = ['plain', 'chain 2', 'chain 4', 'chain 6', '2,1', '2,2', '2,2,1', '3,2,1', '2,2,2', '4,2,1', '3,3,1'];

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function runColumns(r: CapstoneRun, speed = 'tok/s'): Record<string, number> {
  return {
    [speed]: round(r.tokensPerSecond, 1),
    'tok/pass': round(r.tokensPerPass),
    'KiB read/tok': round(r.bytesPerToken / 1024, 1),
    'reads/tok': round(r.readsPerToken, 1),
    'DRAM KiB': Math.round(r.dramBytes / 1024),
    'ms/tok reads': round(r.split.reads, 3),
    'ms/tok select': round(r.split.select, 3),
    'ms/tok FFN': round(r.split.ffn, 3),
    'ms/tok attn': round(r.split.attention, 3),
    'ms/tok draft': round(r.split.draft, 3),
    'ms/tok other': round(r.split.bookkeeping, 3),
  };
}

/** This process's CPU time (user + system) in ms: on a machine shared with other jobs it counts only our work,
 *  where the wall clock also counts the time the scheduler gave to others. */
const cpuClock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export async function capstoneRows(): Promise<{
  ladder: Record<string, string | number>[];
  cpuLadder: Record<string, string | number>[];
  union: Record<string, string | number>[];
  loss: Record<string, string | number>[];
  summary: string[];
}> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-capstone-'));
  const previous = tf.getBackend() as string | undefined;
  await tf.setBackend('cpu'); // the predictor runs in tfjs; the model runs on the lean engine
  const models = await loadCapstoneModels();
  const stores = new CapstoneStores(fileFlash(dir));
  try {
    const m = { prompt: PROMPT, maxNewTokens: 24, repeats: 3 };
    const allOn = allSwitchesBelowSpeculation();
    const sweep = unionSweep(models, stores, SHAPES, allOn, { ...m, clock: cpuClock }); // shapes ranked by CPU time
    const bestOf = (kind: RegExp) =>
      sweep.points
        .filter((p) => kind.test(p.shape))
        .reduce((a, p) => (p.run.tokensPerSecond > a.run.tokensPerSecond ? p : a)).shape;
    const shapes = { chain: bestOf(/^chain/), tree: bestOf(/,/) };
    const ladder = capstoneLadder(models, stores, { ...m, ...shapes });
    const cpu = capstoneLadder(models, stores, { ...m, ...shapes, clock: cpuClock });
    const texts = new Set(ladder.rungs.map((r) => r.run.text));
    const heldOut = models.tokenizer.encode(loadCorpus().validation).slice(0, 513);
    const loss = (['fp32', 'int4'] as const).map((weights) => {
      const l = capstoneLoss(models, stores, heldOut, { ...allOn, weights, ffn: 'predicted' });
      const run = capstoneGenerate(models, stores, PROMPT, {
        ...allOn,
        weights,
        ffn: 'predicted',
        speculation: 'tree',
        shape: bestOf(/,/),
      });
      return {
        weights,
        'held-out tokens': l.tokens,
        'plain loss (nats/tok)': round(l.plain, 4),
        'predicted loss': round(l.combination, 4),
        difference: round(l.difference, 4),
        'tok/s (tree, all on)': round(run.tokensPerSecond, 1),
        'KiB read/tok': round(run.bytesPerToken / 1024, 1),
      };
    });
    return {
      ladder: ladder.rungs.map((r) => ({
        rung: r.label,
        ...runColumns(r.run),
        'step gain': `${round(r.stepGain)}x`,
        'alone gain': `${round(r.aloneGain)}x`,
      })),
      cpuLadder: cpu.rungs.map((r) => {
        const ufs = withPricedReads(r.run, UFS_4_0);
        return {
          rung: r.label,
          'tok/CPU-s': round(r.run.tokensPerSecond, 1),
          'step gain': `${round(r.stepGain)}x`,
          'alone gain': `${round(r.aloneGain)}x`,
          'UFS 4.0 read ms/tok (modelled)': round(ufs.readMsPerToken, 3),
          'tok/s with UFS reads (modelled)': round(ufs.tokensPerSecond, 1),
          'vs plain (modelled)': `${round(ufs.tokensPerSecond / withPricedReads(cpu.rungs[0].run, UFS_4_0).tokensPerSecond)}x`,
        };
      }),
      union: sweep.points.map((p) => ({
        shape: p.shape,
        'rows/pass': round(p.run.union.rowsPerPass),
        'neurons/row/layer': round(p.run.union.neuronsPerRow, 1),
        'distinct neurons/pass/layer': round(p.run.union.neuronsPerPass, 1),
        ...runColumns(p.run, 'tok/CPU-s'),
        'tok/s with UFS reads (modelled)': round(withPricedReads(p.run, UFS_4_0).tokensPerSecond, 1),
      })),
      loss,
      summary: [
        `wall clock: whole (all on / plain from flash) ${round(ladder.whole)}x; product of the lone gains ${round(ladder.productAlone)}x`,
        `CPU clock: whole ${round(cpu.whole)}x; product of the lone gains ${round(cpu.productAlone)}x`,
        `fastest shape (all other switches on, CPU clock): ${sweep.best.shape} at ${round(sweep.best.run.tokensPerSecond, 1)} tok/CPU-s; with UFS 4.0 reads (modelled): ${
          sweep.points.reduce((a, p) =>
            withPricedReads(p.run, UFS_4_0).tokensPerSecond > withPricedReads(a.run, UFS_4_0).tokensPerSecond ? p : a,
          ).shape
        }`,
        `rungs writing the same text: ${texts.size === 1 ? 'all' : `NO (${texts.size} texts)`}`,
        `load average ${loadavg()
          .map((x) => round(x))
          .join(', ')}`,
      ],
    };
  } finally {
    stores.close();
    models.dispose();
    rmSync(dir, { recursive: true, force: true });
    if (previous) await tf.setBackend(previous);
  }
}

/** The browser ladders `npm run bench` took (node/bench-browser.ts), each rung against the lessons' models: the step
 *  measured and predicted, and the time per token measured against the models' (reads, and the rest). */
export function printBrowserLadders(ladders: RecordedLadder[]): void {
  for (const l of ladders) {
    const c = checkRecordedLadder(l);
    console.log(
      `\nLesson 9's ladder in Chromium, ${l.where}: ${l.tokens} greedy tokens, fastest of ${l.repeats} after a warm-up; step = tokens/s over the rung above, measured and as the lessons' models predict it (read calls priced on the read curve measured beside it, the plain rung's other time once per pass); ms per token measured / modelled:`,
    );
    console.table(
      l.rungs.map((r, i) => {
        const k = c.rungs[i];
        return {
          rung: r.label,
          'tok/s': round(r.run.tokensPerSecond, 1),
          'KiB read/tok': round(r.run.bytesPerToken / 1024, 1),
          'reads/tok': round(r.run.readsPerToken, 1),
          'tok/pass': round(r.run.tokensPerPass),
          'step measured': `${round(k.measured, 3)}x`,
          'step models': `${round(k.predicted, 3)}x`,
          'within 25%': k.outside ? 'NO' : 'yes',
          'ms/tok reads': `${round(k.readMs, 3)} / ${round(k.modelReadMs, 3)}`,
          'ms/tok rest': `${round(k.restMs, 3)} / ${round(k.modelRestMs, 3)}`,
          'ms/tok select': round(k.selectMs, 3),
          'ms/tok draft': round(k.draftMs, 3),
        };
      }),
    );
    console.log(
      `${l.where}: all switches on ${round(c.measuredWhole, 3)}x the plain rung (models: ${round(c.predictedWhole, 3)}x); goal ${LADDER_GOAL}x${
        l.loadAverage ? `; load average at its end ${l.loadAverage.map((x) => round(x)).join(', ')}` : ''
      }`,
    );
    if (!l.sweep?.length) continue;
    console.log(`${l.where}: the tree sweep, every other switch on (int4, exact, window, bundled, span):`);
    console.table(
      l.sweep.map((p) => ({
        shape: p.shape,
        'tok/s': round(p.run.tokensPerSecond, 1),
        'tok/pass': round(p.run.tokensPerPass),
        'reads/tok': round(p.run.readsPerToken, 1),
        'KiB read/tok': round(p.run.bytesPerToken / 1024, 1),
        'ms/tok reads': round(p.run.split.reads, 3),
        'ms/tok select': round(p.run.split.select, 3),
        'ms/tok FFN': round(p.run.split.ffn, 3),
        'ms/tok attn': round(p.run.split.attention, 3),
        'ms/tok draft': round(p.run.split.draft, 3),
        'same text as the int4 rung': p.run.text === l.rungs.find((r) => r.id === 'int4')?.run.text ? 'yes' : 'NO',
      })),
    );
    console.log(`${l.where}: fastest shape ${fastestShape(l.sweep).shape}`);
  }
}

export function printCapstone(r: Awaited<ReturnType<typeof capstoneRows>>): void {
  console.log(
    '\nLesson 9, everything at once (Node, lean engine, flash = a file in the page cache; OPFS in Chromium below). Ladder, greedy, 24 tokens, fastest of 3 runs after a warm-up:',
  );
  console.table(r.ladder);
  console.log(
    "The same ladder in tokens per second of this process's CPU time (user + system), which other jobs on this shared machine do not inflate (the split above stays wall-clock):",
  );
  console.table(r.cpuLadder);
  console.log(r.summary.join('\n'));
  console.log(
    '\nThe union effect: tree shapes with every other switch on (int4, exact, window, bundled, file), tokens per CPU second, split in wall-clock ms:',
  );
  console.table(r.union);
  console.log('\nThe lossy switch: predicted neurons, loss on held-out text against the plain in-memory model:');
  console.table(r.loss);
}

/** `--browser`: only the ladder in Chromium (both profiles; the site must be built into dist/); with `--save`, written
 *  into site/data/bench-reference.json's `capstone` (the lesson and /bench/ read it), every other figure kept. */
async function browserOnly(save: boolean): Promise<void> {
  const { browserLadderRuns } = await import('../node/bench-browser.ts');
  const ladders = await browserLadderRuns();
  printBrowserLadders(ladders);
  console.log(
    `load average ${loadavg()
      .map((x) => round(x))
      .join(', ')}`,
  );
  if (!save || ladders.length === 0) return;
  const { readFileSync, writeFileSync } = await import('node:fs');
  const path = new URL('../site/data/bench-reference.json', import.meta.url);
  const reference = JSON.parse(readFileSync(path, 'utf8'));
  writeFileSync(path, `${JSON.stringify({ ...reference, capstone: ladders }, null, 2)}\n`);
  console.log('Saved the ladders into site/data/bench-reference.json (capstone).');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--browser')) await browserOnly(process.argv.includes('--save'));
  else printCapstone(await capstoneRows());
}
