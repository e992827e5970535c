// A linear layer's weight W [in, out] (lib's layout: y = x W) quantized in groups along its input dimension, as
// AWQ and GPTQ do: the weights that multiply the same `groupSize` inputs of one output share a scale. The codes are
// stored transposed, [out, in], so each output's groups are contiguous, which is what a matrix-vector kernel reads.
import { dequantizeGroups, quantizeGroups, type GroupQuantOptions, type QuantizedGroups } from './group.ts';

/** Quantized W [inDim, outDim]: a QuantizedGroups of `outDim` rows of `inDim` values (W transposed). */
export interface QuantizedMatrix extends QuantizedGroups {
  inDim: number;
  outDim: number;
}

/** W^T as a new array: [inDim, outDim] row-major in, [outDim, inDim] row-major out (or the reverse). */
export function transpose(w: ArrayLike<number>, rows: number, cols: number): Float32Array {
  if (w.length !== rows * cols) throw new Error(`transpose: ${w.length} values is not ${rows} x ${cols}`);
  const t = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = w[i * cols + j];
  return t;
}

/** Quantizes W [inDim, outDim] with groups of `groupSize` consecutive input channels per output. */
export function quantizeMatrix(
  weight: ArrayLike<number>,
  inDim: number,
  outDim: number,
  opts: GroupQuantOptions,
): QuantizedMatrix {
  const q = quantizeGroups(transpose(weight, inDim, outDim), opts, inDim);
  return { ...q, inDim, outDim };
}

/** W [inDim, outDim] reconstructed from its quantized form. */
export function dequantizeMatrix(q: QuantizedMatrix): Float32Array {
  return transpose(dequantizeGroups(q), q.outDim, q.inDim);
}

/** Quantize then dequantize W [inDim, outDim]: the weights a quantized layer effectively uses. */
export function fakeQuantizeMatrix(
  weight: ArrayLike<number>,
  inDim: number,
  outDim: number,
  opts: GroupQuantOptions,
): Float32Array {
  return dequantizeMatrix(quantizeMatrix(weight, inDim, outDim, opts));
}
