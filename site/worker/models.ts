// The models the worker has loaded, by folder name ("target-v1"), loaded once per worker from our own origin
// (public/models/) through the Cache API, so a second visit reads no weight file from the network.
import { loadModel } from '../../lib/load.ts';
import type { LanguageModel } from '../../lib/model.ts';
import { type LeanEngine, leanEngine } from '../../lib/engine/index.ts';
import type { DecodeEngine, HandlerContext } from './protocol.ts';

import { MODEL_NAMES, type ModelName } from './model-names.ts';

export { MODEL_NAMES, type ModelName };

const loaded = new Map<ModelName, Promise<LanguageModel>>();

export function modelUrl(name: ModelName): string {
  return `${self.location.origin}${import.meta.env.BASE_URL.replace(/\/?$/, '/')}models/${name}/`;
}

/** The model `name`, loading it (with progress on `ctx`) the first time it is asked for. */
export function getModel(name: ModelName, ctx: HandlerContext): Promise<LanguageModel> {
  if (!MODEL_NAMES.includes(name))
    return Promise.reject(new Error(`Unknown model "${name}"; this site ships ${MODEL_NAMES.join(', ')}.`));
  let p = loaded.get(name);
  if (!p) {
    p = loadModel(modelUrl(name), {
      name,
      onProgress: (e) => {
        const kb = (n: number) => `${Math.round(n / 1024)} KB`;
        ctx.progress(
          `Loading ${name}: ${e.file} ${e.totalBytes ? `${kb(e.loadedBytes)} of ${kb(e.totalBytes)}` : kb(e.loadedBytes)}${e.fromCache ? ' (from cache)' : ''}`,
          e.totalBytes ? e.loadedBytes / e.totalBytes : undefined,
        );
      },
    });
    loaded.set(name, p);
    p.catch(() => loaded.delete(name)); // a failed load is retried on the next request
  }
  return p;
}

/** Forget every loaded model (after the backend they live on was lost); the next request loads them again. */
export function forgetModels(): void {
  loaded.clear();
}

/**
 * What decodes text for `model` in this worker: the lean engine, unless the page asked for tfjs (`?engine=tfjs`,
 * HandlerContext.engine) or the model carries an unmerged adapter, which the engine refuses (lib/engine/index.ts).
 */
export function decodeEngineChoice(model: LanguageModel, ctx: Pick<HandlerContext, 'engine'>): DecodeEngine {
  return ctx.engine === 'lean' && !model.linearAdd ? 'lean' : 'tfjs';
}

/** The lean engine that decodes for `model` (decodeEngineChoice), or undefined for tfjs. */
export function decodeEngineFor(model: LanguageModel, ctx: Pick<HandlerContext, 'engine'>): LeanEngine | undefined {
  return decodeEngineChoice(model, ctx) === 'lean' ? leanEngine(model) : undefined;
}
