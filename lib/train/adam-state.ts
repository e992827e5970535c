// Adam's memory cost, without tfjs: the LoRA widgets on the page import this, the optimizer itself is in adam.ts.

/** Bytes of optimizer state for `trainable` float32 numbers: Adam keeps a first and a second moment of each. */
export function adamStateBytes(trainable: number): number {
  return 2 * 4 * trainable;
}
