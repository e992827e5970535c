// Quantizes target-v1 every way the AWQ lesson discusses and measures each on the held-out validation text
// (chapters 10, 20, …, 130 of Moby Dick; its first 16,384 tokens, 128 full windows, so the whole grid fits the
// machine's time; the fp32 model's loss there is reported beside its full-validation card value), wasm backend.
// Calibration: 32 windows of 128 tokens at seeded random places in the training split (4,096 tokens).
//
//   npm exec -- node scripts/quantize.ts grid 4    RTN, AWQ (scales only) and AWQ + clipping at int4 (or 3, 2), groups 32/64/128
//   npm exec -- node scripts/quantize.ts keep      keep 0.1/1/3% of channels fp32 (by activation, weight norm, random) at
//                                                  int3 g128, and 1% at every bit width and group size (resumable)
//   npm exec -- node scripts/quantize.ts table2    the paper's Table 2 on our weights, activation statistics, sizes
//   npm exec -- node scripts/quantize.ts ship      writes the shipped quantized models to public/models/ with cards
//   npm exec -- node scripts/quantize.ts compare 3 128   every method at one setting, with each token's loss kept so
//                                                  every difference gets a paired bootstrap interval (lib/quant/paired.ts)
//   npm exec -- node scripts/quantize.ts plant     which input channels target-v1 relies on: every linear layer's
//                                                  channels zeroed one at a time on the first 4 calibration windows
//                                                  (lib/quant/outliers.ts chooseOutlierChannels); writes
//                                                  site/data/awq/outlier/ablation.json and planted-channels.json
//   npm exec -- node scripts/quantize.ts deletion  target-v1 with all planted channels deleted, on the ablation
//                                                  windows and on the other 28 (site/data/awq/outlier/deletion.json)
//
// AWQ_MODEL=outlier runs any part (but ship and plant) on the constructed outlier model (lib/quant/outliers.ts:
// target-v1 with one planted outlier input channel per 128, five per 512, in every linear layer, where removing a
// channel costs target-v1 most (planted-channels.json, from `plant`); the same fp32 function), writing to
// site/data/awq/outlier/. Its `compare` also measures target-v1 with those channels deleted: the most RTN can lose by
// rounding the planted rows to zero. AWQ_TOKENS=n measures on the first n held-out tokens instead of 16,384
// (labelled in the file).
//
// Results go to site/data/awq/<part>.json; each part runs in about 10 minutes on 2 busy shared cores.
import { median } from '../lib/stats.ts';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { cpus } from 'node:os';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadModel } from '../lib/load.ts';
import { LanguageModel } from '../lib/model.ts';
import { evaluate } from '../lib/evaluate.ts';
import { generate } from '../lib/generate.ts';
import { linearNames, parameterShapes, type GPTConfig } from '../lib/config.ts';
import { mulberry32 } from '../lib/random.ts';
import { calibrate, type CalibrationStats } from '../lib/quant/calibration.ts';
import { quantizeModel, type QuantMethod, type QuantizedModel } from '../lib/quant/quantize-model.ts';
import { keepCount, salientChannels } from '../lib/quant/salient.ts';
import { quantizeGroups, quantizedBytes, groupsPerRow, type GroupQuantOptions } from '../lib/quant/group.ts';
import { encodeQuantized } from '../lib/quant/file.ts';
import { weightsFingerprint } from '../lib/fingerprint.ts';
import { transpose, fakeQuantizeMatrix } from '../lib/quant/matrix.ts';
import {
  chooseOutlierChannels,
  deleteChannels,
  plantOutliers,
  ABLATION_WINDOWS,
  OUTLIER_FRACTION,
  OUTLIER_RATIO,
} from '../lib/quant/outliers.ts';
import { pairedBootstrap } from '../lib/quant/paired.ts';
import { loadCorpus } from '../node/corpus.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const MODELS = join(ROOT, 'public/models');
const SHIP_TO = process.env.AWQ_QUICK === '1' ? '/tmp/awq-quick' : MODELS;
const OUTLIER = process.env.AWQ_MODEL === 'outlier';
const OUT = process.env.AWQ_QUICK === '1' ? '/tmp/awq-quick' : join(ROOT, 'site/data/awq', OUTLIER ? 'outlier' : '');
const BASE = 'target-v1';
/** The model measured: target-v1 as trained, or the constructed outlier model built from it. */
const MODEL_NAME = OUTLIER ? 'target-v1-outliers' : BASE;
export const CALIBRATION = {
  windows: process.env.AWQ_QUICK === '1' ? 2 : 32,
  blockSize: 128,
  seed: 1,
  text: 'training split (every chapter except each tenth), 32 windows of 128 tokens at seeded random offsets',
};
const SAMPLE_PROMPT = 'Call me Ishmael.',
  SAMPLE_TOKENS = 48;

