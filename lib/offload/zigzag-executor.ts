// Runs a real model under FlexGen's zig-zag block schedule [§4.2, Alg. 1]: the sequences are split into GPU batches of
// `gbs`; a block is `nb` batches. For each block, for each token (column), for each layer, the layer's weights are
// loaded ONCE from a slower tier and then run for every GPU batch of the block, each with its own KV cache. With
// nb = 1 this is row-by-row (every batch reloads every layer at every token). Greedy decoding; the output equals
// plain batched decoding of all sequences at once (tests/lib/offload/zigzag-executor.test.ts).
import * as tf from '@tensorflow/tfjs';
import type { LanguageModel } from '../model.ts';
import { blockForward, embed, headForward, LAYER_PARAM_NAMES, type LayerParams } from './layer-forward.ts';
import { CountingTier } from './tiers.ts';
import type { ByteStorage } from '../storage/index.ts';
import { zigzagWeightLoads } from './schedule.ts';

export interface ZigzagOptions {
  /** Sequences per GPU batch. */
  gbs: number;
  /** GPU batches per block (1 = row-by-row). */
  nb: number;
  /** Tokens to generate per sequence. */
  maxNewTokens: number;
  /** Where the layer weights live (lib/storage: memory by default, a file in Node, OPFS in a browser worker). */
  storage?: ByteStorage;
  /** Round-trip the keys/values each step appends ([B, H, T, hs]) through a compressed form before caching them. */
  compressKV?: (kv: tf.Tensor4D) => tf.Tensor4D;
}

export interface ZigzagResult {
  /** Generated token ids per sequence. */
  tokens: number[][];
  /** Layer weight loads from the slow tier, and what the schedule's arithmetic says they should be. */
  weightLoads: number;
  expectedWeightLoads: number;
  /** Bytes of layer weights read from the slow tier. */
  weightBytesRead: number;
  /** Most KV-cache bytes held at once (fp32), and most bytes of activations parked between layers. */
  peakKvBytes: number;
  peakActivationBytes: number;
  seconds: number;
}

