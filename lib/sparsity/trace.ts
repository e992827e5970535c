// An activation trace: for every token and every layer, which FFN neurons fired (ReLU output > 0), stored as
// bitsets (one bit per neuron, 32 neurons per Uint32 word) so a few thousand tokens of a 4×512-neuron model fit in
// ~1 MB. The neuron-cache simulator and the pipeline schedule replay it.
import { popcount } from '../bits.ts';

export interface ActivationTrace {
  tokens: number;
  nLayer: number;
  nFfn: number;
  /** Uint32 words per (token, layer) bitset: ceil(nFfn / 32). */
  words: number;
  /** [tokens, nLayer, words]: bit i of a row is set if neuron i fired. */
  bits: Uint32Array;
}

export function emptyTrace(tokens: number, nLayer: number, nFfn: number): ActivationTrace {
  const words = Math.ceil(nFfn / 32);
  return { tokens, nLayer, nFfn, words, bits: new Uint32Array(tokens * nLayer * words) };
}

function rowOffset(tr: ActivationTrace, token: number, layer: number): number {
  if (!(token >= 0 && token < tr.tokens)) throw new Error(`trace: token ${token} is outside 0..${tr.tokens - 1}`);
  if (!(layer >= 0 && layer < tr.nLayer)) throw new Error(`trace: layer ${layer} is outside 0..${tr.nLayer - 1}`);
  return (token * tr.nLayer + layer) * tr.words;
}

export function setActive(tr: ActivationTrace, token: number, layer: number, neuron: number): void {
  tr.bits[rowOffset(tr, token, layer) + (neuron >>> 5)] |= 1 << (neuron & 31);
}

export function isActive(tr: ActivationTrace, token: number, layer: number, neuron: number): boolean {
  return (tr.bits[rowOffset(tr, token, layer) + (neuron >>> 5)] & (1 << (neuron & 31))) !== 0;
}

/** The neurons that fired at (token, layer), ascending. */
export function activeNeurons(tr: ActivationTrace, token: number, layer: number): number[] {
  const o = rowOffset(tr, token, layer);
  const out: number[] = [];
  for (let w = 0; w < tr.words; w++) {
    let x = tr.bits[o + w];
    while (x !== 0) {
      const b = 31 - Math.clz32(x & -x); // lowest set bit
      out.push(w * 32 + b);
      x &= x - 1;
    }
  }
  return out;
}

/** How many neurons fired at (token, layer). */
export function activeCount(tr: ActivationTrace, token: number, layer: number): number {
  const o = rowOffset(tr, token, layer);
  let n = 0;
  for (let w = 0; w < tr.words; w++) n += popcount(tr.bits[o + w]);
  return n;
}

/** A trace from explicit sets: sets[token][layer] = active neuron indices (for hand-made tests and widgets). */
export function traceFromSets(sets: number[][][], nFfn: number): ActivationTrace {
  const nLayer = sets[0]?.length ?? 0;
  const tr = emptyTrace(sets.length, nLayer, nFfn);
  sets.forEach((layers, t) => {
    if (layers.length !== nLayer)
      throw new Error(`traceFromSets: token ${t} has ${layers.length} layers, token 0 has ${nLayer}`);
    layers.forEach((set, l) =>
      set.forEach((i) => {
        if (!(Number.isInteger(i) && i >= 0 && i < nFfn))
          throw new Error(`traceFromSets: neuron ${i} (token ${t}, layer ${l}) is outside 0..${nFfn - 1}`);
        setActive(tr, t, l, i);
      }),
    );
  });
  return tr;
}
