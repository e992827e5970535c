// The lean engine in npm run bench: one-token decode rates of target-v1 and draft-v1 per engine (tfjs wasm, lean
// plain JS, lean SIMD, and the AWQ int4 file with packed weights), the roofline measured with the engine's own
// kernel, the share of it each decode reaches, and int4 against fp32 SIMD matvec on 4096 × 4096.
// Run alone with `node scripts/bench-engine.ts [--readme]` (after npm run build:wasm); `npm run bench -- --save`
// records what engineRows returns in site/data/bench-reference.json (`engine`) and prints README's table from it.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { benchDecode, CONTEXT } from '../lib/bench.ts';
import { loadLeanEngine } from '../lib/engine/index.ts';
import { decodeFlops } from '../lib/engine/intensity.ts';
import { leanDecodeRate, linearShapes, measureRoofline, raceInt4Fp32Simd } from '../lib/engine/roofline.ts';
import { loadModel } from '../lib/load.ts';
import { measureDecodePoints } from '../lib/speculative/roofline-points.ts';
import { attainableGflops } from '../lib/engine/intensity.ts';

const MODELS = new URL('../public/models/', import.meta.url).pathname;
const fetchFile = async (path: string) => {
  const b = await readFile(path);
  return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
};
const TEXT =
  'Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world.';

/** One model × engine: its one-token decode rate against the roof the same run measured for that model's shapes. */
export interface EngineRow {
  model: string;
  engine: 'tfjs wasm' | 'lean js' | 'lean simd';
  decodeTokS: number;
  /** The compute roof in tokens/s: the SIMD matvec FLOP rate on cache-resident weights over a step's FLOPs. */
  roofTokS: number;
  /** decodeTokS / roofTokS. */
  shareOfRoof: number;
  matvecGflops: number;
}

/** What `npm run bench -- --save` records of the lean engine (site/data/bench-reference.json's `engine`). */
export interface EngineBench {
  /** `uptime`'s 1-, 5- and 15-minute load averages when the engine's timing started. */
  loadAverage: number[];
  rows: EngineRow[];
  /** int4 (g64, packed, unpacked in registers) against fp32 SIMD matvec on one 4096 × 4096 matrix. */
  int4: { n: number; fp32Ms: number; int4Ms: number; speedup: number; fp32MB: number; int4MB: number };
  /** SIMD matvec streaming a matrix far larger than the cache. */
  memoryRoof: { MB: number; GBs: number };
}

