// Storage in an ArrayBuffer: for tests, and the fallback when the browser has no OPFS. Same counts as a file.
import { ByteStorage, type StorageKind } from './storage.ts';

export class MemoryStorage extends ByteStorage {
  readonly kind: StorageKind = 'memory';
  readonly name: string;
  private bytes: Uint8Array;
  private used = 0;

  constructor(name = 'memory', initialCapacity = 0) {
    super();
    this.name = name;
    this.bytes = new Uint8Array(initialCapacity);
  }

  protected rawSize(): number {
    return this.used;
  }

  protected rawRead(offset: number, out: Uint8Array): void {
    out.set(this.bytes.subarray(offset, offset + out.length));
  }

  protected rawWrite(offset: number, bytes: Uint8Array): void {
    this.ensureCapacity(offset + bytes.length);
    this.bytes.set(bytes, offset);
    this.used = Math.max(this.used, offset + bytes.length);
  }

  protected rawTruncate(size: number): void {
    this.ensureCapacity(size);
    if (size < this.used) this.bytes.fill(0, size, this.used); // a later extension reads zeros, as a file does
    this.used = size;
  }

  protected rawFlush(): void {}

  protected rawClose(): void {
    this.bytes = new Uint8Array(0);
    this.used = 0;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.bytes.length) return;
    const next = new Uint8Array(Math.max(n, this.bytes.length * 2)); // doubling: amortized O(1) appends
    next.set(this.bytes.subarray(0, this.used));
    this.bytes = next;
  }
}
