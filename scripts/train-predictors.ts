// Trains one activation predictor per layer of a model and writes public/models/predictor-v1/.
//   npm exec -- node scripts/train-predictors.ts        (options: --model DIR --out DIR --ranks R0,R1,.. --windows N
//                                                        --epochs E --pos-weight W --recall R --seed S --eval-tokens N)
// Seeded and repeatable on the same backend (wasm). Data: (FFN input, which neurons fired) pairs from the target
// model on random windows of the training split; 10% of the windows are held out to choose the threshold (the
// largest one whose recall reaches --recall). Loss: binary cross-entropy with positives weighted by --pos-weight,
// favouring recall as PowerInfer does (a missed neuron changes the output; an extra one only costs time).
// Then the predictor is measured on the validation chapters: recall, precision, neurons computed, and the change in
// loss when the model runs with the predicted masks (predict-active.ts, layer by layer). References: Deja Vu,
// arXiv 2310.17157 §3; PowerInfer, arXiv 2312.12456 v2 §5.1.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loadModel } from '../lib/load.ts';
import { mulberry32, randInt } from '../lib/random.ts';
import { createAdam, setLearningRate } from '../lib/train/adam.ts';
import {
  ActivationPredictor,
  encodePredictor,
  initPredictorWeights,
  predictorLogits,
  predictorShapes,
  type PredictorConfig,
} from '../lib/sparsity/predictor.ts';
import { evaluatePredictor } from '../lib/sparsity/predict-active.ts';
import { profileActivations } from '../lib/sparsity/profile.ts';
import { loadCorpus } from '../node/corpus.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'public/models/target-v1' },
    out: { type: 'string', default: 'public/models/predictor-v1' },
    ranks: { type: 'string', default: '32,24,24,24' },
    windows: { type: 'string', default: '256' },
    epochs: { type: 'string', default: '12' },
    batch: { type: 'string', default: '256' },
    lr: { type: 'string', default: '0.003' },
    'pos-weight': { type: 'string', default: '3' },
    recall: { type: 'string', default: '0.95' },
    seed: { type: 'string', default: '1' },
    'eval-tokens': { type: 'string', default: '16384' },
  },
});
const command = `npm exec -- node scripts/train-predictors.ts ${process.argv.slice(2).join(' ')}`.trim();
const num = (k: keyof typeof values) => Number(values[k]);
const [nWindows, epochs, batch, lr, posWeight, targetRecall, seed, evalTokens] = (
  ['windows', 'epochs', 'batch', 'lr', 'pos-weight', 'recall', 'seed', 'eval-tokens'] as const
).map(num);

await tf.setBackend('wasm');
await tf.ready();
const started = Date.now();
const fetchFile = async (path: string) => {
  const b = readFileSync(path);
  return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
};
const modelName = basename(values.model!);
const model = await loadModel(values.model!, { fetchFile, name: modelName });
const { nLayer: L, nEmbd: C, nFfn: F, blockSize: T } = model.config;
const corpus = loadCorpus();