export async function engineRows(): Promise<EngineBench> {
  await tf.setBackend('wasm');
  const loadAverage = loadavg().map((l) => Math.round(l * 100) / 100);
  console.log(
    `\nLean engine (Node, one thread; load average ${loadAverage.map((l) => l.toFixed(1)).join(', ')} on this machine while it ran):`,
  );
  const rows: EngineRow[] = [];
  for (const [name, file] of [
    ['target-v1', 'target-v1'],
    ['draft-v1', 'draft-v1'],
    ['target-v1 int4 (AWQ, packed)', 'target-v1-awq-int4-g64'],
  ]) {
    const model = await loadModel(MODELS + file, { fetchFile });
    const ids = model.tokenizer.encode(TEXT.repeat(3)).slice(0, CONTEXT);
    const roof = measureRoofline(linearShapes(model.config), { budgetMs: 1000, memoryMB: 8 });
    const flops = decodeFlops(model.config, (3 * CONTEXT) / 4); // mean context of the decode window 64..128
    const ceiling = (roof.computeGflops * 1e9) / flops;
    const add = (engine: EngineRow['engine'], tokS: number) =>
      rows.push({
        model: name,
        engine,
        decodeTokS: Math.round(tokS),
        roofTokS: Math.round(ceiling),
        shareOfRoof: Math.round((1000 * tokS) / ceiling) / 1000,
        matvecGflops: Math.round(10 * roof.computeGflops) / 10,
      });
    add('tfjs wasm', benchDecode(model).cachedTokensPerSec);
    model.dispose();
    for (const kernels of ['js', 'simd'] as const) {
      const { engine } = await loadLeanEngine(MODELS + file, { fetchFile, kernels });
      add(`lean ${kernels}`, leanDecodeRate(engine, ids));
    }
  }
  console.table(rows.map((r) => ({ ...r, shareOfRoof: `${Math.round(100 * r.shareOfRoof)}%` })));
  const roof = measureRoofline([[4096, 4096]], { budgetMs: 2000, memoryMB: 128 });
  console.log(
    `Memory roof: SIMD matvec streams a ${Math.round(roof.memoryBytes / 2 ** 20)} MB fp32 matrix at ${roof.memoryGBs.toFixed(1)} GB/s.`,
  );
  // The reader's roofline (/bench/, lesson 1) in Node: target-v1's passes at their intensity under the roofs.
  const target = await loadModel(MODELS + 'target-v1', { fetchFile });
  const targetRoof = measureRoofline(linearShapes(target.config), { budgetMs: 2000 });
  const points = measureDecodePoints(target, { treeTokens: 8 });
  target.dispose();
  console.log(
    `Roofline of this machine: compute ${targetRoof.computeGflops.toFixed(1)} GFLOP/s (SIMD matvec, ${targetRoof.computeShape.join(' × ')} in cache), memory ${targetRoof.memoryGBs.toFixed(1)} GB/s (${Math.round(targetRoof.memoryBytes / 2 ** 20)} MB streamed); target-v1's passes at context 64:`,
  );
  console.table(
    points.map((p) => ({
      engine: p.engine,
      weights: p.weights.bits === 32 ? 'fp32' : 'int4',
      pass: p.tokens === 1 ? 'one token' : `tree of ${p.tokens}`,
      'FLOP/byte': p.intensity.toFixed(2),
      'GFLOP/s': p.gflops.toFixed(2),
      'roof GFLOP/s': attainableGflops(targetRoof, p.intensity).toFixed(2),
      'share of roof': `${Math.round((100 * p.gflops) / attainableGflops(targetRoof, p.intensity))}%`,
      'tokens/s': Math.round((1000 * p.tokens) / p.msPerPass),
    })),
  );
  const r = raceInt4Fp32Simd(4096);
  const int4 = {
    n: 4096,
    fp32Ms: Math.round(1000 * r.fp32Ms) / 1000,
    int4Ms: Math.round(1000 * r.int4Ms) / 1000,
    speedup: Math.round((100 * r.fp32Ms) / r.int4Ms) / 100,
    fp32MB: Math.round((10 * r.fp32Bytes) / 2 ** 20) / 10,
    int4MB: Math.round((10 * r.int4Bytes) / 2 ** 20) / 10,
  };
  console.log(int4Sentence(int4));
  const memoryRoof = { MB: Math.round(roof.memoryBytes / 2 ** 20), GBs: Math.round(10 * roof.memoryGBs) / 10 };
  return { loadAverage, rows, int4, memoryRoof };
}

const int4Sentence = (q: EngineBench['int4']) =>
  `int4 (g64, packed, unpacked in registers) vs fp32 SIMD matvec on ${q.n} × ${q.n}: ${q.int4Ms} ms vs ${q.fp32Ms} ms = ${q.speedup}× (${q.int4MB} MB vs ${q.fp32MB} MB read per product).`;

/** README's lean-engine table (Speed section) and the int4 line under it, from what the run recorded. */
export function engineReadme(e: EngineBench): string {
  const rate = (model: string, engine: EngineRow['engine']) =>
    e.rows.find((r) => r.model === model && r.engine === engine);
  const n = (x: number | undefined) => (x === undefined ? '–' : x.toLocaleString('en-US'));
  const lines = [
    `Load average ${e.loadAverage.join(', ')} (1, 5, 15 min) at the start; the roof: ${e.rows[0]?.matvecGflops} GFLOP/s (target-v1's shapes).`,
    '',
    '| model | tfjs wasm tok/s | lean js tok/s | lean simd tok/s | lean simd, share of the roof |',
    '|---|---|---|---|---|',
    ...[...new Set(e.rows.map((r) => r.model))].map((m) => {
      const simd = rate(m, 'lean simd');
      return `| ${m} | ${n(rate(m, 'tfjs wasm')?.decodeTokS)} | ${n(rate(m, 'lean js')?.decodeTokS)} | ${n(simd?.decodeTokS)} | ${simd ? `${Math.round(100 * simd.shareOfRoof)}%` : '–'} |`;
    }),
    '',
    int4Sentence(e.int4),
    `Memory roof: SIMD matvec streams a ${e.memoryRoof.MB} MB fp32 matrix at ${e.memoryRoof.GBs} GB/s.`,
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const e = await engineRows();
  if (process.argv.includes('--readme')) console.log(`\nREADME table:\n\n${engineReadme(e)}`);
}
