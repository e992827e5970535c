// The GPT forward pass in TensorFlow.js: token + position embeddings, pre-LayerNorm blocks with causal multi-head
// attention and a ReLU FFN, final LayerNorm, output tied to the token embedding (nanoGPT's layout, OPT's ReLU).
// One function serves training (differentiable, one-hot embedding) and inference (gather, KV cache, hooks).
// References: Radford et al. 2019 (GPT-2); Zhang et al. 2022, OPT (arXiv 2205.01068); karpathy/nanoGPT model.py.
import * as tf from '@tensorflow/tfjs';
import type { GPTConfig } from './config.ts';

export type Params = Record<string, tf.Tensor>;

/** Past keys and values of every layer, each [B, nHead, S, headSize]. Owned by a KVCache object. */
export interface PastKV {
  k: tf.Tensor4D[];
  v: tf.Tensor4D[];
}

/** The options of forwardTensors, grouped by what they change: the context the tokens see, the linear layers, the
 *  FFN, the embedding, and what is recorded. */
export interface ForwardTensorOptions {
  /** Where the new tokens sit and what they attend to. */
  context?: {
    /** Keys/values of earlier tokens. The new ones are returned in `present`. */
    past?: PastKV;
    /** Absolute positions [B, T] (int32). Default: past + 0..T-1 for every row. */
    positions?: tf.Tensor2D;
    /** Which keys each query may see: [T, S] or [B, T, S] with 1 = visible, S = past + T. Default: causal. */
    mask?: tf.Tensor;
  };
  /** Changes to linear layers, by layer name ("h.0.mlp.up"). */
  linears?: {
    /** Replacement weights by parameter name ("h.0.mlp.up.weight"), e.g. a LoRA-merged or quantized matrix. */
    replaceWeights?: Record<string, tf.Tensor>;
    /** Added to a layer's output: y = x W + b + add(x), x [N, in] -> [N, out] (unmerged LoRA). */
    addToOutput?: Record<string, (x: tf.Tensor2D) => tf.Tensor2D>;
  };
  /** Changes to the FFN, per layer. */
  ffn?: {
    /** The neurons to compute (others are treated as zero); null computes all of them: the sparse FFN. */
    activeNeurons?: (Int32Array | number[] | null)[];
    /** A 0/1 mask [B, T, nFfn] applied after the ReLU: per-token neuron selection. */
    maskAfterRelu?: (tf.Tensor3D | null)[];
    /** The FFN computed outside tfjs (e.g. from weights read from flash, lib/flash): gets the FFN input
     *  [B*T*nEmbd] row-major and returns the FFN output [B*T*nEmbd], down bias included. Replaces every layer's FFN. */
    computeOutside?: (layer: number, x: Float32Array) => Float32Array;
  };
  /** 'gather' (default) or 'oneHot': embed by one-hot matmul (the wasm backend has no gradient for gather). */
  embedding?: 'gather' | 'oneHot';
  /** Collect FFN activations, attention probabilities and linear inputs per layer (kept tensors; the caller
   *  disposes them). */
  record?: { ffn?: boolean; attention?: boolean; linear?: boolean };
}

export interface ForwardRecord {
  ffnIn: tf.Tensor3D[]; // per layer [B, T, nEmbd]: the LayerNorm output the FFN reads (a predictor's input)
  ffnPre: tf.Tensor3D[]; // per layer [B, T, nFfn] before the ReLU
  ffnPost: tf.Tensor3D[]; // per layer [B, T, nFfn] after the ReLU
  attention: tf.Tensor4D[]; // per layer [B, nHead, T, S]
  /** With record.linear: what each linear layer reads, by name ("h.0.mlp.down"), [B, T, in]; dense FFN only. */
  linearIn?: Record<string, tf.Tensor3D>;
}

export interface ForwardTensorResult {
  logits: tf.Tensor3D; // [B, T, vocabSize]
  present: PastKV; // keys/values of past + these tokens, [B, nHead, S, headSize]
  record: ForwardRecord;
}

const NEG = -1e9;

