// The lesson's experiments as single calls, shared by the model worker (live, in the reader's browser) and the
// build (the widgets' first view), so both compute the same thing the same way:
//   quantizeAndEvaluate  quantize a model one way, then its loss on a passage, a greedy sample and its file size
//   alphaCurve           one layer re-quantized at every α of the grid: output error, Δ'/Δ, groups whose Δ grew
import { median } from '../stats.ts';
import { LanguageModel } from '../model.ts';
import { evaluate } from '../evaluate.ts';
import { type DecodeRunner, generate } from '../generate.ts';
import type { QuantizedMatrix } from './matrix.ts';
import { linearNames, parameterShapes } from '../config.ts';
import type { CalibrationStats } from './calibration.ts';
import { awqScales, layerError, quantizeScaled, scaleRows } from './awq.ts';
import { groupsPerRow, quantizeGroups, quantizedBytes, type GroupQuantOptions } from './group.ts';
import { transpose } from './matrix.ts';
import { keepCount, salientChannels } from './salient.ts';
import { quantizeModel, type QuantMethod } from './quantize-model.ts';
import { validateQuantSettings, METHODS, type MethodName } from './settings.ts';

export function methodFor(name: MethodName): QuantMethod {
  switch (name) {
    case 'rtn':
      return { kind: 'rtn' };
    case 'keep-activation':
      return { kind: 'keep', by: 'activation', fraction: 0.01, seed: 1 };
    case 'keep-weight':
      return { kind: 'keep', by: 'weightNorm', fraction: 0.01, seed: 1 };
    case 'keep-random':
      return { kind: 'keep', by: 'random', fraction: 0.01, seed: 1 };
    case 'awq':
      return { kind: 'awq', clip: true };
    default:
      throw new Error(`Unknown method "${name}"; use one of ${METHODS.join(', ')}.`);
  }
}

export interface ExperimentResult {
  bits: number;
  groupSize: number;
  method: MethodName;
  loss: number;
  perplexity: number;
  /** Greedy continuation of the prompt by the quantized model. */
  sample: string;
  /** Bytes of the quantized model file (packed codes, scales, zeros, fp32 rest); keep-* adds its fp32 channels. */
  bytes: number;
  /** Mean α chosen per layer (awq only). */
  meanAlpha: number | null;
  /** Each evaluated token's loss, nats, rounded to 1e-4: the widget's paired intervals between runs. */
  tokenLosses: number[];
}

export interface Fp32Result {
  loss: number;
  perplexity: number;
  sample: string;
  bytes: number;
  tokenLosses: number[];
}

/** Per-token losses as shipped to a page: 4 decimals are far below any difference a paired interval resolves. */
const compact = (xs: Float64Array) => Array.from(xs, (x) => Math.round(x * 1e4) / 1e4);

export const SAMPLE = { prompt: 'Call me Ishmael.', maxNewTokens: 32 };

/**
 * What decodes the greedy sample: tfjs by default, or a runner the caller builds for the model and its quantized
 * matrices (lib/engine's `sampleRunner`: the lean engine, the same tokens, faster). Passed in, so quant does not
 * import the engine, which imports quant.
 */
export interface SampleOptions {
  runner?: (model: LanguageModel, matrices?: Record<string, QuantizedMatrix> | null) => DecodeRunner;
}

/** The greedy sample of `model` (with its quantized `matrices`, when the runner reads them packed). */
export function greedySample(
  model: LanguageModel,
  opts: SampleOptions = {},
  matrices?: Record<string, QuantizedMatrix> | null,
): string {
  const runner = opts.runner?.(model, matrices);
  return generate(model, SAMPLE.prompt, { temperature: 0, maxNewTokens: SAMPLE.maxNewTokens, runner }).text;
}

/** Loss on `evalIds` and a greedy sample, for the fp32 model as it is. */
export function evaluateFp32(model: LanguageModel, evalIds: number[], opts: SampleOptions = {}): Fp32Result {
  const e = evaluate(model, evalIds, { maxTokens: Infinity, perToken: true });
  const sample = greedySample(model, opts);
  return {
    loss: e.loss,
    perplexity: e.perplexity,
    sample,
    bytes: 4 * model.parameterCount,
    tokenLosses: compact(e.tokenLosses!),
  };
}

