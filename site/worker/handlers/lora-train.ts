// Training a LoRA adapter in the browser, a few steps per request so the page can pause, resume or stop at any
// point, in the worker's session protocol (sessions.ts): `train.start` builds a fresh adapter on the widgets' own
// target-v1, `train.next` runs steps for about half a second (`budgetMs`), `train.sample` samples a few seeded
// continuations with the adapter so far and scores their voice (lib/lora/voice.ts), and `train.stop` keeps the adapter (as "yours") and checks that every base weight is
// still bit for bit what it was. One run at a time: starting one frees the one before.
import { NEUTRAL_PROMPTS, voiceScore, type Voice } from '../../../lib/lora/voice.ts'; // at VOICE_TEMPERATURE
import {
  LoraAdapter,
  LoraTrainer,
  heldOutBatches,
  targetsFor,
  validateLoraSpec,
  KINDS,
  type Kind,
} from '../../../lib/lora/index.ts';
import type { Batch } from '../../../lib/train/index.ts';
import { splitPastedText } from '../../../lib/train/pasted-text.ts';
import { weightsFingerprint } from '../../../lib/fingerprint.ts';
import { defineHandler } from '../protocol.ts';
import { Sessions } from '../sessions.ts';
import { loraState, sotuCorpus, infoOf, voiceClassifier, type AdapterInfo } from './lora-state.ts';
import type { Registered } from './index.ts';

export const MAX_STEPS = 1000;
/** Each training step: this many windows of this many tokens. */
export const TRAIN_BATCH = 4;
export const TRAIN_WINDOW = 64;

export interface TrainStartPayload {
  rank: number;
  alpha: number;
  kinds: Kind[];
  steps: number;
  lr: number;
  seed: number;
  corpus: 'sotu' | 'text';
  text?: string;
}
export interface TrainStartResult {
  session: number;
  parameters: number;
  heldOutLoss: number;
  trainTokens: number;
  heldOutTokens: number;
  notes: string[];
}
export interface TrainStepsResult {
  step: number;
  steps: number;
  losses: { step: number; loss: number }[];
  heldOutLoss?: number;
  stepsPerSecond: number;
  tokensPerSecond: number;
  done: boolean;
}

interface Session {
  adapter: LoraAdapter;
  trainer: LoraTrainer;
  held: Batch[];
  fingerprint: string;
  seconds: number;
  stepsTimed: number;
}
const sessions = new Sessions<Session>('train', 1, (s) => {
  s.trainer.dispose();
  s.adapter.dispose();
});

export const loraTrainStart = defineHandler(async (p: TrainStartPayload, ctx): Promise<TrainStartResult> => {
  const s = await loraState(ctx);
  const notes: string[] = [];
  const kinds = Array.isArray(p.kinds) ? p.kinds.filter((k) => (KINDS as readonly string[]).includes(k)) : [];
  if (kinds.length === 0) throw new Error(`Choose at least one matrix to adapt (${KINDS.join(', ')}).`);
  const spec = { rank: Number(p.rank), alpha: Number(p.alpha), targets: targetsFor(s.model.config, kinds) };
  validateLoraSpec(s.model.config, spec); // rank and alpha ranges, with messages naming the value
  const steps = Math.floor(Number(p.steps));
  if (!(steps >= 1 && steps <= MAX_STEPS))
    throw new Error(`Steps must be a whole number from 1 to ${MAX_STEPS}, got ${p.steps}.`);
  const lr = Number(p.lr);
  if (!(lr > 0 && lr <= 0.1)) throw new Error(`The learning rate must be in (0, 0.1], got ${p.lr}.`);

  let text: { train: string; validation: string };
  if (p.corpus === 'text') {
    const pasted = splitPastedText(String(p.text ?? ''));
    notes.push(...pasted.notes);
    text = pasted;
  } else {
    ctx.progress(ctx.text.loadingSotu);
    text = await sotuCorpus();
  }
  // Train against the bare base: switch off whatever adapter is active first.
  s.set.use(null);
  const tok = s.model.tokenizer;
  const trainIds = tok.encode(text.train),
    heldIds = tok.encode(text.validation.slice(0, 40_000));
  if (heldIds.length < TRAIN_WINDOW + 1)
    throw new Error(
      `The held-out end of your text is only ${heldIds.length} tokens; paste more text (it needs at least ${TRAIN_WINDOW + 1}).`,
    );
  const adapter = new LoraAdapter(s.set.base, spec, { seed: Math.floor(Number(p.seed) || 1) });
  const trainer = new LoraTrainer(s.model, adapter, trainIds, {
    steps,
    batchSize: TRAIN_BATCH,
    blockSize: TRAIN_WINDOW,
    peakLr: lr,
    seed: Math.floor(Number(p.seed) || 1),
    warmup: Math.min(10, Math.floor(steps / 10)),
  });
  const held = heldOutBatches(s.model, heldIds, 8, TRAIN_WINDOW);
  const session = sessions.add({
    adapter,
    trainer,
    held,
    fingerprint: s.set.base.fingerprint,
    seconds: 0,
    stepsTimed: 0,
  });
  return {
    session,
    parameters: adapter.parameterCount,
    heldOutLoss: trainer.loss(held),
    trainTokens: trainIds.length,
    heldOutTokens: heldIds.length,
    notes,
  };
});