// --- data: FFN inputs and fired-neuron labels from random training windows ---
const trainIds = model.tokenizer.encode(corpus.train);
const rng = mulberry32(seed);
const offsets = Array.from({ length: nWindows }, () => randInt(rng, 0, trainIds.length - T));
const N = nWindows * T;
const X = Array.from({ length: L }, () => new Float32Array(N * C)); // [N, C] per layer
const Y = Array.from({ length: L }, () => new Uint8Array(N * F)); // [N, F] per layer, 1 = fired
for (let w = 0; w < nWindows; w += 8) {
  const group = offsets.slice(w, w + 8);
  const out = model.forward(
    group.map((o) => trainIds.slice(o, o + T)),
    { record: { ffn: true } },
  );
  for (let l = 0; l < L; l++) {
    X[l].set(out.ffnIn![l], w * T * C);
    const post = out.ffnPost![l];
    for (let k = 0; k < post.length; k++) Y[l][w * T * F + k] = post[k] > 0 ? 1 : 0;
  }
}
const nCal = Math.floor(nWindows / 10) * T; // last 10% of windows: threshold calibration
const nTrain = N - nCal;
console.log(
  `${modelName}: ${nWindows} windows (${nTrain} training samples, ${nCal} calibration) collected in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);

// --- training ---
// Per-layer hidden width, as PowerInfer sizes each layer's predictor (a single number applies to every layer).
const rankList = values.ranks!.split(',').map(Number);
const ranks = rankList.length === 1 ? Array(L).fill(rankList[0]) : rankList;
if (ranks.length !== L || !ranks.every((r) => Number.isInteger(r) && r > 0))
  throw new Error(`--ranks: need 1 or ${L} positive integers, got ${values.ranks}`);
const config: PredictorConfig = { nLayer: L, nEmbd: C, nFfn: F, ranks, threshold: 0.5, model: modelName };
const init = initPredictorWeights(config, seed);
const trained: Record<string, Float32Array> = {};
const log: { layer: number; epoch: number; loss: number; seconds: number }[] = [];
for (let l = 0; l < L; l++) {
  const shapes = predictorShapes(config);
  const v = (k: string) =>
    tf.variable(tf.tensor(init[`layer.${l}.${k}`], shapes.get(`layer.${l}.${k}`)), true, `l${l}${k}`);
  const p = {
    w1: v('w1') as tf.Variable<tf.Rank.R2>,
    b1: v('b1') as tf.Variable<tf.Rank.R1>,
    w2: v('w2') as tf.Variable<tf.Rank.R2>,
    b2: v('b2') as tf.Variable<tf.Rank.R1>,
  };
  const opt = createAdam(lr, 0.9, 0.999); // tfjs's default betas, as this predictor was trained
  const order = Int32Array.from({ length: nTrain }, (_, i) => i);
  const stepsPerEpoch = Math.floor(nTrain / batch);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    setLearningRate(opt, lr * (epoch === epochs ? 0.3 : 1));
    let total = 0;
    for (let s = 0; s < stepsPerEpoch; s++) {
      const xb = new Float32Array(batch * C),
        yb = new Float32Array(batch * F);
      for (let b = 0; b < batch; b++) {
        const n = order[s * batch + b];
        xb.set(X[l].subarray(n * C, (n + 1) * C), b * C);
        for (let i = 0; i < F; i++) yb[b * F + i] = Y[l][n * F + i];
      }
      const loss = opt.minimize(
        () =>
          tf.tidy(() => {
            const z = predictorLogits(p, tf.tensor2d(xb, [batch, C])); // [batch, F]
            const y = tf.tensor2d(yb, [batch, F]);
            // Weighted BCE on logits: w·y·softplus(−z) + (1 − y)·softplus(z)
            const pos = tf.mul(tf.mul(y, posWeight), tf.softplus(tf.neg(z)));
            const neg = tf.mul(tf.sub(1, y), tf.softplus(z));
            return tf.mean(tf.add(pos, neg)) as tf.Scalar;
          }),
        true,
      )!;
      total += loss.dataSync()[0];
      loss.dispose();
    }
    log.push({ layer: l, epoch, loss: total / stepsPerEpoch, seconds: (Date.now() - started) / 1000 });
    console.log(
      `layer ${l} epoch ${epoch}/${epochs} loss ${(total / stepsPerEpoch).toFixed(4)} ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  for (const k of ['w1', 'b1', 'w2', 'b2'] as const)
    trained[`layer.${l}.${k}`] = p[k].dataSync().slice() as Float32Array;
  tf.dispose([p.w1, p.b1, p.w2, p.b2]);
  opt.dispose();
}

