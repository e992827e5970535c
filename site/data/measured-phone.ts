// Build time only (Node): what the PowerInfer-2 lesson measures on our own model, for the static first views of
// BatchUnion, NeuronCacheSim and PipelineGantt and for the numbers in the lesson's prose. Same model as the
// PowerInfer lesson (site/data/measured.ts: target-v1 when trained, else draft-v1, else null), loaded once per build.
// The activation trace comes from the first PROFILE_TOKENS tokens of Moby Dick's held-out chapters; the page hands
// the very same text to the worker, so the live widgets replay the same trace. Nothing here is typed by hand.
//
// Every answer is kept for the whole build and on disk, keyed by a hash of the model's files, the text and the code
// that measures, so a rebuild with none of those changed neither loads the model nor profiles again.
//
//   const info = await phoneInfo();                  // null until a model has been trained
//   await measuredCache({ budget: 50, hot: 0.5, bundle: true, neuron: 'int4' })
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageModel } from '../../lib/model.ts';
import { profileActivations, type ActivationProfile } from '../../lib/sparsity/profile.ts';
import { activeCount } from '../../lib/sparsity/trace.ts';
import { loadCorpus } from '../../scripts/corpus.ts';
import { loadMeasuredModel, measuredModelName } from './measured.ts';
import { PROFILE_TOKENS } from '../widgets/phone-common.ts';
import { runBatch, splitAt, type BatchRun, type BatchValues, type SplitRow } from '../widgets/batch-union-model.ts';
import { cacheRun, type CachePoint, type CacheValues } from '../widgets/neuron-cache-sim-model.ts';
import { pipelineRun, type GanttValues, type PipelineRun } from '../widgets/pipeline-gantt-model.ts';

interface PhoneBase {
  model: LanguageModel;
  name: string;
  text: string;
  profile: ActivationProfile;
}

/** The text the profile reads: the first PROFILE_TOKENS tokens of the held-out chapters, decoded again. */
function profileText(model: LanguageModel): string {
  const ids = model.tokenizer.encode(loadCorpus().validation.slice(0, PROFILE_TOKENS * 16)).slice(0, PROFILE_TOKENS);
  return model.tokenizer.decode(ids);
}

