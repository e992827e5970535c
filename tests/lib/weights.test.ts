// A broken model folder fails with a message that names the file and what is wrong.
import { describe, it, expect } from 'vitest';
import { loadModel } from '../../lib/load.ts';
import { encodeWeights, decodeWeights } from '../../lib/weights.ts';
import { initWeights } from '../../lib/init.ts';
import type { GPTConfig } from '../../lib/config.ts';

const cfg: GPTConfig = { vocabSize: 258, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 8, nFfn: 16 };
const tokenizer = {
  type: 'byte-bpe',
  merges: [
    [104, 105],
    [256, 33],
  ],
};

/** An in-memory model folder that a test can break, served through loadModel's fetchFile hook. */
function folder(edit: (files: Map<string, Uint8Array>) => void = () => {}) {
  const { manifest, shards } = encodeWeights(cfg, initWeights(cfg, 1));
  const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
  const files = new Map<string, Uint8Array>([
    ['config.json', enc(cfg)],
    ['tokenizer.json', enc(tokenizer)],
    ['weights.json', enc(manifest)],
    ...shards,
  ]);
  edit(files);
  const fetchFile = async (url: string) => {
    const f = files.get(url.replace('mem/tiny/', ''));
    if (!f) throw new Error(`${url}: HTTP 404 Not Found`);
    return { data: f.slice().buffer as ArrayBuffer, fromCache: false };
  };
  return loadModel('mem/tiny/', { fetchFile });
}
const manifestOf = (files: Map<string, Uint8Array>) => JSON.parse(new TextDecoder().decode(files.get('weights.json')));
const setJSON = (files: Map<string, Uint8Array>, name: string, o: unknown) =>
  files.set(name, new TextEncoder().encode(JSON.stringify(o)));

describe('loading a model folder', () => {
  it('loads an intact folder and reports progress per file', async () => {
    const model = await folder();
    expect(model.config).toEqual(cfg);
    expect(model.tokenizer.decode(model.tokenizer.encode('hi!'))).toBe('hi!');
    model.dispose();
  });

  it('encode then decode returns the same arrays', () => {
    const w = initWeights(cfg, 2);
    const { manifest, shards } = encodeWeights(cfg, w);
    const back = decodeWeights(
      cfg,
      manifest,
      new Map([...shards].map(([k, v]) => [k, v.slice().buffer as ArrayBuffer])),
    );
    for (const k of Object.keys(w)) expect(back[k]).toEqual(w[k]);
  });

  it('a truncated weights file names the shard', async () => {
    await expect(
      folder((f) => {
        const k = [...f.keys()].find((n) => n.endsWith('.bin'))!;
        f.set(k, f.get(k)!.subarray(0, 100));
      }),
    ).rejects.toThrow(/weights-shard1of1\.bin: truncated or corrupt: 100 bytes/);
  });

  it('a missing shard names it', async () => {
    await expect(folder((f) => f.delete('weights-shard1of1.bin'))).rejects.toThrow(/weights-shard1of1\.bin: HTTP 404/);
  });

  it('a manifest without a tensor names the tensor', async () => {
    await expect(
      folder((f) => {
        const m = manifestOf(f);
        const bin = f.get('weights-shard1of1.bin')!;
        const last = m[0].weights.pop();
        f.set(
          'weights-shard1of1.bin',
          bin.subarray(0, bin.length - 4 * last.shape.reduce((a: number, b: number) => a * b, 1)),
        );
        setJSON(f, 'weights.json', m);
      }),
    ).rejects.toThrow(/tiny\/weights\.json: tensor ln_f\.bias is missing/);
  });

  it('a shape mismatch names the tensor and both shapes', async () => {
    await expect(
      folder((f) => {
        const m = manifestOf(f);
        m[0].weights[0].shape = [cfg.nEmbd, cfg.vocabSize];
        setJSON(f, 'weights.json', m);
      }),
    ).rejects.toThrow(/tensor wte\.weight has shape \[8,258\], but the config needs \[258,8\]/);
  });

  it('NaN weights name the tensor', async () => {
    await expect(
      folder((f) => {
        const bin = f.get('weights-shard1of1.bin')!.slice();
        new DataView(bin.buffer).setFloat32(40, NaN, true);
        f.set('weights-shard1of1.bin', bin);
      }),
    ).rejects.toThrow(/tensor wte\.weight contains NaN at index 10/);
  });

  it('invalid JSON and a bad config say which file', async () => {
    await expect(folder((f) => f.set('weights.json', new TextEncoder().encode('{"oops')))).rejects.toThrow(
      /tiny\/weights\.json: not valid JSON/,
    );
    await expect(folder((f) => setJSON(f, 'config.json', { ...cfg, nHead: 3 }))).rejects.toThrow(
      /config\.json: nEmbd \(8\) must divide by nHead \(3\)/,
    );
    await expect(folder((f) => setJSON(f, 'config.json', { ...cfg, vocabSize: 300 }))).rejects.toThrow(
      /tiny\/tokenizer\.json: has 258 tokens but config\.json says vocabSize 300/,
    );
  });
});