// --- threshold: the largest whose recall on the held-out windows reaches the target ---
const probe = new ActivationPredictor(config, trained);
const grid = Array.from({ length: 19 }, (_, k) => 0.05 * (k + 1));
const calCounts = grid.map(() => ({ tp: 0, pred: 0, act: 0 }));
for (let l = 0; l < L; l++) {
  const probs = probe.probabilities(l, X[l].subarray(nTrain * C)); // [nCal, F]
  for (let k = 0; k < probs.length; k++) {
    const a = Y[l][nTrain * F + k];
    grid.forEach((th, g) => {
      const pr = probs[k] > th;
      const c = calCounts[g];
      if (pr) c.pred++;
      if (a) c.act++;
      if (pr && a) c.tp++;
    });
  }
}
probe.dispose();
const calibration = grid.map((th, g) => ({
  threshold: round(th, 2),
  recall: round(calCounts[g].tp / calCounts[g].act),
  precision: round(calCounts[g].tp / calCounts[g].pred),
  computedShare: round(calCounts[g].pred / (nCal * F * L)),
}));
const chosen = [...calibration].reverse().find((c) => c.recall >= targetRecall) ?? calibration[0];
config.threshold = chosen.threshold;
const trainSeconds = (Date.now() - started) / 1000;
console.log(
  `threshold ${chosen.threshold}: calibration recall ${chosen.recall}, precision ${chosen.precision}, computed ${chosen.computedShare}`,
);

// --- save ---
const { manifest, shards } = encodePredictor(config, trained);
mkdirSync(values.out!, { recursive: true });
writeFileSync(join(values.out!, 'config.json'), JSON.stringify(config, null, 2) + '\n');
writeFileSync(join(values.out!, 'weights.json'), JSON.stringify(manifest, null, 2) + '\n');
for (const [path, data] of shards) writeFileSync(join(values.out!, path), data);

// --- validation ---
const predictor = new ActivationPredictor(config, trained);
const validation = evaluatePredictor(model, predictor, corpus.validation, { maxTokens: evalTokens });
const sweep = [0.2, 0.35, 0.5, 0.65, 0.8].map((threshold) => {
  const e = evaluatePredictor(model, predictor, corpus.validation, { maxTokens: 2048, threshold });
  return {
    threshold,
    recall: round(e.all.recall),
    precision: round(e.all.precision),
    computedShare: round(e.all.computedShare),
    lossChange: round(e.lossChange, 5),
  };
});
const profile = profileActivations(model, corpus.validation, { maxTokens: evalTokens });
const params = predictor.parameterCount;
const sizeBytes = [...shards.keys()].reduce((n, p) => n + statSync(join(values.out!, p)).size, 0);
const card = {
  name: basename(values.out!),
  model: modelName,
  command,
  seed,
  ranks: config.ranks,
  threshold: config.threshold,
  parameters: params,
  modelParameters: model.parameterCount,
  shareOfModelParameters: round(params / model.parameterCount),
  sizeBytes,
  training: {
    windows: nWindows,
    samples: nTrain,
    calibrationSamples: nCal,
    epochs,
    batch,
    learningRate: lr,
    posWeight,
    targetRecall,
    loss: 'weighted binary cross-entropy',
    optimizer: 'Adam',
  },
  wallSeconds: Math.round(trainSeconds),
  machine: `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, tfjs ${tf.version.tfjs}`,
  backend: tf.getBackend(),
  calibration,
  validation: {
    tokens: validation.tokens,
    recall: round(validation.all.recall),
    precision: round(validation.all.precision),
    computedShare: round(validation.all.computedShare),
    activeShare: round(validation.all.activeShare),
    denseLoss: round(validation.denseLoss, 5),
    sparseLoss: round(validation.sparseLoss, 5),
    lossChange: round(validation.lossChange, 5),
    layers: validation.layers.map((s) => ({
      recall: round(s.recall),
      precision: round(s.precision),
      computedShare: round(s.computedShare),
      activeShare: round(s.activeShare),
    })),
    sweep,
  },
  profile: {
    tokens: profile.tokens,
    sparsity: profile.layers.map((p) => round(p.sparsity)),
    shareFor80: profile.layers.map((p) => round(p.shareFor80)),
    shareFor80AllLayers: round(profile.all.shareFor80),
    deadShare: profile.layers.map((p) => round(p.deadShare)),
  },
  log,
};
predictor.dispose();
model.dispose();
writeFileSync(join(values.out!, 'card.json'), JSON.stringify(card, null, 2) + '\n');
writeFileSync(join(values.out!, 'MODEL.md'), modelCard(card));
console.log(
  `wrote ${values.out} (${sizeBytes} bytes) in ${((Date.now() - started) / 1000).toFixed(0)} s: validation recall ${card.validation.recall}, precision ${card.validation.precision}, computed ${card.validation.computedShare}, loss change ${card.validation.lossChange}`,
);

