// Storage in a file on disk, for Node (scripts, tests, `npm run bench`). Not exported from the browser barrel.
// Reads go through fs.readSync at an explicit position (pread), so nothing is buffered on our side; the OS page
// cache still is, which is why throughput measured here is an upper bound for a cold device, unless `uncached`
// asks to read past the page cache (Linux O_DIRECT), at the disk's own speed.
import { closeSync, constants, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { ByteStorage, type StorageKind } from './storage.ts';

/** O_DIRECT reads must be aligned in file offset, length and buffer address; 4096 covers every common device. */
const DIRECT_ALIGN = 4096;
/** Bytes each direct read moves at most (the aligned bounce buffer's size). */
const DIRECT_CHUNK = 1 << 20;

export interface NodeFileOptions {
  /** Empty the file first. */
  truncate?: boolean;
  /** Read past the OS page cache (O_DIRECT), as a device whose data is not in memory. Where the platform or the
   *  file system refuses it, reads fall back to ordinary cached reads: `uncachedFallback` says why. */
  uncached?: boolean;
}

export class NodeFileStorage extends ByteStorage {
  readonly kind: StorageKind = 'file';
  readonly name: string;
  private fd: number;
  /** A second descriptor opened with O_DIRECT (uncached reads), or -1. */
  private directFd = -1;
  /** An aligned window of `bounce` that direct reads land in (found at the first read), or null. */
  private aligned: Uint8Array | null = null;
  private readonly wantUncached: boolean;
  /** Why uncached reads were asked for but are not used (null while they are, or were not asked for). */
  uncachedFallback: string | null = null;

  /** Opens (creating if needed) `path` for reading and writing. */
  constructor(path: string, { truncate = false, uncached = false }: NodeFileOptions = {}) {
    super();
    this.name = path;
    if (!truncate) existsOrCreate(path);
    this.fd = openSync(path, truncate ? 'w+' : 'r+'); // r+ (not a+): positioned writes must land where asked
    this.wantUncached = uncached;
    if (!uncached) return;
    if (!constants.O_DIRECT) this.uncachedFallback = `O_DIRECT is not available on ${process.platform}`;
    else
      try {
        this.directFd = openSync(path, constants.O_RDONLY | constants.O_DIRECT);
      } catch (e) {
        this.uncachedFallback = `${path}: O_DIRECT refused (${(e as Error).message})`;
      }
  }

  /** True when reads go past the page cache (asked for, and the platform and file system allow it). */
  get readsUncached(): boolean {
    return this.wantUncached && this.uncachedFallback === null;
  }

  protected rawSize(): number {
    return fstatSync(this.fd).size;
  }

  protected rawRead(offset: number, out: Uint8Array): void {
    if (this.directFd >= 0 && out.length > 0 && this.readDirect(offset, out)) return;
    readFully(this.fd, out, offset, this.name);
  }

  /** Reads through the aligned bounce buffer, whole aligned blocks around the range; false if it had to give up. */
  private readDirect(offset: number, out: Uint8Array): boolean {
    const buf = this.aligned ?? this.findAlignedBuffer(offset);
    if (!buf) return false;
    let done = 0;
    while (done < out.length) {
      const at = offset + done;
      const start = at - (at % DIRECT_ALIGN);
      const want = Math.min(DIRECT_CHUNK, roundUp(at + out.length - done - start));
      const n = readSync(this.directFd, buf, 0, want, start); // may stop short only at the end of the file
      const take = Math.min(n - (at - start), out.length - done);
      if (take <= 0) throw new Error(`${this.name}: unexpected end of file at ${at}`);
      out.set(buf.subarray(at - start, at - start + take), done);
      done += take;
    }
    return true;
  }

  /**
   * JavaScript cannot see an ArrayBuffer's address, so try each 16-byte step of an oversized one until a direct read
   * succeeds there (the kernel refuses a misaligned buffer with EINVAL). Done once; null (and the reason kept) if
   * no offset works, and reads fall back to the page cache.
   */
  private findAlignedBuffer(offset: number): Uint8Array | null {
    const bytes = new Uint8Array(DIRECT_CHUNK + DIRECT_ALIGN);
    const probeAt = offset - (offset % DIRECT_ALIGN);
    for (let shift = 0; shift < DIRECT_ALIGN; shift += 16)
      try {
        readSync(this.directFd, bytes, shift, DIRECT_ALIGN, probeAt);
        this.aligned = bytes.subarray(shift, shift + DIRECT_CHUNK);
        return this.aligned;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
      }
    this.uncachedFallback = `${this.name}: no buffer alignment accepted by O_DIRECT`;
    closeSync(this.directFd);
    this.directFd = -1;
    return null;
  }

  protected rawWrite(offset: number, bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, offset + done);
  }

  protected rawTruncate(size: number): void {
    ftruncateSync(this.fd, size);
  }

  protected rawFlush(): void {
    fsyncSync(this.fd);
  }

  protected rawClose(): void {
    closeSync(this.fd);
    if (this.directFd >= 0) closeSync(this.directFd);
  }
}

function readFully(fd: number, out: Uint8Array, offset: number, name: string): void {
  let done = 0;
  while (done < out.length) {
    const n = readSync(fd, out, done, out.length - done, offset + done);
    if (n === 0) throw new Error(`${name}: unexpected end of file at ${offset + done}`);
    done += n;
  }
}

const roundUp = (n: number) => Math.ceil(n / DIRECT_ALIGN) * DIRECT_ALIGN;

function existsOrCreate(path: string): void {
  closeSync(openSync(path, 'a')); // creates an empty file if missing, changes nothing otherwise
}
