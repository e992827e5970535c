// The learning-rate schedule of every training run in the project: linear warm-up to the peak, then cosine decay
// to a floor (a tenth of the peak by default), as in nanoGPT's get_lr. Steps count from 1.

export interface Schedule {
  /** Peak learning rate, reached at the end of warm-up. */
  peak: number;
  /** Total steps of the run; the cosine reaches the floor at the last one. */
  steps: number;
  /** Warm-up steps; default min(50, steps / 10). */
  warmup?: number;
  /** Final learning rate as a fraction of the peak; default 0.1. */
  floor?: number;
}

export function defaultWarmup(steps: number): number {
  return Math.min(50, Math.floor(steps / 10));
}

/** The learning rate at `step` (1-based). */
export function learningRate(step: number, s: Schedule): number {
  const warmup = s.warmup ?? defaultWarmup(s.steps);
  const floor = s.floor ?? 0.1;
  if (step <= warmup) return (s.peak * step) / warmup;
  const progress = Math.min(1, (step - warmup) / Math.max(1, s.steps - warmup)); // 0..1
  return s.peak * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}
