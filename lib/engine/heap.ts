// The lean engine's memory: one growable buffer that holds weights, KV cache and scratch, addressed by byte offsets
// ("pointers") so the WebAssembly kernels and their plain-JS twins take the same arguments. A bump allocator: the
// engine allocates at load and when its cache grows, and never frees piecemeal (dispose drops the whole heap).

/** What both kernel sets need of a memory: its bytes, and growing by 64 KiB pages (WebAssembly.Memory has both). */
export interface MemoryLike {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const PAGE = 65536;
/** Bytes below this belong to the compiled module's own data (AssemblyScript's exp table); the heap starts above. */
export const HEAP_START = PAGE;

/** A memory for engines without WebAssembly at all: an ArrayBuffer replaced by a larger copy on grow. */
export class PlainMemory implements MemoryLike {
  buffer: ArrayBuffer;
  constructor(pages: number) {
    this.buffer = new ArrayBuffer(pages * PAGE);
  }
  grow(pages: number): number {
    const old = this.buffer.byteLength / PAGE;
    const next = new ArrayBuffer((old + pages) * PAGE);
    new Uint8Array(next).set(new Uint8Array(this.buffer));
    this.buffer = next;
    return old;
  }
}

export class Heap {
  readonly memory: MemoryLike;
  private top = HEAP_START;
  private viewsOf: ArrayBuffer | null = null;
  private f32view = new Float32Array(0);
  private u8view = new Uint8Array(0);
  private i32view = new Int32Array(0);

  constructor(memory: MemoryLike) {
    this.memory = memory;
  }

  /** Bytes allocated so far (the heap's high-water mark). */
  get used(): number {
    return this.top;
  }

  /** A new zeroed region of `bytes` bytes aligned to 16 (one SIMD vector), plus 16 bytes of slack after it:
   *  the int3 kernel loads a whole vector at the last 12-byte block of a row. */
  alloc(bytes: number): number {
    const ptr = this.top;
    this.top = ptr + ((bytes + 16 + 15) & ~15);
    const need = this.top - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / PAGE));
    this.u8.fill(0, ptr, this.top);
    return ptr;
  }

  /** Allocates and copies `values` in; returns the pointer. */
  put(values: Float32Array | Uint8Array | Int32Array): number {
    const ptr = this.alloc(values.byteLength);
    this.u8.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), ptr);
    return ptr;
  }

  /** The heap as floats (index = pointer / 4); views are rebuilt when the memory has grown. */
  get f32(): Float32Array {
    this.refresh();
    return this.f32view;
  }
  get u8(): Uint8Array {
    this.refresh();
    return this.u8view;
  }
  get i32(): Int32Array {
    this.refresh();
    return this.i32view;
  }

  /** A Float32Array view of n floats at ptr (valid until the next alloc). */
  floats(ptr: number, n: number): Float32Array {
    return this.f32.subarray(ptr >> 2, (ptr >> 2) + n);
  }

  private refresh(): void {
    const b = this.memory.buffer;
    if (b === this.viewsOf) return;
    this.viewsOf = b;
    this.f32view = new Float32Array(b);
    this.u8view = new Uint8Array(b);
    this.i32view = new Int32Array(b);
  }
}
