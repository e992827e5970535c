// Running the model with predicted sparsity: at each layer the predictor reads the FFN input and chooses the
// neurons to compute; the rest are set to zero (ffnMask). We measure how many truly active neurons it finds
// (recall), how many of its picks really fire (precision), what share of neurons gets computed, and what the
// misses cost in loss. PowerInfer tunes predictors until perplexity is within 0.1% of dense [arXiv 2312.12456 v2, §5.1].
//
// Exactness: a mask chosen at layer l changes the input of layer l+1, so with `sequential` (default) the window
// runs nLayer+1 times: pass l applies the masks of layers < l, which gives layer l's true input and its true active
// set, from which its mask is predicted; the last pass applies every mask. This is what an online sparse runtime
// sees. `sequential: false` predicts every layer from one dense pass (cheaper, slightly optimistic).
import type { LanguageModel } from '../model.ts';
import { tokenNll } from '../sampling.ts';
import type { ActivationPredictor } from './predictor.ts';
import { emptyTrace, setActive, type ActivationTrace } from './trace.ts';
import { toIds, windowStarts } from './windows.ts';

export interface PredictionStats {
  /** Of the neurons that really fired, the share the predictor chose. */
  recall: number;
  /** Of the neurons the predictor chose, the share that really fired. */
  precision: number;
  /** Share of all (token, neuron) pairs the predictor chose: the neurons a sparse FFN computes. */
  computedShare: number;
  /** Share of all (token, neuron) pairs that really fired (1 − sparsity). */
  activeShare: number;
}

export interface ActivePrediction {
  /** Per layer, the 0/1 mask [T*nFfn] to pass as ffnMask for these T tokens. */
  masks: Float32Array[];
  /** Chosen neurons, per token and layer. */
  predicted: ActivationTrace;
  /** Neurons that really fired given the same (already sparsified) input, per token and layer. */
  actual: ActivationTrace;
  layers: PredictionStats[];
  all: PredictionStats;
  /** [T][vocab] logits of the dense model and of the model with every mask applied. */
  denseLogits: Float32Array[];
  sparseLogits: Float32Array[];
}

export interface PredictOptions {
  /** Decision threshold on the predicted probability (default: the predictor's own). */
  threshold?: number;
  /** Layer-by-layer exact online masks (default true); see the file header. */
  sequential?: boolean;
}

interface Counts {
  tp: number;
  pred: number;
  act: number;
  all: number;
}

/** Predicts the active neurons of every layer for one window of at most blockSize token ids. */
export function predictActive(
  model: LanguageModel,
  predictor: ActivationPredictor,
  ids: number[],
  opts: PredictOptions = {},
): ActivePrediction {
  if (ids.length === 0) throw new Error('predictActive: need at least one token');
  const r = predictWindows(model, predictor, [ids], opts);
  return {
    masks: r.masks,
    predicted: r.predicted,
    actual: r.actual,
    layers: r.counts.map(stats),
    all: stats(sum(r.counts)),
    denseLogits: r.denseLogits[0],
    sparseLogits: r.sparseLogits[0],
  };
}

/** The work of predictActive for a batch of equal-length windows [B][T]; masks are [B*T*nFfn], traces [B*T] tokens. */
function predictWindows(
  model: LanguageModel,
  predictor: ActivationPredictor,
  windows: number[][],
  opts: PredictOptions,
) {
  const { blockSize, nLayer: L, nFfn: F, nEmbd } = model.config;
  const pc = predictor.config;
  if (pc.nLayer !== L || pc.nFfn !== F || pc.nEmbd !== nEmbd)
    throw new Error(
      `predictActive: predictor is for ${pc.nLayer} layers × ${pc.nFfn} neurons (nEmbd ${pc.nEmbd}); the model has ${L} × ${F} (nEmbd ${nEmbd})`,
    );
  const T = windows[0].length;
  if (T > blockSize)
    throw new Error(
      `predictActive: ${T} tokens exceed the context of ${blockSize}; use evaluatePredictor for longer texts`,
    );
  const threshold = opts.threshold ?? pc.threshold;
  const sequential = opts.sequential ?? true;
  const N = windows.length * T;
  const masks: (Float32Array | null)[] = Array(L).fill(null);
  const predicted = emptyTrace(N, L, F),
    actual = emptyTrace(N, L, F);
  const counts: Counts[] = [];
  let denseLogits: Float32Array[][] = [];
  let dense: ReturnType<LanguageModel['forward']> | null = null;
  for (let l = 0; l < L; l++) {
    // Pass l: layers < l already masked; layer l is dense, so ffnPost[l] is its true activity.
    const out: ReturnType<LanguageModel['forward']> =
      l === 0 || sequential ? model.forward(windows, { ffnMask: masks.slice(), record: { ffn: true } }) : dense!;
    if (l === 0) {
      dense = out;
      denseLogits = out.logits;
    }
    const m = predictor.mask(l, out.ffnIn![l], threshold); // [N*F]
    const post = out.ffnPost![l]; // [N*F]
    const c: Counts = { tp: 0, pred: 0, act: 0, all: N * F };
    for (let t = 0; t < N; t++)
      for (let i = 0; i < F; i++) {
        const k = t * F + i,
          p = m[k] > 0,
          a = post[k] > 0;
        if (p) {
          c.pred++;
          setActive(predicted, t, l, i);
        }
        if (a) {
          c.act++;
          setActive(actual, t, l, i);
        }
        if (p && a) c.tp++;
      }
    counts.push(c);
    masks[l] = m;
  }
  const sparseLogits = model.forward(windows, { ffnMask: masks }).logits;
  return { masks: masks as Float32Array[], predicted, actual, counts, denseLogits, sparseLogits };
}

