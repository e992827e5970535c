// `lora.adapters`: the loaded adapters. `lora.generate`: greedy text from the base or an adapter, merged or not,
// with its decode speed. `lora.analyze`: singular values of ΔW and the Eq. 4 subspace similarity between two
// adapters (Hu et al., arXiv 2106.09685 v2, §7.2).
import { generate } from '../../../lib/generate.ts';
import { deltaSingularValues, subspaceSimilarity } from '../../../lib/lora/index.ts';
import { defineHandler } from '../protocol.ts';
import { loraState, requireAdapter, type AdapterInfo } from './lora-state.ts';
import type { Registered } from './index.ts';

export const MAX_NEW_TOKENS = 64;
export const MAX_PROMPT_CHARS = 2000;

export const loraAdapters = defineHandler(
  async (
    _p: Record<string, never>,
    ctx,
  ): Promise<{ adapters: AdapterInfo[]; baseParameters: number; active: { name: string; merged: boolean } | null }> => {
    const s = await loraState(ctx);
    return { adapters: [...s.infos.values()], baseParameters: s.model.parameterCount, active: s.set.active };
  },
);

export interface LoraGeneratePayload {
  adapter: string | null;
  merged: boolean;
  prompt: string;
  maxNewTokens: number;
}
export interface LoraGenerateResult {
  adapter: string | null;
  merged: boolean;
  text: string;
  ids: number[];
  tokensPerSecond: number;
  switchMs: number;
  note?: string;
}

export const loraGenerate = defineHandler(async (p: LoraGeneratePayload, ctx): Promise<LoraGenerateResult> => {
  const s = await loraState(ctx);
  const name = p.adapter ?? null;
  if (name !== null) await requireAdapter(s, name);
  let prompt = String(p.prompt ?? '');
  let note: string | undefined;
  if (prompt.trim() === '') throw new Error('Type a prompt first: the model needs at least one token to continue.');
  if (prompt.length > MAX_PROMPT_CHARS) {
    prompt = prompt.slice(-MAX_PROMPT_CHARS);
    note = `Only the last ${MAX_PROMPT_CHARS} characters of the prompt were used.`;
  }
  const n = Math.min(MAX_NEW_TOKENS, Math.max(1, Math.floor(Number(p.maxNewTokens) || 32)));
  const t0 = performance.now();
  s.set.use(name, { merged: !!p.merged });
  const switchMs = performance.now() - t0;
  // Time decoding only: the first token includes the prompt's prefill, so the clock starts after it.
  let start = 0;
  const out = generate(s.model, prompt, {
    temperature: 0,
    maxNewTokens: n,
    onToken: () => {
      if (!start) start = performance.now();
    },
  });
  const seconds = (performance.now() - start) / 1000;
  return {
    adapter: name,
    merged: !!p.merged,
    text: out.text,
    ids: out.ids,
    tokensPerSecond: seconds > 0 ? (out.ids.length - 1) / seconds : 0,
    switchMs,
    note,
  };
});

export interface LoraAnalyzePayload {
  a: string;
  b: string;
  target: string;
}
export interface LoraAnalyzeResult {
  target: string;
  singular: { a: number[]; b: number[] };
  similarity: number[][];
  ranks: [number, number];
}

export const loraAnalyze = defineHandler(async (p: LoraAnalyzePayload, ctx): Promise<LoraAnalyzeResult> => {
  const s = await loraState(ctx);
  for (const n of [p.a, p.b]) await requireAdapter(s, String(n));
  const a = s.set.get(String(p.a)),
    b = s.set.get(String(p.b));
  if (!a.spec.targets.includes(p.target) || !b.spec.targets.includes(p.target))
    throw new Error(
      `Both adapters must adapt ${p.target}; they adapt ${a.spec.targets.join(', ')} and ${b.spec.targets.join(', ')}.`,
    );
  return {
    target: p.target,
    singular: { a: deltaSingularValues(a, p.target), b: deltaSingularValues(b, p.target) },
    similarity: subspaceSimilarity(a, b, p.target),
    ranks: [a.rank, b.rank],
  };
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'lora.adapters': loraAdapters, 'lora.generate': loraGenerate, 'lora.analyze': loraAnalyze };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
