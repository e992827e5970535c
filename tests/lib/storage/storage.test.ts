import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MemoryStorage,
  OpfsStorage,
  fillOrFallBack,
  openBrowserStorage,
  openOpfsStorage,
  StorageQuotaError,
  measureReadThroughput,
  writeTestFile,
  type ByteStorage,
  type SyncAccessHandle,
  type OpfsDirectory,
} from '../../../lib/storage/index.ts';
import { NodeFileStorage } from '../../../lib/storage/node-file.ts';
import { mulberry32, randInt } from '../../../lib/random.ts';

/** A FileSystemSyncAccessHandle stand-in over memory, with an optional quota in bytes. */
function fakeHandle(quota = Infinity): SyncAccessHandle & { closed: boolean } {
  let bytes = new Uint8Array(0);
  const grow = (n: number) => {
    if (n > bytes.length) {
      const b = new Uint8Array(n);
      b.set(bytes);
      bytes = b;
    }
  };
  return {
    closed: false,
    read(buf, o) {
      const at = o?.at ?? 0;
      const n = Math.max(0, Math.min(buf.length, bytes.length - at));
      buf.set(bytes.subarray(at, at + n));
      return n;
    },
    write(buf, o) {
      const at = o?.at ?? 0;
      const n = Math.max(0, Math.min(buf.length, quota - at));
      grow(at + n);
      bytes.set(buf.subarray(0, n), at);
      return n;
    },
    getSize() {
      return bytes.length;
    },
    truncate(size) {
      if (size > quota) {
        const e = new Error('quota');
        e.name = 'QuotaExceededError';
        throw e;
      }
      const b = new Uint8Array(size);
      b.set(bytes.subarray(0, size));
      bytes = b;
    },
    flush() {},
    close() {
      this.closed = true;
    },
  };
}

const tmp = mkdtempSync(join(tmpdir(), 'storage-test-'));
const adapters: [string, () => ByteStorage][] = [
  ['memory', () => new MemoryStorage()],
  [
    'node file',
    () => new NodeFileStorage(join(tmp, `f${Math.floor(performance.now() * 1000)}.bin`), { truncate: true }),
  ],
  [
    'node file, uncached',
    () =>
      new NodeFileStorage(join(tmp, `u${Math.floor(performance.now() * 1000)}.bin`), {
        truncate: true,
        uncached: true,
      }),
  ],
  ['opfs (fake handle)', () => new OpfsStorage('fake.bin', fakeHandle())],
];

describe.each(adapters)('%s storage', (_, make) => {
  it('read returns exactly the bytes written, after any sequence of writes and truncations', () => {
    const rng = mulberry32(7);
    const s = make();
    let ref = new Uint8Array(0);
    for (let step = 0; step < 200; step++) {
      if (rng() < 0.1) {
        const size = randInt(rng, 0, 5000);
        const r = new Uint8Array(size);
        r.set(ref.subarray(0, size));
        ref = r;
        s.truncate(size);
      } else {
        const off = randInt(rng, 0, 4000),
          n = randInt(rng, 0, 1500);
        const data = Uint8Array.from({ length: n }, () => randInt(rng, 0, 255));
        if (off + n > ref.length) {
          const r = new Uint8Array(off + n);
          r.set(ref);
          ref = r;
        }
        ref.set(data, off);
        s.write(off, data);
      }
      expect(s.size()).toBe(ref.length);
    }
    expect(Array.from(s.read(0, ref.length))).toEqual(Array.from(ref));
    for (let i = 0; i < 50; i++) {
      const off = randInt(rng, 0, ref.length),
        n = randInt(rng, 0, ref.length - off);
      expect(Array.from(s.read(off, n))).toEqual(Array.from(ref.subarray(off, off + n)));
    }
    s.close();
  });

  it('counts every call and every byte, and takeCounts starts again from zero', () => {
    const s = make();
    s.write(0, new Uint8Array(1000));
    s.write(1000, new Uint8Array(24));
    s.read(0, 512);
    s.read(512, 512, new Uint8Array(600));
    s.read(10, 0);
    expect(s.takeCounts()).toEqual({ reads: 3, bytesRead: 1024, writes: 2, bytesWritten: 1024 });
    expect(s.counts).toEqual({ reads: 0, bytesRead: 0, writes: 0, bytesWritten: 0 });
    s.close();
  });

  it('rejects bad offsets, reads past the end, short buffers and use after close with clear errors', () => {
    const s = make();
    s.write(0, new Uint8Array(100));
    expect(() => s.read(-1, 4)).toThrow(/offset must be a non-negative integer, got -1/);
    expect(() => s.read(1.5, 4)).toThrow(/offset must be a non-negative integer/);
    expect(() => s.read(0, NaN)).toThrow(/length must be a non-negative integer/);
    expect(() => s.read(90, 20)).toThrow(/runs past the end \(100 bytes\)/);
    expect(() => s.read(0, 20, new Uint8Array(10))).toThrow(/into a buffer of 10/);
    expect(s.counts.reads).toBe(0); // failed reads are not counted
    s.close();
    expect(() => s.read(0, 1)).toThrow(/read after close/);
    s.close(); // twice is harmless
  });
});