export interface PredictorEvaluation {
  tokens: number;
  threshold: number;
  /** Mean loss (nats/token) of the dense model and of the model with predicted sparsity, same windows as evaluate(). */
  denseLoss: number;
  sparseLoss: number;
  /** sparseLoss − denseLoss. */
  lossChange: number;
  layers: PredictionStats[];
  all: PredictionStats;
}

/**
 * Predicted sparsity over a whole text (cut to maxTokens, default 8192): windows of blockSize inputs predicting the
 * next token, as in evaluate(), with recall, precision, computed share and the loss change.
 */
export function evaluatePredictor(
  model: LanguageModel,
  predictor: ActivationPredictor,
  text: string | number[],
  opts: PredictOptions & { maxTokens?: number } = {},
): PredictorEvaluation {
  const ids = toIds(model, text, opts.maxTokens ?? 8192, 'evaluatePredictor', 2);
  const T = model.config.blockSize;
  const L = model.config.nLayer;
  const sums: Counts[] = Array.from({ length: L }, () => ({ tp: 0, pred: 0, act: 0, all: 0 }));
  let denseNll = 0,
    sparseNll = 0,
    count = 0;
  // Windows of T inputs and T targets; full ones go 8 to a batch, a shorter last one alone.
  const windows = windowStarts(ids.length - 1, T).map((s) => ids.slice(s, Math.min(s + T + 1, ids.length)));
  const groups: number[][][] = [];
  for (const w of windows) {
    const g = groups[groups.length - 1];
    if (g && g.length < 8 && g[0].length === w.length) g.push(w);
    else groups.push([w]);
  }
  for (const g of groups) {
    const r = predictWindows(
      model,
      predictor,
      g.map((w) => w.slice(0, -1)),
      opts,
    );
    r.counts.forEach((c, l) => {
      sums[l].tp += c.tp;
      sums[l].pred += c.pred;
      sums[l].act += c.act;
      sums[l].all += c.all;
    });
    g.forEach((w, b) => {
      for (let t = 0; t + 1 < w.length; t++) {
        denseNll += tokenNll(r.denseLogits[b][t], w[t + 1]);
        sparseNll += tokenNll(r.sparseLogits[b][t], w[t + 1]);
        count++;
      }
    });
  }
  return {
    tokens: count,
    threshold: opts.threshold ?? predictor.config.threshold,
    denseLoss: denseNll / count,
    sparseLoss: sparseNll / count,
    lossChange: (sparseNll - denseNll) / count,
    layers: sums.map(stats),
    all: stats(sum(sums)),
  };
}

function sum(cs: Counts[]): Counts {
  return cs.reduce((s, c) => ({ tp: s.tp + c.tp, pred: s.pred + c.pred, act: s.act + c.act, all: s.all + c.all }), {
    tp: 0,
    pred: 0,
    act: 0,
    all: 0,
  });
}

function stats(c: Counts): PredictionStats {
  return {
    recall: c.act ? c.tp / c.act : 1,
    precision: c.pred ? c.tp / c.pred : 1,
    computedShare: c.pred / c.all,
    activeShare: c.act / c.all,
  };
}
