// One token-stream interface for every decoder (lib/generate.ts's TokenStream) and the one loop that drains it:
// a property test of drainTokens on a fake stream, and each decoder of the committed models drained by it writing
// the greedy tokens a full recompute of the context picks.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decoder, drainTokens, generate, type GeneratedToken, type TokenStream } from '../../lib/generate.ts';
import { mulberry32 } from '../../lib/random.ts';
import { argmax } from '../../lib/sampling.ts';
import { LeanRunner, SpeculativeDecoder, speculativeGenerate } from '../../lib/speculative/index.ts';
import {
  FlashDecoder,
  FlashFfn,
  FlashFfnStore,
  ffnWeightsOf,
  flashGenerate,
  policyLadder,
} from '../../lib/flash/index.ts';
import { MemoryStorage } from '../../lib/storage/index.ts';
import type { LanguageModel } from '../../lib/model.ts';
import { loadCommitted } from './node-model.ts';

/** A stream over fixed ids that counts its dispose() calls and can fail at one position. */
function fakeStream(ids: number[], { bounded, failAt }: { bounded: boolean; failAt?: number }) {
  let given = 0;
  const stream: TokenStream & { disposed: number; given: () => number } = {
    promptIds: [0],
    get remaining() {
      return bounded ? ids.length - given : undefined;
    },
    next(): GeneratedToken {
      if (given === failAt) throw new Error('next failed');
      if (given >= ids.length) throw new Error('read past the end');
      const id = ids[given++];
      return { id, text: String(id), p: 1, alternatives: [] };
    },
    disposed: 0,
    dispose() {
      stream.disposed++;
    },
    given: () => given,
  };
  return stream;
}

describe('drainTokens', () => {
  it('stops at maxNewTokens, after the stop token, or at the end of the stream, and disposes once', () => {
    const rand = mulberry32(20);
    const int = (n: number) => Math.floor(rand() * n);
    for (let trial = 0; trial < 500; trial++) {
      const ids = Array.from({ length: int(30) }, () => int(8));
      const bounded = rand() < 0.5;
      const maxNewTokens = int(bounded ? 40 : ids.length + 1); // an unbounded fake must not be read past its end
      const stopId = int(10); // 8 and 9 never occur
      const s = fakeStream(ids, { bounded });
      const seen: number[] = [];
      const got = drainTokens(s, {
        maxNewTokens,
        onToken: (t) => {
          seen.push(t.id);
          return t.id !== stopId;
        },
      });
      const firstStop = ids.indexOf(stopId);
      const expected = ids.slice(
        0,
        Math.min(maxNewTokens, ids.length, firstStop < 0 ? Number.POSITIVE_INFINITY : firstStop + 1),
      );
      expect(got.map((t) => t.id)).toEqual(expected);
      expect(seen).toEqual(expected); // onToken saw each kept token, in order
      expect(s.given()).toBe(expected.length); // no token was made and thrown away
      expect(s.disposed).toBe(1);
    }
  });

  it('disposes once when next() fails or maxNewTokens is not a whole number, and says why', () => {
    const failing = fakeStream([1, 2, 3], { bounded: true, failAt: 2 });
    expect(() => drainTokens(failing, { maxNewTokens: 3 })).toThrow('next failed');
    expect(failing.disposed).toBe(1);
    for (const bad of [-1, 2.5, Number.NaN]) {
      const s = fakeStream([1, 2, 3], { bounded: true });
      expect(() => drainTokens(s, { maxNewTokens: bad })).toThrow(/maxNewTokens must be a whole number/);
      expect(s.disposed).toBe(1);
      expect(s.given()).toBe(0);
    }
  });
});

describe('every decoder as a TokenStream, greedy on the committed models', () => {
  let target: LanguageModel, draft: LanguageModel;
  const N = 16;
  const prompts = ['Call me Ishmael.', 'The whale'];
  /** Greedy tokens by running the whole context for each one: no cache, no stream. */
  const reference = new Map<string, number[]>();
  beforeAll(async () => {
    await tf.setBackend('wasm');
    target = await loadCommitted('target-v1');
    draft = await loadCommitted('draft-v1');
    for (const p of prompts) {
      const ids = target.tokenizer.encode(p);
      const out: number[] = [];
      for (let i = 0; i < N; i++) {
        const rows = target.forward([[...ids, ...out]]).logits[0];
        out.push(argmax(rows[rows.length - 1]));
      }
      reference.set(p, out);
    }
  }, 120_000);
  afterAll(() => {
    target.dispose();
    draft.dispose();
  });

  const drained = (s: TokenStream) => drainTokens(s, { maxNewTokens: N }).map((t) => t.id);

  it('Decoder and generate()', () => {
    for (const p of prompts) {
      expect(drained(new Decoder(target, p, { temperature: 0 })), p).toEqual(reference.get(p));
      expect(generate(target, p, { temperature: 0, maxNewTokens: N }).ids, p).toEqual(reference.get(p));
    }
  });

  it('SpeculativeDecoder and speculativeGenerate(), whose steps are the records of its tokens', () => {
    for (const p of prompts) {
      const spec = () => new SpeculativeDecoder(target, new LeanRunner(draft), p, { tree: '2,2,1', temperature: 0 });
      expect(drained(spec()), p).toEqual(reference.get(p));
      const r = speculativeGenerate(target, new LeanRunner(draft), p, {
        tree: '2,2,1',
        temperature: 0,
        maxNewTokens: N,
      });
      expect(r.ids, p).toEqual(reference.get(p));
      expect(r.steps.flatMap((s) => s.emitted).slice(0, N)).toEqual(r.ids);
      expect(r.steps.flatMap((s) => s.emitted).length - N).toBeLessThan(r.steps.at(-1)!.emitted.length);
      expect(r.targetPasses).toBe(r.steps.length);
    }
  });

  it('FlashDecoder and flashGenerate(), which stop when the context is full', () => {
    const w = ffnWeightsOf(target);
    const policy = policyLadder('exact', 1)[0].policy;
    const store = FlashFfnStore.open(new MemoryStorage(), w, policy.layout);
    for (const p of prompts) {
      const dec = new FlashDecoder(target, new FlashFfn(store, w, policy), p);
      const tokens = drainTokens(dec, { maxNewTokens: N });
      expect(
        tokens.map((t) => t.id),
        p,
      ).toEqual(reference.get(p));
      expect(tokens.every((t) => t.record.selected > 0 && t.alternatives[0].id === t.id)).toBe(true);
      const g = flashGenerate(target, new FlashFfn(store, w, policy), p, { maxNewTokens: N });
      expect(g.ids, p).toEqual(reference.get(p));
      expect(g.steps).toHaveLength(N);
    }
    const long = target.tokenizer.encode('Call me Ishmael. '.repeat(40)).slice(0, target.config.blockSize - 5);
    const g = flashGenerate(target, new FlashFfn(store, w, policy), long, { maxNewTokens: N });
    expect(g.ids).toHaveLength(5);
  });
});
