// Measured and modelled results for the FlexGen lesson, written to site/data/flexgen-results.json:
//  1. the cost model (lib/offload) against the paper's Table 2 on the T4: at the paper's own policies, and at the
//     policy its LP search picks, with the fitted and the nominal T4 presets (modelled, not measured);
//  2. the cost model's throughput–latency frontier for OPT-30B and OPT-175B (modelled);
//  3. the zig-zag executor on target-v1 in Node (lean engine): weight bytes moved per generated token and tokens/s,
//     row-by-row (nb = 1) against zig-zag blocks (measured).
//   npm exec -- node scripts/flexgen-results.ts
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { cpus } from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { costModel, evaluatePlacement } from '../lib/offload/cost-model.ts';
import { HARDWARE_PRESETS } from '../lib/hardware/offload-machine.ts';
import { getHighs, searchPolicy } from '../lib/offload/policy-search.ts';
import { OPT_SHAPES } from '../lib/offload/shapes.ts';
import { PAPER_RUNS } from '../lib/offload/paper.ts';
import { plainBatchedDecode, runZigzag } from '../lib/offload/zigzag-executor.ts';
import { loadCommitted } from '../node/model-files.ts';
import { loadCorpus } from '../node/corpus.ts';

const OUT = fileURLToPath(new URL('../site/data/flexgen-results.json', import.meta.url));
const round = (x: number, d = 4) => Number(x.toPrecision(d));

export async function costModelRows() {
  const highs = await getHighs();
  const rows = [];
  for (const run of PAPER_RUNS) {
    const m = OPT_SHAPES[run.model];
    const row: Record<string, unknown> = {
      model: m.name,
      system: run.system,
      paper: {
        throughput: run.throughput,
        batch: run.batch,
        lowestTier: run.lowestTier,
        gbs: run.gbs,
        nb: run.nb,
        placement: run.placement,
      },
    };
    for (const [key, hw] of Object.entries(HARDWARE_PRESETS)) {
      const atPaper = evaluatePlacement(
        costModel(m, hw, { s: 512, n: 32, gbs: run.gbs, nb: run.nb }, run.options),
        run.placement,
      );
      const compressed = run.system !== 'FlexGen';
      const search = await searchPolicy(
        m,
        hw,
        { s: 512, n: 32 },
        compressed ? { compressWeights: true, compressCache: true } : {},
        highs,
      );
      const b = search.best;
      row[key] = {
        atPaperPolicy: {
          throughput: round(atPaper.throughput),
          fits: atPaper.fits,
          decodeBinding: atPaper.decode.binding,
          blockSeconds: round(atPaper.blockSeconds),
        },
        lpBest:
          b && b.result.status === 'optimal'
            ? {
                throughput: round(b.result.evaluation.throughput),
                gbs: b.gbs,
                nb: b.nb,
                blockSeconds: round(b.result.evaluation.blockSeconds),
                decodeBinding: b.result.evaluation.decode.binding,
                fullTiers: b.result.evaluation.fullTiers,
                placement: Object.fromEntries(Object.entries(b.result.placement).map(([k, v]) => [k, round(v, 3)])),
              }
            : null,
      };
    }
    rows.push(row);
  }
  return rows;
}

/** Throughput against block latency for every feasible (gbs, nb) the search tried, and its Pareto frontier. */
export async function frontier(model: 'opt-30b' | 'opt-175b', compressed: boolean) {
  const r = await searchPolicy(
    OPT_SHAPES[model],
    HARDWARE_PRESETS.t4Fitted,
    { s: 512, n: 32 },
    compressed ? { compressWeights: true, compressCache: true } : {},
  );
  const pts = r.candidates.flatMap((c) =>
    c.result.status === 'optimal'
      ? [
          {
            bls: c.bls,
            gbs: c.gbs,
            nb: c.nb,
            latency: round(c.result.evaluation.blockSeconds),
            throughput: round(c.result.evaluation.throughput),
          },
        ]
      : [],
  );
  pts.sort((a, b) => a.latency - b.latency);
  const pareto = [];
  let best = 0;
  for (const p of pts)
    if (p.throughput > best) {
      pareto.push(p);
      best = p.throughput;
    }
  return pareto;
}

export async function executorRows({
  sequences = 32,
  gbs = 4,
  promptLen = 16,
  newTokens = 32,
  blocks = [1, 2, 4, 8],
  repeats = 3,
} = {}) {
  await tf.setBackend('wasm');
  await tf.ready();
  const model = await loadCommitted('target-v1');
  const ids = model.tokenizer.encode(loadCorpus().validation.slice(0, 20000));
  const prompts = Array.from({ length: sequences }, (_, i) => ids.slice(i * 97, i * 97 + promptLen));
  const reference = plainBatchedDecode(model, prompts, newTokens);
  const rows = [];
  let kernels = '';
  for (const nb of blocks) {
    runZigzag(model, prompts.slice(0, gbs), { gbs, nb: 1, maxNewTokens: 2 }); // warm-up
    // Median of `repeats` runs: the machine is shared, single runs are noisy.
    const runs = Array.from({ length: repeats }, () =>
      runZigzag(model, prompts, { gbs, nb, maxNewTokens: newTokens }),
    ).sort((a, b) => a.seconds - b.seconds);
    const r = runs[runs.length >> 1];
    kernels = r.kernels;
    const generated = sequences * newTokens;
    rows.push({
      schedule: nb === 1 ? 'row-by-row' : `zig-zag block ${nb}×${gbs}`,
      gbs,
      nb,
      block: gbs * nb,
      weightLoads: r.weightLoads,
      expectedWeightLoads: r.expectedWeightLoads,
      weightBytesPerToken: Math.round(r.weightBytesRead / generated),
      peakKvBytes: r.peakKvBytes,
      tokensPerSecond: round(generated / r.seconds, 3),
      sameTokensAsPlain: JSON.stringify(r.tokens) === JSON.stringify(reference),
    });
  }
  model.dispose();
  // The executor runs on the lean engine; tfjs (wasm) computes only the plain batched reference.
  return {
    sequences,
    gbs,
    promptLen,
    newTokens,
    backend: kernels === 'simd' ? 'WebAssembly SIMD' : 'JavaScript',
    repeats,
    rows,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const machine = `${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, tfjs ${tf.version.tfjs}`;
  const result = {
    command: 'npm exec -- node scripts/flexgen-results.ts',
    machine,
    note: 'costModel rows and frontiers are modelled (lib/offload cost model, T4 presets); executor rows are measured on target-v1.',
    costModel: await costModelRows(),
    frontier: {
      'opt-30b': { fp16: await frontier('opt-30b', false), int4: await frontier('opt-30b', true) },
      'opt-175b': { fp16: await frontier('opt-175b', false), int4: await frontier('opt-175b', true) },
    },
    executor: await executorRows(),
  };
  // Keep the compression measurements (scripts/flexgen-compression.ts writes them into the same file).
  const previous = await readFile(OUT, 'utf8').then(
    (t) => JSON.parse(t),
    () => ({}),
  );
  await writeFile(OUT, JSON.stringify({ ...result, compression: previous.compression }, null, 1) + '\n');
  console.log(
    JSON.stringify(
      result.costModel.map((r) => [
        r.model,
        r.system,
        (r.paper as { throughput: number }).throughput,
        (r.t4Fitted as any).atPaperPolicy.throughput,
        (r.t4Fitted as any).lpBest?.throughput,
        (r.t4Nominal as any).atPaperPolicy.throughput,
        (r.t4Nominal as any).lpBest?.throughput,
      ]),
    ),
  );
  console.table(result.executor.rows);
}