const part = process.argv[2] ?? 'grid';
const gridBits = Number(process.argv[3] ?? 4);
// AWQ_QUICK=1: a smoke run of any part on tiny slices, written to /tmp instead of the repository.
const quick = process.env.AWQ_QUICK === '1';
export const VALIDATION_TOKENS = quick ? 256 : Number(process.env.AWQ_TOKENS ?? 16384);
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const machine = `${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, tfjs ${tf.version.tfjs}`;
const fetchFile = async (path: string) => {
  const b = readFileSync(path);
  return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
};

await tf.setBackend('wasm');
const trained = await loadModel(join(MODELS, BASE), { fetchFile, name: BASE });
const cfg = trained.config;
const corpus = loadCorpus();
const validation = trained.tokenizer.encode(corpus.validation).slice(0, VALIDATION_TOKENS + 1);

/** Seeded calibration windows from the training split. */
export function calibrationWindows(trainIds: number[]): number[][] {
  const rng = mulberry32(CALIBRATION.seed);
  return Array.from({ length: CALIBRATION.windows }, () => {
    const start = Math.floor(rng() * (trainIds.length - CALIBRATION.blockSize));
    return trainIds.slice(start, start + CALIBRATION.blockSize);
  });
}

const t0 = performance.now();
const windows = calibrationWindows(trained.tokenizer.encode(corpus.train));
const PLANTED_FILE = join(ROOT, 'site/data/awq/outlier/planted-channels.json');
/** The channels `plant` chose (planted-channels.json). */
function plantedChannels(): Record<string, number[]> {
  if (!existsSync(PLANTED_FILE)) throw new Error(`${PLANTED_FILE} is missing: run \`scripts/quantize.ts plant\` first`);
  return JSON.parse(readFileSync(PLANTED_FILE, 'utf8')).channels;
}
// The outlier model is planted from target-v1's own calibration statistics, then calibrated again like any model.
const planted = OUTLIER
  ? plantOutliers(cfg, trained.exportWeights(), calibrate(trained, windows), plantedChannels())
  : undefined;
