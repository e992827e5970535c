// Lesson 8's three regimes give the same tokens: plain and speculative greedy decoding of target-v1 (draft-v1
// guessing on the lean engine) with the target on tfjs (overhead-bound), on the lean engine (compute-bound) and on
// the lean engine reading its weights from storage before every pass (memory-bound) all emit the tokens of plain
// greedy decoding on tfjs. The stored-weights runner reads every linear's bytes once per pass, counted by the storage.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { linearNames } from '../../../lib/config.ts';
import { generate } from '../../../lib/generate.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { LeanRunner } from '../../../lib/speculative/lean-gpt.ts';
import { raceRegime, REGIMES, StoredWeightsRunner } from '../../../lib/speculative/regimes.ts';
import { MemoryStorage } from '../../../lib/storage/memory.ts';
import { heldOutPrompts, loadCorpus } from '../../../node/corpus.ts';
import { loadCommitted } from '../node-model.ts';

describe('speculative decoding in three regimes', () => {
  let target: LanguageModel, draft: LanguageModel;
  let prompts: number[][];
  beforeAll(async () => {
    await tf.setBackend('wasm');
    target = await loadCommitted('target-v1');
    draft = await loadCommitted('draft-v1');
    prompts = heldOutPrompts(target.tokenizer.encode(loadCorpus().validation), 2, 24);
  });

  it('every regime, plain and speculative, emits the plain tfjs greedy tokens', { timeout: 120_000 }, () => {
    for (const prompt of prompts) {
      const reference = generate(target, prompt, { temperature: 0, maxNewTokens: 40 }).ids;
      for (const regime of REGIMES)
        for (const shape of ['chain 4', '1,1,3,1,1,1,1,1']) {
          const r = raceRegime(regime, target, draft, prompt, {
            shape,
            maxNewTokens: 40,
            repeats: 1,
            storage: new MemoryStorage(),
          });
          expect(r.plainIds, `${regime} plain`).toEqual(reference);
          expect(r.speculativeIds, `${regime} ${shape}`).toEqual(reference);
          expect(r.tokensPerPass).toBeGreaterThan(1);
          // Only the memory-bound target reads, every linear's weights each pass, and it says how long that took.
          expect(r.readMsPerPass !== undefined, regime).toBe(regime === 'memory-bound');
          if (regime === 'memory-bound') {
            expect(r.readMsPerPass).toBeGreaterThan(0);
            expect(r.bytesPerPass).toBe(
              linearNames(target.config).reduce((a, n) => a + 4 * target.getLinear(n).weight.length, 0),
            );
          }
        }
    }
  });

  it('the stored-weights runner reads every linear weight from storage once per pass', () => {
    const storage = new MemoryStorage();
    const runner = new StoredWeightsRunner(target, storage);
    const names = linearNames(target.config);
    const bytes = names.reduce((a, n) => a + target.getLinear(n).weight.byteLength, 0);
    expect(runner.bytesPerPass).toBe(bytes);
    const before = { ...storage.counts };
    const stored = [...runner.run([1, 2, 3]), ...runner.run([4])];
    expect(storage.counts.reads - before.reads).toBe(2 * names.length);
    expect(storage.counts.bytesRead - before.bytesRead).toBe(2 * bytes);
    // The weights read back land where the kernels read them: the same logits, bit for bit, as the engine's own.
    const lean = new LeanRunner(target);
    const own = [...lean.run([1, 2, 3]), ...lean.run([4])];
    stored.forEach((row, i) => expect(Buffer.compare(Buffer.from(row.buffer), Buffer.from(own[i].buffer))).toBe(0));
    // and what a pass computes with is what storage holds: zero the first linear there and the logits change.
    runner.reset();
    lean.reset();
    storage.write(0, new Uint8Array(target.getLinear(names[0]).weight.byteLength));
    expect(runner.run([1, 2, 3])[2]).not.toEqual(lean.run([1, 2, 3])[2]);
    for (const r of [runner, lean]) r.dispose();
  });

  it('the memory-bound regime refuses to run without a storage', () => {
    expect(() => raceRegime('memory-bound', target, draft, prompts[0], { maxNewTokens: 4, repeats: 1 })).toThrow(
      /needs a storage/,
    );
  });
});
