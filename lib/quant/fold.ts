// Folding per-channel scales into the model so the fp32 model computes exactly the same function: the input of a
// scaled linear layer is divided by s where it is produced. In our GPT (pre-LayerNorm, ReLU FFN) every linear
// layer's input comes from an operator that is linear per channel:
//   attn.qkv  reads LayerNorm 1      -> divide ln_1's gain and bias by s
//   attn.proj reads softmax(QKᵀ)·V  -> divide the V columns (and bias) of attn.qkv by s (attention mixes tokens, not channels)
//   mlp.up    reads LayerNorm 2      -> divide ln_2's gain and bias by s
//   mlp.down  reads ReLU(x W_up + b) -> divide W_up's columns and bias by s (ReLU(z/s) = ReLU(z)/s for s > 0)
// A column of a weight matrix scaled by a positive constant quantizes to exactly that constant times its old
// quantization (its groups' min, max and Δ all scale), so folding into a linear layer that is itself quantized
// later does not change that layer's rounding. References: AWQ, arXiv 2306.00978 §3.2; llm-awq auto_scale.py
// (scale_ln_fcs, scale_fc_fc).
import type { GPTConfig } from '../config.ts';
import { scaleRows } from './awq.ts';

/** Multiplies the input rows of each named linear layer by its scales and folds 1/s into the operator before it. */
export function foldScales(
  cfg: GPTConfig,
  weights: Record<string, Float32Array>,
  scales: Record<string, ArrayLike<number>>,
): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const [n, w] of Object.entries(weights)) out[n] = w.slice();
  const C = cfg.nEmbd,
    F = cfg.nFfn;
  const divideColumns = (name: string, cols: number, first: number, s: ArrayLike<number>) => {
    const w = out[`${name}.weight`],
      b = out[`${name}.bias`];
    for (let c = 0; c < s.length; c++) {
      for (let r = 0; r < w.length / cols; r++) w[r * cols + first + c] /= s[c];
      b[first + c] /= s[c];
    }
  };
  const divideNorm = (name: string, s: ArrayLike<number>) => {
    for (let c = 0; c < s.length; c++) {
      out[`${name}.weight`][c] /= s[c];
      out[`${name}.bias`][c] /= s[c];
    }
  };
  for (const [name, s] of Object.entries(scales)) {
    const m = /^h\.(\d+)\.(attn\.qkv|attn\.proj|mlp\.up|mlp\.down)$/.exec(name);
    if (!m || Number(m[1]) >= cfg.nLayer) throw new Error(`foldScales: ${name} is not a linear layer of this model`);
    const p = `h.${m[1]}`,
      kind = m[2];
    const inDim = kind === 'mlp.down' ? F : C,
      outDim = { 'attn.qkv': 3 * C, 'attn.proj': C, 'mlp.up': F, 'mlp.down': C }[kind]!;
    if (s.length !== inDim) throw new Error(`foldScales: ${name} needs ${inDim} scales, got ${s.length}`);
    for (let i = 0; i < inDim; i++)
      if (!(s[i] > 0 && Number.isFinite(s[i])))
        throw new Error(`foldScales: scale ${s[i]} of ${name} channel ${i} must be positive and finite`);
    out[`${name}.weight`] = scaleRows(out[`${name}.weight`], inDim, outDim, s);
    if (kind === 'attn.qkv') divideNorm(`${p}.ln_1`, s);
    else if (kind === 'attn.proj') divideColumns(`${p}.attn.qkv`, 3 * C, 2 * C, s);
    else if (kind === 'mlp.up') divideNorm(`${p}.ln_2`, s);
    else divideColumns(`${p}.mlp.up`, F, 0, s);
  }
  return out;
}
