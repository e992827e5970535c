// Build time only (Node): what the PowerInfer-2 lesson measures on our own model, for the static first views of
// BatchUnion, NeuronCacheSim and PipelineGantt and for the numbers in the lesson's prose. Same model as the
// PowerInfer lesson (site/data/measured.ts: target-v1 when trained, else draft-v1, else null), loaded once per build.
// The activation trace comes from the first REPLAY_TOKENS tokens of Moby Dick's held-out chapters; the page hands
// the very same text to the worker, so the live widgets replay the same trace. Nothing here is typed by hand.
//
// Every answer is kept for the whole build and on disk (disk-cache.ts), keyed by a hash of the model's files, the
// text and the code that measures, so a rebuild with none of those changed neither loads the model nor profiles again.
//
//   const info = await phoneInfo();                  // null until a model has been trained
//   await measuredCache({ memory: 0.5, hot: 0.5, bundle: true, neuron: 'int4' })
import type { LanguageModel } from '../../lib/model.ts';
import {
  measureBatch,
  splitAt,
  type BatchRun,
  type BatchSettings,
  type SplitRow,
} from '../../lib/sparsity/batch-split.ts';
import { cacheSweep, type CachePoint, type CacheSettings } from '../../lib/sparsity/cache-sweep.ts';
import { profileActivations, type ActivationProfile } from '../../lib/sparsity/profile.ts';
import { REPLAY_TOKENS } from '../../lib/sparsity/replay-text.ts';
import { pipelineForToken, type PipelineRun, type TokenPipelineSettings } from '../../lib/sparsity/token-pipeline.ts';
import { activeCount } from '../../lib/sparsity/trace.ts';
import { loadCorpus } from '../../node/corpus.ts';
import { diskCache, fingerprint } from './disk-cache.ts';
import { loadMeasuredModel, measuredModelName, modelDir } from './measured.ts';

interface PhoneBase {
  model: LanguageModel;
  name: string;
  text: string;
  profile: ActivationProfile;
}

/** The text the profile reads: the first REPLAY_TOKENS tokens of the held-out chapters, decoded again. */
function profileText(model: LanguageModel): string {
  const ids = model.tokenizer.encode(loadCorpus().validation.slice(0, REPLAY_TOKENS * 16)).slice(0, REPLAY_TOKENS);
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
    const profile = profileActivations(model, text, { maxTokens: REPLAY_TOKENS });
    console.log(
      `[measured-phone] ${name}: profiled ${profile.tokens} tokens in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { model, name, text, profile };
  })());
}

// Kept per build in memory and across builds on disk, keyed by the model's files, the text and the measuring code.
const store = diskCache('phone', () => {
  const name = measuredModelName();
  if (!name) return null;
  const text = loadCorpus().validation.slice(0, REPLAY_TOKENS * 16);
  return `${name}-${fingerprint({ files: [modelDir(name), 'site/data/measured-phone.ts', 'lib/sparsity', 'lib/engine', 'lib/hardware', 'lib/model.ts', 'lib/gpt.ts', 'lib/tokenizer.ts', 'lib/sampling.ts'], texts: [text] })}`;
});
const once = <T>(key: string, f: () => Promise<T>) => store.once(key, f);

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
      name: b.name,
      text: b.text,
      nLayer: p.nLayer,
      nFfn: p.nFfn,
      nEmbd: model.config.nEmbd,
      parameters: model.parameterCount,
      tokens: p.tokens,
      active,
      activeMean: active.reduce((a, x) => a + x, 0) / active.length,
      activePerToken: count / p.tokens,
    };
  });
}

/** BatchUnion's run at these settings (null without a model). */
export function measuredBatch(prompt: string, v: BatchSettings): Promise<BatchRun | null> {
  return once(`batch ${JSON.stringify([prompt, v.batch, v.steps, v.temperature, v.seed])}`, async () => {
    const b = await phoneBase();
    return (
      b &&
      measureBatch(
        b.model,
        prompt,
        b.profile.layers.map((l) => l.hotOrder),
        v,
      )
    );
  });
}

/** The hot/cold split of a batch run (re-exported so the page needs one import). */
export { splitAt, type SplitRow };

/** NeuronCacheSim at `v.memory` (a share of all FFN weights; null without a model). The browser computes the rest of the grid. */
export function measuredCache(v: CacheSettings & { memory: number }): Promise<CachePoint | null> {
  return once(`cache ${JSON.stringify([v.hot, v.bundle, v.neuron, v.memory])}`, async () => {
    const b = await phoneBase();
    return b && cacheSweep(b.profile, b.model.config.nEmbd, v, [v.memory])[0];
  });
}

/** PipelineGantt's run at these settings (null without a model). */
export function measuredPipeline(v: TokenPipelineSettings): Promise<PipelineRun | null> {
  return once(`pipe ${JSON.stringify([v.token, v.layer, v.cached, v.threads])}`, async () => {
    const b = await phoneBase();
    return b && pipelineForToken(b.model, b.profile, b.text, v);
  });
}
