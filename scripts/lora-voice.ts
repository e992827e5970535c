// Measures the voice of target-v1 and of adapter files on it: the share of sampled continuations the classifier
// labels speech (node/lora-voice.ts), p(word) for a few probe words, and what each file's header records (targets,
// rank, losses, command). Writes one JSON file, the sweep lesson 7's table reads.
//   nice -n 10 npm exec -- node scripts/lora-voice.ts --out public/models/lora-sotu-v2/sweep.json a.lora b.lora ...
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModel } from '../lib/load.ts';
import { AdapterSet } from '../lib/lora/adapter-set.ts';
import { measureVoice, voiceClassifier } from '../node/lora-voice.ts';

const { values, positionals } = parseArgs({
  options: { out: { type: 'string' } },
  allowPositionals: true,
});
await tf.setBackend('wasm');
await tf.ready();
const fetchFile = async (path: string) => {
  const b = readFileSync(path);
  return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
};
const model = await loadModel('public/models/target-v1', { fetchFile, name: 'target-v1' });
const clf = voiceClassifier(model.tokenizer, model.config.vocabSize);
const base = { parameters: model.parameterCount, voice: measureVoice(model, clf) };
console.log(`base: ${base.voice.speechShare} labelled speech`);
const set = new AdapterSet(model);
const adapters = positionals.map((file) => {
  const bytes = readFileSync(file);
  const header = set.load(file, bytes);
  set.use(file);
  const voice = measureVoice(model, clf);
  set.use(null);
  console.log(`${file}: ${voice.speechShare} labelled speech`);
  return {
    file,
    fileBytes: bytes.length,
    rank: header.rank,
    alpha: header.alpha,
    targets: header.targets,
    trainableParameters: set.get(file).parameterCount,
    card: header.card,
    voice,
  };
});
set.dispose();
model.dispose();
if (values.out) writeFileSync(values.out, JSON.stringify({ base, adapters }, null, 1) + '\n');
