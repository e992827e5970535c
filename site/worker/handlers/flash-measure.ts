// `flash.measure`: read throughput against read size on the reader's own device, in this worker, through an OPFS
// file (lib/storage's sync access handle), sequential and scattered. The browser reads through the OS page cache,
// so these are upper bounds for a cold device. The curve is kept for pricing `flash.next` tokens.
// `flash.roundtrip`: writes seeded bytes to an OPFS file and reads them back (the lesson's self-check).
import {
  CHUNK_SIZES,
  fillOrFallBack,
  measureReadThroughput,
  openBrowserStorage,
  writeTestFile,
  type ByteStorage,
  type ThroughputPoint,
} from '../../../lib/storage/index.ts';
import { mulberry32 } from '../../../lib/random.ts';
import { measuredCurve, type StorageCurve } from '../../../lib/hardware/storage-curve.ts';
import { defineHandler } from '../protocol.ts';
import type { Registered } from './index.ts';

const FILE = 'llmp-flash-throughput.bin';
export const MIN_FILE_MIB = 4;
/** Each point's reads fit in about this long (three repeats, two orders, ten sizes: the whole curve in about 10 s,
 *  where 4 MiB of 1 KiB reads off the record took over 3 s a point). */
const MS_PER_POINT = 150;
export const MAX_FILE_MIB = 64;

let lastCurve: StorageCurve | null = null;

/** The curve measured last in this worker, or null. */
export function lastMeasuredCurve(): StorageCurve | null {
  return lastCurve;
}

export interface MeasurePayload {
  /** Read sizes in bytes, each a power of two from 1 KiB to 512 KiB (default all ten). */
  chunkSizes?: number[];
  /** Test file size in MiB, 4..64 (default 32). */
  fileMiB?: number;
  /** Bytes read per point (default 4 MiB). */
  bytesPerPoint?: number;
}

export interface MeasureResult {
  points: ThroughputPoint[];
  storage: ByteStorage['kind'];
  fallback: string | null;
}

export function checkChunkSizes(sizes: unknown): number[] {
  if (sizes === undefined) return CHUNK_SIZES;
  if (!Array.isArray(sizes) || sizes.length === 0) throw new Error('Read sizes must be a non-empty list.');
  for (const c of sizes)
    if (!CHUNK_SIZES.includes(c))
      throw new Error(`Read size ${JSON.stringify(c)} is not one of 1 KiB, 2 KiB, … 512 KiB (powers of two).`);
  return sizes as number[];
}

export const flashMeasure = defineHandler(async (p: MeasurePayload, ctx): Promise<MeasureResult> => {
  const sizes = checkChunkSizes(p?.chunkSizes);
  const mib = p?.fileMiB ?? 32;
  if (!(Number.isInteger(mib) && mib >= MIN_FILE_MIB && mib <= MAX_FILE_MIB))
    throw new Error(`The test file must be ${MIN_FILE_MIB} to ${MAX_FILE_MIB} MiB, got ${JSON.stringify(mib)}.`);
  const perPoint = Math.min(Math.max(p?.bytesPerPoint ?? 4 << 20, 1 << 20), 32 << 20);
  const opened = await openBrowserStorage(FILE);
  ctx.progress(ctx.text.writingTestFile(mib, opened.storage.kind === 'opfs'), 0);
  const { storage, fallback } = fillOrFallBack(opened, (s) => writeTestFile(s, mib << 20));
  try {
    const points = measureReadThroughput(storage, {
      chunkSizes: sizes,
      bytesPerPoint: perPoint,
      msPerPoint: MS_PER_POINT,
      onProgress: (d, n, pt) => ctx.progress(ctx.text.measuredReads(d, n, pt.order, pt.chunkBytes / 1024), d / n),
    });
    lastCurve = measuredCurve(points, 'this device (OPFS)');
    return { points, storage: storage.kind, fallback };
  } finally {
    try {
      storage.truncate(0);
    } catch {
      /* freeing space is best effort */
    }
    storage.close();
  }
});

export interface RoundTripResult {
  storage: ByteStorage['kind'];
  fallback: string | null;
  bytesWritten: number;
  bytesRead: number;
  reads: number;
  /** True when every byte read equals the byte written. */
  equal: boolean;
}

export const flashRoundtrip = defineHandler(async (p: { bytes?: number; seed?: number }): Promise<RoundTripResult> => {
  const n = p?.bytes ?? 1 << 20;
  if (!(Number.isInteger(n) && n > 0 && n <= 16 << 20))
    throw new Error(`A round trip writes 1 byte to 16 MiB, got ${JSON.stringify(n)}.`);
  const rng = mulberry32(p?.seed ?? 7);
  const data = Uint8Array.from({ length: n }, () => Math.floor(rng() * 256));
  const { storage, fallback } = fillOrFallBack(await openBrowserStorage('llmp-flash-roundtrip.bin'), (s) => {
    s.truncate(0);
    s.write(0, data);
    s.flush();
  });
  try {
    const back = storage.read(0, n);
    const equal = back.every((b, i) => b === data[i]);
    return {
      storage: storage.kind,
      fallback,
      bytesWritten: storage.counts.bytesWritten,
      bytesRead: storage.counts.bytesRead,
      reads: storage.counts.reads,
      equal,
    };
  } finally {
    storage.truncate(0);
    storage.close();
  }
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'flash.measure': flashMeasure, 'flash.roundtrip': flashRoundtrip };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
