// What one FFN weight vector (one W_up column or one W_down row) weighs, for our model and for the 7B-scale models the
// papers measure. A neuron is two such vectors (no gate in a ReLU FFN). One place for these sizes: the neuron cache,
// the placement model and the widgets all read them from here.

/** The sizes a widget can price a vector at. */
export const VECTOR_SIZES = ['ours', 'int4', 'fp16'] as const;
export type VectorSize = (typeof VECTOR_SIZES)[number];

/** A 7B model's FP16 vector: 4096 weights × 2 bytes = 8 KiB [PowerInfer-2, arXiv 2406.06282 v3, §4.4]. */
export const FP16_7B_VECTOR_BYTES = 8192;
/** A 7B model's INT4 vector: 2 KiB of weights + 0.5 KiB of fp16 group scales [PowerInfer-2 v3, §4.4]. */
export const INT4_7B_VECTOR_BYTES = 2560;

/** Bytes of one weight vector at `size`; `ours` is nEmbd float32 weights. */
export function vectorBytes(size: VectorSize, nEmbd: number, bytesPerWeight = 4): number {
  return size === 'ours' ? nEmbd * bytesPerWeight : size === 'int4' ? INT4_7B_VECTOR_BYTES : FP16_7B_VECTOR_BYTES;
}

/** Bytes of one neuron (its W_up column and W_down row) at `size`. */
export function neuronBytes(size: VectorSize, nEmbd: number, bytesPerWeight = 4): number {
  return 2 * vectorBytes(size, nEmbd, bytesPerWeight);
}
