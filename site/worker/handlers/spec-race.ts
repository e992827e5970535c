// `spec.race`: plain KV-cache greedy decoding and speculative greedy decoding of the same prompt, timed in the
// worker on its backend (the draft in plain JS), for the race widget. Plain runs first, then speculative, then plain
// again, and the faster plain run counts, so a slow first run (kernel compilation) does not flatter speculation.
import { generate } from '../../../lib/generate.ts';
import { LeanRunner, speculativeGenerate, parseTreeShape, formatTreeShape } from '../../../lib/speculative/index.ts';
import { defineHandler } from '../protocol.ts';
import { getModel } from '../models.ts';

export interface SpecRacePayload {
  prompt: string;
  tree: string;
  tokens: number;
}

export interface SpecRaceResult {
  shape: string;
  backend: string;
  plain: { text: string; ms: number; tokensPerSecond: number };
  speculative: { text: string; ms: number; tokensPerSecond: number; passes: number; tokensPerPass: number; targetMs: number; draftMs: number };
  identical: boolean;
  note?: string;
}

export const specRace = defineHandler(async (p: SpecRacePayload, ctx): Promise<SpecRaceResult> => {
  const target = await getModel('target-v1', ctx);
  const draft = await getModel('draft-v1', ctx);
  const prompt = String(p.prompt ?? '').slice(-4000);
  if (prompt.trim().length === 0) throw new Error('Type a prompt first: the models need at least one token to continue.');
  const shape = parseTreeShape(p.tree);
  const n = Math.min(256, Math.max(8, Math.floor(p.tokens) || 96));
  const now = () => performance.now();
  const plainRun = () => { const t = now(); const r = generate(target, prompt, { temperature: 0, maxNewTokens: n }); return { r, ms: now() - t }; };
  ctx.progress('Plain decoding…', 0);
  const a = plainRun();
  ctx.progress('Speculative decoding…', 0.4);
  let t = now();
  const s = speculativeGenerate(target, new LeanRunner(draft), prompt, { tree: shape, temperature: 0, maxNewTokens: n });
  const specMs = now() - t;
  ctx.progress('Plain decoding again…', 0.7);
  const b = plainRun();
  const plain = a.ms <= b.ms ? a : b;
  return {
    shape: formatTreeShape(shape), backend: ctx.backend.name,
    plain: { text: plain.r.text, ms: plain.ms, tokensPerSecond: (n / plain.ms) * 1000 },
    speculative: { text: s.text, ms: specMs, tokensPerSecond: (n / specMs) * 1000, passes: s.targetPasses, tokensPerPass: s.tokensPerPass, targetMs: s.targetMs, draftMs: s.draftMs },
    identical: s.text === plain.r.text,
    note: a.r.promptTruncated ? `The prompt is longer than the models' context of ${target.config.blockSize} tokens; they see only the last ${target.config.blockSize}.` : undefined,
  };
});