const model = planted ? new LanguageModel(cfg, trained.tokenizer, planted.weights, MODEL_NAME) : trained;
const fp32Weights = model.exportWeights();
const stats: CalibrationStats = calibrate(model, windows);
console.log(
  `calibrated on ${CALIBRATION.windows * CALIBRATION.blockSize} tokens in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

/** The fp32 model's loss on these tokens: measured once (by `grid 3`) and read back by the other parts. */
function fp32Loss(): { loss: number; perplexity: number } {
  const file = join(OUT, 'grid-int3.json');
  if (!quick && existsSync(file)) {
    const d = JSON.parse(readFileSync(file, 'utf8'));
    if (d.validation?.tokens === validation.length - 1 && d.calibration?.windows === CALIBRATION.windows) return d.fp32;
  }
  return lossOnly(measure(fp32Weights));
}

/** Loss on the validation tokens, and each token's loss (not written to the JSON files; for paired intervals). */
function measure(weights: Record<string, Float32Array>): {
  loss: number;
  perplexity: number;
  tokenLosses: Float64Array;
} {
  const m = new LanguageModel(cfg, model.tokenizer, weights, 'quantized');
  const e = evaluate(m, validation, { maxTokens: Infinity, perToken: true });
  m.dispose();
  return { loss: round(e.loss), perplexity: round(e.perplexity, 3), tokenLosses: e.tokenLosses! };
}

function run(
  opts: GroupQuantOptions,
  method: QuantMethod,
): { q: QuantizedModel; loss: number; perplexity: number; seconds: number; tokenLosses: Float64Array } {
  const t = performance.now();
  const q = quantizeModel(cfg, fp32Weights, stats, opts, method);
  const seconds = (performance.now() - t) / 1000;
  const r = measure(q.weights);
  console.log(
    `${JSON.stringify(method)} int${opts.bits} g${opts.groupSize}: loss ${r.loss} (quantized in ${seconds.toFixed(1)} s)`,
  );
  return { q, ...r, seconds };
}

const header = () => ({
  model: MODEL_NAME,
  ...(planted && {
    outliers: {
      constructed: `target-v1 with planted outlier input channels (lib/quant/outliers.ts plantOutliers): in every linear layer, the ${OUTLIER_FRACTION * 100}% of input channels whose removal costs target-v1 most (planted-channels.json) scaled to ${OUTLIER_RATIO}x the median channel's mean |x| on the calibration text, their weight rows divided by the same s; fp32 function unchanged`,
      ratio: planted.ratio,
      sites: 'all',
      channels: planted.channels,
      scales: Object.fromEntries(Object.entries(planted.scales).map(([n, s]) => [n, s.map((x) => round(x, 3))])),
    },
  }),
  machine,
  backend: 'wasm',
  validation: {
    tokens: validation.length - 1,
    text: `the first ${(validation.length - 1).toLocaleString('en-US')} tokens of chapters 10, 20, …, 130 (held out from training)`,
  },
  calibration: CALIBRATION,
});
/** The fp32 loss and paired intervals carry no per-token arrays into the files. */
const lossOnly = ({ loss, perplexity }: { loss: number; perplexity: number }) => ({ loss, perplexity });
const interval = (a: Float64Array, b: Float64Array) => {
  const ci = pairedBootstrap(a, b, { block: cfg.blockSize });
  return {
    mean: round(ci.mean, 5),
    lo: round(ci.lo, 5),
    hi: round(ci.hi, 5),
    level: ci.level,
    resamples: ci.resamples,
    block: ci.block,
  };
};
const write = (name: string, data: unknown) => {
  mkdirSync(dirname(join(OUT, name)), { recursive: true });
  writeFileSync(join(OUT, `${name}.json`), JSON.stringify(data, null, 1) + '\n');
  console.log(`wrote ${join(OUT, name)}.json`);
};

if (part === 'grid') {
  const fp32 = gridBits === 3 ? lossOnly(measure(fp32Weights)) : fp32Loss();
  const rows = [];
  for (const bits of [gridBits])
    for (const groupSize of [128, 64, 32]) {
      for (const [name, method] of [
        ['rtn', { kind: 'rtn' }],
        ['awq-scale', { kind: 'awq' }],
        ['awq', { kind: 'awq', clip: true }],
      ] as [string, QuantMethod][]) {
        if (gridBits === 2 && name === 'awq-scale' && groupSize !== 128) continue; // time: int2's scales-only at group 128 only
        const r = run({ bits, groupSize }, method);
        const alphas = Object.values(r.q.layers)
          .map((l) => l.alpha)
          .filter((a): a is number => a !== undefined);
        rows.push({
          method: name,
          bits,
          groupSize,
          loss: r.loss,
          perplexity: r.perplexity,
          quantizeSeconds: round(r.seconds, 1),
          meanAlpha: alphas.length ? round(alphas.reduce((a, b) => a + b, 0) / alphas.length, 3) : null,
          layerErrorRatio: round(
            Object.values(r.q.layers).reduce((a, l) => a + l.error / l.rtnError, 0) / linearNames(cfg).length,
            3,
          ),
        });
      }
    }
  write(`grid-int${gridBits}`, { ...header(), fp32, rows });
}

