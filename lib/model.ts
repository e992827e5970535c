// A loaded language model with a plain-array API: token ids in, logits and recorded activations out.
// Tensors stay inside; every call cleans up after itself, and dispose() frees the weights.
import * as tf from '@tensorflow/tfjs';
import { linearNames, parameterCount, parameterShapes, type GPTConfig } from './config.ts';
import { forwardTensors, type Params } from './gpt.ts';
import { KVCache } from './kv-cache.ts';
import type { Tokenizer } from './tokenizer.ts';

export interface ForwardOptions {
  /** Absolute positions [B][T]. Default: cache length + 0..T-1. */
  positions?: number[][];
  /** Attention mask [T][S] (shared) or [B][T][S], 1 = may attend, S = cache length + T. Default: causal. */
  mask?: number[][] | number[][][];
  /** Past keys/values: read, then extended with these tokens. */
  cache?: KVCache;
  /** Per layer, compute only these FFN neurons (the rest count as zero): the sparse FFN. */
  ffnNeurons?: (ArrayLike<number> | null)[];
  /** Per layer, a 0/1 keep-mask of length B*T*nFfn applied after the ReLU (per-token neuron choice). */
  ffnMask?: (Float32Array | null)[];
  /** Per layer, the FFN computed outside tfjs on plain arrays: x [B*T*nEmbd] in, FFN output [B*T*nEmbd] out. */
  ffnFn?: (layer: number, x: Float32Array) => Float32Array;
  /** Record per-layer FFN activations and/or attention probabilities. */
  record?: { ffn?: boolean; attention?: boolean; linear?: boolean };
  /** Replacement values for parameters by name ("h.0.mlp.up.weight", "h.0.ln_1.bias"), same shapes, this call only. */
  overrides?: Record<string, Float32Array>;
}

export interface ForwardResult {
  /** [B][T] -> logits over the vocabulary. */
  logits: Float32Array[][];
  /** Per layer, what the FFN reads (after LayerNorm), [B*T*nEmbd] row-major (with record.ffn). */
  ffnIn?: Float32Array[];
  /** Per layer, FFN input to the ReLU, [B*T*nFfn] row-major (only with record.ffn and no ffnNeurons). */
  ffnPre?: Float32Array[];
  /** Per layer, FFN output of the ReLU, [B*T*nFfn] row-major. */
  ffnPost?: Float32Array[];
  /** Per layer, attention probabilities [B*nHead*T*S] row-major. */
  attention?: Float32Array[];
  /** With record.linear: each linear layer's input by name ("h.0.attn.qkv"), [B*T*in] row-major (dense FFN only). */
  linearIn?: Record<string, Float32Array>;
}

export interface LinearWeights {
  name: string;
  /** [in, out] row-major: row i holds what input i contributes to every output. */
  weight: Float32Array;
  bias: Float32Array;
  shape: [number, number];
}

export class LanguageModel {
  readonly config: GPTConfig;
  readonly tokenizer: Tokenizer;
  readonly name: string;
  private params: Params;
  /** Additions to linear layers' outputs applied on every forward (an unmerged LoRA adapter, lib/lora); null for none. */
  linearAdd: Record<string, (x: tf.Tensor2D) => tf.Tensor2D> | null = null;

  constructor(config: GPTConfig, tokenizer: Tokenizer, weights: Record<string, Float32Array>, name = 'model') {
    if (tokenizer.vocabSize !== config.vocabSize)
      throw new Error(
        `${name}: tokenizer has ${tokenizer.vocabSize} tokens but the config says vocabSize ${config.vocabSize}`,
      );
    this.config = config;
    this.tokenizer = tokenizer;
    this.name = name;
    const shapes = parameterShapes(config);
    this.params = {};
    for (const [n, shape] of shapes) this.params[n] = tf.tensor(weights[n], shape);
  }

  get parameterCount(): number {
    return parameterCount(this.config);
  }

