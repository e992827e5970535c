// Where a LoRA adapter can attach: any linear layer by name ("h.0.mlp.up", "h.2.attn.proj", "h.1.attn.qkv"), or
// one third of the fused qkv projection ("h.0.attn.q", "h.0.attn.k", "h.0.attn.v"), the paper's W_q, W_k, W_v
// (Hu et al., arXiv 2106.09685, §4.2). Our weights are [in, out] (y = x W), so a target is a block of columns.
import { linearNames, type GPTConfig } from '../config.ts';

export interface Target {
  /** The adapter's name for it, e.g. "h.0.attn.q". */
  name: string;
  /** The linear layer it changes, e.g. "h.0.attn.qkv". */
  layer: string;
  /** Inputs and outputs of the adapted block: ΔW is [inDim, outDim]. */
  inDim: number;
  outDim: number;
  /** First output column of the block within the layer's weight. */
  column: number;
}

/** Kinds of matrix in every layer: the paper's q, k, v, o (= attn.proj), and the rest of our linears. */
export const KINDS = ['q', 'k', 'v', 'o', 'qkv', 'up', 'down'] as const;
export type Kind = (typeof KINDS)[number];

const QKV_PART = { q: 0, k: 1, v: 2 } as const;

/** Resolves one target name against a config; throws naming the choices if it is not one. */
export function resolveTarget(cfg: GPTConfig, name: string): Target {
  const C = cfg.nEmbd;
  const m = /^h\.(\d+)\.(attn\.q|attn\.k|attn\.v|attn\.qkv|attn\.proj|mlp\.up|mlp\.down)$/.exec(name);
  const layerIndex = m ? Number(m[1]) : -1;
  if (!m || layerIndex >= cfg.nLayer) {
    throw new Error(
      `LoRA target "${name}" is not a linear layer of this model; use h.<0..${cfg.nLayer - 1}>.{attn.q, attn.k, attn.v, attn.qkv, attn.proj, mlp.up, mlp.down}`,
    );
  }
  const part = m[2];
  const p = `h.${layerIndex}`;
  if (part === 'attn.q' || part === 'attn.k' || part === 'attn.v') {
    const which = part.slice(5) as keyof typeof QKV_PART;
    return { name, layer: `${p}.attn.qkv`, inDim: C, outDim: C, column: QKV_PART[which] * C };
  }
  const layer = `${p}.${part}`;
  if (!linearNames(cfg).includes(layer)) throw new Error(`LoRA target "${name}": no such layer`);
  const dims: Record<string, [number, number]> = {
    'attn.qkv': [C, 3 * C],
    'attn.proj': [C, C],
    'mlp.up': [C, cfg.nFfn],
    'mlp.down': [cfg.nFfn, C],
  };
  const [inDim, outDim] = dims[part];
  return { name, layer, inDim, outDim, column: 0 };
}

/** Target names for these kinds of matrix in these layers (default: every layer), e.g. (cfg, ['q', 'v']). */
export function targetsFor(
  cfg: GPTConfig,
  kinds: readonly Kind[],
  layers: readonly number[] = [...Array(cfg.nLayer).keys()],
): string[] {
  const suffix: Record<Kind, string> = {
    q: 'attn.q',
    k: 'attn.k',
    v: 'attn.v',
    o: 'attn.proj',
    qkv: 'attn.qkv',
    up: 'mlp.up',
    down: 'mlp.down',
  };
  for (const k of kinds)
    if (!(k in suffix)) throw new Error(`unknown matrix kind "${k}"; choose from ${KINDS.join(', ')}`);
  return layers.flatMap((l) => kinds.map((k) => `h.${l}.${suffix[k]}`));
}

/** Trainable numbers of a rank-r adapter on these targets: r (in + out) per target (A is [in, r], B is [r, out]). */
export function loraParameterCount(cfg: GPTConfig, targets: readonly string[], rank: number): number {
  return targets.reduce((n, t) => {
    const x = resolveTarget(cfg, t);
    return n + rank * (x.inDim + x.outDim);
  }, 0);
}

/**
 * The paper's count for square d_model x d_model matrices: |Θ| = 2 · L̂ · d_model · r, with L̂ the number of adapted
 * matrices (§5.1). GPT-3 175B, W_q and W_v in 96 layers, r = 4: 2 · 192 · 12288 · 4 = 18,874,368.
 */
export function squareLoraParameterCount(dModel: number, adaptedMatrices: number, rank: number): number {
  return 2 * adaptedMatrices * dModel * rank;
}
