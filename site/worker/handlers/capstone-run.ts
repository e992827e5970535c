// Lesson 9's decoder in the reader's browser (lib/capstone): `capstone.start` loads the models once per worker and
// opens the FFN store for the chosen switches, on OPFS (lesson 4's store: one file per weights × layout) or in
// memory, saying why when OPFS is missing, refused or full; each step of `capstone.next` is one target pass (a plain
// token, or a chain or tree verified at once) with its tokens, the pass's reads, and the run so far: tokens/s, bytes
// and reads per token, tokens per pass and where the time went; `capstone.stop` ends the run (sessions.ts's protocol).
import {
  allSwitchesBelowSpeculation,
  capstoneFfn,
  capstoneLadder,
  LADDER_DEFAULTS,
  runFigures,
  type RecordedLadder,
  unionSweep,
  capstoneFidelity,
  capstoneLabel,
  CapstoneDecoder,
  CapstoneStores,
  capstoneTotals,
  type CapstoneFidelity,
  type CapstoneModels,
  type CapstoneOptions,
  type CapstoneStep,
  type TimeSplit,
  validateCapstoneOptions,
} from '../../../lib/capstone/index.ts';
import { loadCapstoneModels } from '../../../lib/capstone/models.ts';
import { openBrowserStorage, type ByteStorage } from '../../../lib/storage/index.ts';
import { defineHandler, type HandlerContext } from '../protocol.ts';
import { getModel, modelUrl } from '../models.ts';
import { lastChars, nextHandler, Sessions, stopHandler } from '../sessions.ts';
import type { Tokenizer } from '../../../lib/tokenizer.ts';
import type { Registered } from './index.ts';
import type { WorkerText } from '../text.ts';

export const MAX_CAPSTONE_PROMPT_CHARS = 2000;
export const MAX_CAPSTONE_TOKENS = 64;

let models: Promise<CapstoneModels> | undefined;
function capstoneModels(ctx: HandlerContext): Promise<CapstoneModels> {
  models ??= (async () => {
    const loaded = { 'target-v1': await getModel('target-v1', ctx), 'draft-v1': await getModel('draft-v1', ctx) };
    ctx.progress(ctx.text.loadingCapstone);
    return loadCapstoneModels(modelUrl('target-v1').replace(/target-v1\/$/, ''), undefined, loaded);
  })();
  models.catch(() => {
    models = undefined;
  });
  return models;
}

// The flash back end: OPFS files opened ahead (OPFS opens asynchronously, the stores open synchronously), or memory.
const opened = new Map<string, { storage: ByteStorage; fallback: string | null }>();
const stores = new CapstoneStores((key) => opened.get(key)!.storage);
const memoryStores = new CapstoneStores(() => {
  throw new Error('capstone: the memory stores have no flash');
});

interface Session {
  options: CapstoneOptions;
  tokenizer: Tokenizer;
  decoder: CapstoneDecoder;
  tokens: number;
  ids: number[];
  /** The decoder's steps so far (the last one may emit more tokens than asked for). */
  steps: CapstoneStep[];
}
const sessions = new Sessions<Session>('capstone', 1, (s) => s.decoder.dispose());

export interface CapstoneStartPayload {
  options: Partial<CapstoneOptions>;
  prompt: string;
  /** Tokens to generate. */
  tokens: number;
}

export interface CapstoneStartResult {
  session: number;
  label: string;
  fidelity: CapstoneFidelity;
  /** Where the FFN's bytes are: OPFS, or memory (chosen, or because OPFS failed: `fallback` says why). */
  storage: 'opfs' | 'memory';
  fallback: string | null;
  promptTokens: string[];
  notes: string[];
}

/** Per generated token, over the run so far. */
export interface CapstoneTotals {
  tokens: number;
  passes: number;
  tokensPerPass: number;
  /** Milliseconds inside the decoder's steps (the page's messages to the worker left out), and tokens per second. */
  ms: number;
  tokensPerSecond: number;
  bytesPerToken: number;
  readsPerToken: number;
  split: TimeSplit;
}

