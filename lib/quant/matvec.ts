// Weight-only quantized matrix-vector product, y = x W, reading packed int4 codes and dequantizing inside the loop
// (never writing an fp32 copy of W), next to the same loop over fp32 weights. Decoding one token is memory-bound:
// each weight is read once per token, so reading 4.5 bits instead of 32 should win once W no longer fits in cache,
// and may lose while it does (unpacking costs instructions). Plain JS, so it runs the same in Node and browsers.
// Reference: AWQ, arXiv 2306.00978 §4 (TinyChat: on-the-fly dequantization fused into the GEMV).
//
// Per output j and group g:  Σ_i x_i·(q_ji − z_jg)·Δ_jg = Δ_jg·(Σ_i x_i·q_ji − z_jg·Σ_i x_i), so the zero point
// costs one multiply per group, using the group sums of x computed once per call. Codes are read 8 at a time as
// one 32-bit word (little-endian, so the low nibble of the first byte is code 0): a byte at a time was ~3x slower.
import { groupZeros } from './group.ts';
import type { QuantizedMatrix } from './matrix.ts';

/** A quantized W ready for matVecInt4: zero points unpacked, group sums buffer allocated. */
export interface Int4Kernel {
  inDim: number;
  outDim: number;
  groupSize: number;
  words: Uint32Array; // [outDim, inDim / 8]: eight 4-bit codes per word, lowest bits first
  scales: Float32Array; // [outDim, groups]
  zeros: Float32Array; // [outDim, groups]
  xSums: Float32Array; // [groups], scratch
}

export function int4Kernel(m: QuantizedMatrix): Int4Kernel {
  if (m.bits !== 4) throw new Error(`int4Kernel: needs 4-bit codes, got ${m.bits}`);
  if (m.inDim % m.groupSize !== 0 || m.groupSize % 8 !== 0)
    throw new Error(
      `int4Kernel: inDim ${m.inDim} must be a multiple of the group size, itself a multiple of 8 (got ${m.groupSize})`,
    );
  const G = m.inDim / m.groupSize;
  const words = new Uint32Array(m.codes.length / 4);
  new Uint8Array(words.buffer).set(m.codes); // a copy, aligned to 4 bytes (assumes a little-endian machine, as all browsers are)
  return {
    inDim: m.inDim,
    outDim: m.outDim,
    groupSize: m.groupSize,
    words,
    scales: m.scales,
    zeros: Float32Array.from(groupZeros(m)),
    xSums: new Float32Array(G),
  };
}

/** y = x W with W packed int4 (see int4Kernel); x has inDim values, y outDim. */
export function matVecInt4(k: Int4Kernel, x: Float32Array, y = new Float32Array(k.outDim)): Float32Array {
  const { inDim, outDim, groupSize: gs, words, scales, zeros, xSums } = k;
  if (x.length !== inDim) throw new Error(`matVecInt4: x has ${x.length} values, W has ${inDim} inputs`);
  const G = inDim / gs,
    wordsPerGroup = gs >> 3,
    rowWords = inDim >> 3;
  for (let g = 0; g < G; g++) {
    let s = 0;
    for (let i = g * gs; i < (g + 1) * gs; i++) s += x[i];
    xSums[g] = s;
  }
  for (let j = 0; j < outDim; j++) {
    let acc = 0;
    let p = j * rowWords;
    for (let g = 0; g < G; g++) {
      let dot = 0;
      let i = g * gs;
      for (let b = 0; b < wordsPerGroup; b++, i += 8) {
        const w = words[p++];
        dot +=
          x[i] * (w & 15) +
          x[i + 1] * ((w >>> 4) & 15) +
          x[i + 2] * ((w >>> 8) & 15) +
          x[i + 3] * ((w >>> 12) & 15) +
          x[i + 4] * ((w >>> 16) & 15) +
          x[i + 5] * ((w >>> 20) & 15) +
          x[i + 6] * ((w >>> 24) & 15) +
          x[i + 7] * (w >>> 28);
      }
      const sg = j * G + g;
      acc += scales[sg] * (dot - zeros[sg] * xSums[g]);
    }
    y[j] = acc;
  }
  return y;
}

/**
 * y = x W with W stored transposed, [outDim, inDim] fp32: the same loop as matVecInt4, unrolled by 8 the same way,
 * without the unpacking, so a race between the two compares bytes read, not loop overhead.
 */
export function matVecF32(
  wT: Float32Array,
  inDim: number,
  outDim: number,
  x: Float32Array,
  y = new Float32Array(outDim),
): Float32Array {
  if (x.length !== inDim || wT.length !== inDim * outDim)
    throw new Error(`matVecF32: x has ${x.length} values, W has ${wT.length} = ${inDim} x ${outDim}?`);
  const tail = inDim - (inDim % 8);
  for (let j = 0; j < outDim; j++) {
    let acc = 0;
    let p = j * inDim;
    let i = 0;
    for (; i < tail; i += 8, p += 8) {
      acc +=
        x[i] * wT[p] +
        x[i + 1] * wT[p + 1] +
        x[i + 2] * wT[p + 2] +
        x[i + 3] * wT[p + 3] +
        x[i + 4] * wT[p + 4] +
        x[i + 5] * wT[p + 5] +
        x[i + 6] * wT[p + 6] +
        x[i + 7] * wT[p + 7];
    }
    for (; i < inDim; i++, p++) acc += x[i] * wT[p];
    y[j] = acc;
  }
  return y;
}
