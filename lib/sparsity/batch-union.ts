// Why batching melts activation sparsity: B sequences decoded together need, at each step, every neuron that fires
// for at least one of them. PowerInfer-2 finds the share of highly activated neurons in Bamboo-7B's layer 10 going
// from under 1% at batch 1 to about 75% at batch 32 [arXiv 2406.06282, §2.2, Fig. 2]; PowerInfer's gain shrinks with
// batch size for the same reason [arXiv 2312.12456 v2, Fig. 14]. Here: B sampled continuations of one prompt
// (Best-of-N / parallel sampling), decoded as one batch with a KV cache, one seeded sampling generator per sequence.
//
// All batch sizes come from a single run of the largest batch: sequences in a batch never interact, so batch B is
// exactly its first B sequences. That makes the union non-decreasing in B by construction, and B = 1 is sequence 0.
import type { LanguageModel } from '../model.ts';
import { mulberry32 } from '../random.ts';
import { sampleFrom, samplingDistribution, type SamplingOptions } from '../sampling.ts';

export interface BatchUnionOptions extends SamplingOptions {
  /** Default [1, 2, 4, 8, 16]. */
  batchSizes?: number[];
  /** Decode steps measured (default 16). The prompt is cut so prompt + steps fit the context. */
  steps?: number;
  /** Sequence b samples with mulberry32(seed + 1000·b) (default seed 1). */
  seed?: number;
  /** Also report which neurons were in each union (`perNeuron`), for pricing a hot/cold split (batch-split.ts). */
  perNeuron?: boolean;
}

export interface BatchUnionResult {
  batchSizes: number[];
  steps: number;
  /** [batch size][layer] share of the layer's neurons active for at least one sequence, mean over decode steps. */
  union: number[][];
  /** [batch size] the same, averaged over layers. */
  mean: number[];
  /** [layer] share of neurons active for sequence 0 alone (the batch-1 value). */
  single: number[];
  /** The continuations of the largest batch. */
  texts: string[];
  /**
   * With `perNeuron`: [batch size][layer][neuron] share of decode steps on which the neuron was active for at least
   * one sequence. Summed over neurons and divided by nFfn it is `union`.
   */
  perNeuron?: Float32Array[][];
}

export function batchUnion(
  model: LanguageModel,
  prompt: string | number[],
  opts: BatchUnionOptions = {},
): BatchUnionResult {
  const batchSizes = opts.batchSizes ?? [1, 2, 4, 8, 16];
  const steps = opts.steps ?? 16;
  const seed = opts.seed ?? 1;
  const { blockSize, nLayer: L, nFfn: F } = model.config;
  if (!batchSizes.length || !batchSizes.every((b) => Number.isInteger(b) && b >= 1))
    throw new Error(`batchUnion: batchSizes must be positive integers, got ${JSON.stringify(batchSizes)}`);
  if (!(Number.isInteger(steps) && steps >= 1 && steps < blockSize))
    throw new Error(`batchUnion: steps must be an integer in 1..${blockSize - 1}, got ${steps}`);
  const all = typeof prompt === 'string' ? model.tokenizer.encode(prompt) : [...prompt];
  if (all.length === 0) throw new Error('batchUnion: the prompt is empty');
  const ids = all.slice(-(blockSize - steps));
  const Bmax = Math.max(...batchSizes);
  const rngs = Array.from({ length: Bmax }, (_, b) => mulberry32(seed + 1000 * b));
  const sums = batchSizes.map(() => new Float64Array(L));
  const singleSum = new Float64Array(L);
  const perNeuron = opts.perNeuron
    ? batchSizes.map(() => Array.from({ length: L }, () => new Float32Array(F)))
    : undefined;
  const generated: number[][] = Array.from({ length: Bmax }, () => []);
  const cache = model.newCache();
  try {
    const prefill = model.forward(
      Array.from({ length: Bmax }, () => ids),
      { cache },
    ).logits;
    let next = prefill.map((rows, b) => sampleFrom(samplingDistribution(rows[rows.length - 1], opts), rngs[b]));
    const seen = new Uint8Array(F);
    for (let s = 0; s < steps; s++) {
      next.forEach((id, b) => generated[b].push(id));
      const out = model.forward(
        next.map((id) => [id]),
        { cache, record: { ffn: true } },
      );
      for (let l = 0; l < L; l++) {
        const post = out.ffnPost![l]; // [Bmax*F]
        seen.fill(0);
        let union = 0,
          b = 0;
        const sorted = [...batchSizes.keys()].sort((x, y) => batchSizes[x] - batchSizes[y]);
        for (const k of sorted) {
          for (; b < batchSizes[k]; b++)
            for (let i = 0; i < F; i++)
              if (post[b * F + i] > 0 && !seen[i]) {
                seen[i] = 1;
                union++;
              }
          sums[k][l] += union / F;
          if (perNeuron) for (let i = 0; i < F; i++) if (seen[i]) perNeuron[k][l][i] += 1 / steps;
        }
        let one = 0;
        for (let i = 0; i < F; i++) if (post[i] > 0) one++;
        singleSum[l] += one / F;
      }
      if (s < steps - 1) next = out.logits.map((rows, b) => sampleFrom(samplingDistribution(rows[0], opts), rngs[b]));
    }
  } finally {
    cache.dispose();
  }
  const union = sums.map((u) => Array.from(u, (x) => x / steps));
  return {
    batchSizes,
    steps,
    union,
    mean: union.map((u) => u.reduce((a, b) => a + b, 0) / L),
    single: Array.from(singleSum, (x) => x / steps),
    texts: generated.map((g) => model.tokenizer.decode(g)),
    ...(perNeuron ? { perNeuron } : {}),
  };
}
