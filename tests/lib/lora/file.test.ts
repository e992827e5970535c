// The adapter file: a round trip keeps every bit, and each kind of bad file gets its own clear message.
import * as tf from '@tensorflow/tfjs';
import { describe, it, expect, beforeAll } from 'vitest';
import { randomModel } from '../node-model.ts';
import { mulberry32, randn } from '../../../lib/random.ts';
import {
  LoraAdapter,
  AdapterSet,
  baseModelId,
  encodeAdapter,
  decodeAdapter,
  loadAdapter,
  targetsFor,
  LORA_FILE_VERSION,
} from '../../../lib/lora/index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function trainedLooking(seed: number) {
  const model = randomModel({ nLayer: 2, nEmbd: 32, nHead: 4, nFfn: 64 });
  const a = new LoraAdapter(
    baseModelId(model),
    { rank: 3, alpha: 6, targets: targetsFor(model.config, ['q', 'v', 'down']) },
    { seed },
  );
  const rng = mulberry32(seed);
  for (const b of Object.values(a.b))
    b.assign(
      tf.tensor(
        Float32Array.from({ length: b.size }, () => randn(rng)),
        b.shape,
      ),
    );
  return { model, a };
}

describe('adapter file', () => {
  it('round-trips every value, the spec, the base and the card; the loaded adapter gives the same logits', () => {
    const { model, a } = trainedLooking(1);
    const bytes = encodeAdapter(a, { note: 'test' });
    const { header, weights } = decodeAdapter(bytes);
    expect(header).toMatchObject({ rank: 3, alpha: 6, targets: a.spec.targets, base: a.base, card: { note: 'test' } });
    for (const [n, w] of Object.entries(a.weights())) expect(Array.from(weights[n])).toEqual(Array.from(w));
    const { adapter: b } = loadAdapter(bytes, baseModelId(model));
    // A Node Buffer, and a view at an odd offset into a larger buffer, read the same values.
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 3);
    for (const view of [
      Buffer.from(bytes),
      padded.subarray(3, 3 + bytes.length),
      Buffer.from(padded).subarray(3, 3 + bytes.length),
    ]) {
      const w = decodeAdapter(view).weights;
      for (const [n, x] of Object.entries(a.weights())) expect(Array.from(w[n])).toEqual(Array.from(x));
    }
    const ids = [[1, 2, 3, 4, 5, 6, 7, 8]];
    model.linearAdd = a.linearAdd();
    const la = model.forward(ids).logits[0][7];
    model.linearAdd = b.linearAdd();
    const lb = model.forward(ids).logits[0][7];
    model.linearAdd = null;
    expect(Array.from(lb)).toEqual(Array.from(la));
    a.dispose();
    b.dispose();
    model.dispose();
  });

  it('names what is wrong: not an adapter, another version, truncated, a flipped bit, bad header JSON', () => {
    const { model, a } = trainedLooking(2);
    const bytes = encodeAdapter(a);
    const id = baseModelId(model);
    expect(() => loadAdapter(new TextEncoder().encode('{"hello": 1}'), id, 'x.lora')).toThrow(
      /x\.lora: not a LoRA adapter file/,
    );
    expect(() => loadAdapter(new Uint8Array(3), id)).toThrow(/not a LoRA adapter file/);
    const v2 = bytes.slice();
    new DataView(v2.buffer).setUint32(4, LORA_FILE_VERSION + 1, true);
    expect(() => loadAdapter(v2, id)).toThrow(/format version 2; this site reads version 1/);
    expect(() => loadAdapter(bytes.slice(0, bytes.length - 5), id)).toThrow(/truncated/);
    expect(() => loadAdapter(bytes.slice(0, 40), id)).toThrow(/truncated/);
    const flipped = bytes.slice();
    flipped[flipped.length - 10] ^= 0x40;
    expect(() => loadAdapter(flipped, id)).toThrow(/corrupt \(the weights' checksum does not match/);
    const badJson = bytes.slice();
    badJson[13] = 0x7b;
    badJson[14] = 0x7b;
    expect(() => loadAdapter(badJson, id)).toThrow(/corrupt header/);
    a.dispose();
    model.dispose();
  });

  it('refuses an adapter made for another base: another shape, or the same shape with other weights', () => {
    const { model, a } = trainedLooking(3);
    const bytes = encodeAdapter(a);
    const other = randomModel({ nLayer: 2, nEmbd: 32, nHead: 4, nFfn: 64 }, 99); // same shape, other weights
    expect(() => loadAdapter(bytes, baseModelId(other), 'r4.lora')).toThrow(
      /r4\.lora: made for random with weights [0-9a-f]{8}, but the loaded model random has weights [0-9a-f]{8}/,
    );
    const wider = randomModel({ nLayer: 2, nEmbd: 64, nHead: 4, nFfn: 64 });
    expect(() => loadAdapter(bytes, baseModelId(wider))).toThrow(
      /made for random \(2 layers, nEmbd 32.*but the loaded model is random \(2 layers, nEmbd 64/,
    );
    const set = new AdapterSet(other);
    expect(() => set.load('mine', bytes)).toThrow(/mine: made for random/);
    expect(set.names).toEqual([]);
    a.dispose();
    model.dispose();
    other.dispose();
    wider.dispose();
    set.dispose();
  });
});
