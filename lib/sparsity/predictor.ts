// Activation predictors: one small low-rank MLP per layer that reads the FFN's input x (nEmbd) and guesses which
// of the nFfn ReLU neurons will fire, so a sparse FFN can skip the others without computing them first:
//   p = sigmoid( ReLU(x W1 + b1) W2 + b2 ),  W1 [nEmbd, r], W2 [r, nFfn],  neuron i is predicted active if p_i > threshold.
// The rank r sets the predictor's size; PowerInfer sizes it per layer (about 6% of the model's parameters).
// References: Deja Vu, Liu et al., arXiv 2310.17157, §3 (low-rank MLP "sparsity predictors");
// PowerInfer, arXiv 2312.12456 v2, §5.1 and Table 6; LLM in a Flash, arXiv 2312.11514 v3, §3.1.
import * as tf from '@tensorflow/tfjs';
import { loadThroughCache, parseJsonFile, type FetchFile, type LoadOptions } from '../fetch-file.ts';
import { mulberry32, randn } from '../random.ts';
import { decodeTensors, encodeTensors, type TensorManifest } from '../tensor-file.ts';

export interface PredictorConfig {
  nLayer: number;
  nEmbd: number;
  nFfn: number;
  /** Hidden width of each layer's predictor. */
  ranks: number[];
  /** Default decision threshold on the predicted probability. */
  threshold: number;
  /** The model folder this predictor was trained for (e.g. "target-v1"). */
  model?: string;
}

export interface PredictorTensors {
  w1: tf.Tensor2D;
  b1: tf.Tensor1D;
  w2: tf.Tensor2D;
  b2: tf.Tensor1D;
}

/** Tensor names and shapes: layer.{l}.w1 [nEmbd, r], .b1 [r], .w2 [r, nFfn], .b2 [nFfn]. */
export function predictorShapes(c: PredictorConfig): Map<string, number[]> {
  const s = new Map<string, number[]>();
  for (let l = 0; l < c.nLayer; l++) {
    const r = c.ranks[l];
    s.set(`layer.${l}.w1`, [c.nEmbd, r]);
    s.set(`layer.${l}.b1`, [r]);
    s.set(`layer.${l}.w2`, [r, c.nFfn]);
    s.set(`layer.${l}.b2`, [c.nFfn]);
  }
  return s;
}

export function validatePredictorConfig(c: unknown, source = 'predictor config'): PredictorConfig {
  const r = c as Record<string, unknown>;
  if (typeof c !== 'object' || c === null) throw new Error(`${source}: expected a JSON object`);
  for (const f of ['nLayer', 'nEmbd', 'nFfn'])
    if (!Number.isInteger(r[f]) || (r[f] as number) <= 0)
      throw new Error(`${source}: "${f}" must be a positive integer, got ${JSON.stringify(r[f])}`);
  const ranks = r.ranks;
  if (!Array.isArray(ranks) || ranks.length !== r.nLayer || !ranks.every((x) => Number.isInteger(x) && x > 0))
    throw new Error(
      `${source}: "ranks" must list one positive integer per layer (${r.nLayer}), got ${JSON.stringify(ranks)}`,
    );
  if (typeof r.threshold !== 'number' || !(r.threshold > 0 && r.threshold < 1))
    throw new Error(`${source}: "threshold" must be a number in (0, 1), got ${JSON.stringify(r.threshold)}`);
  return {
    nLayer: r.nLayer as number,
    nEmbd: r.nEmbd as number,
    nFfn: r.nFfn as number,
    ranks: ranks as number[],
    threshold: r.threshold,
    ...(typeof r.model === 'string' ? { model: r.model } : {}),
  };
}

/** Logits [N, nFfn] for inputs x [N, nEmbd] (differentiable; call inside tf.tidy). */
export function predictorLogits(p: PredictorTensors, x: tf.Tensor2D): tf.Tensor2D {
  const h = tf.relu(tf.add(tf.matMul(x, p.w1), p.b1)); // [N, r]
  return tf.add(tf.matMul(h, p.w2), p.b2) as tf.Tensor2D; // [N, nFfn]
}

/** Fresh weights (He-normal W1, small W2, zero biases) from a seeded generator, for training. */
export function initPredictorWeights(c: PredictorConfig, seed = 1): Record<string, Float32Array> {
  const rng = mulberry32(seed);
  const out: Record<string, Float32Array> = {};
  for (const [name, shape] of predictorShapes(c)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (shape.length === 2) {
      const std = Math.sqrt(2 / shape[0]);
      for (let i = 0; i < data.length; i++) data[i] = std * randn(rng);
    }
    out[name] = data;
  }
  return out;
}

export class ActivationPredictor {
  readonly config: PredictorConfig;
  private layers: PredictorTensors[];

