// The quantized model file: saved, loaded through lib's loader and run, it gives the in-memory quantized model's
// logits; it is exactly the size the arithmetic says; corrupt, truncated, mismatched or future files are refused.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdtemp, readFile, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommitted, MODELS_DIR, readFromDisk } from '../node-model.ts';
import { loadModel } from '../../../lib/load.ts';
import { LanguageModel } from '../../../lib/model.ts';
import { linearNames, parameterShapes, PRESETS } from '../../../lib/config.ts';
import { calibrate } from '../../../lib/quant/calibration.ts';
import { quantizeModel, type QuantizedModel } from '../../../lib/quant/quantize-model.ts';
import { decodeQuantized, encodeQuantized, type QuantManifest } from '../../../lib/quant/file.ts';
import { weightsFingerprint } from '../../../lib/fingerprint.ts';
import { quantizedBytes } from '../../../lib/quant/group.ts';

let base: LanguageModel;
let q: QuantizedModel;
let fingerprint: string;
let encoded: { manifest: QuantManifest; shards: Map<string, Uint8Array> };
const cfg = PRESETS.target;
const tokens = [[72, 101, 108, 108, 111, 44, 32, 73, 115, 104, 109, 97, 101, 108, 46, 32]];

beforeAll(async () => {
  await tf.setBackend('wasm');
  base = await loadCommitted('target-v1');
  const ids = base.tokenizer.encode(
    'Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world.',
  );
  const stats = calibrate(base, [ids.slice(0, 40), ids.slice(10, 50)]);
  const weights = base.exportWeights();
  fingerprint = weightsFingerprint(cfg, weights);
  q = quantizeModel(cfg, weights, stats, { bits: 3, groupSize: 64 }, { kind: 'awq', clip: true });
  encoded = encodeQuantized(cfg, q.weights, q.matrices!, {
    base: { name: 'target-v1', fingerprint },
    quantization: { ...q.options, method: q.method },
  });
}, 120_000);

const buffers = (shards: Map<string, Uint8Array>) =>
  new Map([...shards].map(([p, b]) => [p, b.slice().buffer as ArrayBuffer]));

describe('quantized model file', () => {
  it('saved, loaded with loadModel and run, equals the in-memory quantized model', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quant-'));
    for (const f of ['config.json', 'tokenizer.json']) await copyFile(join(MODELS_DIR, 'target-v1', f), join(dir, f));
    await writeFile(join(dir, 'weights.json'), JSON.stringify(encoded.manifest));
    for (const [p, b] of encoded.shards) await writeFile(join(dir, p), b);
    const loaded = await loadModel(dir, { fetchFile: readFromDisk, expectBase: { name: 'target-v1', fingerprint } });
    const inMemory = new LanguageModel(cfg, base.tokenizer, q.weights);
    const a = loaded.forward(tokens).logits[0],
      b = inMemory.forward(tokens).logits[0];
    a.forEach((row, t) => expect(Array.from(row)).toEqual(Array.from(b[t])));
    // …and differs from fp32, so the comparison means something.
    const f = base.forward(tokens).logits[0];
    expect(Math.max(...a[5].map((v, i) => Math.abs(v - f[5][i])))).toBeGreaterThan(1e-3);
    loaded.dispose();
    inMemory.dispose();
  });

  it('is exactly packed codes + float32 scales + packed zeros per linear layer, plus float32 for the rest', () => {
    const linears = new Set(linearNames(cfg).map((n) => `${n}.weight`));
    let expected = 0;
    for (const [name, [a, b]] of parameterShapes(cfg)) {
      expected += linears.has(name) ? quantizedBytes(b, a, { bits: 3, groupSize: 64 }).total : 4 * a * (b ?? 1);
    }
    const bytes = [...encoded.shards.values()].reduce((n, s) => n + s.length, 0);
    expect(bytes).toBe(expected);
    expect(bytes).toBe(encoded.manifest.totalBytes);
    // 786,432 linear weights at 3 bits = 294,912 bytes of codes; 12,288 groups: 49,152 bytes of scales, 4,608 of zeros.
    expect(bytes - 4 * (875264 - 786432)).toBe(294912 + 49152 + 4608);
  });

  it('refuses a corrupt, truncated, mismatched or future file with a message naming the problem', async () => {
    const m = encoded.manifest,
      path = m.paths[0];
    const flipped = encoded.shards.get(path)!.slice();
    flipped[1000] ^= 0x10;
    expect(() => decodeQuantized(cfg, m, buffers(new Map([[path, flipped]])))).toThrow(
      /corrupt: checksum [0-9a-f]{8} does not match/,
    );
    const short = encoded.shards.get(path)!.slice(0, 5000);
    expect(() => decodeQuantized(cfg, m, buffers(new Map([[path, short]])))).toThrow(/truncated: 5000 bytes/);
    expect(() => decodeQuantized(cfg, m, new Map())).toThrow(/shard listed in weights.json is missing/);
    expect(() => decodeQuantized(cfg, m, buffers(encoded.shards), 'weights.json', { name: 'draft-v1' })).toThrow(
      /quantized from target-v1 .*not from draft-v1/,
    );
    expect(() =>
      decodeQuantized(cfg, m, buffers(encoded.shards), 'weights.json', { name: 'target-v1', fingerprint: '12345678' }),
    ).toThrow(/not from target-v1 \(fingerprint 12345678\)/);
    expect(() => decodeQuantized(PRESETS.draft, m, buffers(encoded.shards))).toThrow(
      /tensor wte.weight has shape \[512,128\], but the config needs \[512,64\]/,
    );
    expect(() => decodeQuantized(cfg, { ...m, version: 2 }, buffers(encoded.shards))).toThrow(
      /version 2 is not supported/,
    );
    expect(() => decodeQuantized(cfg, [], buffers(encoded.shards))).toThrow(/not a quantized-weights manifest/);
    const badBits = { ...m, tensors: m.tensors.map((t) => (t.dtype === 'quantized' ? { ...t, bits: 9 } : t)) };
    expect(() => decodeQuantized(cfg, badBits, buffers(encoded.shards))).toThrow(
      /bits must be an integer from 2 to 8, got 9/,
    );
    // Through the loader: the error names the folder and file.
    const dir = await mkdtemp(join(tmpdir(), 'quant-bad-'));
    for (const f of ['config.json', 'tokenizer.json']) await copyFile(join(MODELS_DIR, 'target-v1', f), join(dir, f));
    await writeFile(join(dir, 'weights.json'), JSON.stringify(m));
    await writeFile(join(dir, path), short);
    await expect(loadModel(dir, { fetchFile: readFromDisk, name: 'broken-int3' })).rejects.toThrow(/truncated/);
    expect((await readFile(join(dir, 'weights.json'), 'utf8')).length).toBeGreaterThan(100);
  });
});
