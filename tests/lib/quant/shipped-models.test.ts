// The quantized models shipped in public/models (scripts/quantize.ts ship): each loads through lib's loader as a
// quantization of today's target-v1 (fingerprint checked), its file is the size its card says, and greedy decoding
// on the cpu backend reproduces the card's sample byte for byte.
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCommitted, MODELS_DIR, readFromDisk } from '../node-model.ts';
import { loadModel } from '../../../lib/load.ts';
import { generate } from '../../../lib/generate.ts';
import { weightsFingerprint } from '../../../lib/fingerprint.ts';

const SHIPPED = ['target-v1-awq-int4-g64', 'target-v1-awq-int3-g128'];

describe.each(SHIPPED)('%s', (name) => {
  const dir = `${MODELS_DIR}${name}`;
  it('is a quantization of target-v1 whose file and greedy sample match its card', async () => {
    expect(existsSync(`${dir}/card.json`), `${dir} is missing: run npm exec -- node scripts/quantize.ts ship`).toBe(
      true,
    );
    await tf.setBackend('cpu');
    const card = JSON.parse(readFileSync(`${dir}/card.json`, 'utf8'));
    const base = await loadCommitted('target-v1');
    const fingerprint = weightsFingerprint(base.config, base.exportWeights());
    base.dispose();
    expect(card.baseFingerprint).toBe(fingerprint);
    expect(statSync(`${dir}/quant-shard1of1.bin`).size).toBe(card.fileBytes);
    expect(card.fileBytes).toBeLessThan(card.fp32FileBytes / 4);
    const model = await loadModel(dir, { fetchFile: readFromDisk, expectBase: { name: 'target-v1', fingerprint } });
    const r = generate(model, card.greedySample.prompt, {
      temperature: 0,
      maxNewTokens: card.greedySample.maxNewTokens,
    });
    expect(r.text).toBe(card.greedySample.text);
    expect(readFileSync(`${dir}/MODEL.md`, 'utf8')).toContain(card.greedySample.prompt + card.greedySample.text);
    model.dispose();
  });
});
