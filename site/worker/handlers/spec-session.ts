// Speculative decoding, one step at a time, for the tree widget: `spec.start` tokenizes a prompt and keeps a
// SpeculativeDecoder (target-v1 verifying, draft-v1 guessing in plain JS) in the worker; each `spec.step` runs one
// step and returns it as plain data (tree, mask, accepted path, tokens, times); `spec.stop` frees it.
import {
  LeanRunner,
  SpeculativeDecoder,
  parseTreeShape,
  formatTreeShape,
  stepView,
  type StepView,
} from '../../../lib/speculative/index.ts';
import { defineHandler } from '../protocol.ts';
import { getModel } from '../models.ts';
import { Sessions, lastChars } from '../sessions.ts';
import type { Registered } from './index.ts';

/** Prompts longer than this many characters are cut (from the start) before tokenizing. */
export const MAX_SPEC_PROMPT_CHARS = 4000;
const sessions = new Sessions<SpeculativeDecoder>(4, (d) => d.dispose());

export interface SpecStartPayload {
  prompt: string;
  /** Tree shape text: "1,1,3,1", "chain 4", "budget 16". */
  tree: string;
  temperature?: number;
  seed?: number;
}

export interface SpecStartResult {
  session: number;
  shape: string;
  promptTokens: { id: number; text: string }[];
  note?: string;
}

export const specStart = defineHandler(async (p: SpecStartPayload, ctx): Promise<SpecStartResult> => {
  const target = await getModel('target-v1', ctx);
  const draft = await getModel('draft-v1', ctx);
  const notes: string[] = [];
  const prompt = lastChars(p.prompt, MAX_SPEC_PROMPT_CHARS, notes);
  if (prompt.trim().length === 0)
    throw new Error('Type a prompt first: the models need at least one token to continue.');
  const shape = parseTreeShape(p.tree); // throws a readable message for a bad shape
  const decoder = new SpeculativeDecoder(target, new LeanRunner(draft), prompt, {
    tree: shape,
    temperature: p.temperature ?? 0,
    seed: p.seed ?? 1,
  });
  if (decoder.promptTruncated)
    notes.push(
      `The prompt is longer than the models' context of ${target.config.blockSize} tokens; they see only the last ${target.config.blockSize}.`,
    );
  const session = sessions.add(decoder);
  const seen = decoder.promptIds.slice(-target.config.blockSize);
  return {
    session,
    shape: formatTreeShape(shape),
    promptTokens: seen.map((id) => ({ id, text: target.tokenizer.tokenText(id) })),
    note: notes.join(' ') || undefined,
  };
});

export const specStep = defineHandler(async (p: { session: number }, ctx): Promise<StepView> => {
  const decoder = sessions.get(p.session);
  if (!decoder) throw new Error('This run was stopped or replaced by a newer one; press Restart.');
  const target = await getModel('target-v1', ctx);
  return stepView(decoder.session.step(), target.tokenizer);
});

export const specStop = defineHandler((p: { session: number }): { stopped: boolean } => {
  return { stopped: sessions.stop(p.session) };
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'spec.start': specStart, 'spec.step': specStep, 'spec.stop': specStop };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
