// The lean engine in npm run bench: one-token decode rates of target-v1 and draft-v1 per engine (tfjs wasm, lean
// plain JS, lean SIMD, and the AWQ int4 file with packed weights), the roofline measured with the engine's own
// kernel, the share of it each decode reaches, and int4 against fp32 SIMD matvec on 4096 × 4096.
// Run alone with `node scripts/bench-engine.ts` (after npm run build:wasm).
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

export async function engineRows(): Promise<void> {
  await tf.setBackend('wasm');
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
  console.log(`\nLean engine (Node, one thread; load average ${load} on this machine while it ran):`);
  const rows: Record<string, string | number>[] = [];
  for (const [name, file] of [
    ['target-v1', 'target-v1'],
    ['draft-v1', 'draft-v1'],
    ['target-v1 int4 (AWQ)', 'target-v1-awq-int4-g64'],
  ]) {
    const model = await loadModel(MODELS + file, { fetchFile });
    const ids = model.tokenizer.encode(TEXT.repeat(3)).slice(0, CONTEXT);
    const roof = measureRoofline(linearShapes(model.config), { budgetMs: 1000, memoryMB: 8 });
    const flops = decodeFlops(model.config, (3 * CONTEXT) / 4); // mean context of the decode window 64..128
    const ceiling = (roof.computeGflops * 1e9) / flops;
    const add = (engine: string, tokS: number) =>
      rows.push({
        model: name,
        engine,
        'decode tok/s': Math.round(tokS),
        'roof tok/s': Math.round(ceiling),
        'share of roof': `${Math.round((100 * tokS) / ceiling)}%`,
        'matvec GFLOP/s (cache)': roof.computeGflops.toFixed(1),
      });
    add('tfjs wasm', benchDecode(model).cachedTokensPerSec);
    model.dispose();
    for (const kernels of ['js', 'simd'] as const) {
      const { engine } = await loadLeanEngine(MODELS + file, { fetchFile, kernels });
      add(`lean ${kernels}`, leanDecodeRate(engine, ids));
    }
  }
  console.table(rows);
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
  console.log(
    `int4 (g64, packed, unpacked in registers) vs fp32 SIMD matvec on 4096 × 4096: ${r.int4Ms.toFixed(2)} ms vs ${r.fp32Ms.toFixed(2)} ms = ${(r.fp32Ms / r.int4Ms).toFixed(2)}× (${(r.int4Bytes / 2 ** 20).toFixed(1)} MB vs ${(r.fp32Bytes / 2 ** 20).toFixed(0)} MB read per product).`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await engineRows();
