// The token stepper of the LLM in a Flash lesson, in the worker's session protocol (sessions.ts): `flash.start` opens
// the FFN store (OPFS or memory), builds the policy's runner and an in-memory decoder beside it; each `flash.next`
// makes `count` tokens (default 1; fewer when the context is full) both ways and returns, per token, the flash run's
// counted reads, bytes and DRAM, with the I/O time priced on the paper's figures and on the reader's measured curve
// (after `flash.measure`); `flash.stop` frees the session.
import {
  FlashDecoder,
  FlashFfn,
  paperIoMs,
  curveIoMs,
  validatePolicy,
  type FlashPolicy,
  type FlashToken,
} from '../../../lib/flash/index.ts';
import { Decoder, type GeneratedToken } from '../../../lib/generate.ts';
import { defineHandler } from '../protocol.ts';
import { decodeEngineFor, getModel, MODEL_NAMES, type ModelName } from '../models.ts';
import { flashPredictor, flashStore, type StorageChoice } from './flash-store.ts';
import { lastMeasuredCurve } from './flash-measure.ts';
import { Sessions, lastChars, nextHandler, stopHandler } from '../sessions.ts';
import type { Registered } from './index.ts';

/** Prompts longer than this many characters are refused with a message (the page keeps working). */
export const MAX_FLASH_PROMPT_CHARS = 2000;
interface Session {
  flash: FlashDecoder;
  memory: Decoder;
  policy: FlashPolicy;
  neuronBytes: number;
  model: ModelName;
}
const sessions = new Sessions<Session>('flash', 2, (s) => {
  s.flash.dispose();
  s.memory.dispose();
});

export interface FlashStartPayload {
  model?: ModelName;
  prompt: string;
  policy: FlashPolicy;
  storage?: StorageChoice;
}

export interface FlashStartResult {
  session: number;
  promptTokens: string[];
  /** Tokens that fit before the context is full. */
  remaining: number;
  storage: 'memory' | 'file' | 'opfs';
  fallback: string | null;
  rebuilt: boolean;
  /** One-off reads that filled the resident share (hybrid). */
  setup: { reads: number; bytes: number };
  notes: string[];
}

export interface FlashStep {
  id: number;
  text: string;
  /** What the model in memory writes at this step (equal for exact policies). */
  memoryText: string;
  same: boolean;
  reads: number;
  bytes: number;
  neuronsLoaded: number;
  neuronsChosen: number;
  /** FFN weight bytes held in DRAM after this token. */
  dramBytes: number;
  /** Milliseconds inside the storage reads, timed. */
  readMs: number;
  /** I/O milliseconds priced on the paper's M1 Max throughput, and on this device's curve (null until measured). */
  paperMs: number;
  curveMs: number | null;
}

export const flashStart = defineHandler(async (p: FlashStartPayload, ctx): Promise<FlashStartResult> => {
  const policy = validatePolicy(p?.policy);
  const notes: string[] = [];
  const prompt = lastChars(p?.prompt, MAX_FLASH_PROMPT_CHARS, notes);
  if (prompt.trim().length === 0)
    throw new Error('Type a prompt first: the model needs at least one token to continue.');
  const name = p?.model ?? 'target-v1';
  if (!MODEL_NAMES.includes(name))
    throw new Error(`Unknown model "${name}"; this site ships ${MODEL_NAMES.join(', ')}.`);
  if (policy.select === 'predictor' && name !== 'target-v1')
    throw new Error(
      `predictor-v1 is trained for target-v1 only; with ${name}, read all neurons or the exact active set.`,
    );
  const model = await getModel(name, ctx);
  let ids = model.tokenizer.encode(prompt);
  const room = 16; // leave this many tokens to generate
  if (ids.length > model.config.blockSize - room) {
    notes.push(
      `The prompt is ${ids.length} tokens; the model's context is ${model.config.blockSize}, so only its last ${model.config.blockSize - room} are used.`,
    );
    ids = ids.slice(-(model.config.blockSize - room));
  }
  const predictor = policy.select === 'predictor' ? await flashPredictor() : undefined;
  const { store, weights, fallback, rebuilt } = await flashStore(model, policy.layout, ctx, p?.storage ?? 'auto');
  const runner = new FlashFfn(store, weights, policy, { predictor });
  // Both decoders run on the lean engine unless the page asked for tfjs (?engine=tfjs): the same tokens either way.
  const flash = new FlashDecoder(model, runner, ids, { engine: decodeEngineFor(model, ctx) });
  const session = sessions.add({
    flash,
    memory: new Decoder(model, ids, { temperature: 0, runner: decodeEngineFor(model, ctx) }),
    policy,
    neuronBytes: store.layout.neuronBytes,
    model: name,
  });
  return {
    session,
    promptTokens: ids.map((id) => model.tokenizer.tokenText(id)),
    remaining: flash.remaining,
    storage: store.storage.kind,
    fallback,
    rebuilt,
    setup: { reads: runner.setup.reads, bytes: runner.setup.bytes },
    notes,
  };
});

/** Tokens until the context is full; then `flash.next` answers with fewer (none), and the page starts again. */
export const flashNext = nextHandler(sessions, (s): FlashStep | null =>
  s.flash.remaining > 0 ? stepOf(s.flash.next(), s.memory.next(), s) : null,
);

function stepOf(t: FlashToken, memory: GeneratedToken, s: Session): FlashStep {
  const r = t.record;
  const curve = lastMeasuredCurve();
  return {
    id: t.id,
    text: t.text,
    memoryText: memory.text,
    same: memory.id === t.id,
    reads: r.reads,
    bytes: r.bytes,
    neuronsLoaded: r.loaded,
    neuronsChosen: r.selected,
    dramBytes: r.heldAfter * s.neuronBytes,
    readMs: r.readMs,
    paperMs: paperIoMs(r, s.policy.layout),
    curveMs: curve ? curveIoMs(r, curve) : null,
  };
}

export const flashStop = stopHandler(sessions);

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'flash.start': flashStart, 'flash.next': flashNext, 'flash.stop': flashStop };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