function round(x: number, d = 4): number {
  return Math.round(x * 10 ** d) / 10 ** d;
}

function modelCard(c: typeof card): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const v = c.validation;
  return `# ${c.name}

Activation predictors for [${c.model}](../${c.model}/MODEL.md): one low-rank MLP per layer that reads the FFN's input
(the LayerNorm output, ${C} values) and predicts which of the ${F} ReLU neurons will fire, so a sparse FFN can skip the
others (Deja Vu, arXiv 2310.17157 §3; PowerInfer, arXiv 2312.12456 v2 §5.1). Architecture per layer:
\`sigmoid(ReLU(x W1 + b1) W2 + b2)\`, W1 [${C}, r], W2 [r, ${F}], r = ${c.ranks.join(', ')}; a neuron is predicted active
when its probability exceeds the threshold ${c.threshold}. Loaded by \`loadPredictor\` in \`lib/sparsity/predictor.ts\`.

| | |
|---|---|
| command | \`${c.command}\` |
| parameters | ${c.parameters.toLocaleString('en-US')}, ${pct(c.shareOfModelParameters)} of the model's ${c.modelParameters.toLocaleString('en-US')} (PowerInfer: about 6%, §5.1; 4.88–8.68% per model, Table 6) |
| size on disk | ${c.sizeBytes.toLocaleString('en-US')} bytes (float32) |
| training data | ${c.training.windows} random windows of ${T} tokens from the training split of *Moby Dick*; ${c.training.samples.toLocaleString('en-US')} (FFN input, fired neurons) pairs per layer, ${c.training.calibrationSamples.toLocaleString('en-US')} held out for the threshold |
| training | ${c.training.epochs} epochs of Adam (learning rate ${c.training.learningRate}, batch ${c.training.batch}), binary cross-entropy with positives weighted ${c.training.posWeight}×, seed ${c.seed}; data collection and training took ${c.wallSeconds} s on ${c.machine}, tfjs ${c.backend} |
| threshold | ${c.threshold}: the largest (in steps of 0.05) whose recall on the held-out windows reaches ${c.training.targetRecall} |

## On the validation chapters (10, 20, …, 130), first ${v.tokens.toLocaleString('en-US')} tokens, model run with the predicted masks

Masks are chosen layer by layer, so each layer's predictor sees the input the sparse model really produces.

| | |
|---|---|
| recall (truly active neurons that were computed) | **${pct(v.recall)}** |
| precision (computed neurons that really fired) | ${pct(v.precision)} |
| neurons computed | ${pct(v.computedShare)} (neurons that really fire: ${pct(v.activeShare)}) |
| loss, dense → predicted sparsity | ${v.denseLoss} → ${v.sparseLoss} nats/token (**${v.lossChange >= 0 ? '+' : ''}${v.lossChange}**) |

| layer | recall | precision | computed | really active |
|---|---|---|---|---|
${v.layers.map((s, l) => `| ${l} | ${pct(s.recall)} | ${pct(s.precision)} | ${pct(s.computedShare)} | ${pct(s.activeShare)} |`).join('\n')}

Threshold sweep (first 2,048 validation tokens):

| threshold | recall | precision | computed | loss change |
|---|---|---|---|---|
${v.sweep.map((s) => `| ${s.threshold} | ${pct(s.recall)} | ${pct(s.precision)} | ${pct(s.computedShare)} | ${s.lossChange >= 0 ? '+' : ''}${s.lossChange} |`).join('\n')}

## The model's activity on the same text (profileActivations, ${c.profile.tokens.toLocaleString('en-US')} tokens)

| layer | sparsity (zero outputs) | neurons giving 80% of activations | never active |
|---|---|---|---|
${c.profile.sparsity.map((s, l) => `| ${l} | ${pct(s)} | ${pct(c.profile.shareFor80[l])} | ${pct(c.profile.deadShare[l])} |`).join('\n')}

Across all layers together, ${pct(c.profile.shareFor80AllLayers)} of neurons give 80% of activations.
`;
}
