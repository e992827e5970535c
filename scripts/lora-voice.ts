// Measures the voice of target-v1 and of adapter files on it: share of sampled continuations the classifier labels
// speech, and p(word) for a few probe words. Prints a JSON line per model.
//   nice -n 10 npm exec -- node scripts/lora-voice.ts public/models/lora-sotu-v1/r8.lora ...
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { loadModel } from '../lib/load.ts';
import { AdapterSet } from '../lib/lora/adapter-set.ts';
import { measureVoice, voiceClassifier } from '../node/lora-voice.ts';

await tf.setBackend('wasm');
await tf.ready();
const fetchFile = async (path: string) => {
  const b = readFileSync(path);
  return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
};
const model = await loadModel('public/models/target-v1', { fetchFile, name: 'target-v1' });
const clf = voiceClassifier(model.tokenizer, model.config.vocabSize);
const report = (name: string) => {
  const v = measureVoice(model, clf);
  console.log(JSON.stringify({ name, speechShare: v.speechShare, words: v.words, first: v.samples.slice(0, 3) }));
};
report('base');
const set = new AdapterSet(model);
for (const file of process.argv.slice(2)) {
  set.load(file, readFileSync(file));
  set.use(file);
  report(file);
  set.use(null);
}
set.dispose();
model.dispose();