if (part === 'keep') {
  const fp32 = fp32Loss();
  // Table 1's shape: keep a fraction of input channels in fp32, chosen three ways. 0.1/1/3% at int3, group 128 (as
  // the paper); 1% at every bit width and group size of the grid. Resumable: rows already in keep.json are kept, and
  // the file is rewritten after every run, so an interrupted run loses at most one configuration.
  const file = join(OUT, 'keep.json');
  const previous = !quick && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  const keep: { by: string; fraction: number; bits: number; groupSize: number }[] =
    previous?.validation?.tokens === validation.length - 1 ? previous.keep : [];
  const configs: [number, number, number][] = [
    [3, 128, 0.001],
    [3, 128, 0.01],
    [3, 128, 0.03],
  ];
  for (const bits of [4, 3, 2])
    for (const groupSize of [128, 64, 32])
      if (!(bits === 3 && groupSize === 128)) configs.push([bits, groupSize, 0.01]);
  for (const [bits, groupSize, fraction] of configs)
    for (const by of ['activation', 'weightNorm', 'random'] as const) {
      if (keep.some((k) => k.by === by && k.fraction === fraction && k.bits === bits && k.groupSize === groupSize))
        continue;
      const r = run({ bits, groupSize }, { kind: 'keep', by, fraction, seed: 1 });
      keep.push({
        by,
        fraction,
        bits,
        groupSize,
        loss: r.loss,
        perplexity: r.perplexity,
        channelsKept: { 128: keepCount(fraction, 128), 512: keepCount(fraction, 512) },
      } as (typeof keep)[number]);
      write('keep', { ...header(), fp32, keep });
    }
}

if (part === 'table2') {
  const fp32 = fp32Loss();
  // Table 2 on our weights: scale the 1% most activated channels of every linear layer by s, int3 group 128.
  const table2 = [];
  for (const s of [1, 1.25, 1.5, 2, 4]) {
    const rtn =
      s === 1 && !quick && existsSync(join(OUT, 'grid-int3.json'))
        ? JSON.parse(readFileSync(join(OUT, 'grid-int3.json'), 'utf8')).rows.find(
            (x: { method: string; groupSize: number }) => x.method === 'rtn' && x.groupSize === 128,
          )
        : undefined;
    const r =
      rtn ??
      (s === 1
        ? run({ bits: 3, groupSize: 128 }, { kind: 'rtn' })
        : run({ bits: 3, groupSize: 128 }, { kind: 'scale', s, fraction: 0.01 }));
    table2.push({ s, ...deltaStatistics(s, { bits: 3, groupSize: 128 }), loss: r.loss, perplexity: r.perplexity });
  }
  write('table2', { ...header(), fp32, table2, activations: activationStatistics(), sizes: sizes() });
}

if (part === 'compare') {
  // Every method at one setting, each difference with a paired bootstrap interval over the same tokens.
  const bits = Number(process.argv[3] ?? 3),
    groupSize = Number(process.argv[4] ?? 128);
  const base = measure(fp32Weights);
  const methods: [string, QuantMethod][] = [
    ['rtn', { kind: 'rtn' }],
    ['keep-activation', { kind: 'keep', by: 'activation', fraction: 0.01, seed: 1 }],
    ['keep-weight', { kind: 'keep', by: 'weightNorm', fraction: 0.01, seed: 1 }],
    ['keep-random', { kind: 'keep', by: 'random', fraction: 0.01, seed: 1 }],
    ['awq-scale', { kind: 'awq' }],
    ['awq', { kind: 'awq', clip: true }],
  ];
  const runs = methods.map(([name, method]) => ({ name, ...run({ bits, groupSize }, method) }));
  const rtn = runs[0];
  const rows = runs.map((r) => ({
    method: r.name,
    bits,
    groupSize,
    loss: r.loss,
    perplexity: r.perplexity,
    vsFp32: interval(r.tokenLosses, base.tokenLosses),
    vsRtn: r === rtn ? null : interval(r.tokenLosses, rtn.tokenLosses),
  }));
  // On the outlier model: target-v1 with the planted channels deleted (their weight rows zeroed), the loss RTN would
  // add by rounding every planted row to exactly zero.
  const deleted = planted && measure(deleteChannels(cfg, trained.exportWeights(), planted.channels));
  write(`compare-int${bits}-g${groupSize}`, {
    ...header(),
    fp32: lossOnly(base),
    rows,
    ...(deleted && {
      deleted: {
        loss: deleted.loss,
        perplexity: deleted.perplexity,
        vsFp32: interval(deleted.tokenLosses, base.tokenLosses),
      },
    }),
  });
}

