// Trains one of the project's models on Moby Dick and writes it to public/models/<name>-v1/.
//   npm run train -- target            (or draft; options: --steps N --seed S --lr X --out DIR)
//   npm run train -- target --init-from public/models/target-v1 --steps N   (continue a trained model)
// Seeded and repeatable: the same command(s) give the same weights on the same backend.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { PRESETS, parameterCount, parameterShapes, type PresetName, TOKENIZER_VOCAB } from '../lib/config.ts';
import { learnBPE } from '../lib/tokenizer.ts';
import { initWeights } from '../lib/init.ts';
import { BatchSampler, evenWindows, TrainingLoop } from '../lib/train/index.ts';
import { encodeWeights, decodeWeights } from '../lib/weights.ts';
import { loadCorpus } from '../node/corpus.ts';
import { bigramBaseline } from '../node/bigram.ts';

// Chosen so both models train in under an hour on a 2-core machine; the smaller draft takes a higher learning rate.
const DEFAULT_STEPS: Record<PresetName, number> = { target: 600, draft: 1200 };
const DEFAULT_LR: Record<PresetName, number> = { target: 0.002, draft: 0.003 };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    steps: { type: 'string' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    batch: { type: 'string', default: '16' },
    lr: { type: 'string' },
    'init-from': { type: 'string' },
  },
});
const name = positionals[0] as PresetName;
if (!(name in PRESETS)) {
  console.error(`usage: npm run train -- <${Object.keys(PRESETS).join('|')}> [--steps N] [--seed S]`);
  process.exit(2);
}
const cfg = PRESETS[name];
const steps = Number(values.steps ?? DEFAULT_STEPS[name]);
const seed = Number(values.seed);
const batch = Number(values.batch);
const peakLr = Number(values.lr ?? DEFAULT_LR[name]);
const outDir = values.out ?? join('public', 'models', `${name}-v1`);
const command = `npm run train -- ${process.argv.slice(2).join(' ')}`;

await tf.setBackend('wasm');
await tf.ready();
const started = Date.now();

// --- data ---
const corpus = loadCorpus();
const tokenizer = learnBPE(corpus.train, TOKENIZER_VOCAB);
const trainIds = Int32Array.from(tokenizer.encode(corpus.train));
const valIds = Int32Array.from(tokenizer.encode(corpus.validation));
const bytesPerToken = {
  train: new TextEncoder().encode(corpus.train).length / trainIds.length,
  validation: new TextEncoder().encode(corpus.validation).length / valIds.length,
};
const bigram = bigramBaseline(trainIds, valIds, cfg.vocabSize);
console.log(
  `${name}: ${parameterCount(cfg)} params; train ${trainIds.length} tokens, validation ${valIds.length}; bigram val loss ${bigram.validationLoss.toFixed(3)}`,
);

// --- model ---
const shapes = parameterShapes(cfg);
// Start from fresh weights, or continue a model trained before (its own training record is kept in ours).
const initFrom = values['init-from'];
const previous = initFrom ? JSON.parse(readFileSync(join(initFrom, 'training.json'), 'utf8')) : null;
const startWeights = initFrom ? readWeights(initFrom) : initWeights(cfg, seed);
const params: Record<string, tf.Variable> = {};
for (const [n, data] of Object.entries(startWeights)) params[n] = tf.variable(tf.tensor(data, shapes.get(n)), true, n);

function readWeights(dir: string): Record<string, Float32Array> {
  const manifest = JSON.parse(readFileSync(join(dir, 'weights.json'), 'utf8'));
  const shards = new Map<string, ArrayBuffer>();
  for (const group of manifest)
    for (const path of group.paths) {
      const b = readFileSync(join(dir, path));
      shards.set(path, b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    }
  return decodeWeights(cfg, manifest, shards, join(dir, 'weights.json'));
}

const T = cfg.blockSize;
// A continuation sees new batches: its generator is seeded past the steps already taken.
const sampler = new BatchSampler(trainIds, batch, T, seed + 1000 + (previous?.totalSteps ?? previous?.steps ?? 0));
// A fixed validation set: 24 windows spread evenly over the held-out chapters.
const validationBatches = evenWindows(valIds, 24, T);
const loop = new TrainingLoop({ cfg, params, trainable: params, schedule: { peak: peakLr, steps } });
const log: { step: number; trainLoss: number; validationLoss?: number; seconds: number }[] = [];
for (let step = 1; step <= steps; step++) {
  const { loss: trainLoss, learningRate: lr } = loop.trainStep(sampler.next());
  const entry: (typeof log)[number] = { step, trainLoss, seconds: (Date.now() - started) / 1000 };
  if (step % 50 === 0 || step === steps) entry.validationLoss = loop.loss(validationBatches);
  log.push(entry);
  if (step % 10 === 0 || step === 1)
    console.log(
      `step ${step}/${steps} lr ${lr.toExponential(2)} train ${trainLoss.toFixed(3)}${entry.validationLoss ? ` val ${entry.validationLoss.toFixed(3)}` : ''} ${entry.seconds.toFixed(0)}s`,
    );
}
loop.dispose();

// --- save ---
const named: Record<string, Float32Array> = {};
for (const [n, v] of Object.entries(params)) named[n] = v.dataSync() as Float32Array;
const { manifest, shards } = encodeWeights(cfg, named);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'config.json'), JSON.stringify(cfg, null, 2) + '\n');
writeFileSync(join(outDir, 'tokenizer.json'), JSON.stringify(tokenizer.toJSON()) + '\n');
writeFileSync(join(outDir, 'weights.json'), JSON.stringify(manifest, null, 2) + '\n');
for (const [path, data] of shards) writeFileSync(join(outDir, path), data);
const final = log[log.length - 1];
const training = {
  name,
  command,
  commands: [...(previous ? (previous.commands ?? [previous.command]) : []), command],
  seed,
  steps,
  batchSize: batch,
  blockSize: T,
  peakLearningRate: peakLr,
  parameters: parameterCount(cfg),
  tokensSeen: (previous?.tokensSeen ?? 0) + steps * batch * T,
  totalWallSeconds: (previous?.totalWallSeconds ?? previous?.wallSeconds ?? 0) + (Date.now() - started) / 1000,
  totalSteps: (previous?.totalSteps ?? previous?.steps ?? 0) + steps,
  previous: previous
    ? {
        command: previous.command,
        steps: previous.steps,
        peakLearningRate: previous.peakLearningRate,
        validationLoss: previous.validationLoss,
      }
    : undefined,
  trainTokens: trainIds.length,
  validationTokens: valIds.length,
  bytesPerToken,
  wallSeconds: (Date.now() - started) / 1000,
  backend: tf.getBackend(),
  machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, tfjs ${tf.version.tfjs}`,
  trainLoss: final.trainLoss,
  validationLoss: final.validationLoss,
  bigramValidationLoss: bigram.validationLoss,
  bigramLambda: bigram.lambda,
  // One curve over every stage: a continuation's steps follow on from the stage before.
  log: [
    ...(previous?.log ?? []),
    ...log.map((e) => ({ ...e, step: e.step + (previous?.totalSteps ?? previous?.steps ?? 0) })),
  ],
};
writeFileSync(join(outDir, 'training.json'), JSON.stringify(training, null, 1) + '\n');
console.log(
  `wrote ${outDir} in ${training.wallSeconds.toFixed(0)} s; val loss ${final.validationLoss?.toFixed(3)} (bigram ${bigram.validationLoss.toFixed(3)})`,
);
const { writeModelCard } = await import('./model-card.ts');
await writeModelCard(outDir);