/** Runs the model on token ids [B, T]. Call inside tf.tidy; tensors in `present` and `record` need tf.keep to outlive it. */
export function forwardTensors(
  cfg: GPTConfig,
  params: Params,
  tokens: tf.Tensor2D,
  opts: ForwardTensorOptions = {},
): ForwardTensorResult {
  const { past, positions, mask: attentionMask } = opts.context ?? {};
  const { replaceWeights, addToOutput } = opts.linears ?? {};
  const { activeNeurons, maskAfterRelu, computeOutside } = opts.ffn ?? {};
  const [B, T] = tokens.shape;
  const P = past?.k[0]?.shape[2] ?? 0;
  const S = P + T;
  const C = cfg.nEmbd;
  if (S > cfg.blockSize && !positions)
    throw new Error(`context of ${S} tokens exceeds the model's blockSize ${cfg.blockSize}`);
  const w = (name: string) => {
    const t = replaceWeights?.[name] ?? params[name];
    if (!t) throw new Error(`missing parameter ${name}`);
    return t;
  };

  // y = x W + b for layer `name`, plus the caller's addition for that layer if there is one.
  const lin = (name: string, input: tf.Tensor) => {
    if (opts.record?.linear) linearIn[name] = input as tf.Tensor3D; // what this layer reads (calibration)
    const y = linear(input, w(`${name}.weight`), w(`${name}.bias`));
    const add = addToOutput?.[name];
    return add ? tf.add(y, add(input.reshape([-1, input.shape[input.rank - 1]]) as tf.Tensor2D).reshape(y.shape)) : y;
  };

  // Embeddings: [B, T, C]
  let tokEmb: tf.Tensor;
  if (opts.embedding === 'oneHot') {
    const oneHot = tf.oneHot(tokens.reshape([B * T]), cfg.vocabSize).toFloat(); // [B*T, V]
    tokEmb = tf.matMul(oneHot, w('wte.weight')).reshape([B, T, C]);
  } else {
    tokEmb = tf.gather(w('wte.weight'), tokens); // [B, T, C]
  }
  let posEmb: tf.Tensor;
  if (positions)
    posEmb = tf.gather(w('wpe.weight'), positions); // [B, T, C]
  else posEmb = w('wpe.weight').slice([P, 0], [T, C]).expandDims(0); // [1, T, C]
  let x = tf.add(tokEmb, posEmb) as tf.Tensor3D; // [B, T, C]

  // Attention bias: 0 where visible, -1e9 elsewhere; [T, S] or [B, 1, T, S] so it broadcasts over heads.
  let bias: tf.Tensor;
  if (attentionMask) {
    const m = attentionMask.toFloat();
    bias = tf.mul(tf.sub(1, m), NEG);
    if (bias.rank === 3) bias = bias.expandDims(1);
  } else {
    bias = causalBias(T, P);
  }

  const present: PastKV = { k: [], v: [] };
  const record: ForwardRecord = { ffnIn: [], ffnPre: [], ffnPost: [], attention: [] };
  const linearIn: Record<string, tf.Tensor3D> = {};
  if (opts.record?.linear) record.linearIn = linearIn;
  for (let l = 0; l < cfg.nLayer; l++) {
    const p = `h.${l}`;
    const neurons = activeNeurons?.[l];
    if (computeOutside || neurons) {
      // A replaced FFN has no place for an adapter or a replacement weight on its layers: refuse, never ignore.
      const hook = computeOutside ? 'ffnFn' : 'ffnNeurons'; // model.forward's names for ffn.computeOutside / activeNeurons
      for (const part of ['mlp.up', 'mlp.down'])
        if (addToOutput?.[`${p}.${part}`] || (computeOutside && replaceWeights?.[`${p}.${part}.weight`]))
          throw new Error(
            `${p}.${part}: ${hook} replaces the FFN, so it cannot also take ${addToOutput?.[`${p}.${part}`] ? 'an unmerged adapter (merge it first)' : 'an override of its weights'}`,
          );
    }
    // The FFN of this layer on m [B, T, C]: the caller's (computeOutside), over chosen neurons (sparse), or dense.
    const mlp = (m: tf.Tensor3D): tf.Tensor => {
      if (opts.record?.ffn) record.ffnIn.push(m);
      if (computeOutside) {
        // The FFN runs elsewhere on plain arrays (synchronous, so it can read storage in the middle of the pass).
        const y = computeOutside(l, m.dataSync() as Float32Array); // [B*T*C]
        if (y.length !== B * T * C)
          throw new Error(`ffnFn(layer ${l}) returned ${y.length} values, expected ${B * T * C}`);
        return tf.tensor3d(y, [B, T, C]);
      }
      if (neurons) {
        // Sparse FFN: only the chosen columns of W_up and rows of W_down are read.
        const idx = tf.tensor1d(Array.from(neurons), 'int32');
        const up = tf.gather(w(`${p}.mlp.up.weight`), idx, 1); // [C, k]
        const upB = tf.gather(w(`${p}.mlp.up.bias`), idx); // [k]
        const down = tf.gather(w(`${p}.mlp.down.weight`), idx, 0); // [k, C]
        const h = tf.relu(linear(m, up, upB)); // [B, T, k]
        return linear(h, down, w(`${p}.mlp.down.bias`));
      }
      const pre = lin(`${p}.mlp.up`, m) as tf.Tensor3D; // [B, T, F]
      let post = tf.relu(pre) as tf.Tensor3D; // [B, T, F]
      const mask = maskAfterRelu?.[l];
      if (mask) post = tf.mul(post, mask) as tf.Tensor3D;
      if (opts.record?.ffn) {
        record.ffnPre.push(pre);
        record.ffnPost.push(post);
      }
      return lin(`${p}.mlp.down`, post);
    };
    const out = block(cfg, x, {
      w: (name) => w(`${p}.${name}`),
      lin: (name, input) => lin(`${p}.${name}`, input),
      mlp,
      bias,
      past: past ? { k: past.k[l], v: past.v[l] } : undefined,
    });
    x = out.x;
    present.k.push(out.k);
    present.v.push(out.v);
    if (opts.record?.attention) record.attention.push(out.probs);
  }
  const xf = layerNorm(x, w('ln_f.weight'), w('ln_f.bias')); // [B, T, C]
  const logits = tf
    .matMul(xf.reshape([B * T, C]), w('wte.weight'), false, true)
    .reshape([B, T, cfg.vocabSize]) as tf.Tensor3D;
  return { logits, present, record };
}

