// `bench.decode`: the decode benchmark of lib/bench.ts (the one `npm run bench` runs in Node), here in the browser's
// worker on whatever backend it started. The model is loaded afresh (through the Cache API, as the site loads it)
// so the load time is measured too, and freed afterwards.
import { benchDecode, type DecodeBench } from '../../../lib/bench.ts';
import { loadModel } from '../../../lib/load.ts';
import { defineHandler, type BackendInfo } from '../protocol.ts';
import { MODEL_NAMES, modelUrl, type ModelName } from '../models.ts';
import type { Registered } from './index.ts';

export interface BenchDecodeResult {
  model: ModelName;
  backend: BackendInfo;
  /** Time to fetch (or read from the cache) and decode the model's files, ms. */
  loadMs: number;
  /** True if every file came from the Cache API. */
  fromCache: boolean;
  bench: DecodeBench;
}

export const benchDecodeHandler = defineHandler(async (p: { model: ModelName }, ctx): Promise<BenchDecodeResult> => {
  if (!MODEL_NAMES.includes(p?.model))
    throw new Error(
      `bench.decode: unknown model ${JSON.stringify(p?.model)}; this site ships ${MODEL_NAMES.join(', ')}.`,
    );
  ctx.progress(ctx.text.loading(p.model), 0);
  let fromCache = true;
  const t = performance.now();
  const model = await loadModel(modelUrl(p.model), { name: p.model, onProgress: (e) => (fromCache &&= e.fromCache) });
  const loadMs = performance.now() - t;
  try {
    ctx.progress(ctx.text.timingOn(p.model, ctx.backend.name), 0.5);
    return { model: p.model, backend: ctx.backend, loadMs, fromCache, bench: benchDecode(model) };
  } finally {
    model.dispose();
  }
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'bench.decode': benchDecodeHandler };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
