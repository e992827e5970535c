// Why windowing works, measured on an activation trace [LLM in a Flash, arXiv 2312.11514 v3, §3.1, Fig. 4]:
//   s_agg(k)   = the share of a layer's neurons used by at least one of k consecutive tokens (grows ever more slowly);
//   Δ_load(k)  = the share that token t uses and tokens t-k..t-1 did not: what must be read from flash for token t
//                when the last k tokens' neurons are kept in DRAM. (Its mean is s_agg(k+1) − s_agg(k).)
import { popcount } from '../bits.ts';
import type { ActivationTrace } from '../sparsity/trace.ts';

export interface WindowCurve {
  /** k = 0, 1, …, kMax. */
  k: number[];
  /** s_agg(k) for k ≥ 1 (s_agg(0) = 0). */
  sAgg: number[];
  /** Δ_load(k): for k = 0 it is the share active per token (nothing kept). */
  deltaLoad: number[];
  /** Tokens averaged over (those with kMax tokens before them). */
  tokens: number;
}

/** s_agg(k) and Δ_load(k) for k = 0..kMax, averaged over layers and over tokens kMax..end. */
export function windowCurve(tr: ActivationTrace, kMax: number): WindowCurve {
  if (!(Number.isInteger(kMax) && kMax >= 1))
    throw new Error(`windowCurve: kMax must be a whole number ≥ 1, got ${kMax}`);
  if (tr.tokens <= kMax)
    throw new Error(`windowCurve: the trace has ${tr.tokens} tokens; need more than kMax = ${kMax}`);
  const W = tr.words,
    F = tr.nFfn,
    L = tr.nLayer;
  const sAgg = new Float64Array(kMax + 1),
    delta = new Float64Array(kMax + 1);
  const union = new Uint32Array(W);
  let count = 0;
  for (let t = kMax; t < tr.tokens; t++) {
    for (let l = 0; l < L; l++) {
      const row = (j: number) => (j * L + l) * W;
      const cur = row(t);
      union.fill(0);
      // union of tokens t-1, t-2, …: after adding token t-k, union = neurons used by the k tokens before t.
      let curCount = 0;
      for (let w = 0; w < W; w++) curCount += popcount(tr.bits[cur + w]);
      delta[0] += curCount;
      sAgg[1] += curCount; // s_agg(1) = one token's set
      for (let k = 1; k <= kMax; k++) {
        const prev = row(t - k);
        let newOnes = 0,
          withCur = 0;
        for (let w = 0; w < W; w++) {
          union[w] |= tr.bits[prev + w];
          newOnes += popcount(tr.bits[cur + w] & ~union[w]);
          withCur += popcount(union[w] | tr.bits[cur + w]);
        }
        delta[k] += newOnes;
        if (k + 1 <= kMax) sAgg[k + 1] += withCur; // tokens t-k..t: k+1 of them
      }
    }
    count++;
  }
  const norm = 1 / (count * L * F);
  return {
    k: Array.from({ length: kMax + 1 }, (_, k) => k),
    sAgg: Array.from(sAgg, (v) => v * norm),
    deltaLoad: Array.from(delta, (v) => v * norm),
    tokens: count,
  };
}
