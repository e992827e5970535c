// Storage in a file on disk, for Node (scripts, tests, `npm run bench`). Not exported from the browser barrel.
// Reads go through fs.readSync at an explicit position (pread), so nothing is buffered on our side; the OS page
// cache still is, which is why throughput measured here is an upper bound for a cold device.
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { ByteStorage, type StorageKind } from './storage.ts';

export class NodeFileStorage extends ByteStorage {
  readonly kind: StorageKind = 'file';
  readonly name: string;
  private fd: number;

  /** Opens (creating if needed) `path` for reading and writing; `truncate` empties it first. */
  constructor(path: string, { truncate = false } = {}) {
    super();
    this.name = path;
    if (!truncate) existsOrCreate(path);
    this.fd = openSync(path, truncate ? 'w+' : 'r+'); // r+ (not a+): positioned writes must land where asked
  }

  protected rawSize(): number {
    return fstatSync(this.fd).size;
  }

  protected rawRead(offset: number, out: Uint8Array): void {
    let done = 0;
    while (done < out.length) {
      const n = readSync(this.fd, out, done, out.length - done, offset + done);
      if (n === 0) throw new Error(`${this.name}: unexpected end of file at ${offset + done}`);
      done += n;
    }
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
  }
}

function existsOrCreate(path: string): void {
  closeSync(openSync(path, 'a')); // creates an empty file if missing, changes nothing otherwise
}
