// Quantizing every linear layer of a GPT with one method, at one bit width and group size:
//   rtn    round-to-nearest, group-wise (the baseline)
//   keep   RTN but a fraction of input channels stays fp32, chosen by activation, weight norm or at random (Table 1)
//   scale  multiply the most salient fraction of channels (by activation) by a fixed s before rounding (Table 2)
//   awq    per-layer scales s = s_X^α searched on calibration statistics, optionally with clipping (§3.2)
// Embeddings, LayerNorms and biases stay fp32, as in AWQ (only the linear layers' weights are quantized).
import { linearNames, parameterShapes, type GPTConfig } from '../config.ts';
import { layerError, scaleRows, searchClip, searchScales } from './awq.ts';
import type { CalibrationStats, LinearStats } from './calibration.ts';
import { foldScales } from './fold.ts';
import { validateGroupOptions, groupsPerRow, type GroupQuantOptions } from './group.ts';
import { dequantizeMatrix, quantizeMatrix, type QuantizedMatrix } from './matrix.ts';
import { keepCount, quantizeKeeping, salientChannels, type SalientRule } from './salient.ts';

export type QuantMethod =
  | { kind: 'rtn' }
  | { kind: 'keep'; by: SalientRule; fraction: number; seed?: number }
  | { kind: 'scale'; s: number; fraction: number }
  | { kind: 'awq'; grid?: number; clip?: boolean };

export interface LayerReport {
  /** Output error (MSE on the calibration inputs) of this layer alone, against fp32. */
  error: number;
  /** The same for plain RTN, for comparison. */
  rtnError: number;
  /** awq: the chosen α and the error of every α on the grid. */
  alpha?: number;
  grid?: { alpha: number; error: number }[];
  /** keep / scale: the input channels protected. */
  channels?: number[];
  /** awq with clip: mean chosen range ratio (1 = no clipping). */
  clipRatio?: number;
}

export interface QuantizedModel {
  options: GroupQuantOptions;
  method: QuantMethod;
  /** Every parameter as the quantized model computes with it: dequantized linear weights, (folded) fp32 rest. */
  weights: Record<string, Float32Array>;
  /** The packed linear layers (null for `keep`, whose fp32 channels are not part of the packed format). */
  matrices: Record<string, QuantizedMatrix> | null;
  layers: Record<string, LayerReport>;
  /** Per linear layer, the input scales folded into the model (scale and awq only). */
  scales: Record<string, Float32Array>;
}

/** Input and output width of a linear layer from its weight's shape. */
function dims(cfg: GPTConfig, name: string): [number, number] {
  const shape = parameterShapes(cfg).get(`${name}.weight`);
  if (!shape) throw new Error(`no linear layer ${name}`);
  return [shape[0], shape[1]];
}

/** Statistics of the inputs divided by s: meanAbs/s and XᵀX scaled by 1/(s_i s_k). */
export function scaleStats(stats: LinearStats, s: ArrayLike<number>): LinearStats {
  const d = stats.inDim;
  const gram = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) gram[i * d + k] = stats.gram[i * d + k] / (s[i] * s[k]);
  return { inDim: d, tokens: stats.tokens, meanAbs: Float64Array.from(stats.meanAbs, (m, i) => m / s[i]), gram };
}

