// A LoRA adapter (Hu et al., arXiv 2106.09685, §4.1): for each target block W0 of the frozen model, the update is
// ΔW = (alpha / r) · A B, trained while W0 stays fixed; h = x W0 + (alpha / r) · x A B.
// Layout: our weights are [in, out] (y = x W), so A is [in, r] and B is [r, out]; the paper's B A (d x k, for
// h = W x) is the transpose of our A B. A starts Gaussian (seeded, std 1/sqrt(in), so x A keeps the scale of x)
// and B at zero, so ΔW = 0 and the adapted model starts exactly at the base.
import * as tf from '@tensorflow/tfjs';
import type { GPTConfig } from '../config.ts';
import { mulberry32, randn } from '../random.ts';
import { resolveTarget, type Target } from './targets.ts';

export interface LoraSpec {
  rank: number;
  /** Scale numerator: ΔW = (alpha / rank) · A B. */
  alpha: number;
  /** Target names (lib/lora/targets.ts), e.g. ["h.0.attn.q", "h.0.attn.v", …]. */
  targets: string[];
}

/** The base model an adapter belongs to: its name, shape and a fingerprint of its weights. */
export interface BaseModelId {
  name: string;
  config: GPTConfig;
  fingerprint: string;
}

export const MAX_RANK = 64;

/** Throws a message naming the field if the spec cannot describe an adapter for `cfg`. */
export function validateLoraSpec(cfg: GPTConfig, spec: LoraSpec): Target[] {
  if (!Number.isInteger(spec.rank) || spec.rank < 1 || spec.rank > MAX_RANK)
    throw new Error(`LoRA rank must be an integer from 1 to ${MAX_RANK}, got ${spec.rank}`);
  if (!Number.isFinite(spec.alpha) || spec.alpha <= 0 || spec.alpha > 1024)
    throw new Error(`LoRA alpha must be a number in (0, 1024], got ${spec.alpha}`);
  if (!Array.isArray(spec.targets) || spec.targets.length === 0)
    throw new Error('LoRA needs at least one target matrix');
  if (new Set(spec.targets).size !== spec.targets.length) throw new Error('LoRA targets must not repeat');
  const targets = spec.targets.map((t) => resolveTarget(cfg, t));
  for (const t of targets)
    if (spec.rank > Math.min(t.inDim, t.outDim))
      throw new Error(`LoRA rank ${spec.rank} exceeds the full rank ${Math.min(t.inDim, t.outDim)} of ${t.name}`);
  return targets;
}

/** A trainable variable holding `values`. tf.variable keeps its initial tensor alive beside it, so that is freed here. */
function variableOf(values: Float32Array, shape: [number, number]): tf.Variable {
  const initial = tf.tensor2d(values, shape);
  const v = tf.variable(initial, true);
  initial.dispose();
  return v;
}

export class LoraAdapter {
  readonly spec: LoraSpec;
  readonly base: BaseModelId;
  readonly targets: Target[];
  /** A [in, r] and B [r, out] per target name; variables, so an optimizer can train them. */
  readonly a: Record<string, tf.Variable>;
  readonly b: Record<string, tf.Variable>;

  /** A fresh adapter (B = 0), or one from saved matrices (`weights[target + ".A"]`, `[target + ".B"]`). */
  constructor(base: BaseModelId, spec: LoraSpec, init: { seed: number } | { weights: Record<string, Float32Array> }) {
    this.base = base;
    this.spec = { rank: spec.rank, alpha: spec.alpha, targets: [...spec.targets] };
    this.targets = validateLoraSpec(base.config, spec);
    this.a = {};
    this.b = {};
    const rng = 'seed' in init ? mulberry32(init.seed) : null;
    const r = spec.rank;
    for (const t of this.targets) {
      let a: Float32Array, b: Float32Array;
      if (rng) {
        a = new Float32Array(t.inDim * r);
        const std = 1 / Math.sqrt(t.inDim);
        for (let i = 0; i < a.length; i++) a[i] = std * randn(rng);
        b = new Float32Array(r * t.outDim);
      } else {
        const w = (init as { weights: Record<string, Float32Array> }).weights;
        a = w[`${t.name}.A`];
        b = w[`${t.name}.B`];
        if (!a || a.length !== t.inDim * r)
          throw new Error(`adapter matrix ${t.name}.A: expected ${t.inDim * r} values, got ${a?.length ?? 'none'}`);
        if (!b || b.length !== r * t.outDim)
          throw new Error(`adapter matrix ${t.name}.B: expected ${r * t.outDim} values, got ${b?.length ?? 'none'}`);
      }
      this.a[t.name] = variableOf(a, [t.inDim, r]);
      this.b[t.name] = variableOf(b, [r, t.outDim]);
    }
  }

