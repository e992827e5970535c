// Byte storage with counted reads and writes: the one interface the flash-backed FFN store (lib/flash) and the
// offloading runtime (lib/offload) read weights through. Every adapter is synchronous, because the browser's fastest
// file API (OPFS's FileSystemSyncAccessHandle, in a worker) is, and so is Node's fs.readSync; a synchronous read
// can be called from inside a forward pass. Adapters: memory.ts (tests, fallback), node-file.ts, opfs.ts.

export interface StorageCounts {
  /** Read calls and the bytes they returned. */
  reads: number;
  bytesRead: number;
  /** Write calls and the bytes they wrote. */
  writes: number;
  bytesWritten: number;
}

export type StorageKind = 'memory' | 'file' | 'opfs';

export function zeroCounts(): StorageCounts {
  return { reads: 0, bytesRead: 0, writes: 0, bytesWritten: 0 };
}

/**
 * The shared front of every adapter: argument checks and counting happen here, once; an adapter implements only the
 * raw calls. One read() call is one counted read, however many bytes it asks for.
 */
export abstract class ByteStorage {
  abstract readonly kind: StorageKind;
  /** A human-readable name for messages ("memory", a file path, an OPFS file name). */
  abstract readonly name: string;
  readonly counts: StorageCounts = zeroCounts();
  private closed = false;

  /** Current size in bytes. */
  size(): number {
    this.checkOpen('size');
    return this.rawSize();
  }

  /** Reads `length` bytes at `offset` into `into` (or a new array), all of them or an error. */
  read(offset: number, length: number, into?: Uint8Array): Uint8Array {
    this.checkOpen('read');
    checkRange(this.name, 'read', offset, length);
    const size = this.rawSize();
    if (offset + length > size)
      throw new Error(`${this.name}: read of ${length} bytes at ${offset} runs past the end (${size} bytes)`);
    if (into && into.length < length)
      throw new Error(`${this.name}: read of ${length} bytes into a buffer of ${into.length}`);
    const out = into ? into.subarray(0, length) : new Uint8Array(length);
    this.rawRead(offset, out);
    this.counts.reads++;
    this.counts.bytesRead += length;
    return out;
  }

  /** Writes `bytes` at `offset`, growing the storage if needed. */
  write(offset: number, bytes: Uint8Array): void {
    this.checkOpen('write');
    checkRange(this.name, 'write', offset, bytes.length);
    this.rawWrite(offset, bytes);
    this.counts.writes++;
    this.counts.bytesWritten += bytes.length;
  }

  /** Sets the size to `size` bytes (cuts or zero-extends). */
  truncate(size: number): void {
    this.checkOpen('truncate');
    checkRange(this.name, 'truncate', size, 0);
    this.rawTruncate(size);
  }

  /** Makes written bytes durable (a no-op in memory). */
  flush(): void {
    this.checkOpen('flush');
    this.rawFlush();
  }

  /** Releases the file; later calls throw. Closing twice is harmless. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.rawClose();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Returns the counts so far and starts again from zero. */
  takeCounts(): StorageCounts {
    const c = { ...this.counts };
    Object.assign(this.counts, zeroCounts());
    return c;
  }

  protected abstract rawSize(): number;
  /** Fills `out` with the bytes at `offset` (the range is already checked). */
  protected abstract rawRead(offset: number, out: Uint8Array): void;
  protected abstract rawWrite(offset: number, bytes: Uint8Array): void;
  protected abstract rawTruncate(size: number): void;
  protected abstract rawFlush(): void;
  protected abstract rawClose(): void;

  private checkOpen(op: string): void {
    if (this.closed) throw new Error(`${this.name}: ${op} after close()`);
  }
}

function checkRange(name: string, op: string, offset: number, length: number): void {
  if (!(Number.isSafeInteger(offset) && offset >= 0))
    throw new Error(`${name}: ${op} offset must be a non-negative integer, got ${offset}`);
  if (!(Number.isSafeInteger(length) && length >= 0))
    throw new Error(`${name}: ${op} length must be a non-negative integer, got ${length}`);
}
