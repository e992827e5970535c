// One layer's FFN neurons held in DRAM, managed the paper's way [LLM in a Flash, arXiv 2312.11514 v3, §3.3, Fig. 6]:
// a buffer preallocated once with room for `capacity` neurons, each row holding [up column | down row] (2 × nEmbd
// floats) and its up bias; `ids` says which neuron each row holds and `numUsed` how many rows are in use.
//   delete neuron i: copy the last used row into i's row, shrink numUsed — O(nEmbd) work, no reallocation;
//   append neuron j: write it into row numUsed.
// Rows end up in any order, and that is fine: an FFN is a sum over its neurons, so the order does not change it.
export class NeuronBuffer {
  readonly nEmbd: number;
  readonly nFfn: number;
  readonly capacity: number;
  /** [capacity, 2*nEmbd]: row r = up column (nEmbd) then down row (nEmbd) of neuron ids[r]. */
  readonly matrix: Float32Array;
  /** [capacity] up bias of the neuron in each row. */
  readonly bias: Float32Array;
  /** [capacity] which neuron each row holds (rows < numUsed). */
  readonly ids: Int32Array;
  /** [nFfn] the row holding each neuron, or -1. */
  private readonly slot: Int32Array;
  private used = 0;
  /** Rows moved by deletions since creation (the memory-management work). */
  rowsMoved = 0;

  constructor(nEmbd: number, nFfn: number, capacity = nFfn) {
    for (const [k, v] of [
      ['nEmbd', nEmbd],
      ['nFfn', nFfn],
      ['capacity', capacity],
    ] as const)
      if (!(Number.isInteger(v) && v > 0)) throw new Error(`NeuronBuffer: ${k} must be a positive integer, got ${v}`);
    if (capacity > nFfn) throw new Error(`NeuronBuffer: capacity ${capacity} exceeds the layer's ${nFfn} neurons`);
    this.nEmbd = nEmbd;
    this.nFfn = nFfn;
    this.capacity = capacity;
    this.matrix = new Float32Array(capacity * 2 * nEmbd);
    this.bias = new Float32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.slot = new Int32Array(nFfn).fill(-1);
  }

  /** Rows in use. */
  get numUsed(): number {
    return this.used;
  }

  has(neuron: number): boolean {
    return this.slot[neuron] >= 0;
  }

  /** The neurons held, in row order. */
  neurons(): Int32Array {
    return this.ids.slice(0, this.used);
  }

  /** Adds `neuron` in the next free row and returns that row; fill it with upOf/downOf. */
  append(neuron: number, upBias: number): number {
    if (!(Number.isInteger(neuron) && neuron >= 0 && neuron < this.nFfn))
      throw new Error(`NeuronBuffer: neuron ${neuron} is outside 0..${this.nFfn - 1}`);
    if (this.slot[neuron] >= 0)
      throw new Error(`NeuronBuffer: neuron ${neuron} is already held (row ${this.slot[neuron]})`);
    if (this.used >= this.capacity)
      throw new Error(`NeuronBuffer: full (${this.capacity} neurons); delete some first or preallocate more`);
    const r = this.used++;
    this.ids[r] = neuron;
    this.slot[neuron] = r;
    this.bias[r] = upBias;
    return r;
  }

  /** Row r's up column [nEmbd] (a view to write into). */
  upOf(row: number): Float32Array {
    const C = this.nEmbd;
    return this.matrix.subarray(row * 2 * C, row * 2 * C + C);
  }

  /** Row r's down row [nEmbd] (a view to write into). */
  downOf(row: number): Float32Array {
    const C = this.nEmbd;
    return this.matrix.subarray(row * 2 * C + C, (row + 1) * 2 * C);
  }

  /** Removes `neuron` by moving the last used row into its place. */
  delete(neuron: number): void {
    const hole = this.slot[neuron];
    if (!(hole >= 0)) throw new Error(`NeuronBuffer: neuron ${neuron} is not held`);
    const last = --this.used;
    if (hole !== last) {
      const W = 2 * this.nEmbd;
      this.matrix.copyWithin(hole * W, last * W, (last + 1) * W);
      this.bias[hole] = this.bias[last];
      this.ids[hole] = this.ids[last];
      this.slot[this.ids[hole]] = hole;
      this.rowsMoved++;
    }
    this.slot[neuron] = -1;
  }

  /** Deletes every neuron. */
  clear(): void {
    for (let r = 0; r < this.used; r++) this.slot[this.ids[r]] = -1;
    this.used = 0;
  }

  /** out[c] += Σ_rows ReLU(bias_r + x·up_r) · down_r[c] for x [nEmbd]; returns how many rows fired. */
  addFfn(x: ArrayLike<number>, out: Float32Array): number {
    const C = this.nEmbd,
      W = 2 * C,
      m = this.matrix;
    let fired = 0;
    for (let r = 0; r < this.used; r++) {
      const o = r * W;
      let h = this.bias[r];
      for (let c = 0; c < C; c++) h += x[c] * m[o + c];
      if (h <= 0) continue; // ReLU: this neuron adds nothing
      fired++;
      for (let c = 0; c < C; c++) out[c] += h * m[o + C + c];
    }
    return fired;
  }
}
