// Group-wise quantization: a row of numbers is cut into groups of `groupSize` consecutive values, and each group
// gets its own step Δ (scale) so one large value only coarsens its own group. Every value is stored as a
// `bits`-bit code q and read back as (q − z)·Δ, with z the group's zero point.
//
//   asymmetric (min-max with zero point, what AWQ's code uses by default and FlexGen uses for weights and KV cache):
//     Δ = (max − min) / (2^bits − 1),  z = round(−min / Δ),  q = clamp(round(w / Δ) + z, 0, 2^bits − 1)
//     The range [min, max] is widened to include 0, so z is a valid code and 0 is exactly representable; for
//     groups that straddle 0 (nearly every weight group) this is exactly AWQ's quantizer.
//   symmetric (the paper's Eq. 1, with AWQ's code's integer range):
//     Δ = max|w| / (2^(bits−1) − 1),  q = clamp(round(w / Δ), −2^(bits−1), 2^(bits−1) − 1), stored as q + 2^(bits−1)
//     (the paper writes Δ = max|w| / 2^(N−1); its code divides by 2^(N−1) − 1 so the largest weight is not clipped).
//
// Either way every value is within Δ/2 of its reconstruction. Codes and zero points are bit-packed (pack.ts);
// scales are float32. References: AWQ, arXiv 2306.00978 §3.2 Eq. 1; mit-han-lab/llm-awq awq/quantize/quantizer.py;
// FlexGen, arXiv 2303.06865 §5 (group-wise min-max quantization of weights and KV cache).
import { validateBits, packBits, packedBytes, unpackBits } from './pack.ts';

export interface GroupQuantOptions {
  /** Bits per value, 2..8. */
  bits: number;
  /** Consecutive values sharing one scale (and zero point); groups never cross a row boundary. */
  groupSize: number;
  /** Symmetric (no zero point) instead of the default asymmetric min-max. */
  symmetric?: boolean;
}

/** Values quantized group-wise: `rows` rows of `rowLength` values, each row cut into groups of `groupSize`. */
export interface QuantizedGroups {
  bits: number;
  groupSize: number;
  symmetric: boolean;
  rows: number;
  rowLength: number;
  /** rows·rowLength codes of `bits` bits, packed (row-major). */
  codes: Uint8Array;
  /** Δ of every group, [rows, groupsPerRow]. */
  scales: Float32Array;
  /** Zero-point codes of every group, packed at `bits` bits; null when symmetric (z = 2^(bits−1) implied). */
  zeros: Uint8Array | null;
}

/** Groups in one row of `rowLength` values (the last may be shorter than groupSize). */
export function groupsPerRow(rowLength: number, groupSize: number): number {
  return Math.ceil(rowLength / groupSize);
}

/** Bytes a quantized tensor takes: packed codes, float32 scales, packed zero points (asymmetric only). */
export function quantizedBytes(
  rows: number,
  rowLength: number,
  opts: GroupQuantOptions,
): { codes: number; scales: number; zeros: number; total: number } {
  validateGroupOptions(opts);
  const groups = rows * groupsPerRow(rowLength, opts.groupSize);
  const codes = packedBytes(rows * rowLength, opts.bits);
  const scales = 4 * groups;
  const zeros = opts.symmetric ? 0 : packedBytes(groups, opts.bits);
  return { codes, scales, zeros, total: codes + scales + zeros };
}

/**
 * Quantizes `values` (rows·rowLength, row-major; default one row) group-wise along each row.
 * Throws on non-finite values or invalid options.
 */
export function quantizeGroups(
  values: ArrayLike<number>,
  opts: GroupQuantOptions,
  rowLength = values.length,
): QuantizedGroups {
  validateGroupOptions(opts);
  const { bits, groupSize } = opts;
  const symmetric = !!opts.symmetric;
  if (!Number.isInteger(rowLength) || rowLength <= 0 || values.length % rowLength !== 0)
    throw new Error(`quantizeGroups: ${values.length} values do not split into rows of ${rowLength}`);
  const rows = values.length / rowLength;
  const G = groupsPerRow(rowLength, groupSize);
  const maxCode = (1 << bits) - 1;
  const codes = new Uint8Array(values.length);
  const scales = new Float32Array(rows * G);
  const zeros = new Uint8Array(rows * G);
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < G; g++) {
      const start = r * rowLength + g * groupSize,
        end = r * rowLength + Math.min(rowLength, (g + 1) * groupSize);
      let lo = 0,
        hi = 0; // the range always includes 0
      for (let i = start; i < end; i++) {
        const v = values[i];
        if (!Number.isFinite(v)) throw new Error(`quantizeGroups: value ${v} at index ${i} is not a finite number`);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      let step: number, zero: number;
      if (symmetric) {
        step = Math.max(-lo, hi) / ((1 << (bits - 1)) - 1);
        zero = 1 << (bits - 1);
      } else {
        step = (hi - lo) / maxCode;
        zero = step > 0 ? Math.min(maxCode, Math.max(0, Math.round(-lo / step))) : 0;
      }
      step = Math.fround(step); // the stored scale is float32, so round with exactly the Δ that is read back
      scales[r * G + g] = step;
      zeros[r * G + g] = zero;
      for (let i = start; i < end; i++) {
        const q = step > 0 ? Math.round(values[i] / step) + zero : zero;
        codes[i] = q < 0 ? 0 : Math.min(q, maxCode);
      }
    }
  }
  return {
    bits,
    groupSize,
    symmetric,
    rows,
    rowLength,
    codes: packBits(codes, bits),
    scales,
    zeros: symmetric ? null : packBits(zeros, bits),
  };
}

/** Reconstructs the values: (q − z)·Δ for every value, rows·rowLength row-major. */
export function dequantizeGroups(q: QuantizedGroups, out = new Float32Array(q.rows * q.rowLength)): Float32Array {
  const { rows, rowLength, groupSize, bits } = q;
  const G = groupsPerRow(rowLength, groupSize);
  const codes = unpackBits(q.codes, bits, rows * rowLength);
  const zeros = groupZeros(q);
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < G; g++) {
      const step = q.scales[r * G + g],
        zero = zeros[r * G + g];
      const start = r * rowLength + g * groupSize,
        end = r * rowLength + Math.min(rowLength, (g + 1) * groupSize);
      for (let i = start; i < end; i++) out[i] = (codes[i] - zero) * step;
    }
  }
  return out;
}

/** The zero point of every group as plain numbers (2^(bits−1) for every group when symmetric). */
export function groupZeros(q: QuantizedGroups): Uint8Array {
  const n = q.rows * groupsPerRow(q.rowLength, q.groupSize);
  return q.zeros ? unpackBits(q.zeros, q.bits, n) : new Uint8Array(n).fill(1 << (q.bits - 1));
}

/** Quantizes and immediately dequantizes ("fake quantization"): the values the quantized model computes with. */
export function fakeQuantize(
  values: ArrayLike<number>,
  opts: GroupQuantOptions,
  rowLength = values.length,
): Float32Array {
  return dequantizeGroups(quantizeGroups(values, opts, rowLength));
}

/** Throws unless bits is 2..8 and groupSize a positive integer; returns the options. */
export function validateGroupOptions(opts: GroupQuantOptions): GroupQuantOptions {
  validateBits(opts.bits, 2);
  if (!Number.isInteger(opts.groupSize) || opts.groupSize < 1)
    throw new Error(`groupSize must be a positive integer, got ${opts.groupSize}`);
  return opts;
}