/** What one block reads: its parameters by short name ("ln_1.weight"), its linears, its FFN, the attention bias
 *  ([T, S] or [B, 1, T, S], 0 = visible), the layer's cached keys/values. */
export interface BlockParts {
  w: (name: string) => tf.Tensor;
  /** y = x W + b for the linear `name` ("attn.qkv"), with whatever the caller adds to it. */
  lin: (name: string, input: tf.Tensor) => tf.Tensor;
  /** The FFN on ln2(x) [B, T, C]; default: ReLU(x W_up + b_up) W_down + b_down. */
  mlp?: (m: tf.Tensor3D) => tf.Tensor;
  bias: tf.Tensor;
  past?: { k: tf.Tensor4D; v: tf.Tensor4D };
}

/** The transformer block, once: x = x + attn(ln1(x)); x = x + mlp(ln2(x)). x [B, T, C]; k, v [B, H, S, hs]. */
export function block(
  cfg: GPTConfig,
  x: tf.Tensor3D,
  parts: BlockParts,
): { x: tf.Tensor3D; k: tf.Tensor4D; v: tf.Tensor4D; probs: tf.Tensor4D } {
  const [B, T] = x.shape;
  const { nEmbd: C, nHead: H } = cfg;
  const hs = C / H;
  const { w, lin, past } = parts;
  // --- attention ---
  const a = layerNorm(x, w('ln_1.weight'), w('ln_1.bias'));
  const qkv = lin('attn.qkv', a); // [B, T, 3C]
  const [q, kNew, vNew] = tf
    .split(qkv, 3, 2)
    .map((t) => t.reshape([B, T, H, hs]).transpose([0, 2, 1, 3]) as tf.Tensor4D); // [B, H, T, hs]
  const k = (past ? tf.concat([past.k, kNew], 2) : kNew) as tf.Tensor4D; // [B, H, S, hs]
  const v = (past ? tf.concat([past.v, vNew], 2) : vNew) as tf.Tensor4D; // [B, H, S, hs]
  const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(hs)), parts.bias); // [B, H, T, S]
  const probs = tf.softmax(scores) as tf.Tensor4D; // [B, H, T, S]
  const heads = tf.matMul(probs, v).transpose([0, 2, 1, 3]).reshape([B, T, C]); // [B, T, C]
  let y = tf.add(x, lin('attn.proj', heads)) as tf.Tensor3D;
  // --- FFN: out = ReLU(x W_up + b_up) W_down + b_down ---
  const m = layerNorm(y, w('ln_2.weight'), w('ln_2.bias')) as tf.Tensor3D; // [B, T, C]
  const ffn = parts.mlp ? parts.mlp(m) : lin('mlp.down', tf.relu(lin('mlp.up', m)));
  y = tf.add(y, ffn) as tf.Tensor3D;
  return { x: y, k, v, probs };
}

/** y = x W + b for x [..., in], W [in, out]. */
export function linear(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const shape = x.shape;
  const inDim = shape[shape.length - 1];
  const y = tf.matMul(x.reshape([-1, inDim]), weight).add(bias); // [N, out]
  return y.reshape([...shape.slice(0, -1), weight.shape[1]!]);
}

/** LayerNorm over the last axis (eps 1e-5), scaled by g and shifted by b. */
export function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
}

/** [T, P+T] bias: query i (absolute position P+i) sees keys 0..P+i. */
export function causalBias(T: number, P: number): tf.Tensor2D {
  const data = new Float32Array(T * (P + T));
  for (let i = 0; i < T; i++) for (let j = P + i + 1; j < P + T; j++) data[i * (P + T) + j] = NEG;
  return tf.tensor2d(data, [T, P + T]);
}

/** Mean cross-entropy (nats/token) of logits [B, T, V] against int32 targets [B, T]. */
export function crossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D): tf.Scalar {
  const V = logits.shape[2];
  const flat = logits.reshape([-1, V]) as tf.Tensor2D;
  const logp = tf.logSoftmax(flat); // [N, V]
  const oneHot = tf.oneHot(targets.reshape([-1]), V).toFloat();
  return tf.neg(tf.mean(tf.sum(tf.mul(logp, oneHot), 1))) as tf.Scalar;
}