/** Quantizes every linear layer of `model` (which is not changed), then measures the quantized copy. */
export function quantizeAndEvaluate(
  model: LanguageModel,
  stats: CalibrationStats,
  evalIds: number[],
  s: { bits: number; groupSize: number; method: MethodName },
  opts: SampleOptions = {},
): ExperimentResult {
  validateQuantSettings(s);
  const cfg = model.config;
  const q = quantizeModel(
    cfg,
    model.exportWeights(),
    stats,
    { bits: s.bits, groupSize: s.groupSize },
    methodFor(s.method),
  );
  const copy = new LanguageModel(cfg, model.tokenizer, q.weights, `${model.name}-int${s.bits}`);
  try {
    const e = evaluate(copy, evalIds, { maxTokens: Infinity, perToken: true });
    const sample = greedySample(copy, opts, q.matrices);
    const alphas = Object.values(q.layers)
      .map((l) => l.alpha)
      .filter((a): a is number => a !== undefined);
    return {
      ...s,
      loss: e.loss,
      perplexity: e.perplexity,
      sample,
      bytes: fileBytes(cfg, s, q.layers),
      meanAlpha: alphas.length ? alphas.reduce((a, b) => a + b, 0) / alphas.length : null,
      tokenLosses: compact(e.tokenLosses!),
    };
  } finally {
    copy.dispose();
  }
}

/** The quantized file's size by arithmetic; kept channels (keep-*) add their fp32 rows and a 4-byte index each. */
function fileBytes(
  cfg: LanguageModel['config'],
  s: { bits: number; groupSize: number },
  layers: Record<string, { channels?: number[] }>,
): number {
  const linears = new Set(linearNames(cfg).map((n) => `${n}.weight`));
  let total = 0;
  for (const [name, shape] of parameterShapes(cfg)) {
    if (!linears.has(name)) {
      total += 4 * shape.reduce((a, b) => a * b, 1);
      continue;
    }
    const [inDim, outDim] = shape;
    total += quantizedBytes(outDim, inDim, s).total;
    total += (layers[name.replace(/\.weight$/, '')]?.channels?.length ?? 0) * (4 * outDim + 4);
  }
  return total;
}

export interface AlphaPoint {
  alpha: number;
  /** Output error (MSE on the calibration inputs) relative to RTN's (α = 0). */
  relError: number;
  /** Median over every weight of its effective step ratio (Δ'/s_i)/Δ: the scaled group's step, brought back to the
   *  weight's own units by its channel's s_i, against the unscaled group's step. Below 1: a finer grid for it.
   *  (The median, because channels that are almost never active get tiny s and huge ratios.) */
  stepRatio: number;
  /** Share of weights whose effective step grew ((Δ'/s_i)/Δ > 1): the channels that pay for the protected ones. */
  grewShare: number;
  /** The most activated input channel's effective step ratio, (Δ'/Δ)/s, averaged over its groups. */
  salientFactor: number;
}

/** One layer re-quantized at α = 0, 1/n, …, (n−1)/n. */
export function alphaCurve(
  model: LanguageModel,
  stats: CalibrationStats,
  layer: string,
  opts: GroupQuantOptions,
  n = 20,
): { layer: string; points: AlphaPoint[]; best: number; rtnError: number; salientChannel: number } {
  if (!model.linearNames.includes(layer))
    throw new Error(`No linear layer "${layer}"; try ${model.linearNames.slice(0, 4).join(', ')}, …`);
  const {
    weight,
    shape: [inDim, outDim],
  } = model.getLinear(layer);
  const st = stats[layer];
  if (!st) throw new Error(`No calibration statistics for ${layer}.`);
  const top = salientChannels('activation', keepCount(0.01, inDim), { weight, inDim, outDim, meanAbs: st.meanAbs })[0];
  const G = groupsPerRow(inDim, opts.groupSize);
  const baseSteps = quantizeGroups(transpose(weight, inDim, outDim), opts, inDim).scales;
  const points: AlphaPoint[] = [];
  let rtnError = 0;
  for (let k = 0; k < n; k++) {
    const alpha = k / n;
    const s = awqScales(st.meanAbs, alpha);
    const error = layerError(st, weight, quantizeScaled(weight, inDim, outDim, s, opts), outDim);
    if (k === 0) rtnError = error;
    const steps = quantizeGroups(transpose(scaleRows(weight, inDim, outDim, s), inDim, outDim), opts, inDim).scales;
    const ratios = new Float64Array(inDim * outDim);
    let grew = 0,
      sal = 0;
    for (let j = 0; j < outDim; j++)
      for (let i = 0; i < inDim; i++) {
        const g = Math.floor(i / opts.groupSize);
        const r = steps[j * G + g] / baseSteps[j * G + g] / s[i];
        ratios[j * inDim + i] = r;
        if (r > 1.0001) grew++;
        if (i === top) sal += r;
      }
    points.push({
      alpha,
      relError: error / (rtnError || 1),
      stepRatio: median(ratios),
      grewShare: grew / (inDim * outDim),
      salientFactor: sal / outDim,
    });
  }
  let best = 0;
  points.forEach((p, i) => {
    if (p.relError < points[best].relError) best = i;
  });
  return { layer, points, best, rtnError, salientChannel: top };
}
