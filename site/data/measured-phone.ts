// Build time only (Node): what the PowerInfer-2 lesson measures on our own model, for the static first views of
// BatchUnion, NeuronCacheSim and PipelineGantt and for the numbers in the lesson's prose. Same model as the
// PowerInfer lesson (site/data/measured.ts: target-v1 when trained, else draft-v1, else null), loaded once per build.
// The activation trace comes from the first PROFILE_TOKENS tokens of Moby Dick's held-out chapters; the page hands
// the very same text to the worker, so the live widgets replay the same trace. Nothing here is typed by hand.
//
//   const m = await phoneMeasurements();     // null until a model has been trained
//   await measuredCache({ budget: 50, hot: 0.5, bundle: true, neuron: 'int4' })
import type { LanguageModel } from '../../lib/model.ts';
import { profileActivations, type ActivationProfile } from '../../lib/sparsity/profile.ts';
import { activeCount } from '../../lib/sparsity/trace.ts';
import { loadCorpus } from '../../scripts/corpus.ts';
import { loadMeasuredModel, measuredModelName } from './measured.ts';
import { PROFILE_TOKENS } from '../widgets/phone-common.ts';
import { runBatch, splitAt, type BatchRun, type BatchValues, type SplitRow } from '../widgets/batch-union-model.ts';
import { cacheRun, type CachePoint, type CacheValues } from '../widgets/neuron-cache-sim-model.ts';
import { pipelineRun, type GanttValues, type PipelineRun } from '../widgets/pipeline-gantt-model.ts';

export interface PhoneBase {
  model: LanguageModel;
  name: string;
  /** The profiled text, exactly as the page passes it to the worker. */
  text: string;
  profile: ActivationProfile;
}

let base: Promise<PhoneBase | null> | undefined;

/** The model, the held-out text and its activation profile; null while no model is trained. */
export function phoneBase(): Promise<PhoneBase | null> {
  return (base ??= (async () => {
    const name = measuredModelName();
    const model = await loadMeasuredModel();
    if (!name || !model) return null;
    const ids = model.tokenizer.encode(loadCorpus().validation.slice(0, PROFILE_TOKENS * 16)).slice(0, PROFILE_TOKENS);
    const text = model.tokenizer.decode(ids);
    const started = Date.now();
    const profile = profileActivations(model, text, { maxTokens: PROFILE_TOKENS });
    console.log(`[measured-phone] ${name}: profiled ${profile.tokens} tokens in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { model, name, text, profile };
  })());
}

const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, f: () => Promise<T>): Promise<T> {
  let p = memo.get(key) as Promise<T> | undefined;
  if (!p) memo.set(key, (p = f()));
  return p;
}

/** BatchUnion's run at these settings (null without a model). */
export function measuredBatch(prompt: string, v: Pick<BatchValues, 'batch' | 'steps' | 'temp' | 'seed'>): Promise<BatchRun | null> {
  return once(`batch ${prompt} ${v.batch} ${v.steps} ${v.temp} ${v.seed}`, async () => {
    const b = await phoneBase();
    return b && runBatch(b.model, prompt, b.profile.layers.map((l) => l.hotOrder), v);
  });
}

/** The hot/cold split of a batch run (re-exported so the .astro needs one import). */
export { splitAt, type SplitRow };

/** NeuronCacheSim at `v.budget` (null without a model). The browser computes the rest of the slider's grid. */
export function measuredCache(v: CacheValues): Promise<CachePoint | null> {
  return once(`cache ${v.hot} ${v.bundle} ${v.neuron} ${v.budget}`, async () => {
    const b = await phoneBase();
    return b && cacheRun(b.profile, b.model.config.nEmbd, v, [v.budget])[0];
  });
}

/** PipelineGantt's run at these settings (null without a model). */
export function measuredPipeline(v: GanttValues): Promise<PipelineRun | null> {
  return once(`pipe ${JSON.stringify(v)}`, async () => {
    const b = await phoneBase();
    return b && pipelineRun(b.model, b.profile, b.text, v);
  });
}

export interface PhoneFacts {
  name: string;
  nLayer: number;
  nFfn: number;
  nEmbd: number;
  parameters: number;
  tokens: number;
  /** Per layer, mean share of neurons active per token, and the mean over layers. */
  active: number[];
  activeMean: number;
  /** Mean count of active neurons per token, all layers together. */
  activePerToken: number;
}

/** Headline numbers of the profile for the lesson's prose (null without a model). */
export function phoneFacts(): Promise<PhoneFacts | null> {
  return once('facts', async () => {
    const b = await phoneBase();
    if (!b) return null;
    const { profile: p, model } = b;
    const active = p.layers.map((l) => 1 - l.sparsity);
    let count = 0;
    for (let t = 0; t < p.tokens; t++) for (let l = 0; l < p.nLayer; l++) count += activeCount(p.trace, t, l);
    return {
      name: b.name, nLayer: p.nLayer, nFfn: p.nFfn, nEmbd: model.config.nEmbd, parameters: model.parameterCount, tokens: p.tokens,
      active, activeMean: active.reduce((a, x) => a + x, 0) / active.length, activePerToken: count / p.tokens,
    };
  });
}
