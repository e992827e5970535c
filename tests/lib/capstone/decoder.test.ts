import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCombinations, CapstoneStores, capstoneGenerate, capstoneLabel } from '../../../lib/capstone/index.ts';
import { generate } from '../../../lib/generate.ts';
import { fileFlash, loadCapstoneModels } from '../../../node/capstone-models.ts';

const PROMPT = 'Call me Ishmael.';
const N = 24;

describe('lesson 9 decoder: every switch, same greedy text', () => {
  let models: Awaited<ReturnType<typeof loadCapstoneModels>>;
  let stores: CapstoneStores;
  const dir = mkdtempSync(join(tmpdir(), 'capstone-'));
  beforeAll(async () => {
    await tf.setBackend('cpu');
    models = await loadCapstoneModels();
    stores = new CapstoneStores(fileFlash(dir));
  });
  afterAll(() => {
    stores.close();
    models.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('with dense or exact neurons, every combination writes the plain in-memory model’s greedy text (fp32 and int4 each)', () => {
    // The plain in-memory model: lib's generate on the same engine, its FFN dense in the heap, no store.
    const reference = (w: 'fp32' | 'int4') =>
      generate(models.lm[w], PROMPT, { temperature: 0, maxNewTokens: N, runner: models.targets[w]!.engine }).ids;
    const want = { fp32: reference('fp32'), int4: reference('int4') };
    // Two different models (their logits differ), each checked against its own text.
    const last = (w: 'fp32' | 'int4') => {
      const e = models.targets[w]!.engine;
      e.reset();
      return e.run(models.tokenizer.encode(PROMPT)).at(-1)!;
    };
    const a = last('fp32'),
      b = last('int4');
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeGreaterThan(1e-2);
    let checked = 0;
    for (const o of allCombinations().filter((c) => c.ffn !== 'predicted')) {
      const run = capstoneGenerate(models, stores, PROMPT, o, { maxNewTokens: N });
      expect(run.ids, capstoneLabel(o)).toEqual(want[o.weights]);
      checked++;
    }
    expect(checked).toBe(2 * 2 * 2 * 2 * 2 * 3); // weights × ffn (dense, exact) × storage × window × bundling × speculation
  });
});
