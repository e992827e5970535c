// The lesson's quantization choices (bits, group size, method) and their check. No tfjs here: the page's own
// script imports this (the widget's declared parameters), while lib/quant/experiment.ts, which runs a model,
// stays in the worker and the build.

/** The widget's method names, as they appear in URLs. */
export const METHODS = ['rtn', 'keep-activation', 'keep-weight', 'keep-random', 'awq'] as const;
export type MethodName = (typeof METHODS)[number];
export const BITS = [2, 3, 4, 8] as const;
export const GROUP_SIZES = [32, 64, 128] as const;
/** The models the lesson quantizes: target-v1 as trained, and the constructed outlier model (lib/quant/outliers.ts). */
export const QUANT_MODELS = ['target-v1', 'outliers'] as const;
export type QuantModelName = (typeof QUANT_MODELS)[number];
export const QUANT_MODEL_LABELS: Record<QuantModelName, string> = {
  'target-v1': 'target-v1 (trained)',
  outliers: 'target-v1 with planted outlier channels (constructed)',
};

/** Throws a reader-facing message unless bits, group size and method are among the lesson's choices. */
export function validateQuantSettings<S extends { bits: number; groupSize: number; method: string }>(s: S): S {
  if (!(BITS as readonly number[]).includes(s.bits))
    throw new Error(`bits must be one of ${BITS.join(', ')}; got ${s.bits}.`);
  if (!(GROUP_SIZES as readonly number[]).includes(s.groupSize))
    throw new Error(`group size must be one of ${GROUP_SIZES.join(', ')}; got ${s.groupSize}.`);
  if (!(METHODS as readonly string[]).includes(s.method))
    throw new Error(`method must be one of ${METHODS.join(', ')}; got "${s.method}".`);
  return s;
}
