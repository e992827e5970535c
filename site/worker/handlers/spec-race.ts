// `spec.race`: plain KV-cache greedy decoding and speculative greedy decoding of the same prompt, timed in the
// worker on its backend (the draft in plain JS), for the race widget. The two alternate `runs` times each and the
// fastest of each counts, so a slow first run (kernel compilation) or a busy moment on the machine flatters neither.
// Each run's pass over the prompt is timed on its own and left out, as lib/speculative's races do: the race times
// decoding, the phase speculation speeds up.
import { generate } from '../../../lib/generate.ts';
import {
  LeanRunner,
  speculativeGenerate,
  parseTreeShape,
  formatTreeShape,
  promptPassClock,
} from '../../../lib/speculative/index.ts';
import { defineHandler } from '../protocol.ts';
import { getModel } from '../models.ts';
import type { Registered } from './index.ts';

export interface SpecRacePayload {
  prompt: string;
  tree: string;
  tokens: number;
  /** Runs of each decoder, 1 to 5 (default 2); the fastest counts. */
  runs?: number;
}

export interface SpecRaceResult {
  shape: string;
  backend: string;
  /** ms: decoding after the prompt; promptMs: the pass over the prompt, left out (fastest of the runs). */
  plain: { text: string; ms: number; tokensPerSecond: number; promptMs: number };
  speculative: {
    text: string;
    /** Decoding after the target's pass over the prompt, draft included. */
    ms: number;
    tokensPerSecond: number;
    passes: number;
    tokensPerPass: number;
    targetMs: number;
    draftMs: number;
  };
  identical: boolean;
  note?: string;
}

export const specRace = defineHandler(async (p: SpecRacePayload, ctx): Promise<SpecRaceResult> => {
  const target = await getModel('target-v1', ctx);
  const draft = await getModel('draft-v1', ctx);
  const prompt = String(p.prompt ?? '').slice(-4000);
  if (prompt.trim().length === 0)
    throw new Error('Type a prompt first: the models need at least one token to continue.');
  const shape = parseTreeShape(p.tree);
  const n = Math.min(256, Math.max(8, Math.floor(p.tokens) || 96));
  const now = () => performance.now();
  const runs = Math.min(5, Math.max(1, Math.floor(p.runs ?? 2) || 2));
  await ctx.checkpoint();
  ctx.progress(ctx.text.warmingUp, 0);
  generate(target, prompt, { temperature: 0, maxNewTokens: 4 }); // first calls compile kernels; not timed
  speculativeGenerate(target, new LeanRunner(draft), prompt, { tree: shape, temperature: 0, maxNewTokens: 4 });
  const promptPass = promptPassClock(now);
  /** A run's ms with its pass over the prompt left out. */
  const timed = <T>(run: () => T) => {
    promptPass.ms = 0;
    const t = now();
    const r = run();
    return { r, ms: now() - t - promptPass.ms };
  };
  let plain: { r: ReturnType<typeof generate>; ms: number } | undefined;
  let spec: { r: ReturnType<typeof speculativeGenerate>; ms: number } | undefined;
  let promptMs = Infinity;
  for (let i = 0; i < runs; i++) {
    await ctx.checkpoint(); // Cancel stops the race here or before the speculative run
    ctx.progress(ctx.text.plainRun(i + 1, runs), (2 * i) / (2 * runs));
    const p = timed(() =>
      generate(target, prompt, { temperature: 0, maxNewTokens: n, aroundPromptPass: promptPass.around }),
    );
    promptMs = Math.min(promptMs, promptPass.ms);
    if (!plain || p.ms < plain.ms) plain = p;
    await ctx.checkpoint();
    ctx.progress(ctx.text.speculativeRun(i + 1, runs), (2 * i + 1) / (2 * runs));
    const s = timed(() =>
      speculativeGenerate(target, new LeanRunner(draft), prompt, {
        tree: shape,
        temperature: 0,
        maxNewTokens: n,
        aroundPromptPass: promptPass.around,
      }),
    );
    if (!spec || s.ms < spec.ms) spec = s;
  }
  const a = plain!,
    s = spec!.r,
    specMs = spec!.ms;
  return {
    shape: formatTreeShape(shape),
    backend: ctx.backend.name,
    plain: { text: a.r.text, ms: a.ms, tokensPerSecond: (n / a.ms) * 1000, promptMs },
    speculative: {
      text: s.text,
      ms: specMs,
      tokensPerSecond: (n / specMs) * 1000,
      passes: s.targetPasses,
      tokensPerPass: s.tokensPerPass,
      targetMs: s.targetMs,
      draftMs: s.draftMs,
    },
    identical: s.text === a.r.text,
    note: a.r.promptTruncated
      ? `The prompt is longer than the models' context of ${target.config.blockSize} tokens; they see only the last ${target.config.blockSize}.`
      : undefined,
  };
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'spec.race': specRace };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