  /** Runs the model on a batch of equal-length token sequences. */
  forward(tokens: number[][], opts: ForwardOptions = {}): ForwardResult {
    const B = tokens.length,
      T = tokens[0]?.length ?? 0;
    if (B === 0 || T === 0) throw new Error('forward: need at least one sequence of at least one token');
    if (tokens.some((t) => t.length !== T))
      throw new Error('forward: all sequences in a batch must have the same length');
    const { vocabSize: V, nFfn: F } = this.config;
    for (const row of tokens)
      for (const id of row)
        if (!(Number.isInteger(id) && id >= 0 && id < V))
          throw new Error(`forward: token id ${id} is outside 0..${V - 1}`);
    const past = opts.cache?.length ?? 0;
    if (!opts.positions && past + T > this.config.blockSize)
      throw new Error(
        `forward: ${past} cached + ${T} new tokens exceed the context of ${this.config.blockSize}; use generate() (it slides the window) or shorten the input`,
      );

    // The tidy returns tensors, read after it: tf.tidy walks what it returns key by key, and a typed array of T*V
    // logits walked value by value cost more than the forward itself.
    let linearTensors: Record<string, tf.Tensor> = {};
    const kept = tf.tidy(() => {
      const r = forwardTensors(this.config, this.params, tf.tensor2d(tokens, [B, T], 'int32'), {
        context: {
          past: opts.cache?.tensors,
          positions: opts.positions ? tf.tensor2d(opts.positions, [B, T], 'int32') : undefined,
          mask: opts.mask ? tf.tensor(opts.mask) : undefined,
        },
        linears: {
          replaceWeights: opts.overrides ? this.overrideTensors(opts.overrides) : undefined,
          addToOutput: this.linearAdd ?? undefined,
        },
        ffn: {
          activeNeurons: opts.ffnNeurons?.map((n) => (n ? Int32Array.from(n) : null)),
          maskAfterRelu: opts.ffnMask?.map((m) => (m ? tf.tensor3d(m, [B, T, F]) : null)),
          computeOutside: opts.ffnFn,
        },
        record: opts.record,
      });
      if (r.record.linearIn)
        linearTensors = Object.fromEntries(Object.entries(r.record.linearIn).map(([n, t]) => [n, tf.keep(t)]));
      if (opts.cache)
        opts.cache.replace({ k: r.present.k.map((t) => tf.keep(t)), v: r.present.v.map((t) => tf.keep(t)) });
      return {
        logits: r.logits,
        ffnIn: r.record.ffnIn,
        ffnPre: r.record.ffnPre,
        ffnPost: r.record.ffnPost,
        attention: r.record.attention,
      };
    });
    const read = (t: tf.Tensor) => t.dataSync() as Float32Array;
    const out = {
      logits: read(kept.logits),
      ffnIn: kept.ffnIn.map(read),
      ffnPre: kept.ffnPre.map(read),
      ffnPost: kept.ffnPost.map(read),
      attention: kept.attention.map(read),
    };
    const logits = Array.from({ length: B }, (_, b) =>
      Array.from({ length: T }, (_, t) => out.logits.subarray((b * T + t) * V, (b * T + t + 1) * V)),
    );
    const result: ForwardResult = { logits };
    if (opts.record?.ffn) {
      result.ffnIn = out.ffnIn;
      result.ffnPre = out.ffnPre;
      result.ffnPost = out.ffnPost;
    }
    if (opts.record?.attention) result.attention = out.attention;
    if (opts.record?.linear)
      result.linearIn = Object.fromEntries(
        Object.entries(linearTensors).map(([n, t]) => [n, t.dataSync() as Float32Array]),
      );
    // After every read: a recorded linear input can be the FFN record's own tensor (dispose is idempotent).
    tf.dispose([kept.logits, ...kept.ffnIn, ...kept.ffnPre, ...kept.ffnPost, ...kept.attention]);
    tf.dispose(Object.values(linearTensors));
    return result;
  }

  /** An empty KV cache for incremental decoding with this model. */
  newCache(): KVCache {
    return new KVCache();
  }

  /** Names of every linear layer, e.g. "h.0.mlp.up". */
  get linearNames(): string[] {
    return linearNames(this.config);
  }

  /** The weight tensors themselves, for training against a frozen base (lib/lora); do not dispose or modify them. */
  get tensors(): Params {
    return this.params;
  }

  /** A copy of one linear layer's weights. */
  getLinear(name: string): LinearWeights {
    const w = this.param(`${name}.weight`),
      b = this.param(`${name}.bias`);
    return {
      name,
      weight: w.dataSync() as Float32Array,
      bias: b.dataSync() as Float32Array,
      shape: w.shape as [number, number],
    };
  }

  /** Replaces one linear layer's weight (and bias, if given); shapes must match. */
  setLinear(name: string, weight: Float32Array, bias?: Float32Array): void {
    const w = this.param(`${name}.weight`),
      b = this.param(`${name}.bias`);
    if (weight.length !== w.size)
      throw new Error(
        `setLinear(${name}): weight has ${weight.length} values, expected ${w.size} for shape [${w.shape}]`,
      );
    if (bias && bias.length !== b.size)
      throw new Error(`setLinear(${name}): bias has ${bias.length} values, expected ${b.size}`);
    this.params[`${name}.weight`] = tf.tensor(weight, w.shape);
    w.dispose();
    if (bias) {
      this.params[`${name}.bias`] = tf.tensor(bias, b.shape);
      b.dispose();
    }
  }

  /** All weights as plain arrays (e.g. to clone a model before changing it). */
  exportWeights(): Record<string, Float32Array> {
    return Object.fromEntries(Object.entries(this.params).map(([n, t]) => [n, t.dataSync() as Float32Array]));
  }

  dispose(): void {
    tf.dispose(Object.values(this.params));
    this.params = {};
  }

  /** Tensors for forward()'s `overrides`, checked against the parameters they replace (call inside tf.tidy). */
  private overrideTensors(overrides: Record<string, Float32Array>): Record<string, tf.Tensor> {
    const out: Record<string, tf.Tensor> = {};
    for (const [name, values] of Object.entries(overrides)) {
      const p = this.param(name);
      if (values.length !== p.size)
        throw new Error(
          `forward: override ${name} has ${values.length} values, expected ${p.size} for shape [${p.shape}]`,
        );
      out[name] = tf.tensor(values, p.shape);
    }
    return out;
  }

  private param(name: string): tf.Tensor {
    const t = this.params[name];
    if (!t)
      throw new Error(
        `${this.name}: no parameter "${name}"; linear layers are ${this.linearNames.slice(0, 4).join(', ')}, …`,
      );
    return t;
  }
}
