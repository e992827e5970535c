// Read throughput against read size, on whatever storage is given: sequential (each read starts where the last one
// ended) and scattered (each read at a seeded random chunk-aligned offset). The paper's point [LLM in a Flash,
// arXiv 2312.11514 v3, §2.2] is that each read pays a fixed latency before its first byte, so small reads waste the
// device's bandwidth: throughput(c) ≈ c / (t_first + c / B). Browsers and Node cannot bypass the OS page cache, so on
// a file read recently these numbers measure the cache more than the device: an upper bound for a cold device.
import { median } from '../stats.ts';
import { mulberry32, randInt } from '../random.ts';
import type { ByteStorage } from './storage.ts';

export type ReadOrder = 'sequential' | 'scattered';

/** 1 KiB, 2 KiB, … 512 KiB. */
export const CHUNK_SIZES: number[] = Array.from({ length: 10 }, (_, i) => 1024 << i);

export interface ThroughputPoint {
  order: ReadOrder;
  chunkBytes: number;
  reads: number;
  bytes: number;
  seconds: number;
  /** bytes / seconds */
  bytesPerSecond: number;
  /** seconds / reads, in microseconds */
  microsPerRead: number;
}

export interface ThroughputOptions {
  chunkSizes?: number[];
  orders?: ReadOrder[];
  /** Bytes read per point (default 8 MiB); at least `minReads` reads are made. */
  bytesPerPoint?: number;
  minReads?: number;
  /** Times each point is measured; the median time is kept (default 3), so a busy moment does not make the curve. */
  repeats?: number;
  /** If set, fewer reads (never under `minReads`) where `bytesPerPoint` would take longer than this many ms per
   *  repeat, judged from `minReads` untimed reads first: small reads on a slow store then take a second, not ten. */
  msPerPoint?: number;
  seed?: number;
  /** Clock in milliseconds (default performance.now). */
  now?: () => number;
  /** Called after each point with (points done, points in all). */
  onProgress?: (done: number, total: number, point: ThroughputPoint) => void;
}

/** Fills `storage` with `bytes` seeded pseudo-random bytes (so no layer can compress or dedupe them). */
export function writeTestFile(storage: ByteStorage, bytes: number, seed = 1): void {
  const rng = mulberry32(seed);
  const block = new Uint8Array(1 << 20);
  storage.truncate(0);
  for (let off = 0; off < bytes; off += block.length) {
    const n = Math.min(block.length, bytes - off);
    const words = new Uint32Array(block.buffer, 0, block.length / 4);
    for (let i = 0; i < words.length; i++) words[i] = (rng() * 4294967296) >>> 0;
    storage.write(off, block.subarray(0, n));
  }
  storage.flush();
}

/** How many `chunk`-byte reads fit in `ms`, from timing `PROBE_READS` reads from the start of the file (unbounded
 *  without a budget). */
function readsWithin(ms: number | undefined, storage: ByteStorage, chunk: number, now: () => number): number {
  if (ms === undefined) return Number.POSITIVE_INFINITY;
  const buf = new Uint8Array(chunk);
  const t0 = now();
  for (let i = 0; i < PROBE_READS; i++) storage.read(0, chunk, buf);
  const perRead = Math.max((now() - t0) / PROBE_READS, 1e-6);
  return Math.floor(ms / perRead);
}
const PROBE_READS = 16;

/** Measures each (order, chunk size) point on `storage` (already filled, e.g. by writeTestFile). */
export function measureReadThroughput(storage: ByteStorage, opts: ThroughputOptions = {}): ThroughputPoint[] {
  const sizes = opts.chunkSizes ?? CHUNK_SIZES;
  const orders = opts.orders ?? ['sequential', 'scattered'];
  const perPoint = opts.bytesPerPoint ?? 8 << 20;
  const minReads = opts.minReads ?? 32;
  const repeats = opts.repeats ?? 3;
  if (!(Number.isInteger(repeats) && repeats >= 1))
    throw new Error(`measureReadThroughput: repeats must be a whole number ≥ 1, got ${repeats}`);
  const now = opts.now ?? (() => performance.now());
  const fileBytes = storage.size();
  for (const c of sizes) {
    if (!(Number.isInteger(c) && c > 0))
      throw new Error(`measureReadThroughput: chunk size must be a positive integer, got ${c}`);
    if (c > fileBytes)
      throw new Error(`measureReadThroughput: chunk of ${c} bytes is larger than the ${fileBytes}-byte file`);
  }
  const buf = new Uint8Array(Math.max(...sizes));
  const points: ThroughputPoint[] = [];
  const total = sizes.length * orders.length;
  for (const order of orders) {
    for (const c of sizes) {
      const slots = Math.floor(fileBytes / c);
      const rng = mulberry32((opts.seed ?? 1) + c);
      const reads = Math.max(
        minReads,
        Math.min(Math.ceil(perPoint / c), readsWithin(opts.msPerPoint, storage, c, now)),
      );
      // Offsets chosen before the clock starts, so the generator is not timed.
      const offsets = new Float64Array(reads);
      for (let i = 0; i < reads; i++)
        offsets[i] = (order === 'sequential' ? i % slots : randInt(rng, 0, slots - 1)) * c;
      const times: number[] = [];
      for (let rep = 0; rep < repeats; rep++) {
        const t0 = now();
        for (let i = 0; i < reads; i++) storage.read(offsets[i], c, buf);
        times.push(now() - t0);
      }
      const seconds = Math.max(median(times) / 1000, 1e-9);
      const p: ThroughputPoint = {
        order,
        chunkBytes: c,
        reads,
        bytes: reads * c,
        seconds,
        bytesPerSecond: (reads * c) / seconds,
        microsPerRead: (seconds / reads) * 1e6,
      };
      points.push(p);
      opts.onProgress?.(points.length, total, p);
    }
  }
  return points;
}
