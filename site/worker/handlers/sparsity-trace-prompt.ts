// `sparsity.tracePrompt`: which FFN neurons fire, per layer and token, for the reader's prompt (lib/sparsity's
// profileActivations over one window). Used by the NeuronHeatmap widget. The prompt is cut to `maxTokens` (at most
// the model's context) with the counts returned, so the page can say what was left out.
import { profileActivations } from '../../../lib/sparsity/index.ts';
import { defineHandler } from '../protocol.ts';
import { getModel, type ModelName } from '../models.ts';
import type { Registered } from './index.ts';

/** Characters tokenized at most; anything past this is dropped before the tokenizer sees it. */
export const HEATMAP_MAX_CHARS = 50_000;

export interface HeatmapPayload {
  model: ModelName;
  text: string;
  /** Tokens kept from the start of the prompt (capped at the model's context). */
  maxTokens: number;
}

export interface HeatmapResult {
  nLayer: number;
  nFfn: number;
  /** The tokens shown, from the start of the prompt. */
  tokens: { id: number; text: string }[];
  /** Tokens in the whole prompt (of its first HEATMAP_MAX_CHARS characters), before the cut. */
  totalTokens: number;
  /** Characters the shown tokens cover, and in the whole prompt. */
  charsShown: number;
  totalChars: number;
  /** 32-bit words per (token, layer) bitset. */
  words: number;
  /** [layer] bitsets, token-major: word t*words + w, bit b = neuron 32w + b fired. */
  bits: Uint32Array[];
  /** [layer][token] share of the layer's neurons that were zero. */
  zeroFraction: Float32Array[];
}

export const sparsityTracePrompt = defineHandler(async (p: HeatmapPayload, ctx): Promise<HeatmapResult> => {
  const model = await getModel(p.model, ctx);
  const { nLayer: L, nFfn: F, blockSize } = model.config;
  const full = String(p.text ?? '');
  const ids = model.tokenizer.encode(full.slice(0, HEATMAP_MAX_CHARS));
  if (ids.length === 0) throw new Error('Type a prompt first: the heatmap needs at least one token.');
  const keep = ids.slice(0, Math.max(1, Math.min(blockSize, Math.floor(p.maxTokens) || blockSize)));
  ctx.progress(ctx.text.tracingPrompt(keep.length, model.name));
  const prof = profileActivations(model, keep, { maxTokens: keep.length });
  const tr = prof.trace;
  const bits = Array.from({ length: L }, (_, l) => {
    const out = new Uint32Array(tr.tokens * tr.words);
    for (let t = 0; t < tr.tokens; t++)
      out.set(tr.bits.subarray((t * L + l) * tr.words, (t * L + l + 1) * tr.words), t * tr.words);
    return out;
  });
  return {
    nLayer: L,
    nFfn: F,
    tokens: keep.map((id) => ({ id, text: model.tokenizer.tokenText(id) })),
    totalTokens: ids.length,
    charsShown: model.tokenizer.decode(keep).length,
    totalChars: full.length,
    words: tr.words,
    bits,
    zeroFraction: prof.layers.map((l) => l.zeroFraction),
  };
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'sparsity.tracePrompt': sparsityTracePrompt };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