if (part === 'plant') {
  if (OUTLIER) throw new Error('plant: run it on target-v1 (without AWQ_MODEL): it chooses where the outliers go');
  const t = performance.now();
  const ablationWindows = windows.slice(0, ABLATION_WINDOWS);
  const { channels, rise } = chooseOutlierChannels(trained, ablationWindows, 'all');
  const seconds = round((performance.now() - t) / 1000, 1);
  const about = {
    model: BASE,
    machine,
    command: 'npm exec -- node scripts/quantize.ts plant',
    windows: `the first ${ABLATION_WINDOWS} of the calibration windows (${ABLATION_WINDOWS * CALIBRATION.blockSize} tokens of the training split)`,
    fraction: OUTLIER_FRACTION,
    seconds,
  };
  write('outlier/planted-channels', {
    ...about,
    what: "per linear layer, the input channels whose weight row set to zero raises target-v1's loss most (lib/quant/outliers.ts chooseOutlierChannels)",
    channels,
    rise: Object.fromEntries(Object.entries(channels).map(([n, cs]) => [n, cs.map((c) => round(rise[n][c], 5))])),
  });
  write('outlier/ablation', {
    ...about,
    what: 'every input channel of every linear layer: loss with its weight row set to zero minus the unchanged loss, nats/token',
    rise: Object.fromEntries(Object.entries(rise).map(([n, r]) => [n, Array.from(r, (x) => round(x, 5))])),
  });
}

if (part === 'deletion') {
  // How well the ablation's choice holds beyond the text it was made on: target-v1 with every planted channel deleted
  // at once, on the ablation windows and on the other calibration windows.
  if (OUTLIER) throw new Error('deletion: run it on target-v1 (without AWQ_MODEL)');
  const channels = plantedChannels();
  const lossOn = (weights: Record<string, Float32Array>, ws: number[][]) => {
    const m = new LanguageModel(cfg, model.tokenizer, weights, 'deleted');
    let sum = 0,
      n = 0;
    for (const w of ws) {
      const e = evaluate(m, w, { maxTokens: Infinity });
      sum += e.loss * e.tokens;
      n += e.tokens;
    }
    m.dispose();
    return sum / n;
  };
  const rise = (ws: number[][]) =>
    round(lossOn(deleteChannels(cfg, fp32Weights, channels), ws) - lossOn(fp32Weights, ws), 5);
  write('outlier/deletion', {
    model: BASE,
    machine,
    command: 'npm exec -- node scripts/quantize.ts deletion',
    what: 'loss rise (nats/token) of target-v1 with every planted channel deleted at once (weight rows zeroed)',
    ablationWindows: {
      windows: ABLATION_WINDOWS,
      tokens: ABLATION_WINDOWS * CALIBRATION.blockSize,
      rise: rise(windows.slice(0, ABLATION_WINDOWS)),
    },
    otherWindows: {
      windows: CALIBRATION.windows - ABLATION_WINDOWS,
      tokens: (CALIBRATION.windows - ABLATION_WINDOWS) * CALIBRATION.blockSize,
      rise: rise(windows.slice(ABLATION_WINDOWS)),
    },
  });
}

if (part === 'ship') {
  if (OUTLIER) throw new Error('ship: only target-v1 is shipped; the outlier model is rebuilt from it where needed');
  const fp32 = fp32Loss();
  const fingerprint = weightsFingerprint(cfg, fp32Weights);
  for (const [bits, groupSize] of [
    [4, 64],
    [3, 128],
  ]) {
    const method: QuantMethod = { kind: 'awq', clip: true };
    const r = run({ bits, groupSize }, method);
    const name = `${BASE}-awq-int${bits}-g${groupSize}`;
    const dir = join(SHIP_TO, name);
    mkdirSync(dir, { recursive: true });
    for (const f of ['config.json', 'tokenizer.json']) copyFileSync(join(MODELS, BASE, f), join(dir, f));
    const { manifest, shards } = encodeQuantized(
      cfg,
      r.q.weights,
      r.q.matrices!,
      { base: { name: BASE, fingerprint }, quantization: { bits, groupSize, symmetric: false, method } },
      'quant',
    );
    writeFileSync(join(dir, 'weights.json'), JSON.stringify(manifest, null, 1) + '\n');
    for (const [p, b] of shards) writeFileSync(join(dir, p), b);
    await writeCard(dir, name, {
      bits,
      groupSize,
      loss: r.loss,
      perplexity: r.perplexity,
      bytes: manifest.totalBytes,
      manifestBytes: readFileSync(join(dir, 'weights.json')).length,
      fingerprint,
      fp32Loss: fp32.loss,
    });
  }
}

