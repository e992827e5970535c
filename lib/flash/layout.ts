// Where each FFN neuron's weights sit in flash, in the paper's two layouts [LLM in a Flash, arXiv 2312.11514 v3,
// §3.2, Fig. 5]. Neuron i of a layer needs column i of W_up (nEmbd floats) and row i of W_down (nEmbd floats):
//   separate: per layer, all up columns [nFfn][nEmbd], then all down rows [nFfn][nEmbd] — a neuron costs 2 reads;
//   bundled:  per layer, [nFfn][2*nEmbd], up column i then down row i side by side — a neuron costs 1 read of
//             twice the size ("row-column bundling"), the same bytes in half the calls.
// A header comes first (see store.ts); biases are tiny and stay in DRAM, as attention and embeddings do.
// Values are fp32, or int4 codes (lesson 6's AWQ groups: two codes a byte, low nibble first; the groups' scales and
// zero points stay in DRAM, see store.ts), which makes a neuron an eighth of the bytes.

import { neuronBytes } from '../hardware/neuron-bytes.ts';
import type { QuantizedMatrix } from '../quant/matrix.ts';
import { packBits, unpackBits } from '../quant/pack.ts';

export type FfnLayoutName = 'separate' | 'bundled';
export const LAYOUTS: FfnLayoutName[] = ['separate', 'bundled'];

/** One read: `length` bytes at `offset`. */
export interface ReadRange {
  offset: number;
  length: number;
}

export interface FfnLayout {
  name: FfnLayoutName;
  nLayer: number;
  nEmbd: number;
  nFfn: number;
  /** Bits per stored value: 32 (fp32) or 4 (int4 codes). */
  bits: 32 | 4;
  /** Bytes before layer 0's weights. */
  headerBytes: number;
  /** Bytes of one neuron's weights (up column + down row): 2 × nEmbd × bits / 8. */
  neuronBytes: number;
  /** Bytes of one layer's FFN weights: nFfn × neuronBytes. */
  layerBytes: number;
  /** headerBytes + nLayer × layerBytes. */
  totalBytes: number;
}

export function ffnLayout(
  name: FfnLayoutName,
  cfg: { nLayer: number; nEmbd: number; nFfn: number },
  headerBytes: number,
  bits: 32 | 4 = 32,
): FfnLayout {
  if (!LAYOUTS.includes(name))
    throw new Error(`flash layout must be one of ${LAYOUTS.join(', ')}, got ${JSON.stringify(name)}`);
  for (const k of ['nLayer', 'nEmbd', 'nFfn'] as const)
    if (!(Number.isInteger(cfg[k]) && cfg[k] > 0))
      throw new Error(`flash layout: ${k} must be a positive integer, got ${cfg[k]}`);
  if (bits !== 32 && bits !== 4) throw new Error(`flash layout: values are 32-bit or 4-bit, got ${bits}`);
  if (bits === 4 && cfg.nEmbd % 2 !== 0) throw new Error(`flash layout: int4 needs an even nEmbd, got ${cfg.nEmbd}`);
  const bytes = neuronBytes('ours', cfg.nEmbd, bits / 8);
  const layerBytes = cfg.nFfn * bytes;
  return {
    name,
    nLayer: cfg.nLayer,
    nEmbd: cfg.nEmbd,
    nFfn: cfg.nFfn,
    bits,
    headerBytes,
    neuronBytes: bytes,
    layerBytes,
    totalBytes: headerBytes + cfg.nLayer * layerBytes,
  };
}

function checkIndex(L: FfnLayout, layer: number, neuron: number): void {
  if (!(Number.isInteger(layer) && layer >= 0 && layer < L.nLayer))
    throw new Error(`flash layout: layer ${layer} is outside 0..${L.nLayer - 1}`);
  if (!(Number.isInteger(neuron) && neuron >= 0 && neuron < L.nFfn))
    throw new Error(`flash layout: neuron ${neuron} is outside 0..${L.nFfn - 1}`);
}

/** Byte offsets of neuron i's up column and down row. */
export function neuronOffsets(L: FfnLayout, layer: number, neuron: number): { up: number; down: number } {
  checkIndex(L, layer, neuron);
  const base = L.headerBytes + layer * L.layerBytes;
  const half = L.neuronBytes / 2;
  if (L.name === 'bundled') return { up: base + neuron * L.neuronBytes, down: base + neuron * L.neuronBytes + half };
  return { up: base + neuron * half, down: base + L.nFfn * half + neuron * half };
}

