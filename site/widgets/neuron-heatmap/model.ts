// NeuronHeatmap as plain data (no DOM): the heatmap as an SVG path (one filled cell per neuron that fired) and the
// counts that describe a token and a layer (text.ts says them). Used at build time for the static first view and in the browser, so
// the two agree.
import { hottestFirst } from '../../../lib/sparsity/profile.ts';

/** Column of each neuron in the picture: by index, or hottest first by a profile's frequencies. */
export function neuronColumns(nFfn: number, order: 'index' | 'hot', frequency?: ArrayLike<number>): Int32Array {
  const col = new Int32Array(nFfn);
  if (order === 'hot' && frequency && frequency.length === nFfn)
    hottestFirst(frequency).forEach((neuron, c) => (col[neuron] = c));
  else for (let i = 0; i < nFfn; i++) col[i] = i;
  return col;
}

/**
 * An SVG path (viewBox 0 0 nFfn tokens) with one unit square per neuron that fired: x = its column, y = the token.
 * Neighbouring cells in a row merge into one rectangle, which keeps the path short.
 */
export function heatPath(
  bits: ArrayLike<number>,
  words: number,
  tokens: number,
  nFfn: number,
  columns: Int32Array,
): string {
  const parts: string[] = [];
  const row = new Uint8Array(nFfn);
  for (let t = 0; t < tokens; t++) {
    row.fill(0);
    for (let i = 0; i < nFfn; i++) if ((bits[t * words + (i >>> 5)] >>> (i & 31)) & 1) row[columns[i]] = 1;
    for (let c = 0; c < nFfn; ) {
      if (!row[c]) {
        c++;
        continue;
      }
      let e = c;
      while (e < nFfn && row[e]) e++;
      parts.push(`M${c} ${t}h${e - c}v1h${c - e}z`);
      c = e;
    }
  }
  return parts.join('');
}

/** Neurons that fired for token t (from its bitset). */
export function firedCount(bits: ArrayLike<number>, words: number, t: number, nFfn: number): number {
  let n = 0;
  for (let i = 0; i < nFfn; i++) if ((bits[t * words + (i >>> 5)] >>> (i & 31)) & 1) n++;
  return n;
}

/** Mean, min and max share of zeros over the tokens of one layer. */
export function zeroStats(zeroFraction: ArrayLike<number>): { mean: number; min: number; max: number } {
  let s = 0,
    min = 1,
    max = 0;
  for (let i = 0; i < zeroFraction.length; i++) {
    const z = zeroFraction[i];
    s += z;
    min = Math.min(min, z);
    max = Math.max(max, z);
  }
  return { mean: zeroFraction.length ? s / zeroFraction.length : 0, min, max };
}

/** Height of one token row in CSS pixels: short prompts get tall rows, 128 tokens fit in about 380 px. */
export function rowHeight(tokens: number): number {
  return Math.max(3, Math.min(14, Math.floor(384 / Math.max(1, tokens))));
}
