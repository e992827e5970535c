// The worker's flash stores (lib/flash) for the LLM in a Flash lesson: one OPFS file per layout, holding the FFN of
// whichever model asked last. A store written for another model (another fingerprint) or another format is rebuilt.
// Where OPFS is missing, refuses, is full or is held by another tab, the store lives in memory and `fallback` says why.
import {
  type FlashFfnStore,
  ffnWeightsOf,
  fingerprint,
  openStoreOrFallBack,
  type FfnLayoutName,
  type FfnWeights,
} from '../../../lib/flash/index.ts';
import { loadPredictor, type ActivationPredictor } from '../../../lib/sparsity/index.ts';
import { MemoryStorage, openBrowserStorage } from '../../../lib/storage/index.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import type { HandlerContext } from '../protocol.ts';

export type StorageChoice = 'auto' | 'memory';

export interface OpenedFlashStore {
  store: FlashFfnStore;
  weights: FfnWeights;
  /** Null on OPFS; otherwise why the weights are in memory. */
  fallback: string | null;
  /** True if this call wrote the store (first use, model changed, format changed). */
  rebuilt: boolean;
}

const open = new Map<string, { store: FlashFfnStore; fallback: string | null; fp: number; weights: FfnWeights }>();

export function storeFileName(layout: FfnLayoutName): string {
  return `llmp-flash-ffn-${layout}.bin`;
}

/** The store for `model` in `layout` on OPFS (or memory), (re)written only when needed. */
export async function flashStore(
  model: LanguageModel,
  layout: FfnLayoutName,
  ctx: HandlerContext,
  storage: StorageChoice = 'auto',
): Promise<OpenedFlashStore> {
  const weights = ffnWeightsOf(model);
  const fp = fingerprint(weights);
  const key = `${layout}:${storage}`;
  const have = open.get(key);
  if (have && have.fp === fp)
    return { store: have.store, weights: have.weights, fallback: have.fallback, rebuilt: false };
  have?.store.storage.close(); // releases the OPFS lock before reopening the same file
  open.delete(key);
  ctx.progress(ctx.text.openingLayoutStore(layout));
  const { storage: bytes, fallback: openNote } =
    storage === 'memory'
      ? {
          storage: new MemoryStorage(`memory (${layout})`),
          fallback: ctx.text.memoryChosen,
        }
      : await openBrowserStorage(storeFileName(layout));
  const { store, fallback: writeNote } = openStoreOrFallBack(bytes, weights, layout);
  const fallback = writeNote ?? openNote;
  open.set(key, { store, fallback, fp, weights });
  return { store, weights, fallback, rebuilt: store.rebuilt };
}

let predictor: Promise<ActivationPredictor> | undefined;

/** predictor-v1 (trained for target-v1), loaded once per worker from our own origin. */
export function flashPredictor(): Promise<ActivationPredictor> {
  const url = `${self.location.origin}${import.meta.env.BASE_URL.replace(/\/?$/, '/')}models/predictor-v1/`;
  predictor ??= loadPredictor(url, { name: 'predictor-v1' });
  predictor.catch(() => {
    predictor = undefined;
  });
  return predictor;
}
