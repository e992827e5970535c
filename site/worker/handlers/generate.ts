// Streaming generation, in the worker's session protocol (sessions.ts): `generate.start` prefills a prompt and keeps a
// Decoder (with its KV cache) in the worker; each `generate.next` returns the next `count` tokens; `generate.stop`
// frees it. The page loops, so it can stop at any time.
import { Decoder, type GeneratedToken } from '../../../lib/generate.ts';
import { type DecodeEngine, defineHandler } from '../protocol.ts';
import { decodeEngineFor, getModel, type ModelName } from '../models.ts';
import { Sessions, lastChars, nextHandler, stopHandler } from '../sessions.ts';
import type { Registered } from './index.ts';

/** Prompts longer than this many characters are cut (from the start) before tokenizing. */
export const MAX_PROMPT_CHARS = 4000;
const sessions = new Sessions<Decoder>('generate', 4, (d) => d.dispose());

export interface GenStartPayload {
  model: ModelName;
  prompt: string;
  temperature: number;
  topK: number;
  topP?: number;
  seed: number;
}

export interface GenStartResult {
  session: number;
  /** The prompt as the tokenizer splits it (only the part the model sees). */
  promptTokens: { id: number; text: string; partial: boolean }[];
  /** A note when the prompt was cut to fit. */
  note?: string;
  /** What decodes this generation: the lean engine, or tfjs (`?engine=tfjs`, or a model with an unmerged adapter). */
  engine: DecodeEngine;
}

export const genStart = defineHandler(async (p: GenStartPayload, ctx): Promise<GenStartResult> => {
  const model = await getModel(p.model, ctx);
  const notes: string[] = [];
  const prompt = lastChars(p.prompt, MAX_PROMPT_CHARS, notes);
  if (prompt.length === 0) throw new Error('Type a prompt first: the model needs at least one token to continue.');
  const runner = decodeEngineFor(model, ctx);
  const engine: DecodeEngine = runner ? 'lean' : 'tfjs';
  const decoder = new Decoder(model, prompt, {
    runner,
    temperature: p.temperature,
    topK: p.topK,
    topP: p.topP ?? 1,
    seed: p.seed,
    topAlternatives: 5,
  });
  if (decoder.promptTruncated)
    notes.push(
      `The prompt is longer than the model's context of ${model.config.blockSize} tokens; it sees only the last ${model.config.blockSize}.`,
    );
  const session = sessions.add(decoder);
  const seen = decoder.promptIds.slice(-model.config.blockSize);
  return {
    session,
    // Characters split over tokens show whole on the token completing them, never as U+FFFD per byte.
    promptTokens: model.tokenizer.pieces(seen).map((piece, i) => ({ id: seen[i], ...piece })),
    note: notes.join(' ') || undefined,
    engine,
  };
});

export const genNext = nextHandler(sessions, (decoder): GeneratedToken => decoder.next());
export const genStop = stopHandler(sessions);

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'generate.start': genStart, 'generate.next': genNext, 'generate.stop': genStop };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
