import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allCombinations,
  CapstoneDecoder,
  CapstoneStores,
  capstoneFidelity,
  capstoneGenerate,
  capstoneLabel,
  capstoneLadder,
  capstoneLoss,
  unionSweep,
  withPricedReads,
} from '../../../lib/capstone/index.ts';
import { drainTokens, generate } from '../../../lib/generate.ts';
import { UFS_4_0 } from '../../../lib/hardware/storage-curve.ts';
import { fileFlash, loadCapstoneModels } from '../../../node/capstone-models.ts';
import { loadCorpus } from '../../../node/corpus.ts';

const PROMPT = 'Call me Ishmael.';
const N = 24;

describe('lesson 9 decoder: every switch, same greedy text', () => {
  let models: Awaited<ReturnType<typeof loadCapstoneModels>>;
  let stores: CapstoneStores;
  const dir = mkdtempSync(join(tmpdir(), 'capstone-'));
  beforeAll(async () => {
    await tf.setBackend('wasm');
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
    expect(checked).toBe(2 * (1 + 2) * 2 * 2 * 2 * 3); // weights × (dense, exact, exact + span) × storage × window × bundling × speculation
  });

  it('predicted sparsity is labelled lossy, and its loss on held-out text is measured against the plain model', () => {
    const heldOut = models.tokenizer.encode(loadCorpus().validation).slice(0, 257); // two windows of the context
    for (const weights of ['fp32', 'int4'] as const) {
      const base = { weights, storage: 'memory' as const, window: true, bundled: true };
      expect(capstoneFidelity({ ...allCombinations()[0], ...base, ffn: 'predicted' })).toBe('lossy');
      expect(capstoneFidelity({ ...allCombinations()[0], ...base, ffn: 'exact' })).toBe('same text');
      expect(capstoneFidelity({ ...allCombinations()[0], ...base, ffn: 'exact', temperature: 0.8 })).toBe(
        'same distribution',
      );
      const exact = capstoneLoss(models, stores, heldOut, { ...base, ffn: 'exact' });
      const predicted = capstoneLoss(models, stores, heldOut, { ...base, ffn: 'predicted' });
      expect(exact.tokens).toBe(256);
      expect(Math.abs(exact.difference)).toBeLessThan(1e-4); // exact neurons: the plain model's loss
      expect(predicted.plain).toBeCloseTo(exact.plain, 6);
      // The predictor misses some neurons: a measurable change, small next to the loss itself.
      expect(Math.abs(predicted.difference)).toBeGreaterThan(1e-4);
      expect(Math.abs(predicted.difference)).toBeLessThan(0.1 * predicted.plain);
      const run = capstoneGenerate(models, stores, PROMPT, { ...base, ffn: 'predicted', speculation: 'tree' });
      expect(run.ids).toHaveLength(N);
    }
  });

  it('a tree pass reads the union of its nodes’ neurons: fewer than their sum, at least the most any node needs', () => {
    const run = capstoneGenerate(models, stores, PROMPT, { ffn: 'exact', speculation: 'tree', shape: '3,2,1' });
    expect(run.union.rowsPerPass).toBeGreaterThan(3);
    for (const r of run.records) {
      expect(r.selected).toBeLessThan(r.rowSelected);
      expect(r.selected).toBeGreaterThanOrEqual(r.rowSelected / r.rows);
    }
    const plain = capstoneGenerate(models, stores, PROMPT, { ffn: 'exact' });
    for (const r of plain.records) expect(r.selected).toBe(r.rowSelected);
    expect(plain.union.rowsPerPass).toBe(1);
  });

  it('the ladder: one text on every rung, step gains multiply to the whole, a lone gain per switch', () => {
    let clock = 0; // a fake clock: 1 ms per reading, so the figures are deterministic and the arithmetic is checked
    const now = () => clock++;
    const ladder = capstoneLadder(models, stores, { prompt: PROMPT, maxNewTokens: 8, repeats: 1, clock: now });
    expect(ladder.rungs.map((r) => r.id)).toEqual([
      'plain',
      'exact',
      'window',
      'bundled',
      'span',
      'int4',
      'chain',
      'tree',
    ]);
    expect(new Set(ladder.rungs.slice(0, 5).map((r) => r.run.text)).size).toBe(1); // fp32 rungs
    expect(new Set(ladder.rungs.slice(5).map((r) => r.run.text)).size).toBe(1); // int4 rungs
    expect(ladder.rungs.reduce((a, r) => a * r.stepGain, 1)).toBeCloseTo(ladder.whole, 9);
    expect(ladder.rungs[0].aloneGain).toBe(1);
    expect(ladder.rungs[0].stepGain).toBe(1);
    const [plain, exact, , bundled, span, int4, chain] = ladder.rungs.map((r) => r.run);
    expect(exact.bytesPerToken).toBeLessThan(plain.bytesPerToken / 4); // ReLU leaves most neurons silent
    expect(bundled.readsPerToken).toBeCloseTo(ladder.rungs[2].run.readsPerToken / 2, 9);
    // One read per layer and pass (4 layers), more bytes than the neurons' own (the ones between come along).
    expect(span.readsPerToken).toBeLessThanOrEqual(models.targets.fp32!.engine.config.nLayer);
    expect(span.bytesPerToken).toBeGreaterThan(bundled.bytesPerToken);
    expect(int4.bytesPerToken).toBeLessThan(span.bytesPerToken / 4);
    expect(chain.tokensPerPass).toBeGreaterThan(1);
    // Reads priced on a phone's flash (modelled): they add time, and the whole FFN costs more than int4's spans.
    const pricedPlain = withPricedReads(plain, UFS_4_0),
      pricedInt4 = withPricedReads(int4, UFS_4_0);
    expect(pricedPlain.tokensPerSecond).toBeLessThan(plain.tokensPerSecond);
    expect(pricedPlain.readMsPerToken).toBeGreaterThan(pricedInt4.readMsPerToken);
    // bundling's 1 KiB neurons, each a 4 KB random read at 1 GB/s
    expect(withPricedReads(bundled, UFS_4_0).readMsPerToken).toBeCloseTo(
      ((bundled.readsPerToken * 4096) / 1e9) * 1000,
      6,
    );
    const sweep = unionSweep(
      models,
      stores,
      ['plain', 'chain 2', '2,2'],
      { ffn: 'exact' },
      { prompt: PROMPT, maxNewTokens: 8, repeats: 1 },
    );
    const perPass = sweep.points.map((p) => p.run.union.neuronsPerPass);
    expect(perPass[0]).toBeLessThan(perPass[1]);
    expect(perPass[1]).toBeLessThan(perPass[2]);
  });

  it('the decoder is a TokenStream: draining it gives capstoneGenerate’s tokens, each with its step’s reads', () => {
    for (const o of [
      { ffn: 'exact', speculation: 'tree' },
      { ffn: 'predicted', speculation: 'chain', weights: 'int4' },
      { ffn: 'exact', speculation: 'plain', temperature: 0.9, seed: 3 },
    ] as const) {
      const run = capstoneGenerate(models, stores, PROMPT, o, { maxNewTokens: N });
      let stopped = 0;
      const tokens = drainTokens(new CapstoneDecoder(models, stores, PROMPT, o), {
        maxNewTokens: N,
        onToken: () => void stopped++,
      });
      expect(
        tokens.map((t) => t.id),
        JSON.stringify(o),
      ).toEqual(run.ids);
      expect(stopped).toBe(N);
      expect(tokens.map((t) => t.text).join('')).toBe(run.text);
      // One record per step, shared by its tokens; the steps' passes are the run's, their reads its reads.
      const steps = [...new Set(tokens.map((t) => t.record))];
      expect(steps).toHaveLength(run.passes);
      expect(steps.flatMap((s) => s.emitted).slice(0, N)).toEqual(run.ids);
      const bytes = steps.flatMap((s) => s.records).reduce((a, r) => a + r.bytes, 0);
      expect(bytes / run.emitted).toBeCloseTo(run.bytesPerToken, 9);
      for (const s of steps) {
        expect(s.records).toHaveLength(1);
        expect(s.ms.reads).toBeGreaterThanOrEqual(0);
        expect(s.clockMs).toBeGreaterThan(0);
      }
      // Each token's probability is the target's, under the logits that chose it (greedy: the most likely).
      if (!('temperature' in o))
        for (const t of tokens) expect(t.p).toBe(Math.max(t.p, ...t.alternatives.map((a) => a.p)));
    }
  });

  it('sampled decoding is seeded: the same seed repeats its text, exact neurons sample what dense ones do', () => {
    const sampled = { temperature: 0.9, seed: 7, storage: 'memory' as const };
    for (const speculation of ['plain', 'tree'] as const) {
      const a = capstoneGenerate(models, stores, PROMPT, { ...sampled, speculation, ffn: 'exact' });
      const b = capstoneGenerate(models, stores, PROMPT, { ...sampled, speculation, ffn: 'exact' });
      expect(b.ids, speculation).toEqual(a.ids);
      const dense = capstoneGenerate(models, stores, PROMPT, { ...sampled, speculation, ffn: 'dense' });
      expect(dense.ids, speculation).toEqual(a.ids); // same logits (to rounding), same draws
      const other = capstoneGenerate(models, stores, PROMPT, { ...sampled, speculation, ffn: 'exact', seed: 8 });
      expect(other.ids, speculation).not.toEqual(a.ids);
    }
  });
});
