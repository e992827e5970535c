// Speculative decoding, step by step, for the tree widget, in the worker's session protocol (sessions.ts):
// `spec.start` tokenizes a prompt and keeps a SpeculativeDecoder (target-v1 verifying, draft-v1 guessing in plain JS)
// in the worker; `spec.next` runs `count` steps (default 1) and returns each as plain data (tree, mask, accepted path,
// tokens, times); `spec.stop` frees it.
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
import { Sessions, lastChars, nextHandler, stopHandler } from '../sessions.ts';
import type { Tokenizer } from '../../../lib/tokenizer.ts';
import type { Registered } from './index.ts';

/** Prompts longer than this many characters are cut (from the start) before tokenizing. */
export const MAX_SPEC_PROMPT_CHARS = 4000;
interface Session {
  decoder: SpeculativeDecoder;
  tokenizer: Tokenizer;
}
const sessions = new Sessions<Session>('spec', 4, (s) => s.decoder.dispose());

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
  const session = sessions.add({ decoder, tokenizer: target.tokenizer });
  const seen = decoder.promptIds.slice(-target.config.blockSize);
  return {
    session,
    shape: formatTreeShape(shape),
    promptTokens: seen.map((id) => ({ id, text: target.tokenizer.tokenText(id) })),
    note: notes.join(' ') || undefined,
  };
});

export const specNext = nextHandler(sessions, (s): StepView => stepView(s.decoder.session.step(), s.tokenizer));
export const specStop = stopHandler(sessions);

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'spec.start': specStart, 'spec.next': specNext, 'spec.stop': specStop };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