export interface CapstonePass {
  /** The tokens this pass wrote (the accepted guesses, then the target's own), as text. */
  tokens: string[];
  bytes: number;
  reads: number;
  /** Rows of the pass (tree nodes) and the distinct neurons per layer they needed. */
  rows: number;
  neuronsPerLayer: number;
}

export interface CapstoneStepResult {
  pass: CapstonePass;
  totals: CapstoneTotals;
  done: boolean;
}

async function openStore(
  o: CapstoneOptions,
  m: CapstoneModels,
  text: WorkerText,
): Promise<{ storage: 'opfs' | 'memory'; fallback: string | null }> {
  if (o.storage === 'memory') return { storage: 'memory', fallback: null };
  const key = `${o.weights}-flash-${o.bundled ? 'bundled' : 'separate'}`;
  if (!opened.has(key)) opened.set(key, await openBrowserStorage(`llmp-capstone-${key}.bin`));
  const have = opened.get(key)!;
  if (have.fallback) return { storage: 'memory', fallback: have.fallback };
  try {
    capstoneFfn(m, stores, o); // writes the store the first time
    return { storage: 'opfs', fallback: null };
  } catch (e) {
    // Full (or failing) OPFS: close it and keep this worker's runs in memory, saying why.
    have.storage.close();
    const fallback = text.capstoneOpfsFull((e as Error).message);
    opened.set(key, { storage: have.storage, fallback });
    return { storage: 'memory', fallback };
  }
}

export const capstoneStart = defineHandler(async (p: CapstoneStartPayload, ctx): Promise<CapstoneStartResult> => {
  const o = validateCapstoneOptions(p?.options ?? {});
  const notes: string[] = [];
  const prompt = lastChars(p?.prompt, MAX_CAPSTONE_PROMPT_CHARS, notes);
  if (prompt.trim().length === 0)
    throw new Error('Type a prompt first: the model needs at least one token to continue.');
  const tokens = p?.tokens;
  if (!(Number.isInteger(tokens) && tokens >= 1 && tokens <= MAX_CAPSTONE_TOKENS))
    throw new Error(`Tokens must be a whole number from 1 to ${MAX_CAPSTONE_TOKENS}, got ${JSON.stringify(tokens)}.`);
  const m = await capstoneModels(ctx);
  ctx.progress(ctx.text.openingStore);
  const { storage, fallback } = await openStore(o, m, ctx.text);
  const run: CapstoneOptions = { ...o, storage: storage === 'opfs' ? 'flash' : 'memory' };
  const t = m.targets[o.weights]!;
  let ids = m.tokenizer.encode(prompt);
  // Room for the tokens plus the largest tree a step may add past them.
  const room = tokens + (o.tree.kind === 'expansion' ? o.tree.widths.length : o.tree.nodes) + 1;
  const { blockSize } = t.engine.config;
  if (ids.length > blockSize - room) {
    notes.push(
      `The prompt is ${ids.length} tokens; the model's context is ${blockSize}, so only its last ${blockSize - room} are used.`,
    );
    ids = ids.slice(-(blockSize - room));
  }
  // The decoder leaves the prompt's prefill out of its records: it is not a generated token.
  const decoder = new CapstoneDecoder(m, storage === 'opfs' ? stores : memoryStores, ids, run);
  const id = sessions.add({ options: o, tokenizer: m.tokenizer, decoder, tokens, ids: [], steps: [] });
  return {
    session: id,
    label: capstoneLabel(o),
    fidelity: capstoneFidelity(o),
    storage,
    fallback,
    promptTokens: ids.map((i) => m.tokenizer.tokenText(i)),
    notes,
  };
});

/** One target pass of a run, or null once the run has all its tokens. */
function capstoneStep(s: Session): CapstoneStepResult | null {
  if (s.ids.length >= s.tokens) return null;
  const { logits: _logits, ...step } = s.decoder.step();
  s.steps.push(step);
  const emitted = step.emitted.slice(0, s.tokens - s.ids.length);
  s.ids.push(...emitted);
  const last = step.records.at(-1)!;
  const { nLayer } = s.decoder.target.engine.config;
  const {
    emitted: n,
    passes,
    tokensPerPass,
    clockMs,
    tokensPerSecond,
    bytesPerToken,
    readsPerToken,
    split,
  } = capstoneTotals(s.steps);
  return {
    pass: {
      tokens: emitted.map((i) => s.tokenizer.tokenText(i)),
      bytes: last.bytes,
      reads: last.reads,
      rows: last.rows / nLayer,
      neuronsPerLayer: last.selected / nLayer,
    },
    totals: { tokens: n, passes, tokensPerPass, ms: clockMs, tokensPerSecond, bytesPerToken, readsPerToken, split },
    done: s.ids.length >= s.tokens,
  };
}