/** Δ before and after scaling the 1% most activated input channels by s (Δ = max|w| / (2^(N−1) − 1), the paper's Eq. 1 up to the constant, which cancels in Δ'/Δ). */
function deltaStatistics(s: number, opts: GroupQuantOptions) {
  let groups = 0,
    changed = 0,
    ratioSum = 0,
    salientGroups = 0,
    salientChanged = 0,
    salientRatioSum = 0,
    errBefore = 0,
    errAfter = 0;
  for (const n of linearNames(cfg)) {
    const [inDim, outDim] = parameterShapes(cfg).get(`${n}.weight`)!;
    const w = fp32Weights[`${n}.weight`];
    const channels = new Set(
      salientChannels('activation', keepCount(0.01, inDim), { weight: w, inDim, outDim, meanAbs: stats[n].meanAbs }),
    );
    const scaled = w.slice();
    for (const c of channels) for (let j = 0; j < outDim; j++) scaled[c * outDim + j] *= s;
    const sym = { ...opts, symmetric: true };
    const before = quantizeGroups(transpose(w, inDim, outDim), sym, inDim).scales;
    const after = quantizeGroups(transpose(scaled, inDim, outDim), sym, inDim).scales;
    const G = groupsPerRow(inDim, opts.groupSize);
    for (let j = 0; j < outDim; j++)
      for (let g = 0; g < G; g++) {
        const ratio = after[j * G + g] / before[j * G + g];
        const hasSalient = [...channels].some((c) => Math.floor(c / opts.groupSize) === g);
        groups++;
        ratioSum += ratio;
        if (ratio !== 1) changed++;
        if (hasSalient) {
          salientGroups++;
          salientRatioSum += ratio;
          if (ratio !== 1) salientChanged++;
        }
      }
    // Measured rounding error of the salient weights, in original units: |Q(w·s)/s − w| against |Q(w) − w|.
    const qBefore = fakeQuantizeMatrix(w, inDim, outDim, { ...opts, symmetric: true }),
      qAfter = fakeQuantizeMatrix(scaled, inDim, outDim, { ...opts, symmetric: true });
    for (const c of channels)
      for (let j = 0; j < outDim; j++) {
        const i = c * outDim + j;
        errBefore += Math.abs(qBefore[i] - w[i]);
        errAfter += Math.abs(qAfter[i] / s - w[i]);
      }
  }
  return {
    groupsChanged: round(changed / groups),
    groupsChangedWithSalient: round(salientChanged / salientGroups),
    meanDeltaRatio: round(ratioSum / groups),
    meanDeltaRatioWithSalient: round(salientRatioSum / salientGroups),
    errorFactor: round(salientRatioSum / salientGroups / s),
    measuredErrorRatio: round(errAfter / errBefore),
  };
}

/** Per linear layer: mean |activation| of every input channel and how concentrated it is. */
function activationStatistics() {
  const out: Record<string, { meanAbs: number[]; maxOverMedian: number; top1Share: number; top1Channels: number[] }> =
    {};
  for (const n of linearNames(cfg)) {
    const m = Array.from(stats[n].meanAbs);
    const sorted = [...m].sort((a, b) => b - a);
    const k = keepCount(0.01, m.length);
    const total = m.reduce((a, b) => a + b, 0);
    out[n] = {
      meanAbs: m.map((v) => round(v, 5)),
      maxOverMedian: round(sorted[0] / median(m), 3),
      top1Share: round(sorted.slice(0, k).reduce((a, b) => a + b, 0) / total),
      top1Channels: Array.from(
        salientChannels('activation', k, { weight: new Float32Array(0), inDim: m.length, outDim: 0, meanAbs: m }),
      ),
    };
  }
  return out;
}

/** Bytes of the model file at each width (group 64 and 128), scales and zero points included, against fp32. */
function sizes() {
  const linears = new Set(linearNames(cfg).map((n) => `${n}.weight`));
  let fp32 = 0,
    rest = 0;
  for (const [name, shape] of parameterShapes(cfg)) {
    const n = shape.reduce((a, b) => a * b, 1);
    fp32 += 4 * n;
    if (!linears.has(name)) rest += 4 * n;
  }
  const rows = [];
  for (const bits of [8, 4, 3, 2])
    for (const groupSize of [32, 64, 128]) {
      let linear = 0,
        scales = 0,
        zeros = 0;
      for (const n of linears) {
        const [a, b] = parameterShapes(cfg).get(n)!;
        const s = quantizedBytes(b, a, { bits, groupSize });
        linear += s.codes;
        scales += s.scales;
        zeros += s.zeros;
      }
      rows.push({
        bits,
        groupSize,
        codes: linear,
        scales,
        zeros,
        fp32Rest: rest,
        total: linear + scales + zeros + rest,
        bitsPerLinearWeight: round((8 * (linear + scales + zeros)) / (fp32 / 4 - rest / 4), 3),
      });
    }
  return { fp32, fp32Rest: rest, quantized: rows };
}