  get rank(): number {
    return this.spec.rank;
  }
  get scale(): number {
    return this.spec.alpha / this.spec.rank;
  }

  /** Trainable numbers: r (in + out) per target. */
  get parameterCount(): number {
    return this.targets.reduce((n, t) => n + this.rank * (t.inDim + t.outDim), 0);
  }

  /** Every trainable tensor by a unique name ("h.0.attn.q.A"), for an optimizer. */
  get variables(): Record<string, tf.Variable> {
    const out: Record<string, tf.Variable> = {};
    for (const t of this.targets) {
      out[`${t.name}.A`] = this.a[t.name];
      out[`${t.name}.B`] = this.b[t.name];
    }
    return out;
  }

  /**
   * The unmerged forward's additions, per linear layer: x [N, in] -> scale · (x A) B [N, out], placed in the
   * target's columns (zeros elsewhere when it is one part of qkv). Pass as forwardTensors' `linears.addToOutput`.
   */
  linearAdd(): Record<string, (x: tf.Tensor2D) => tf.Tensor2D> {
    const byLayer = new Map<string, Target[]>();
    for (const t of this.targets) byLayer.set(t.layer, [...(byLayer.get(t.layer) ?? []), t]);
    const out: Record<string, (x: tf.Tensor2D) => tf.Tensor2D> = {};
    for (const [layer, ts] of byLayer) {
      const outDim = layer.endsWith('attn.qkv') ? 3 * this.base.config.nEmbd : ts[0].outDim;
      out[layer] = (x) => {
        const N = x.shape[0];
        let sum: tf.Tensor2D | null = null;
        for (const t of ts) {
          let d = tf.mul(tf.matMul(tf.matMul(x, this.a[t.name]), this.b[t.name]), this.scale) as tf.Tensor2D; // [N, t.outDim]
          if (t.outDim !== outDim) {
            const parts: tf.Tensor2D[] = [];
            if (t.column > 0) parts.push(tf.zeros([N, t.column]));
            parts.push(d);
            if (t.column + t.outDim < outDim) parts.push(tf.zeros([N, outDim - t.column - t.outDim]));
            d = tf.concat(parts, 1); // [N, outDim]
          }
          sum = sum ? (tf.add(sum, d) as tf.Tensor2D) : d;
        }
        return sum!;
      };
    }
    return out;
  }

  /** ΔW = scale · A B for one target, [in, out] row-major. */
  delta(target: string): Float32Array {
    const t = this.targets.find((x) => x.name === target);
    if (!t) throw new Error(`this adapter has no target ${target}; it adapts ${this.spec.targets.join(', ')}`);
    // Read after the tidy: tf.tidy would walk a returned typed array value by value.
    const d = tf.tidy(() => tf.mul(tf.matMul(this.a[t.name], this.b[t.name]), this.scale));
    try {
      return d.dataSync() as Float32Array;
    } finally {
      d.dispose();
    }
  }

  /** Copies of A and B per target, keyed "target.A" / "target.B". */
  weights(): Record<string, Float32Array> {
    const out: Record<string, Float32Array> = {};
    for (const [n, v] of Object.entries(this.variables)) out[n] = v.dataSync().slice() as Float32Array;
    return out;
  }

  dispose(): void {
    tf.dispose([...Object.values(this.a), ...Object.values(this.b)]);
  }
}
