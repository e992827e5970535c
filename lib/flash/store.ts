// The FFN weights of every layer, laid out on a storage adapter (lib/storage) in one of two layouts (layout.ts),
// behind a small header that names the layout, the shape and a fingerprint of the weights. Opening checks the header:
// a store written for other weights or another layout, or left half-written, is rebuilt. Every read goes through
// the storage, so its calls and bytes are counted there.
import { bytesOf, FNV_OFFSET, fnv1aUpdate } from '../bits.ts';
import { type ByteStorage, fillOrFallBack } from '../storage/index.ts';
import { encodeLayer, ffnLayout, type FfnLayout, type FfnLayoutName, type ReadRange } from './layout.ts';
import type { LanguageModel } from '../model.ts';

/** The FFN of each layer as plain arrays (lib's row-major layout). */
export interface FfnWeights {
  nLayer: number;
  nEmbd: number;
  nFfn: number;
  up: Float32Array[]; // per layer [nEmbd, nFfn]
  upBias: Float32Array[]; // per layer [nFfn]
  down: Float32Array[]; // per layer [nFfn, nEmbd]
  downBias: Float32Array[]; // per layer [nEmbd]
}

export function ffnWeightsOf(model: LanguageModel): FfnWeights {
  const { nLayer, nEmbd, nFfn } = model.config;
  const w: FfnWeights = { nLayer, nEmbd, nFfn, up: [], upBias: [], down: [], downBias: [] };
  for (let l = 0; l < nLayer; l++) {
    const up = model.getLinear(`h.${l}.mlp.up`),
      down = model.getLinear(`h.${l}.mlp.down`);
    w.up.push(up.weight);
    w.upBias.push(up.bias);
    w.down.push(down.weight);
    w.downBias.push(down.bias);
  }
  return w;
}

const MAGIC = 'LLMPFFN1';
/** Bumped when the file format changes, so old stores are rebuilt. */
export const STORE_FORMAT = 1;
export const HEADER_BYTES = 64;

/** FNV-1a over the FFN weights' bytes: a store built from other weights has another fingerprint. */
export function fingerprint(w: FfnWeights): number {
  let h = FNV_OFFSET;
  for (const arrays of [w.up, w.upBias, w.down, w.downBias]) for (const a of arrays) h = fnv1aUpdate(h, bytesOf(a));
  return h;
}

function header(L: FfnLayout, fp: number, complete: boolean): Uint8Array {
  const b = new Uint8Array(HEADER_BYTES);
  for (let i = 0; i < MAGIC.length; i++) b[i] = MAGIC.charCodeAt(i);
  new Uint32Array(b.buffer, 8, 7).set([
    STORE_FORMAT,
    L.name === 'bundled' ? 1 : 0,
    L.nLayer,
    L.nEmbd,
    L.nFfn,
    fp,
    complete ? 1 : 0,
  ]);
  return b;
}

export class FlashFfnStore {
  readonly storage: ByteStorage;
  readonly layout: FfnLayout;
  /** True if open() (re)wrote the weights; false if a matching store was already there. */
  readonly rebuilt: boolean;
  readonly fingerprint: number;
  /** Milliseconds spent inside storage reads since the last takeReadMs(). */
  private readMs = 0;
  private scratch = new Uint8Array(0);

  private constructor(storage: ByteStorage, layout: FfnLayout, rebuilt: boolean, fp: number) {
    this.storage = storage;
    this.layout = layout;
    this.rebuilt = rebuilt;
    this.fingerprint = fp;
  }

  /** Opens the store on `storage`, (re)writing it unless it already holds these weights in this layout. */
  static open(storage: ByteStorage, weights: FfnWeights, layoutName: FfnLayoutName): FlashFfnStore {
    const L = ffnLayout(layoutName, weights, HEADER_BYTES);
    const fp = fingerprint(weights);
    const want = header(L, fp, true);
    const size = storage.size();
    if (size === L.totalBytes) {
      const have = storage.read(0, HEADER_BYTES);
      storage.takeCounts(); // checking the header is not part of any token's reads
      if (have.every((x, i) => x === want[i])) return new FlashFfnStore(storage, L, false, fp);
    }
    // Header first with complete = 0, weights, then complete = 1: a build cut short is never mistaken for a store.
    storage.truncate(0);
    storage.write(0, header(L, fp, false));
    for (let l = 0; l < L.nLayer; l++)
      storage.write(L.headerBytes + l * L.layerBytes, encodeLayer(L, weights.up[l], weights.down[l]));
    storage.write(0, want);
    storage.flush();
    storage.takeCounts();
    return new FlashFfnStore(storage, L, true, fp);
  }

  /** Reads each range (one counted call each) and hands its bytes, as floats, to `use` before the next read. */
  readEach(ranges: ReadRange[], use: (floats: Float32Array, range: ReadRange) => void): void {
    for (const r of ranges) {
      if (this.scratch.length < r.length) this.scratch = new Uint8Array(r.length);
      const t0 = performance.now();
      const bytes = this.storage.read(r.offset, r.length, this.scratch);
      this.readMs += performance.now() - t0;
      use(new Float32Array(bytes.buffer, 0, r.length / 4), r);
    }
  }

  /** Milliseconds spent in reads since the last call, then zero. */
  takeReadMs(): number {
    const ms = this.readMs;
    this.readMs = 0;
    return ms;
  }
}

export interface OpenedStore {
  store: FlashFfnStore;
  /** Null if the store is on the storage asked for; otherwise why it is in memory instead. */
  fallback: string | null;
}

/** FlashFfnStore.open, falling back to memory (and saying so) when the storage's quota runs out while writing. */
export function openStoreOrFallBack(storage: ByteStorage, weights: FfnWeights, layout: FfnLayoutName): OpenedStore {
  let store: FlashFfnStore | undefined;
  const { fallback } = fillOrFallBack({ storage, fallback: null }, (s) => {
    store = FlashFfnStore.open(s, weights, layout);
  });
  return { store: store!, fallback };
}
