// One layer's FFN neurons held in DRAM, managed the paper's way [LLM in a Flash, arXiv 2312.11514 v3, §3.3, Fig. 6]:
// a buffer preallocated once with room for `capacity` neurons, each row holding a neuron's up column and down row
// (nEmbd floats each) and its up bias; `ids` says which neuron each row holds and `numUsed` how many rows are in use.
//   delete neuron i: copy the last used row into i's row, shrink numUsed — O(nEmbd) work, no reallocation;
//   append neuron j: write it into row numUsed.
// Rows end up in any order, and that is fine: an FFN is a sum over its neurons, so the order does not change it.
// The rows live in a kernel heap (lib/engine) and the FFN over them is the engine's `sparseFfn` kernel: its plain-JS
// twin by default (what lesson 4 times), or WebAssembly SIMD when the caller passes SIMD kernels (lesson 9).
import { createKernels, type Kernels } from '../engine/kernels.ts';

export class NeuronBuffer {
  readonly nEmbd: number;
  readonly nFfn: number;
  readonly capacity: number;
  readonly kernels: Kernels;
  /** [capacity] which neuron each row holds (rows < numUsed). */
  readonly ids: Int32Array;
  /** Heap pointers: up columns [capacity, nEmbd], down rows [capacity, nEmbd], up biases [capacity], the row
   *  numbers 0..capacity-1 (the kernel's list of rows), and one row of input and output. */
  private readonly upPtr: number;
  private readonly downPtr: number;
  private readonly biasPtr: number;
  private readonly rowsPtr: number;
  private readonly xPtr: number;
  private readonly yPtr: number;
  /** [nFfn] the row holding each neuron, or -1. */
  private readonly slot: Int32Array;
  private used = 0;
  /** Rows moved by deletions since creation (the memory-management work). */
  rowsMoved = 0;

  /** `kernels` holds the rows (several buffers may share one heap); the plain-JS kernels by default. */
  constructor(nEmbd: number, nFfn: number, capacity = nFfn, kernels: Kernels = createKernels('js')) {
    for (const [k, v] of [
      ['nEmbd', nEmbd],
      ['nFfn', nFfn],
      ['capacity', capacity],
    ] as const)
      if (!(Number.isInteger(v) && v > 0)) throw new Error(`NeuronBuffer: ${k} must be a positive integer, got ${v}`);
    if (capacity > nFfn) throw new Error(`NeuronBuffer: capacity ${capacity} exceeds the layer's ${nFfn} neurons`);
    if (kernels.kind === 'simd' && nEmbd % 4 !== 0)
      throw new Error(`NeuronBuffer: the SIMD kernels need nEmbd a multiple of 4, got ${nEmbd}; use the JS kernels`);
    this.nEmbd = nEmbd;
    this.nFfn = nFfn;
    this.capacity = capacity;
    this.kernels = kernels;
    const heap = kernels.heap;
    this.upPtr = heap.alloc(4 * capacity * nEmbd);
    this.downPtr = heap.alloc(4 * capacity * nEmbd);
    this.biasPtr = heap.alloc(4 * capacity);
    this.rowsPtr = heap.put(Int32Array.from({ length: capacity }, (_, r) => r));
    this.xPtr = heap.alloc(4 * nEmbd);
    this.yPtr = heap.alloc(4 * nEmbd);
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

  /** The row holding `neuron`, or -1. */
  rowOf(neuron: number): number {
    return this.slot[neuron];
  }

  /** The neurons held, in row order. */
  neurons(): Int32Array {
    return this.ids.slice(0, this.used);
  }

  /** Adds `neuron` in the next free row and returns that row; fill it with upOf/downOf (or at halfAt). */
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
    this.kernels.heap.f32[(this.biasPtr >> 2) + r] = upBias;
    return r;
  }

  /** Row r's up bias. */
  biasOf(row: number): number {
    return this.kernels.heap.f32[(this.biasPtr >> 2) + row];
  }

  /** The heap as floats, and the index in it of row r's up column (isUp) or down row: rows r, r+1, … follow each
   *  other, so consecutive rows can be written in one copy. Valid until the heap grows (the next allocation). */
  halfAt(row: number, isUp: boolean): { f32: Float32Array; at: number } {
    return { f32: this.kernels.heap.f32, at: ((isUp ? this.upPtr : this.downPtr) >> 2) + row * this.nEmbd };
  }

  /** Row r's up column [nEmbd] (a view to write into, valid until the heap grows). */
  upOf(row: number): Float32Array {
    return this.kernels.heap.floats(this.upPtr + 4 * row * this.nEmbd, this.nEmbd);
  }

  /** Row r's down row [nEmbd] (a view to write into, valid until the heap grows). */
  downOf(row: number): Float32Array {
    return this.kernels.heap.floats(this.downPtr + 4 * row * this.nEmbd, this.nEmbd);
  }

  /** Removes `neuron` by moving the last used row into its place. */
  delete(neuron: number): void {
    const hole = this.slot[neuron];
    if (!(hole >= 0)) throw new Error(`NeuronBuffer: neuron ${neuron} is not held`);
    const last = --this.used;
    if (hole !== last) {
      const f = this.kernels.heap.f32,
        C = this.nEmbd;
      for (const p of [this.upPtr >> 2, this.downPtr >> 2])
        f.copyWithin(p + hole * C, p + last * C, p + (last + 1) * C);
      f[(this.biasPtr >> 2) + hole] = f[(this.biasPtr >> 2) + last];
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

  /** out[c] += Σ_rows ReLU(bias_r + x·up_r) · down_r[c] for x [nEmbd]: the kernels' sparseFfn over the rows in use. */
  addFfn(x: ArrayLike<number>, out: Float32Array): void {
    const f = this.kernels.heap.f32,
      C = this.nEmbd;
    f.set(x, this.xPtr >> 2);
    f.set(out, this.yPtr >> 2);
    // The kernel starts y from its down-bias argument: here the output so far, in place.
    this.kernels.fn.sparseFfn(
      this.xPtr,
      this.upPtr,
      this.biasPtr,
      this.downPtr,
      this.yPtr,
      this.rowsPtr,
      this.used,
      this.yPtr,
      C,
      1, // a held neuron that does not fire for x adds nothing: skip its down row
    );
    out.set(this.kernels.heap.floats(this.yPtr, C));
  }
}