describe('node file storage read past the page cache', () => {
  it('reads back the same bytes as cached reads of the same file, at random offsets and lengths', () => {
    const path = join(tmp, 'uncached.bin');
    const rng = mulberry32(21);
    const bytes = Uint8Array.from({ length: 3 * (1 << 20) + 777 }, () => randInt(rng, 0, 255)); // > 1 bounce chunk
    const writer = new NodeFileStorage(path, { truncate: true });
    writer.write(0, bytes);
    writer.flush();
    const cached = new NodeFileStorage(path);
    const uncached = new NodeFileStorage(path, { uncached: true });
    // On Linux with a file system that takes O_DIRECT (this repository's CI: ext4) the reads really are uncached;
    // elsewhere the storage says why not, and reads stay correct.
    expect(uncached.readsUncached).toBe(uncached.uncachedFallback === null);
    if (process.platform === 'linux' && !uncached.readsUncached) console.warn(uncached.uncachedFallback);
    for (let i = 0; i < 60; i++) {
      const off = randInt(rng, 0, bytes.length - 1);
      const n = randInt(rng, 0, Math.min(bytes.length - off, i % 3 === 0 ? 2_500_000 : 9000));
      const into = new Uint8Array(n + 3).subarray(3); // a buffer that is not aligned either
      const got = uncached.read(off, n, into);
      expect(Buffer.compare(got, cached.read(off, n))).toBe(0);
      expect(Buffer.compare(got, bytes.subarray(off, off + n))).toBe(0);
    }
    expect(uncached.counts.bytesRead).toBe(cached.counts.bytesRead);
    for (const s of [writer, cached, uncached]) s.close();
  });
});

describe('OPFS opening and fallback', () => {
  const dirWith = (handle: () => Promise<SyncAccessHandle>): OpfsDirectory => ({
    getFileHandle: async () => ({ createSyncAccessHandle: handle }),
  });

  it('OPFS reads never ask the handle for its size (a call as slow as a read in a private window), and the size it keeps follows writes, truncations and a short write', () => {
    const h = fakeHandle(1000);
    let sizeCalls = 0;
    const getSize = h.getSize.bind(h);
    h.getSize = () => {
      sizeCalls++;
      return getSize();
    };
    const s = new OpfsStorage('k.bin', h);
    const rng = mulberry32(3);
    for (let i = 0; i < 50; i++) {
      const at = randInt(rng, 0, 600);
      s.write(at, new Uint8Array(randInt(rng, 1, 300)).fill(i));
      if (i % 7 === 0) s.truncate(randInt(rng, 0, 900));
      expect(s.size()).toBe(getSize());
    }
    const calls = sizeCalls;
    for (let i = 0; i < 100; i++) s.read(randInt(rng, 0, s.size() - 1), 1);
    expect(sizeCalls).toBe(calls);
    expect(() => s.write(900, new Uint8Array(400))).toThrow(StorageQuotaError);
    expect(s.size()).toBe(1000);
  });

  it('a short write (quota ran out) throws StorageQuotaError naming the file', () => {
    const s = new OpfsStorage('w.bin', fakeHandle(1000));
    s.write(0, new Uint8Array(800));
    expect(() => s.write(800, new Uint8Array(400))).toThrow(StorageQuotaError);
    expect(() => s.write(800, new Uint8Array(400))).toThrow(
      /w\.bin: the browser's storage quota ran out after 1000 bytes/,
    );
    expect(() => s.truncate(5000)).toThrow(/storage quota is full/);
  });

  it('falls back to memory with the reason when there is no OPFS, no sync access, or another tab holds the file', async () => {
    const none = await openBrowserStorage('a.bin', async () => null);
    expect(none.storage.kind).toBe('memory');
    expect(none.fallback).toMatch(/no Origin Private File System.*kept in memory instead/);

    const noSync = await openBrowserStorage('a.bin', async () => ({ getFileHandle: async () => ({}) }));
    expect(noSync.fallback).toMatch(/only available inside a worker/);

    const locked = await openBrowserStorage('a.bin', async () =>
      dirWith(async () => {
        const e = new Error('locked');
        e.name = 'NoModificationAllowedError';
        throw e;
      }),
    );
    expect(locked.fallback).toMatch(/open in another tab or worker/);

    const refused = await openBrowserStorage('a.bin', async () => {
      throw new Error('SecurityError: denied');
    });
    expect(refused.fallback).toMatch(/refused the Origin Private File System \(SecurityError: denied\)/);

    // The fallback works like any storage.
    locked.storage.write(0, new Uint8Array([1, 2, 3]));
    expect(Array.from(locked.storage.read(1, 2))).toEqual([2, 3]);
  });

  it('opens a sync access handle when OPFS works, and rejects unsafe names', async () => {
    const h = fakeHandle();
    const ok = await openBrowserStorage('store.bin', async () => dirWith(async () => h));
    expect(ok.fallback).toBeNull();
    expect(ok.storage.kind).toBe('opfs');
    ok.storage.close();
    expect(h.closed).toBe(true);
    await expect(openOpfsStorage('../etc', async () => dirWith(async () => fakeHandle()))).rejects.toThrow(
      /OPFS file name must be/,
    );
  });

  it('fillOrFallBack: a quota that runs out part-way empties and closes the file, and the same writes land in memory', async () => {
    const h = fakeHandle(3000);
    const data = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 251);
    const fill = (s: ByteStorage) => {
      s.write(0, data.subarray(0, 2500));
      s.write(2500, data.subarray(2500));
    };
    const r = fillOrFallBack(await openBrowserStorage('q.bin', async () => dirWith(async () => h)), fill);
    expect(r.storage.kind).toBe('memory');
    expect(r.fallback).toMatch(
      /^q\.bin: the browser's storage quota ran out after 3000 bytes; using memory instead, with the same reads counted$/,
    );
    expect(h.closed).toBe(true);
    expect(h.getSize()).toBe(0); // nothing half-written is left behind
    expect(Array.from(r.storage.read(0, 5000))).toEqual(Array.from(data));

    const roomy = fillOrFallBack(
      await openBrowserStorage('r.bin', async () => dirWith(async () => fakeHandle())),
      fill,
    );
    expect(roomy.storage.kind).toBe('opfs');
    expect(roomy.fallback).toBeNull();
    // Any other failure is not hidden behind a fallback.
    expect(() =>
      fillOrFallBack({ storage: new MemoryStorage(), fallback: null }, () => {
        throw new Error('disk on fire');
      }),
    ).toThrow('disk on fire');
  });
});