export const loraTrainNext = defineHandler(
  (p: { session: number; budgetMs?: number; heldOut?: boolean }): TrainStepsResult => {
    const s = sessions.get(p?.session);
    const budget = Math.min(2000, Math.max(50, Number(p.budgetMs) || 500));
    const losses: { step: number; loss: number }[] = [];
    const t0 = performance.now();
    while (!s.trainer.done && performance.now() - t0 < budget) {
      const r = s.trainer.step();
      losses.push({ step: r.step, loss: r.loss });
    }
    const spent = (performance.now() - t0) / 1000;
    s.seconds += spent;
    s.stepsTimed += losses.length;
    const sps = s.seconds > 0 ? s.stepsTimed / s.seconds : 0;
    return {
      step: s.trainer.loop.step,
      steps: s.trainer.opts.steps,
      losses,
      done: s.trainer.done,
      heldOutLoss: p.heldOut || s.trainer.done ? s.trainer.loss(s.held) : undefined,
      stepsPerSecond: sps,
      tokensPerSecond: sps * TRAIN_BATCH * TRAIN_WINDOW,
    };
  },
);

/** Limits of one voice sample request: a few seeded continuations of one prompt, short ones. */
const VOICE_SAMPLING = { maxSeeds: 8, maxTokens: 48 } as const;
export interface TrainSampleResult {
  step: number;
  /** One continuation per seed (the prompt excluded), each with the classifier's score and label. */
  samples: { seed: number; text: string; score: number; label: Voice }[];
  /** Share of the samples the classifier labels speech. */
  speechShare: number;
}

export const loraTrainSample = defineHandler(
  async (
    p: { session: number; prompt: string; seeds?: number[]; maxNewTokens?: number },
    ctx,
  ): Promise<TrainSampleResult> => {
    const st = await loraState(ctx);
    const s = sessions.get(p?.session);
    const clf = await voiceClassifier();
    const prompt = String(p.prompt ?? '').slice(-500) || NEUTRAL_PROMPTS[0];
    const n = Math.min(VOICE_SAMPLING.maxTokens, Math.max(1, Math.floor(Number(p.maxNewTokens) || 24)));
    const seeds = (Array.isArray(p.seeds) ? p.seeds : [1])
      .map((x) => Math.floor(Number(x)))
      .filter((x) => x >= 1)
      .slice(0, VOICE_SAMPLING.maxSeeds);
    if (seeds.length === 0) throw new Error('Give at least one whole-number seed (1 or more) to sample with.');
    st.model.linearAdd = s.adapter.linearAdd();
    try {
      const v = voiceScore(st.model, clf, {
        prompts: [prompt],
        seeds,
        maxNewTokens: n,
      });
      return {
        step: s.trainer.loop.step,
        samples: v.samples.map(({ seed, text, score, label }) => ({ seed, text, score, label })),
        speechShare: v.speechShare,
      };
    } finally {
      st.model.linearAdd = null;
    }
  },
);

export const loraTrainStop = defineHandler(
  async (
    p: { session: number; keepAs?: string },
    ctx,
  ): Promise<{ kept: AdapterInfo; baseUnchanged: boolean; step: number; heldOutLoss: number }> => {
    const st = await loraState(ctx);
    const s = sessions.take(p?.session);
    const heldOutLoss = s.trainer.loss(s.held);
    const step = s.trainer.loop.step;
    s.trainer.dispose();
    const name = /^[a-z0-9-]{1,20}$/.test(p.keepAs ?? '') ? p.keepAs! : 'yours';
    st.set.add(name, s.adapter); // the set owns it now; a later run with the same name replaces it
    const info = infoOf(
      name,
      {
        rank: s.adapter.rank,
        alpha: s.adapter.spec.alpha,
        targets: s.adapter.spec.targets,
        card: { steps: step, heldOutLoss },
      },
      s.adapter.parameterCount,
    );
    st.infos.set(name, info);
    const baseUnchanged = weightsFingerprint(st.model.config, st.model.exportWeights()) === s.fingerprint;
    return { kept: info, baseUnchanged, step, heldOutLoss };
  },
);

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = {
  'train.start': loraTrainStart,
  'train.next': loraTrainNext,
  'train.sample': loraTrainSample,
  'train.stop': loraTrainStop,
};
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