export interface CapstoneLadderPayload {
  /** Runs per combination, the fastest kept (default LADDER_DEFAULTS.repeats, at most 5). */
  repeats?: number;
  /** Greedy tokens per run (default and at most LADDER_DEFAULTS.tokens): fewer make a quick look, as a test takes. */
  tokens?: number;
}

/** The ladder and its stores; the page adds where it ran and the read curve it measured (lib's RecordedLadder). */
export type CapstoneLadderResult = Omit<RecordedLadder, 'where' | 'curve'>;

/** Lesson 9's ladder (lib/capstone's capstoneLadder) on this browser's OPFS, as `npm run bench` measures it in
 *  Node: each rung and each rung's change alone, greedy, the fastest of `repeats` runs; then the tree sweep
 *  (LADDER_DEFAULTS.sweep's shapes, every other switch on). One request; a progress line per combination. */
export const capstoneLadderRun = defineHandler(async (p: CapstoneLadderPayload, ctx): Promise<CapstoneLadderResult> => {
  const repeats = p?.repeats ?? LADDER_DEFAULTS.repeats;
  if (!(Number.isInteger(repeats) && repeats >= 1 && repeats <= 5))
    throw new Error(`Repeats must be a whole number from 1 to 5, got ${JSON.stringify(repeats)}.`);
  const tokens = p?.tokens ?? LADDER_DEFAULTS.tokens;
  if (!(Number.isInteger(tokens) && tokens >= 1 && tokens <= LADDER_DEFAULTS.tokens))
    throw new Error(
      `Tokens must be a whole number from 1 to ${LADDER_DEFAULTS.tokens}, got ${JSON.stringify(tokens)}.`,
    );
  const m = await capstoneModels(ctx);
  ctx.progress(ctx.text.openingStore);
  // Every store a rung or a lone change reads: fp32 and int4, separate and bundled.
  let fallback: string | null = null;
  for (const weights of ['fp32', 'int4'] as const)
    for (const bundled of [false, true]) {
      const o = validateCapstoneOptions({ weights, bundled });
      fallback ??= (await openStore(o, m, ctx.text)).fallback;
    }
  const { prompt, chain, tree, sweep } = LADDER_DEFAULTS;
  const runStores = fallback ? memoryStores : stores;
  const ladder = capstoneLadder(m, runStores, {
    prompt,
    maxNewTokens: tokens,
    repeats,
    chain,
    tree,
    onMeasure: (done, total, step, alone) => ctx.progress(ctx.text.ladderRung(done, total, step.label, alone)),
  });
  ctx.progress(ctx.text.treeSweep(sweep.length));
  const swept = unionSweep(m, runStores, [...sweep], allSwitchesBelowSpeculation(), {
    prompt,
    maxNewTokens: tokens,
    repeats,
  });
  return {
    storage: fallback ? 'memory' : 'opfs',
    fallback,
    prompt,
    tokens,
    repeats,
    rungs: ladder.rungs.map((r) => ({
      id: r.id,
      label: r.label,
      run: runFigures(r.run),
      stepGain: r.stepGain,
      aloneGain: r.aloneGain,
    })),
    whole: ladder.whole,
    productAlone: ladder.productAlone,
    sweep: swept.points.map((p) => ({ shape: p.shape, run: runFigures(p.run) })),
  };
});

export const capstoneNext = nextHandler(sessions, capstoneStep);
export const capstoneStop = stopHandler(sessions);

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = {
  'capstone.start': capstoneStart,
  'capstone.next': capstoneNext,
  'capstone.stop': capstoneStop,
  'capstone.ladder': capstoneLadderRun,
};
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
