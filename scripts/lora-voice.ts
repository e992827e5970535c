// Measures the voice of target-v1 and of adapter files on it: the share of sampled continuations the classifier
// labels speech (node/lora-voice.ts), p(word) for a few probe words, and what each file's header records (targets,
// rank, losses, command). Writes one JSON file, the sweep lesson 7's table reads.
//   nice -n 10 npm exec -- node scripts/lora-voice.ts --out public/models/lora-sotu-v2/sweep.json a.lora b.lora ...
// An existing --out file keeps its other adapters (so the sweep can grow one run at a time); the ones named are
// measured again.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadModel } from '../lib/load.ts';
import { AdapterSet } from '../lib/lora/adapter-set.ts';
import { measureVoice, voiceClassifier, voiceSettings } from '../node/lora-voice.ts';

const { values, positionals } = parseArgs({
  // --drop FILE: remove an entry from the --out file (e.g. an exploration run later shipped under another name).
  options: { out: { type: 'string' }, drop: { type: 'string', multiple: true, default: [] } },
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
if (values.out) {
  const kept = existsSync(values.out)
    ? (JSON.parse(readFileSync(values.out, 'utf8')).adapters as { file: string }[]).filter(
        (a) => !positionals.includes(a.file) && !values.drop!.includes(a.file),
      )
    : [];
  const settings = voiceSettings(clf, model.tokenizer);
  writeFileSync(values.out, JSON.stringify({ settings, base, adapters: [...kept, ...adapters] }, null, 1) + '\n');
}
model.dispose();