export function quantizeModel(
  cfg: GPTConfig,
  weights: Record<string, Float32Array>,
  stats: CalibrationStats,
  opts: GroupQuantOptions,
  method: QuantMethod,
): QuantizedModel {
  validateGroupOptions(opts);
  const names = linearNames(cfg);
  for (const n of names) if (!stats[n]) throw new Error(`quantizeModel: no calibration statistics for ${n}`);
  const layers: Record<string, LayerReport> = {};
  const rtn = (n: string) => {
    const [inDim, outDim] = dims(cfg, n),
      w = weights[`${n}.weight`];
    return layerError(stats[n], w, dequantizeMatrix(quantizeMatrix(w, inDim, outDim, opts)), outDim);
  };

  if (method.kind === 'keep') {
    const out = { ...weights };
    for (const n of names) {
      const [inDim, outDim] = dims(cfg, n),
        w = weights[`${n}.weight`];
      const channels = salientChannels(method.by, keepCount(method.fraction, inDim), {
        weight: w,
        inDim,
        outDim,
        meanAbs: stats[n].meanAbs,
        seed: (method.seed ?? 1) + names.indexOf(n),
      });
      out[`${n}.weight`] = quantizeKeeping(w, inDim, outDim, opts, channels);
      layers[n] = {
        error: layerError(stats[n], w, out[`${n}.weight`], outDim),
        rtnError: rtn(n),
        channels: Array.from(channels),
      };
    }
    return { options: opts, method, weights: out, matrices: null, layers, scales: {} };
  }

  // rtn, scale and awq: choose per-channel scales (all 1 for rtn), fold them, then quantize every linear layer.
  const scales: Record<string, Float32Array> = {};
  for (const n of names) {
    const [inDim, outDim] = dims(cfg, n),
      w = weights[`${n}.weight`];
    const rtnError = rtn(n);
    if (method.kind === 'rtn') {
      layers[n] = { error: rtnError, rtnError };
    } else if (method.kind === 'scale') {
      if (!(method.s > 0)) throw new Error(`quantizeModel: scale s must be positive, got ${method.s}`);
      const channels = salientChannels('activation', keepCount(method.fraction, inDim), {
        weight: w,
        inDim,
        outDim,
        meanAbs: stats[n].meanAbs,
      });
      const s = new Float32Array(inDim).fill(1);
      for (const c of channels) s[c] = method.s;
      scales[n] = s;
      layers[n] = { error: NaN, rtnError, channels: Array.from(channels) };
    } else {
      const found = searchScales(w, inDim, outDim, stats[n], opts, method.grid ?? 20);
      scales[n] = found.scales;
      layers[n] = {
        error: Math.min(...found.grid.map((g) => g.error)),
        rtnError,
        alpha: found.alpha,
        grid: found.grid,
      };
    }
  }
  // Quantize diag(s)·W (clipped if asked); its error is measured against W with inputs back in original units.
  const matrices: Record<string, QuantizedMatrix> = {};
  for (const n of names) {
    const [inDim, outDim] = dims(cfg, n),
      s = scales[n];
    let w = s ? scaleRows(weights[`${n}.weight`], inDim, outDim, s) : weights[`${n}.weight`];
    // Clipping as llm-awq: not for the fused q/k/v projection (attention scores are too sensitive to clip precisely).
    if (method.kind === 'awq' && method.clip && !n.endsWith('attn.qkv')) {
      const clipped = searchClip(w, inDim, outDim, s ? scaleStats(stats[n], s) : stats[n], opts);
      w = clipped.weight;
      layers[n].clipRatio = clipped.meanRatio;
    }
    matrices[n] = quantizeMatrix(w, inDim, outDim, opts);
    if (s && (method.kind === 'scale' || (method.kind === 'awq' && method.clip))) {
      const back = dequantizeMatrix(matrices[n]);
      for (let i = 0; i < inDim; i++) for (let j = 0; j < outDim; j++) back[i * outDim + j] /= s[i];
      layers[n].error = layerError(stats[n], weights[`${n}.weight`], back, outDim);
    }
  }
  // Fold 1/s into what produces each scaled input: LayerNorm gains and biases (fp32) via foldScales, and the output
  // columns of a previous linear layer by dividing its stored Δs (a column scaled by c quantizes to c times itself).
  const folded = foldScales(cfg, weights, scales);
  for (let l = 0; l < cfg.nLayer; l++) {
    const C = cfg.nEmbd;
    const proj = scales[`h.${l}.attn.proj`],
      down = scales[`h.${l}.mlp.down`];
    if (proj) scaleStoredColumns(matrices[`h.${l}.attn.qkv`], 2 * C, proj);
    if (down) scaleStoredColumns(matrices[`h.${l}.mlp.up`], 0, down);
  }
  const out = { ...folded };
  for (const n of names) out[`${n}.weight`] = dequantizeMatrix(matrices[n]);
  return { options: opts, method, weights: out, matrices, layers, scales };
}

/** Divides output columns first.. of a quantized W [in, out] by s: the Δs of those rows of the stored Wᵀ. */
function scaleStoredColumns(m: QuantizedMatrix, first: number, s: ArrayLike<number>): void {
  const G = groupsPerRow(m.inDim, m.groupSize);
  for (let c = 0; c < s.length; c++) for (let g = 0; g < G; g++) m.scales[(first + c) * G + g] /= s[c];
}
