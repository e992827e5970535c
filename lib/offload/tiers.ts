// A storage tier that counts the bytes read from it and written to it: the executor's stand-in for CPU memory or
// disk. (lib/storage, the byte-counting adapters of the flash lesson, had not reached main when this was written;
// this is the smallest thing the executor needs: named Float32Arrays in memory, every transfer counted.)

export class CountingTier {
  readonly name: string;
  bytesRead = 0;
  bytesWritten = 0;
  reads = 0;
  private readonly store = new Map<string, Float32Array>();

  constructor(name: string) {
    this.name = name;
  }

  /** Stores a copy of `data` under `key`; `bytes` is what the stored form occupies (less than 4 per value when compressed). */
  put(key: string, data: Float32Array, bytes = data.byteLength): void {
    this.store.set(key, data.slice());
    this.sizes.set(key, bytes);
    this.bytesWritten += bytes;
  }

  /** Reads the array stored under `key`, counting its stored size. */
  get(key: string): Float32Array {
    const data = this.store.get(key);
    if (!data) throw new Error(`${this.name}: nothing stored under "${key}"`);
    this.bytesRead += this.sizes.get(key)!;
    this.reads++;
    return data;
  }

  /** Bytes currently stored. */
  get heldBytes(): number {
    let n = 0;
    for (const b of this.sizes.values()) n += b;
    return n;
  }

  private readonly sizes = new Map<string, number>();
}
