// Build-time measurements for the LLM in a Flash lesson, written to site/data/flash.json (small; the page reads it
// for its first view, then measures the reader's own device live in the worker).
//   node scripts/measure-flash.ts            (≈1-2 minutes on 2 cores)
// 1. Read throughput vs chunk size (1 KiB .. 512 KiB), sequential and scattered, from a 64 MiB file on this disk
//    through lib/storage's Node file adapter. The file was just written, so the OS page cache holds it: these are
//    upper bounds for a cold device (the paper bypasses the cache; Node and browsers cannot).
// 2. The paper's Table 2 ablation on target-v1, teacher-forced over held-out text, FFN read from a file per layout,
//    with the exact active set and with predictor-v1.
// 3. s_agg(k) and Δ_load(k) from the dense model's activation trace, and the closest-friend analysis.
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../lib/load.ts';
import {
  FlashFfnStore,
  ffnWeightsOf,
  flashGenerate,
  FlashFfn,
  friendBundling,
  policyLadder,
  runAblation,
  windowCurve,
  type FfnLayoutName,
} from '../lib/flash/index.ts';
import { loadPredictor, profileActivations } from '../lib/sparsity/index.ts';
import { generate } from '../lib/generate.ts';
import { measureReadThroughput, writeTestFile } from '../lib/storage/index.ts';
import { NodeFileStorage } from '../lib/storage/node-file.ts';
import { measuredCurve } from '../lib/hardware/storage-curve.ts';
import { readFromDisk } from '../node/model-files.ts';
import { loadCorpus } from '../node/corpus.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODELS = join(ROOT, 'public', 'models');
const SCRATCH = join(ROOT, 'scratch', 'flash');
const OUT = join(ROOT, 'site', 'data', 'flash.json');
const ABLATION_TOKENS = 1024;
const TRACE_TOKENS = 2048;
const WINDOW_K = 5; // the paper's Fig. 4b uses k = 5
const K_MAX = 16;
const PROMPT = 'Call me Ishmael.';

