import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Tokenizer, learnBPE } from '../../lib/tokenizer.ts';
import { mulberry32, randInt } from '../../lib/random.ts';
import { MODELS_DIR } from './node-model.ts';

const shipped = new Tokenizer(JSON.parse(readFileSync(MODELS_DIR + 'target-v1/tokenizer.json', 'utf8')));

// Random valid Unicode: ASCII, Latin-1, CJK, emoji (astral plane) and whitespace, never lone surrogates.
function randomText(rng: () => number, n: number): string {
  const ranges = [
    [0x20, 0x7e],
    [0xa0, 0xff],
    [0x4e00, 0x9fff],
    [0x1f300, 0x1f6ff],
    [0x09, 0x0a],
  ];
  let s = '';
  for (let i = 0; i < n; i++) {
    const [lo, hi] = ranges[randInt(rng, 0, ranges.length - 1)];
    s += String.fromCodePoint(randInt(rng, lo, hi));
  }
  return s;
}

describe('Tokenizer', () => {
  it('round-trips random Unicode strings, emoji, Chinese and the empty string', () => {
    const rng = mulberry32(3);
    for (let i = 0; i < 200; i++) {
      const s = randomText(rng, randInt(rng, 0, 60));
      expect(shipped.decode(shipped.encode(s))).toBe(s);
    }
    for (const s of ['', '🐋 whale 鲸鱼', 'Call me Ishmael.', '\n\n  \t', 'naïve café — “quoted”'])
      expect(shipped.decode(shipped.encode(s))).toBe(s);
    expect(shipped.encode('')).toEqual([]);
  });

  it('compresses English: the shipped merges make tokens longer than one byte on average', () => {
    const text = 'Call me Ishmael. Some years ago, never mind how long precisely, I thought I would sail about.';
    expect(new TextEncoder().encode(text).length / shipped.encode(text).length).toBeGreaterThan(1.8);
  });

  it('the target and draft models share one tokenizer', () => {
    expect(readFileSync(MODELS_DIR + 'draft-v1/tokenizer.json', 'utf8')).toBe(
      readFileSync(MODELS_DIR + 'target-v1/tokenizer.json', 'utf8'),
    );
  });

  it('learnBPE is deterministic and learns the most frequent pair first', () => {
    const a = learnBPE('aaab aaab aaab xy', 260),
      b = learnBPE('aaab aaab aaab xy', 260);
    expect(a.merges).toEqual(b.merges);
    expect(a.tokenText(256)).toBe('aa');
    expect(a.decode(a.encode('aaab xy'))).toBe('aaab xy');
  });

  it('rejects malformed tokenizer JSON and unknown ids', () => {
    expect(() => new Tokenizer({ type: 'bpe', merges: [] } as never)).toThrow(/byte-bpe/);
    expect(() => new Tokenizer({ type: 'byte-bpe', merges: [[1, 999]] })).toThrow(/merge 0 refers to an unknown token/);
    expect(() => shipped.decode([shipped.vocabSize])).toThrow(/outside the vocabulary/);
  });
});
