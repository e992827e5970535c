// Turning logits into the next token: greedy, or sampling with temperature, top-k and top-p (nucleus), seeded.
// References: Fan et al. 2018 (top-k); Holtzman et al. 2019, arXiv 1904.09751 (top-p).

export interface SamplingOptions {
  /** 0 means greedy (argmax). Default 1. */
  temperature?: number;
  /** Keep only the k most likely tokens (0 = all). */
  topK?: number;
  /** Keep the smallest set of tokens whose probability reaches p (1 = all). */
  topP?: number;
}

export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  return best;
}

/** −log softmax(logits)[target] in nats: one position's next-token cross-entropy. */
export function tokenNll(logits: ArrayLike<number>, target: number): number {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i] - max);
  return max + Math.log(sum) - logits[target];
}

/** Softmax of logits / temperature, in float64 for a stable sum. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const p = new Float64Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += p[i] = Math.exp((logits[i] - max) / temperature);
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  return p;
}

/** The distribution that sampling draws from, after temperature, top-k and top-p; zeros elsewhere. */
export function samplingDistribution(
  logits: ArrayLike<number>,
  { temperature = 1, topK = 0, topP = 1 }: SamplingOptions = {},
): Float64Array {
  if (temperature <= 0) {
    const p = new Float64Array(logits.length);
    p[argmax(logits)] = 1;
    return p;
  }
  const p = softmax(logits, temperature);
  const order = Array.from(p.keys()).sort((a, b) => p[b] - p[a] || a - b);
  let keep = topK > 0 ? Math.min(topK, order.length) : order.length;
  if (topP < 1) {
    let mass = 0,
      n = 0;
    while (n < keep && mass < topP) mass += p[order[n++]];
    keep = Math.max(1, n);
  }
  const out = new Float64Array(p.length);
  let sum = 0;
  for (let i = 0; i < keep; i++) sum += out[order[i]] = p[order[i]];
  for (let i = 0; i < keep; i++) out[order[i]] /= sum;
  return out;
}

/** Draws an index from distribution p with the uniform generator rng. */
export function sampleFrom(p: ArrayLike<number>, rng: () => number): number {
  const u = rng();
  let acc = 0,
    last = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] <= 0) continue;
    acc += p[i];
    last = i;
    if (u < acc) return i;
  }
  return last;
}

/** The k most likely entries of p, most likely first (ties: smaller index first). */
export function topEntries(p: ArrayLike<number>, k: number): { index: number; p: number }[] {
  return topIndices(p, k).map((index) => ({ index, p: p[index] }));
}

/** The k largest entries' indices, largest first (ties: smaller index first). O(V·k) with no sort of the vocabulary:
 *  every decoded token asks for its top alternatives, so this runs once per token. */
export function topIndices(p: ArrayLike<number>, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < p.length; i++) {
    if (top.length === k && p[i] <= p[top[k - 1]]) continue;
    let at = top.length;
    while (at > 0 && p[top[at - 1]] < p[i]) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}
