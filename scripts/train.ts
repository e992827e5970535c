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
import { forwardTensors, crossEntropy } from '../lib/gpt.ts';
import { encodeWeights, decodeWeights } from '../lib/weights.ts';
import { mulberry32, randInt } from '../lib/random.ts';
import { loadCorpus } from './corpus.ts';
import { bigramBaseline } from './bigram.ts';

// Chosen so both models train in under an hour on a 2-core machine; the smaller draft takes a higher learning rate.
const DEFAULT_STEPS: Record<PresetName, number> = { target: 600, draft: 1200 };
const DEFAULT_LR: Record<PresetName, number> = { target: 0.002, draft: 0.003 };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { steps: { type: 'string' }, seed: { type: 'string', default: '1' }, out: { type: 'string' }, batch: { type: 'string', default: '16' }, lr: { type: 'string' }, 'init-from': { type: 'string' } },
});
const name = positionals[0] as PresetName;
if (!(name in PRESETS)) { console.error(`usage: npm run train -- <${Object.keys(PRESETS).join('|')}> [--steps N] [--seed S]`); process.exit(2); }
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
const bytesPerToken = { train: new TextEncoder().encode(corpus.train).length / trainIds.length, validation: new TextEncoder().encode(corpus.validation).length / valIds.length };
const bigram = bigramBaseline(trainIds, valIds, cfg.vocabSize);
console.log(`${name}: ${parameterCount(cfg)} params; train ${trainIds.length} tokens, validation ${valIds.length}; bigram val loss ${bigram.validationLoss.toFixed(3)}`);

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
  for (const group of manifest) for (const path of group.paths) { const b = readFileSync(join(dir, path)); shards.set(path, b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer); }
  return decodeWeights(cfg, manifest, shards, join(dir, 'weights.json'));
}

const T = cfg.blockSize;
const rng = mulberry32(seed + 1000 + (previous?.totalSteps ?? previous?.steps ?? 0)); // a continuation sees new batches
function sampleBatch(ids: Int32Array, B: number, r: () => number) {
  const x = new Int32Array(B * T), y = new Int32Array(B * T);
  for (let b = 0; b < B; b++) {
    const o = randInt(r, 0, ids.length - T - 2);
    x.set(ids.subarray(o, o + T), b * T);
    y.set(ids.subarray(o + 1, o + T + 1), b * T);
  }
  return { x: tf.tensor2d(x, [B, T], 'int32'), y: tf.tensor2d(y, [B, T], 'int32') };
}

// A fixed validation set: 24 windows spread evenly over the held-out chapters.
function validationLoss(): number {
  const windows = 24, B = 8;
  let total = 0;
  for (let s = 0; s < windows; s += B) {
    const x = new Int32Array(B * T), y = new Int32Array(B * T);
    for (let b = 0; b < B; b++) {
      const o = Math.floor(((s + b) * (valIds.length - T - 1)) / windows);
      x.set(valIds.subarray(o, o + T), b * T);
      y.set(valIds.subarray(o + 1, o + T + 1), b * T);
    }
    total += tf.tidy(() => crossEntropy(forwardTensors(cfg, params, tf.tensor2d(x, [B, T], 'int32'), { oneHotEmbed: true }).logits, tf.tensor2d(y, [B, T], 'int32')).dataSync()[0]) * B;
  }
  return total / windows;
}

const optimizer = tf.train.adam(peakLr, 0.9, 0.95);
const warmup = Math.min(50, Math.floor(steps / 10));
const log: { step: number; trainLoss: number; validationLoss?: number; seconds: number }[] = [];
for (let step = 1; step <= steps; step++) {
  // Linear warm-up, then cosine decay to a tenth of the peak.
  const lr = step <= warmup ? (peakLr * step) / warmup : peakLr * (0.1 + 0.45 * (1 + Math.cos((Math.PI * (step - warmup)) / (steps - warmup))));
  (optimizer as unknown as { learningRate: number }).learningRate = lr;
  const { x, y } = sampleBatch(trainIds, batch, rng);
  const loss = optimizer.minimize(() => crossEntropy(forwardTensors(cfg, params, x, { oneHotEmbed: true }).logits, y), true)!;
  const trainLoss = (await loss.data())[0];
  tf.dispose([x, y, loss]);
  const entry: (typeof log)[number] = { step, trainLoss, seconds: (Date.now() - started) / 1000 };
  if (step % 50 === 0 || step === steps) entry.validationLoss = validationLoss();
  log.push(entry);
  if (step % 10 === 0 || step === 1) console.log(`step ${step}/${steps} lr ${lr.toExponential(2)} train ${trainLoss.toFixed(3)}${entry.validationLoss ? ` val ${entry.validationLoss.toFixed(3)}` : ''} ${entry.seconds.toFixed(0)}s`);
}

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
  name, command, commands: [...(previous ? previous.commands ?? [previous.command] : []), command], seed, steps, batchSize: batch, blockSize: T, peakLearningRate: peakLr,
  parameters: parameterCount(cfg), tokensSeen: (previous?.tokensSeen ?? 0) + steps * batch * T,
  totalWallSeconds: (previous?.totalWallSeconds ?? previous?.wallSeconds ?? 0) + (Date.now() - started) / 1000,
  totalSteps: (previous?.totalSteps ?? previous?.steps ?? 0) + steps,
  previous: previous ? { command: previous.command, steps: previous.steps, peakLearningRate: previous.peakLearningRate, validationLoss: previous.validationLoss } : undefined,
  trainTokens: trainIds.length, validationTokens: valIds.length, bytesPerToken,
  wallSeconds: (Date.now() - started) / 1000, backend: tf.getBackend(), machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, tfjs ${tf.version.tfjs}`,
  trainLoss: final.trainLoss, validationLoss: final.validationLoss, bigramValidationLoss: bigram.validationLoss, bigramLambda: bigram.lambda,
  // One curve over every stage: a continuation's steps follow on from the stage before.
  log: [...(previous?.log ?? []), ...log.map((e) => ({ ...e, step: e.step + (previous?.totalSteps ?? previous?.steps ?? 0) }))],
};
writeFileSync(join(outDir, 'training.json'), JSON.stringify(training, null, 1) + '\n');
console.log(`wrote ${outDir} in ${training.wallSeconds.toFixed(0)} s; val loss ${final.validationLoss?.toFixed(3)} (bigram ${bigram.validationLoss.toFixed(3)})`);
const { writeModelCard } = await import('./model-card.ts');
await writeModelCard(outDir);
