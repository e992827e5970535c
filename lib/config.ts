// The model's shape in one typed record, with nanoGPT's names. Presets are the two models the lessons use.

export interface GPTConfig {
  /** Tokens in the vocabulary (256 bytes + learned BPE merges). */
  vocabSize: number;
  /** Longest context the model has position embeddings for. */
  blockSize: number;
  /** Transformer blocks. */
  nLayer: number;
  /** Attention heads per block; nEmbd must divide by it. */
  nHead: number;
  /** Width of the residual stream. */
  nEmbd: number;
  /** Neurons in each FFN (the ReLU layer): 4 * nEmbd in the target, as in GPT-2 and OPT; 2 * nEmbd in the draft, to stay under 1/8 of the target's size. */
  nFfn: number;
}

export const TOKENIZER_VOCAB = 512;

export const PRESETS = {
  target: { vocabSize: TOKENIZER_VOCAB, blockSize: 128, nLayer: 4, nHead: 4, nEmbd: 128, nFfn: 512 },
  draft: { vocabSize: TOKENIZER_VOCAB, blockSize: 128, nLayer: 2, nHead: 4, nEmbd: 64, nFfn: 128 },
} satisfies Record<string, GPTConfig>;

export type PresetName = keyof typeof PRESETS;

/** Throws a message naming the bad field if `c` is not a usable config. */
export function validateConfig(c: unknown, source = 'config'): GPTConfig {
  const fields = ['vocabSize', 'blockSize', 'nLayer', 'nHead', 'nEmbd', 'nFfn'] as const;
  if (typeof c !== 'object' || c === null) throw new Error(`${source}: expected a JSON object`);
  const rec = c as Record<string, unknown>;
  for (const f of fields) {
    const v = rec[f];
    if (!Number.isInteger(v) || (v as number) <= 0)
      throw new Error(`${source}: "${f}" must be a positive integer, got ${JSON.stringify(v)}`);
  }
  const cfg = Object.fromEntries(fields.map((f) => [f, rec[f]])) as unknown as GPTConfig;
  if (cfg.nEmbd % cfg.nHead !== 0)
    throw new Error(`${source}: nEmbd (${cfg.nEmbd}) must divide by nHead (${cfg.nHead})`);
  return cfg;
}

/** The parameter tensors a model with this config has, by name, with their shapes. Linear weights are [in, out]. */
export function parameterShapes(c: GPTConfig): Map<string, number[]> {
  const s = new Map<string, number[]>();
  s.set('wte.weight', [c.vocabSize, c.nEmbd]);
  s.set('wpe.weight', [c.blockSize, c.nEmbd]);
  for (let i = 0; i < c.nLayer; i++) {
    const p = `h.${i}`;
    s.set(`${p}.ln_1.weight`, [c.nEmbd]);
    s.set(`${p}.ln_1.bias`, [c.nEmbd]);
    s.set(`${p}.attn.qkv.weight`, [c.nEmbd, 3 * c.nEmbd]);
    s.set(`${p}.attn.qkv.bias`, [3 * c.nEmbd]);
    s.set(`${p}.attn.proj.weight`, [c.nEmbd, c.nEmbd]);
    s.set(`${p}.attn.proj.bias`, [c.nEmbd]);
    s.set(`${p}.ln_2.weight`, [c.nEmbd]);
    s.set(`${p}.ln_2.bias`, [c.nEmbd]);
    s.set(`${p}.mlp.up.weight`, [c.nEmbd, c.nFfn]);
    s.set(`${p}.mlp.up.bias`, [c.nFfn]);
    s.set(`${p}.mlp.down.weight`, [c.nFfn, c.nEmbd]);
    s.set(`${p}.mlp.down.bias`, [c.nEmbd]);
  }
  s.set('ln_f.weight', [c.nEmbd]);
  s.set('ln_f.bias', [c.nEmbd]);
  return s;
}

/** Names of the linear layers (e.g. "h.0.mlp.up"), whose weights can be read and replaced. */
export function linearNames(c: GPTConfig): string[] {
  const names: string[] = [];
  for (let i = 0; i < c.nLayer; i++)
    for (const l of ['attn.qkv', 'attn.proj', 'mlp.up', 'mlp.down']) names.push(`h.${i}.${l}`);
  return names;
}

export function parameterCount(c: GPTConfig): number {
  let n = 0;
  for (const shape of parameterShapes(c).values()) n += shape.reduce((a, b) => a * b, 1);
  return n;
}