export async function measureFlash({ fileMiB = 64, bytesPerPoint = 16 << 20, log = console.log } = {}) {
  await tf.setBackend('cpu');
  mkdirSync(SCRATCH, { recursive: true });

  log(`throughput: writing a ${fileMiB} MiB file …`);
  const file = new NodeFileStorage(join(SCRATCH, 'throughput.bin'), { truncate: true });
  writeTestFile(file, fileMiB << 20);
  const points = measureReadThroughput(file, {
    bytesPerPoint,
    onProgress: (d, n, p) =>
      log(
        `  ${d}/${n} ${p.order} ${p.chunkBytes / 1024} KiB: ${(p.bytesPerSecond / 1e9).toFixed(2)} GB/s, ${p.microsPerRead.toFixed(1)} µs/read`,
      ),
  });
  file.close();
  rmSync(join(SCRATCH, 'throughput.bin'));
  const readCurve = measuredCurve(points, 'this machine (Node file)');

  const model = await loadModel(join(MODELS, 'target-v1'), { fetchFile: readFromDisk, name: 'target-v1' });
  const predictor = await loadPredictor(join(MODELS, 'predictor-v1'), { fetchFile: readFromDisk });
  const w = ffnWeightsOf(model);
  const stores = Object.fromEntries(
    (['separate', 'bundled'] as FfnLayoutName[]).map((l) => [
      l,
      FlashFfnStore.open(new NodeFileStorage(join(SCRATCH, `ffn-${l}.bin`), { truncate: true }), w, l),
    ]),
  ) as Record<FfnLayoutName, FlashFfnStore>;
  const validation = loadCorpus().validation;
  const ids = model.tokenizer.encode(validation).slice(0, ABLATION_TOKENS);

  log('ablation: exact active sets …');
  const exact = runAblation(model, w, stores, ids, { select: 'exact', windowK: WINDOW_K, curve: readCurve });
  log('ablation: predictor-v1 …');
  const predicted = runAblation(model, w, stores, ids, {
    select: 'predictor',
    windowK: WINDOW_K,
    predictor,
    curve: readCurve,
  });

  log('generation: exact policies vs in-memory …');
  const ref = generate(model, PROMPT, { temperature: 0, maxNewTokens: 32 });
  const generation = policyLadder('exact', WINDOW_K).map(({ id, policy }) => {
    const g = flashGenerate(model, new FlashFfn(stores[policy.layout], w, policy), PROMPT, { maxNewTokens: 32 });
    return { id, same: g.ids.join() === ref.ids.join() };
  });
  const withPredictor = flashGenerate(
    model,
    new FlashFfn(stores.bundled, w, policyLadder('predictor', WINDOW_K)[4].policy, { predictor }),
    PROMPT,
    { maxNewTokens: 32 },
  );

  log('trace: s_agg, Δ_load, closest friends …');
  const trace = profileActivations(model, validation, { maxTokens: TRACE_TOKENS }).trace;
  const curve = windowCurve(trace, K_MAX);
  const friends = friendBundling(trace);
  for (const s of Object.values(stores)) s.storage.close();
  rmSync(SCRATCH, { recursive: true, force: true });
  model.dispose();

  const r = (x: number, d = 4) => Number(x.toPrecision(d));
  return {
    command: 'node scripts/measure-flash.ts',
    machine: `${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, tfjs ${tf.version.tfjs} (cpu backend)`,
    model: 'target-v1',
    predictor: 'predictor-v1',
    text: `Moby Dick's held-out chapters (node/corpus.ts), first ${ids.length} tokens for the ablation, ${trace.tokens} for the trace`,
    layout: {
      nLayer: stores.bundled.layout.nLayer,
      nEmbd: stores.bundled.layout.nEmbd,
      nFfn: stores.bundled.layout.nFfn,
      neuronBytes: stores.bundled.layout.neuronBytes,
      ffnBytes: stores.bundled.layout.nLayer * stores.bundled.layout.layerBytes,
    },
    throughput: {
      fileBytes: fileMiB << 20,
      pageCache: 'the file was just written: the OS page cache holds it, so these are upper bounds for a cold device',
      points: points.map((p) => ({
        order: p.order,
        chunkBytes: p.chunkBytes,
        reads: p.reads,
        bytesPerSecond: r(p.bytesPerSecond),
        microsPerRead: r(p.microsPerRead),
      })),
    },
    ablation: {
      windowK: WINDOW_K,
      exact: exact.map((row) => roundRow(row, r)),
      predictor: predicted.map((row) => roundRow(row, r)),
    },
    generation: {
      prompt: PROMPT,
      tokens: ref.ids.length,
      inMemoryText: ref.text,
      exactSameAsInMemory: generation,
      predictorBundledText: withPredictor.text,
      predictorSameAsInMemory: withPredictor.ids.join() === ref.ids.join(),
    },
    window: {
      kMax: K_MAX,
      tokens: curve.tokens,
      k: curve.k,
      sAgg: curve.sAgg.map((x) => r(x)),
      deltaLoad: curve.deltaLoad.map((x) => r(x)),
    },
    friends: {
      activePerToken: r(friends.activePerToken),
      friendReadsPerToken: r(friends.friendReadsPerToken),
      bytesRatio: r(friends.bytesRatio),
      wastedFriendShare: r(friends.wastedFriendShare),
      topFriendReadsPerToken: r(friends.topFriendReadsPerToken),
      layers: friends.layers.map((l) => ({
        share95: r(l.share95),
        topFriendInDegree: l.topFriendInDegree,
        topFriendFrequency: r(l.topFriendFrequency),
        distinctFriends: l.distinctFriends,
        friendIsHot: r(l.friendIsHot),
      })),
    },
  };
}

function roundRow<T extends object>(row: T, r: (x: number, d?: number) => number): T {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      typeof v === 'number' && !Number.isInteger(v) ? r(v, k.startsWith('loss') ? 6 : 4) : v,
    ]),
  ) as T;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const data = await measureFlash();
  writeFileSync(OUT, JSON.stringify(data, null, 1) + '\n');
  console.log(`wrote ${OUT}`);
}