describe('measureReadThroughput', () => {
  it('makes the promised reads per point, in range, and derives throughput from the clock', () => {
    const s = new MemoryStorage();
    writeTestFile(s, 64 * 1024);
    s.takeCounts();
    let t = 0;
    const now = () => (t += 1); // every clock call advances 1 ms
    const seen: number[] = [];
    const pts = measureReadThroughput(s, {
      chunkSizes: [1024, 8192],
      bytesPerPoint: 32 * 1024,
      minReads: 8,
      repeats: 1,
      now,
      onProgress: (d) => seen.push(d),
    });
    expect(pts.map((p) => [p.order, p.chunkBytes, p.reads])).toEqual([
      ['sequential', 1024, 32],
      ['sequential', 8192, 8],
      ['scattered', 1024, 32],
      ['scattered', 8192, 8],
    ]);
    expect(s.counts.reads).toBe(80);
    expect(s.counts.bytesRead).toBe(2 * (32 * 1024 + 8 * 8192));
    for (const p of pts) {
      expect(p.seconds).toBeCloseTo(0.001);
      expect(p.bytesPerSecond).toBeCloseTo(p.bytes / 0.001);
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(() => measureReadThroughput(s, { chunkSizes: [1 << 20] })).toThrow(/larger than the 65536-byte file/);
    expect(() => measureReadThroughput(s, { chunkSizes: [0] })).toThrow(/positive integer, got 0/);
    expect(() => measureReadThroughput(s, { repeats: 0 })).toThrow(/repeats must be a whole number/);
  });

  it('with a time budget, reads what fits in it per repeat (never under minReads), judged by 16 untimed reads', () => {
    const s = new MemoryStorage();
    writeTestFile(s, 64 * 1024);
    const reads = (msPerPoint: number, perReadMs: number) => {
      // A store whose every read costs perReadMs on the clock.
      let t = 0;
      const timed: ByteStorage = Object.assign(Object.create(s), {
        read: (o: number, n: number, b?: Uint8Array) => {
          t += perReadMs;
          return s.read(o, n, b);
        },
      });
      const [p] = measureReadThroughput(timed, {
        chunkSizes: [1024],
        orders: ['sequential'],
        bytesPerPoint: 64 * 1024,
        minReads: 8,
        repeats: 1,
        msPerPoint,
        now: () => t,
      });
      return p.reads;
    };
    expect(reads(1000, 1)).toBe(64); // the budget is not what binds: bytesPerPoint's 64 reads fit
    expect(reads(20, 1)).toBe(20);
    expect(reads(20, 0.5)).toBe(40);
    expect(reads(5, 1)).toBe(8); // never under minReads
  });

  it('repeats each point and keeps the median time', () => {
    const s = new MemoryStorage();
    writeTestFile(s, 16 * 1024);
    s.takeCounts();
    const ticks = [0, 5, 10, 11, 20, 23]; // (start, end) of three repeats: 5, 1 and 3 ms
    const clock = () => ticks.shift()!;
    const [p] = measureReadThroughput(s, {
      chunkSizes: [4096],
      orders: ['sequential'],
      bytesPerPoint: 4096 * 4,
      minReads: 1,
      repeats: 3,
      now: clock,
    });
    expect(ticks).toEqual([]);
    expect(s.counts.reads).toBe(12);
    expect(p.seconds).toBeCloseTo(0.003);
  });
});

process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