/** The reads that fetch the given neurons one by one: 2 per neuron (separate) or 1 (bundled). */
export function neuronReads(L: FfnLayout, layer: number, neurons: ArrayLike<number>): ReadRange[] {
  const half = L.neuronBytes / 2;
  const out: ReadRange[] = [];
  for (let k = 0; k < neurons.length; k++) {
    const o = neuronOffsets(L, layer, neurons[k]);
    if (L.name === 'bundled') out.push({ offset: o.up, length: L.neuronBytes });
    else out.push({ offset: o.up, length: half }, { offset: o.down, length: half });
  }
  return out;
}

/** The reads that fetch the contiguous neurons [from, to) in big chunks: 2 reads (separate) or 1 (bundled). */
export function rangeReads(L: FfnLayout, layer: number, from: number, to: number): ReadRange[] {
  if (to <= from) return [];
  checkIndex(L, layer, from);
  checkIndex(L, layer, to - 1);
  const half = L.neuronBytes / 2,
    n = to - from;
  const o = neuronOffsets(L, layer, from);
  if (L.name === 'bundled') return [{ offset: o.up, length: n * L.neuronBytes }];
  return [
    { offset: o.up, length: n * half },
    { offset: o.down, length: n * half },
  ];
}

/** Serializes one layer's FFN in this layout: up [nEmbd, nFfn] and down [nFfn, nEmbd] (row-major, as lib stores them). */
export function encodeLayer(L: FfnLayout, up: Float32Array, down: Float32Array): Uint8Array {
  const C = L.nEmbd,
    F = L.nFfn;
  if (L.bits !== 32)
    throw new Error('flash layout: encodeLayer writes fp32 values; int4 codes go through encodeLayerInt4');
  if (up.length !== C * F || down.length !== F * C)
    throw new Error(
      `flash layout: expected up [${C}, ${F}] and down [${F}, ${C}], got ${up.length} and ${down.length} values`,
    );
  const out = new Float32Array(L.layerBytes / 4);
  for (let i = 0; i < F; i++) {
    const upAt = L.name === 'bundled' ? i * 2 * C : i * C;
    const downAt = L.name === 'bundled' ? i * 2 * C + C : F * C + i * C;
    for (let c = 0; c < C; c++) out[upAt + c] = up[c * F + i]; // column i of W_up
    out.set(down.subarray(i * C, (i + 1) * C), downAt); // row i of W_down
  }
  return new Uint8Array(out.buffer);
}

/** One layer's FFN as int4 codes in this layout, from AWQ's packed matrices of W_up [nEmbd, nFfn] and W_down
 *  [nFfn, nEmbd] (lib/quant's QuantizedMatrix: codes stored per output row). Neuron i's up column is output row i of
 *  W_up, already contiguous; its down row is input i of W_down, one code from each output row, gathered here. */
export function encodeLayerInt4(L: FfnLayout, up: QuantizedMatrix, down: QuantizedMatrix): Uint8Array {
  const C = L.nEmbd,
    F = L.nFfn,
    half = L.neuronBytes / 2;
  if (L.bits !== 4) throw new Error('flash layout: encodeLayerInt4 needs a 4-bit layout');
  for (const [name, q, n, m] of [
    ['up', up, C, F],
    ['down', down, F, C],
  ] as const)
    if (q.bits !== 4 || q.inDim !== n || q.outDim !== m)
      throw new Error(`flash layout: ${name} must be int4 [${n}, ${m}], got ${q.bits}-bit [${q.inDim}, ${q.outDim}]`);
  const downCodes = unpackBits(down.codes, 4, C * F); // [C rows, F inputs]
  const out = new Uint8Array(L.layerBytes);
  const column = new Uint8Array(C);
  for (let i = 0; i < F; i++) {
    const upAt = L.name === 'bundled' ? i * L.neuronBytes : i * half;
    const downAt = L.name === 'bundled' ? i * L.neuronBytes + half : F * half + i * half;
    out.set(up.codes.subarray(i * half, (i + 1) * half), upAt);
    for (let c = 0; c < C; c++) column[c] = downCodes[c * F + i];
    out.set(packBits(column, 4), downAt);
  }
  return out;
}
