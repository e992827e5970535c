// Training data as windows of token ids: seeded random batches for training, and a fixed, evenly spread set of
// windows for validation (so every evaluation of a run, and every run, sees the same held-out text).
import { mulberry32, randInt } from '../random.ts';

/** Token ids x [B*T] and next-token targets y [B*T], row-major. */
export interface Batch {
  x: Int32Array;
  y: Int32Array;
  B: number;
  T: number;
}

/** Draws batches of B random windows of T tokens from `ids`, from a generator seeded with `seed`. */
export class BatchSampler {
  private readonly rng: () => number;
  private readonly ids: Int32Array;
  readonly B: number;
  readonly T: number;

  constructor(ids: ArrayLike<number>, B: number, T: number, seed: number) {
    this.ids = Int32Array.from(ids);
    if (this.ids.length < T + 2)
      throw new Error(`BatchSampler: the text has ${this.ids.length} tokens; a window needs at least ${T + 2}`);
    this.B = B;
    this.T = T;
    this.rng = mulberry32(seed);
  }

  next(): Batch {
    const { B, T, ids } = this;
    const x = new Int32Array(B * T),
      y = new Int32Array(B * T);
    for (let b = 0; b < B; b++) {
      const o = randInt(this.rng, 0, ids.length - T - 2);
      x.set(ids.subarray(o, o + T), b * T);
      y.set(ids.subarray(o + 1, o + T + 1), b * T);
    }
    return { x, y, B, T };
  }
}

/** `windows` windows of T tokens spread evenly over `ids`, grouped into batches of at most B. */
export function evenWindows(ids: ArrayLike<number>, windows: number, T: number, B = 8): Batch[] {
  const n = ids.length;
  if (n < T + 1) throw new Error(`evenWindows: the text has ${n} tokens; a window needs ${T + 1}`);
  const batches: Batch[] = [];
  for (let s = 0; s < windows; s += B) {
    const rows = Math.min(B, windows - s);
    const x = new Int32Array(rows * T),
      y = new Int32Array(rows * T);
    for (let b = 0; b < rows; b++) {
      const o = Math.floor(((s + b) * (n - T - 1)) / windows);
      for (let t = 0; t < T; t++) {
        x[b * T + t] = ids[o + t];
        y[b * T + t] = ids[o + t + 1];
      }
    }
    batches.push({ x, y, B: rows, T });
  }
  return batches;
}