async function writeCard(
  dir: string,
  name: string,
  r: {
    bits: number;
    groupSize: number;
    loss: number;
    perplexity: number;
    bytes: number;
    manifestBytes: number;
    fingerprint: string;
    fp32Loss: number;
  },
) {
  await tf.setBackend('cpu');
  const m = await loadModel(dir, { fetchFile, name, expectBase: { name: BASE, fingerprint: r.fingerprint } });
  const sample = generate(m, SAMPLE_PROMPT, { temperature: 0, maxNewTokens: SAMPLE_TOKENS });
  m.dispose();
  await tf.setBackend('wasm');
  const baseCard = JSON.parse(readFileSync(join(MODELS, BASE, 'card.json'), 'utf8'));
  const command = `npm exec -- node scripts/quantize.ts ship`;
  const card = {
    name,
    base: BASE,
    baseFingerprint: r.fingerprint,
    parameters: baseCard.parameters,
    config: cfg as GPTConfig,
    command,
    machine,
    quantization: {
      method: 'AWQ (scale search over 20 alphas + clipping search), asymmetric min-max',
      bits: r.bits,
      groupSize: r.groupSize,
      calibration: CALIBRATION,
    },
    fileBytes: r.bytes,
    manifestBytes: r.manifestBytes,
    fp32FileBytes: 4 * baseCard.parameters,
    validationLoss: r.loss,
    validationPerplexity: r.perplexity,
    validationTokens: validation.length - 1,
    fp32ValidationLoss: r.fp32Loss,
    greedySample: { prompt: SAMPLE_PROMPT, maxNewTokens: SAMPLE_TOKENS, backend: 'cpu', text: sample.text },
  };
  writeFileSync(join(dir, 'card.json'), JSON.stringify(card, null, 2) + '\n');
  writeFileSync(
    join(dir, 'MODEL.md'),
    `# ${name}

${BASE} with every linear layer's weights quantized to ${r.bits} bits in groups of ${r.groupSize} input channels by AWQ
(activation-aware scales s = s_X^α, α searched over 20 points per layer, then a clipping search), asymmetric
min-max with a zero point per group. Embeddings, LayerNorms and biases stay float32 (the LayerNorms carry the
folded inverse scales). Made by this project's lib/quant; read by lib/load.ts like any model folder.

| | |
|---|---|
| command | \`${command}\` |
| base model | ${BASE} (fp32 weights fingerprint ${r.fingerprint}) |
| calibration | ${CALIBRATION.text} |
| weights file | ${r.bytes.toLocaleString('en-US')} bytes (quant-shard1of1.bin) + ${r.manifestBytes.toLocaleString('en-US')} bytes of manifest, against ${(4 * baseCard.parameters).toLocaleString('en-US')} bytes in fp32 |
| validation loss | **${r.loss} nats/token**, perplexity ${r.perplexity} (fp32 on the same tokens: ${r.fp32Loss}); the first ${(validation.length - 1).toLocaleString('en-US')} tokens of the held-out chapters, wasm backend |
| machine | ${machine} |

## Greedy sample

Prompt \`${SAMPLE_PROMPT}\`, ${SAMPLE_TOKENS} new tokens, temperature 0, cpu backend:

\`\`\`text
${SAMPLE_PROMPT}${sample.text}
\`\`\`

## Files

config.json and tokenizer.json (copies of ${BASE}'s), weights.json (the quantized-weights manifest, format
"llm-preliminaries/quantized-weights" version 1: per tensor its byte ranges; packed codes, float32 scales and packed
zero points for linear layers, float32 for the rest; a checksum), quant-shard1of1.bin, card.json (this card as data).
`,
  );
  console.log(`wrote ${dir}: ${r.bytes} bytes, loss ${r.loss}`);
}
