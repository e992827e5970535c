// A slower storage tier holding named float32 arrays, on top of lib/storage's byte-counting adapters (memory, a Node
// file, or OPFS in the browser): the executor keeps every layer's weights here and reads a layer back when the
// schedule asks for it. The adapter counts every read and write; this file only keeps the index of names.
import { MemoryStorage, type ByteStorage } from '../storage/index.ts';

export class CountingTier {
  readonly storage: ByteStorage;
  private readonly index = new Map<string, { offset: number; length: number }>();
  private end = 0;

  constructor(storage: ByteStorage = new MemoryStorage('slow tier')) {
    this.storage = storage;
  }

  /** Appends `data` under `key` (its float32 bytes). */
  put(key: string, data: Float32Array): void {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.storage.write(this.end, bytes);
    this.index.set(key, { offset: this.end, length: bytes.length });
    this.end += bytes.length;
  }

  /** Reads the bytes stored under `key` into `out` (one counted read), e.g. straight into the engine's heap. */
  readInto(key: string, out: Uint8Array): void {
    const at = this.index.get(key);
    if (!at) throw new Error(`${this.storage.name}: nothing stored under "${key}"`);
    if (out.length !== at.length)
      throw new Error(`${this.storage.name}: "${key}" holds ${at.length} bytes, the destination ${out.length}`);
    this.storage.read(at.offset, at.length, out);
  }

  get bytesRead(): number {
    return this.storage.counts.bytesRead;
  }

  get reads(): number {
    return this.storage.counts.reads;
  }
}
