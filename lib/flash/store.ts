// The FFN weights of every layer, laid out on a storage adapter (lib/storage) in one of two layouts (layout.ts),
// behind a small header that names the layout, the shape and a fingerprint of the weights. Opening checks the header:
// a store written for other weights or another layout, or left half-written, is rebuilt. Every read goes through
// the storage, so its calls and bytes are counted there.
import { bytesOf, FNV_OFFSET, fnv1aUpdate } from '../bits.ts';
import { type ByteStorage, fillOrFallBack } from '../storage/index.ts';
import { groupZeros } from '../quant/group.ts';
import type { QuantizedMatrix } from '../quant/matrix.ts';
import {
  encodeLayer,
  encodeLayerInt4,
  ffnLayout,
  type FfnLayout,
  type FfnLayoutName,
  type ReadRange,
} from './layout.ts';
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
  /** The AWQ int4 matrices these weights are the dequantized values of: the store then holds the codes (an eighth
   *  of the bytes) and dequantizes each neuron as it reads it; scales and zero points stay in DRAM. */
  int4?: { up: QuantizedMatrix[]; down: QuantizedMatrix[] };
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
export const STORE_FORMAT = 2;
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
  new Uint32Array(b.buffer, 8, 8).set([
    STORE_FORMAT,
    L.name === 'bundled' ? 1 : 0,
    L.nLayer,
    L.nEmbd,
    L.nFfn,
    fp,
    complete ? 1 : 0,
    L.bits,
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
  /** int4 only: per layer, each group's scale and zero point (W_up's by neuron, W_down's by output). */
  private readonly groups: {
    upScales: Float32Array;
    upZeros: Uint8Array;
    downScales: Float32Array;
    downZeros: Uint8Array;
    groupSize: number;
  }[];

  private constructor(storage: ByteStorage, layout: FfnLayout, rebuilt: boolean, fp: number, w: FfnWeights) {
    this.storage = storage;
    this.layout = layout;
    this.rebuilt = rebuilt;
    this.fingerprint = fp;
    this.groups = (w.int4?.up ?? []).map((up, l) => {
      const down = w.int4!.down[l];
      if (up.groupSize !== down.groupSize)
        throw new Error(`FlashFfnStore: layer ${l}'s up and down use groups of ${up.groupSize} and ${down.groupSize}`);
      return {
        upScales: up.scales,
        upZeros: groupZeros(up),
        downScales: down.scales,
        downZeros: groupZeros(down),
        groupSize: up.groupSize,
      };
    });
  }

  /** Bytes kept in DRAM to decode int4 neurons (scales as fp32, zero points as bytes); 0 for fp32. */
  get groupBytes(): number {
    return this.groups.reduce(
      (a, g) => a + 4 * (g.upScales.length + g.downScales.length) + g.upZeros.length + g.downZeros.length,
      0,
    );
  }

  /** Neuron `neuron`'s up column (isUp) or down row at layer `layer`, as nEmbd floats into `out` from index `outAt`,
   *  from the bytes read for it (`bytes` from byte `at`): a copy for fp32, a dequantization for int4
   *  [(code − zero) · scale]. */
  decodeHalf(
    bytes: Uint8Array,
    at: number,
    layer: number,
    neuron: number,
    isUp: boolean,
    out: Float32Array,
    outAt = 0,
  ): void {
    const C = this.layout.nEmbd;
    if (this.layout.bits === 32) {
      out.set(new Float32Array(bytes.buffer, bytes.byteOffset + at, C), outAt);
      return;
    }
    const g = this.groups[layer],
      gs = g.groupSize;
    const gUp = C / gs,
      gDown = this.layout.nFfn / gs;
    for (let c = 0; c < C; c++) {
      const code = (bytes[at + (c >> 1)] >> ((c & 1) << 2)) & 15;
      const k = isUp ? neuron * gUp + Math.floor(c / gs) : c * gDown + Math.floor(neuron / gs);
      out[outAt + c] = (code - (isUp ? g.upZeros[k] : g.downZeros[k])) * (isUp ? g.upScales[k] : g.downScales[k]);
    }
  }

  /** Opens the store on `storage`, (re)writing it unless it already holds these weights in this layout. */
  static open(storage: ByteStorage, weights: FfnWeights, layoutName: FfnLayoutName): FlashFfnStore {
    const L = ffnLayout(layoutName, weights, HEADER_BYTES, weights.int4 ? 4 : 32);
    const fp = fingerprint(weights);
    const want = header(L, fp, true);
    const size = storage.size();
    if (size === L.totalBytes) {
      const have = storage.read(0, HEADER_BYTES);
      storage.takeCounts(); // checking the header is not part of any token's reads
      if (have.every((x, i) => x === want[i])) return new FlashFfnStore(storage, L, false, fp, weights);
    }
    // Header first with complete = 0, weights, then complete = 1: a build cut short is never mistaken for a store.
    storage.truncate(0);
    storage.write(0, header(L, fp, false));
    for (let l = 0; l < L.nLayer; l++)
      storage.write(
        L.headerBytes + l * L.layerBytes,
        weights.int4
          ? encodeLayerInt4(L, weights.int4.up[l], weights.int4.down[l])
          : encodeLayer(L, weights.up[l], weights.down[l]),
      );
    storage.write(0, want);
    storage.flush();
    storage.takeCounts();
    return new FlashFfnStore(storage, L, true, fp, weights);
  }

  /** Reads each range (one counted call each) and hands its bytes to `use` before the next read. */
  readEach(ranges: ReadRange[], use: (bytes: Uint8Array, range: ReadRange) => void): void {
    for (const r of ranges) {
      if (this.scratch.length < r.length) this.scratch = new Uint8Array(r.length);
      const t0 = performance.now();
      const bytes = this.storage.read(r.offset, r.length, this.scratch);
      this.readMs += performance.now() - t0;
      use(bytes, r);
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
