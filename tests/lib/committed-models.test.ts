// The models committed under public/models: golden greedy sample, backends agree, KV cache exact, quality bar.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { loadCommitted, MODELS_DIR } from './node-model.ts';
import { generate } from '../../lib/generate.ts';

const card = (name: string) => JSON.parse(readFileSync(`${MODELS_DIR}${name}/card.json`, 'utf8'));

describe.each(['target-v1', 'draft-v1'] as const)('%s', (name) => {
  it('greedy decoding on the cpu backend reproduces the model card sample byte for byte', async () => {
    await tf.setBackend('cpu');
    const model = await loadCommitted(name);
    const { greedySample } = card(name);
    const r = generate(model, greedySample.prompt, { temperature: 0, maxNewTokens: greedySample.maxNewTokens });
    expect(r.text).toBe(greedySample.text);
    expect(readFileSync(`${MODELS_DIR}${name}/MODEL.md`, 'utf8')).toContain(greedySample.prompt + greedySample.text);
    model.dispose();
  });

  it('the wasm backend decodes the same greedy tokens, with logits within 1e-3 of cpu', async () => {
    const { greedySample } = card(name);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const model = await loadCommitted(name);
      const ids = model.tokenizer.encode(greedySample.prompt + greedySample.text).slice(0, model.config.blockSize);
      const logits = model.forward([ids]).logits[0].map((row) => row.slice());
      const text = generate(model, greedySample.prompt, {
        temperature: 0,
        maxNewTokens: greedySample.maxNewTokens,
      }).text;
      model.dispose();
      return { logits, text };
    };
    const cpu = await run('cpu'),
      wasm = await run('wasm');
    expect(wasm.text).toBe(cpu.text);
    let worst = 0;
    cpu.logits.forEach((row, t) => row.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - wasm.logits[t][i])))));
    expect(worst).toBeLessThan(1e-3);
  });

  it('KV-cache decoding gives the logits of a full forward at every step', async () => {
    await tf.setBackend('wasm');
    const model = await loadCommitted(name);
    const ids = model.tokenizer
      .encode('Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse')
      .slice(0, 40);
    const full = model.forward([ids]).logits[0];
    const cache = model.newCache();
    model.forward([ids.slice(0, 3)], { cache });
    for (let t = 3; t < ids.length; t++) {
      const step = model.forward([[ids[t]]], { cache }).logits[0][0];
      let worst = 0;
      step.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - full[t][i]))));
      expect(worst).toBeLessThan(1e-3);
    }
    cache.dispose();
    model.dispose();
  });
});

describe('the committed models together', () => {
  it('meet the quality bar: validation loss target < draft < bigram baseline', () => {
    const target = card('target-v1'),
      draft = card('draft-v1');
    expect(target.validationLoss).toBeLessThan(draft.validationLoss);
    expect(draft.validationLoss).toBeLessThan(draft.bigramValidationLoss);
    expect(target.bigramValidationLoss).toBe(draft.bigramValidationLoss);
  });

  it('the draft has at most 1/8 of the target parameters and all model files total at most 10 MB', () => {
    expect(card('draft-v1').parameters * 8).toBeLessThanOrEqual(card('target-v1').parameters);
    let bytes = 0;
    for (const dir of readdirSync(MODELS_DIR))
      for (const f of readdirSync(MODELS_DIR + dir)) bytes += statSync(`${MODELS_DIR}${dir}/${f}`).size;
    expect(bytes).toBeLessThanOrEqual(10 * 1024 * 1024);
  });
});