/** Generates `maxNewTokens` greedily for every prompt (all of one length) under the zig-zag block schedule. */
export function runZigzag(model: LanguageModel, prompts: number[][], opts: ZigzagOptions): ZigzagResult {
  const cfg = model.config;
  const { gbs, nb, maxNewTokens } = opts;
  if (!Number.isInteger(gbs) || gbs < 1) throw new Error(`gbs must be a whole number ≥ 1, got ${gbs}`);
  if (!Number.isInteger(nb) || nb < 1) throw new Error(`nb must be a whole number ≥ 1, got ${nb}`);
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1)
    throw new Error(`maxNewTokens must be a whole number ≥ 1, got ${maxNewTokens}`);
  if (prompts.length === 0 || prompts.length % gbs !== 0)
    throw new Error(`${prompts.length} prompts do not split into GPU batches of ${gbs}`);
  const s = prompts[0].length;
  if (s === 0 || prompts.some((p) => p.length !== s))
    throw new Error('all prompts must have the same, non-zero length');
  if (s + maxNewTokens - 1 > cfg.blockSize)
    throw new Error(`prompt ${s} + ${maxNewTokens} new tokens exceed the context of ${cfg.blockSize}`);

  // The slow tier holds every layer's weights; embeddings and the final LayerNorm stay resident (as in FlexGen).
  const all = model.exportWeights();
  const disk = new CountingTier(opts.storage);
  for (let l = 0; l < cfg.nLayer; l++) for (const p of LAYER_PARAM_NAMES) disk.put(`h.${l}.${p}`, all[`h.${l}.${p}`]);
  const readBefore = disk.bytesRead;
  const resident = {
    wte: tf.tensor(all['wte.weight'], [cfg.vocabSize, cfg.nEmbd]),
    wpe: tf.tensor(all['wpe.weight'], [cfg.blockSize, cfg.nEmbd]),
    lnW: tf.tensor(all['ln_f.weight']),
    lnB: tf.tensor(all['ln_f.bias']),
  };
  const shapes = new Map(LAYER_PARAM_NAMES.map((p) => [p, paramShape(model, p)]));

  const batches = prompts.length / gbs;
  const out: number[][] = prompts.map(() => []);
  const kv: { k: tf.Tensor4D; v: tf.Tensor4D }[][] = Array.from({ length: batches }, () => []); // [batch][layer]
  let weightLoads = 0,
    peakKvBytes = 0,
    peakActivationBytes = 0;
  const t0 = performance.now();
  try {
    for (let start = 0; start < batches; start += nb) {
      const block = Array.from({ length: Math.min(nb, batches - start) }, (_, i) => start + i);
      const next: number[][] = block.map((b) => prompts.slice(b * gbs, (b + 1) * gbs).flat()); // tokens entering the column, flat [gbs*T]
      for (let token = 0; token < maxNewTokens; token++) {
        const T = token === 0 ? s : 1;
        const past = token === 0 ? 0 : s + token - 1;
        // Activations of each batch of the block, parked between layers: [gbs, T, C] each.
        let x = block.map((_, i) =>
          tf.tidy(() => embed(cfg, resident.wte, resident.wpe, tf.tensor2d(next[i], [gbs, T], 'int32'), past)),
        );
        for (let l = 0; l < cfg.nLayer; l++) {
          const w = loadLayer(disk, l, shapes); // one load serves every batch of the block
          weightLoads++;
          x = x.map((xi, i) => {
            const b = block[i];
            const r = tf.tidy(() => {
              const res = blockForward(cfg, w, xi, kv[b][l]);
              const keep = opts.compressKV ? compressNewKV(res, past, opts.compressKV) : res;
              return { x: keep.x, k: keep.k, v: keep.v };
            });
            if (kv[b][l]) tf.dispose([kv[b][l].k, kv[b][l].v]);
            kv[b][l] = { k: r.k, v: r.v };
            xi.dispose();
            return r.x;
          });
          tf.dispose(Object.values(w));
          peakActivationBytes = Math.max(
            peakActivationBytes,
            x.reduce((a, t) => a + t.size * 4, 0),
          );
          peakKvBytes = Math.max(
            peakKvBytes,
            kv.flat().reduce((a, c) => a + (c.k.size + c.v.size) * 4, 0),
          );
        }
        x.forEach((xi, i) => {
          const idsT = tf.tidy(() => headForward(cfg, resident.lnW, resident.lnB, resident.wte, xi).argMax(-1)); // [gbs]
          const ids = idsT.dataSync();
          tf.dispose([idsT, xi]);
          next[i] = Array.from(ids);
          next[i].forEach((id, j) => out[block[i] * gbs + j].push(id));
        });
      }
      for (const b of block) {
        for (const c of kv[b]) tf.dispose([c.k, c.v]);
        kv[b] = [];
      } // the block is done: free its caches
    }
  } finally {
    for (const row of kv) for (const c of row) tf.dispose([c.k, c.v]);
    tf.dispose(Object.values(resident));
  }
  return {
    tokens: out,
    weightLoads,
    expectedWeightLoads: zigzagWeightLoads({ batches, tokens: maxNewTokens, layers: cfg.nLayer }, nb),
    weightBytesRead: disk.bytesRead - readBefore,
    peakKvBytes,
    peakActivationBytes,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Plain batched greedy decoding of all prompts at once with the model's own KV cache: the reference output. */
export function plainBatchedDecode(model: LanguageModel, prompts: number[][], maxNewTokens: number): number[][] {
  const cache = model.newCache();
  const out: number[][] = prompts.map(() => []);
  try {
    let input = prompts;
    for (let t = 0; t < maxNewTokens; t++) {
      const logits = model.forward(input, { cache }).logits;
      input = logits.map((rows, b) => {
        const last = rows[rows.length - 1];
        let best = 0;
        for (let i = 1; i < last.length; i++) if (last[i] > last[best]) best = i;
        out[b].push(best);
        return [best];
      });
    }
  } finally {
    cache.dispose();
  }
  return out;
}

function loadLayer(disk: CountingTier, l: number, shapes: Map<string, number[]>): LayerParams {
  return Object.fromEntries(LAYER_PARAM_NAMES.map((p) => [p, tf.tensor(disk.get(`h.${l}.${p}`), shapes.get(p)!)]));
}

function paramShape(model: LanguageModel, p: string): number[] {
  const { nEmbd: C, nFfn: F } = model.config;
  const table: Record<string, number[]> = {
    'attn.qkv.weight': [C, 3 * C],
    'attn.qkv.bias': [3 * C],
    'attn.proj.weight': [C, C],
    'attn.proj.bias': [C],
    'mlp.up.weight': [C, F],
    'mlp.up.bias': [F],
    'mlp.down.weight': [F, C],
    'mlp.down.bias': [C],
  };
  return table[p] ?? [C];
}

/** Replaces the keys/values this step appended (positions past..end) by their compressed round trip. */
function compressNewKV(
  r: { x: tf.Tensor3D; k: tf.Tensor4D; v: tf.Tensor4D },
  past: number,
  f: (kv: tf.Tensor4D) => tf.Tensor4D,
) {
  const roundTrip = (t: tf.Tensor4D) => {
    const [B, H, S, hs] = t.shape;
    const q = f(t.slice([0, 0, past, 0], [B, H, S - past, hs])); // [B, H, T, hs]
    return past ? (tf.concat([t.slice([0, 0, 0, 0], [B, H, past, hs]), q], 2) as tf.Tensor4D) : q;
  };
  return { x: r.x, k: roundTrip(r.k), v: roundTrip(r.v) };
}