  constructor(config: PredictorConfig, weights: Record<string, Float32Array>) {
    this.config = validatePredictorConfig(config);
    const shapes = predictorShapes(this.config);
    for (const [n, shape] of shapes) {
      const need = shape.reduce((a, b) => a * b, 1);
      if (weights[n]?.length !== need)
        throw new Error(
          `ActivationPredictor: ${n} needs ${need} values (shape [${shape}]), got ${weights[n]?.length ?? 'none'}`,
        );
    }
    this.layers = Array.from({ length: this.config.nLayer }, (_, l) => ({
      w1: tf.tensor2d(weights[`layer.${l}.w1`], shapes.get(`layer.${l}.w1`) as [number, number]),
      b1: tf.tensor1d(weights[`layer.${l}.b1`]),
      w2: tf.tensor2d(weights[`layer.${l}.w2`], shapes.get(`layer.${l}.w2`) as [number, number]),
      b2: tf.tensor1d(weights[`layer.${l}.b2`]),
    }));
  }

  get parameterCount(): number {
    let n = 0;
    for (const shape of predictorShapes(this.config).values()) n += shape.reduce((a, b) => a * b, 1);
    return n;
  }

  /** Probabilities [N*nFfn] that each neuron fires, for N FFN inputs x [N*nEmbd] row-major at `layer`. */
  probabilities(layer: number, x: ArrayLike<number>): Float32Array {
    const { nEmbd: C, nLayer: L } = this.config;
    if (!(Number.isInteger(layer) && layer >= 0 && layer < L))
      throw new Error(`ActivationPredictor: layer ${layer} is outside 0..${L - 1}`);
    if (x.length % C !== 0 || x.length === 0)
      throw new Error(`ActivationPredictor: input has ${x.length} values, not a positive multiple of nEmbd ${C}`);
    const p = this.layers[layer];
    const out = tf.tidy(() => tf.sigmoid(predictorLogits(p, tf.tensor2d(Float32Array.from(x), [x.length / C, C]))));
    try {
      return out.dataSync() as Float32Array;
    } finally {
      out.dispose();
    }
  }

  /** A 0/1 mask [N*nFfn] (usable as ffnMask): 1 where the predicted probability exceeds `threshold`. */
  mask(layer: number, x: ArrayLike<number>, threshold = this.config.threshold): Float32Array {
    const p = this.probabilities(layer, x);
    const m = new Float32Array(p.length);
    for (let i = 0; i < p.length; i++) m[i] = p[i] > threshold ? 1 : 0;
    return m;
  }

  exportWeights(): Record<string, Float32Array> {
    const out: Record<string, Float32Array> = {};
    this.layers.forEach((p, l) => {
      for (const k of ['w1', 'b1', 'w2', 'b2'] as const) out[`layer.${l}.${k}`] = p[k].dataSync() as Float32Array;
    });
    return out;
  }

  dispose(): void {
    for (const p of this.layers) tf.dispose([p.w1, p.b1, p.w2, p.b2]);
    this.layers = [];
  }
}

/** The files of a predictor folder: config.json, weights.json and its shards. */
export function encodePredictor(
  config: PredictorConfig,
  weights: Record<string, Float32Array>,
): { config: PredictorConfig; manifest: TensorManifest; shards: Map<string, Uint8Array> } {
  const c = validatePredictorConfig(config);
  return { config: c, ...encodeTensors(predictorShapes(c), weights, 'predictor') };
}

/** The predictor in the files encodePredictor wrote (config, weights manifest, shards); `source` names them in errors. */
export function decodePredictor(
  config: unknown,
  manifest: unknown,
  shards: Map<string, ArrayBuffer>,
  source = 'predictor',
): ActivationPredictor {
  const c = validatePredictorConfig(config, `${source}/config.json`);
  return new ActivationPredictor(
    c,
    decodeTensors(predictorShapes(c), manifest as TensorManifest, shards, `${source}/weights.json`),
  );
}

/** Fetches and decodes the predictor in folder `baseUrl` (config.json, weights.json + shards). Node passes `fetchFile`. */
export async function loadPredictor(
  baseUrl: string,
  opts: Pick<LoadOptions, 'fetchFile' | 'name'> = {},
): Promise<ActivationPredictor> {
  if (opts.fetchFile) return loadPredictorWith(opts.fetchFile, baseUrl, opts);
  return loadThroughCache((fetchFile) => loadPredictorWith(fetchFile, baseUrl, opts));
}

async function loadPredictorWith(
  fetchFile: FetchFile,
  baseUrl: string,
  opts: Pick<LoadOptions, 'name'>,
): Promise<ActivationPredictor> {
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  const name = opts.name ?? base.split('/').filter(Boolean).pop() ?? 'predictor';
  const get = async (file: string) => (await fetchFile(base + file, () => undefined)).data;
  const json = async (file: string) => parseJsonFile(await get(file), `${name}/${file}`);
  const config = await json('config.json');
  const manifest = await json('weights.json');
  const paths: string[] = Array.isArray(manifest) ? manifest.flatMap((g: { paths?: string[] }) => g?.paths ?? []) : [];
  const shards = new Map<string, ArrayBuffer>();
  for (const path of paths) shards.set(path, await get(path));
  return decodePredictor(config, manifest, shards, name);
}
