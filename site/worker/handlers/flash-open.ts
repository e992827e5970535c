// `flash.open`: opens (building if needed) a model's FFN store in one layout and says where it lives. The lesson's
// self-check and tests use it to see the store versioned: rebuilt on first use and when the model changes.
import { LAYOUTS, type FfnLayoutName } from '../../../lib/flash/index.ts';
import { defineHandler } from '../protocol.ts';
import { getModel, MODEL_NAMES, type ModelName } from '../models.ts';
import { flashStore, type StorageChoice } from './flash-store.ts';
import type { Registered } from './index.ts';

export interface FlashOpenResult {
  model: ModelName;
  layout: FfnLayoutName;
  storage: 'memory' | 'file' | 'opfs';
  fallback: string | null;
  rebuilt: boolean;
  fingerprint: number;
  bytes: number;
}

export const flashOpen = defineHandler(
  async (p: { model?: ModelName; layout?: FfnLayoutName; storage?: StorageChoice }, ctx): Promise<FlashOpenResult> => {
    const name = p?.model ?? 'target-v1';
    if (!MODEL_NAMES.includes(name))
      throw new Error(`Unknown model "${name}"; this site ships ${MODEL_NAMES.join(', ')}.`);
    const layout = p?.layout ?? 'bundled';
    if (!LAYOUTS.includes(layout))
      throw new Error(`Layout must be one of ${LAYOUTS.join(', ')}, got ${JSON.stringify(layout)}.`);
    const model = await getModel(name, ctx);
    const { store, fallback, rebuilt } = await flashStore(model, layout, ctx, p?.storage ?? 'auto');
    return {
      model: name,
      layout,
      storage: store.storage.kind,
      fallback,
      rebuilt,
      fingerprint: store.fingerprint,
      bytes: store.storage.size(),
    };
  },
);

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'flash.open': flashOpen };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