let base: Promise<PhoneBase | null> | undefined;
/** The model, the held-out text and its activation profile; null while no model is trained. */
function phoneBase(): Promise<PhoneBase | null> {
  return (base ??= (async () => {
    const name = measuredModelName();
    const model = await loadMeasuredModel();
    if (!name || !model) return null;
    const text = profileText(model);
    const started = Date.now();
    const profile = profileActivations(model, text, { maxTokens: PROFILE_TOKENS });
    console.log(`[measured-phone] ${name}: profiled ${profile.tokens} tokens in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { model, name, text, profile };
  })());
}

// ---- memo: per build in memory, across builds on disk ----

const ROOT = process.cwd();
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'llm-preliminaries');
const SOURCES = [
  'site/data/measured-phone.ts',
  'site/widgets/phone-common.ts',
  'site/widgets/batch-union-model.ts',
  'site/widgets/neuron-cache-sim-model.ts',
  'site/widgets/pipeline-gantt-model.ts',
  'lib/model.ts',
  'lib/gpt.ts',
  'lib/tokenizer.ts',
  'lib/sampling.ts',
];

let diskPath: string | null | undefined;
let disk: Record<string, unknown> | undefined;

/** The cache file for this model, text and code; null without a model or when it cannot be hashed. */
function cacheFile(): string | null {
  if (diskPath !== undefined) return diskPath;
  try {
    const name = measuredModelName();
    if (!name) return (diskPath = null);
    const h = createHash('sha256');
    const dir = join(ROOT, 'public', 'models', name);
    for (const f of readdirSync(dir).sort()) if (!f.endsWith('.md')) h.update(f).update(readFileSync(join(dir, f)));
    h.update(loadCorpus().validation.slice(0, PROFILE_TOKENS * 16));
    for (const f of SOURCES) if (existsSync(join(ROOT, f))) h.update(f).update(readFileSync(join(ROOT, f)));
    const lib = join(ROOT, 'lib', 'sparsity');
    for (const f of readdirSync(lib).sort()) h.update(f).update(readFileSync(join(lib, f)));
    return (diskPath = join(CACHE_DIR, `phone-${name}-${h.digest('hex').slice(0, 16)}.json`));
  } catch {
    return (diskPath = null);
  }
}

/** JSON with typed arrays as arrays and ±Infinity kept. */
const toJson = (v: unknown) =>
  JSON.stringify(v, (_, x) => (ArrayBuffer.isView(x) ? Array.from(x as Float32Array) : typeof x === 'number' && !Number.isFinite(x) ? { $num: String(x) } : x));
const fromJson = (s: string) => JSON.parse(s, (_, x) => (x && typeof x === 'object' && '$num' in x ? Number(x.$num) : x));

function readDisk(): Record<string, unknown> {
  if (disk) return disk;
  const file = cacheFile();
  try {
    disk = file && existsSync(file) ? (fromJson(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  } catch {
    disk = {}; // an unreadable cache is recomputed
  }
  return disk;
}

function writeDisk() {
  const file = cacheFile();
  if (!file || !disk) return;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, toJson(disk));
    renameSync(tmp, file); // atomic, so a concurrent build never reads half a file
  } catch {
    // no cache, no harm
  }
}

const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, f: () => Promise<T>): Promise<T> {
  let p = memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = (async () => {
      const d = readDisk();
      if (Object.hasOwn(d, key)) return d[key] as T;
      const v = await f();
      if (v !== null) {
        d[key] = fromJson(toJson(v)); // what a later build will read back
        writeDisk();
      }
      return v;
    })();
    memo.set(key, p);
  }
  return p;
}

// ---- what the page uses ----

export interface PhoneInfo {
  /** The measured model's folder name. */
  name: string;
  /** The profiled text, exactly as the page passes it to the worker. */
  text: string;
  nLayer: number;
  nFfn: number;
  nEmbd: number;
  parameters: number;
  /** Tokens profiled. */
  tokens: number;
  /** Per layer, mean share of neurons active per token, and the mean over layers. */
  active: number[];
  activeMean: number;
  /** Mean count of active neurons per token, all layers together. */
  activePerToken: number;
}

/** The model and the profile, summarised for the widgets' data attributes and the lesson's prose (null without a model). */
export function phoneInfo(): Promise<PhoneInfo | null> {
  return once('info', async () => {
    const b = await phoneBase();
    if (!b) return null;
    const { profile: p, model } = b;
    const active = p.layers.map((l) => 1 - l.sparsity);
    let count = 0;
    for (let t = 0; t < p.tokens; t++) for (let l = 0; l < p.nLayer; l++) count += activeCount(p.trace, t, l);
    return {
      name: b.name, text: b.text, nLayer: p.nLayer, nFfn: p.nFfn, nEmbd: model.config.nEmbd, parameters: model.parameterCount, tokens: p.tokens,
      active, activeMean: active.reduce((a, x) => a + x, 0) / active.length, activePerToken: count / p.tokens,
    };
  });
}

/** BatchUnion's run at these settings (null without a model). */
export function measuredBatch(prompt: string, v: Pick<BatchValues, 'batch' | 'steps' | 'temp' | 'seed'>): Promise<BatchRun | null> {
  return once(`batch ${JSON.stringify([prompt, v.batch, v.steps, v.temp, v.seed])}`, async () => {
    const b = await phoneBase();
    return b && runBatch(b.model, prompt, b.profile.layers.map((l) => l.hotOrder), v);
  });
}

/** The hot/cold split of a batch run (re-exported so the page needs one import). */
export { splitAt, type SplitRow };

/** NeuronCacheSim at `v.budget` (null without a model). The browser computes the rest of the slider's grid. */
export function measuredCache(v: CacheValues): Promise<CachePoint | null> {
  return once(`cache ${JSON.stringify([v.hot, v.bundle, v.neuron, v.budget])}`, async () => {
    const b = await phoneBase();
    return b && cacheRun(b.profile, b.model.config.nEmbd, v, [v.budget])[0];
  });
}

/** PipelineGantt's run at these settings (null without a model). */
export function measuredPipeline(v: GanttValues): Promise<PipelineRun | null> {
  return once(`pipe ${JSON.stringify([v.mode, v.token, v.layer, v.cached, v.threads])}`, async () => {
    const b = await phoneBase();
    return b && pipelineRun(b.model, b.profile, b.text, v);
  });
}
