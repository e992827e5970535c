// Tokens of a non-ASCII text shown one by one (the /model/ playground's prompt chips): no U+FFFD, a character split
// over tokens shows on the token completing it, and the whole pieces join to the decoded text (issue 23).
import { describe, expect, it } from 'vitest';
import { mulberry32, randInt } from '../../lib/random.ts';
import { loadCommitted } from './node-model.ts';

const ALPHABET = ['a', 'é', 'ß', 'ø', '日', '本', '語', '€', '😀', ' ', 'w', 'h', 'e', '\n', 'ñ', 'Ω'];

describe('Tokenizer.pieces', async () => {
  const model = await loadCommitted('target-v1');
  const tok = model.tokenizer;

  it('a fixed example: "Café 日本" has no U+FFFD and keeps its characters', () => {
    const ids = tok.encode('Café 日本');
    const pieces = tok.pieces(ids);
    expect(pieces.map((p) => p.text).join('')).not.toContain('\uFFFD');
    expect(
      pieces
        .filter((p) => !p.partial)
        .map((p) => p.text)
        .join(''),
    ).toBe('Café 日本');
    // The per-token text this replaces did show replacement characters.
    expect(ids.map((id) => tok.tokenText(id)).join('')).toContain('\uFFFD');
  });

  it('on 200 random mixed strings: whole pieces join to decode(ids); partial ones are hex bytes', () => {
    const rng = mulberry32(23);
    for (let n = 0; n < 200; n++) {
      const text = Array.from(
        { length: randInt(rng, 1, 20) },
        () => ALPHABET[randInt(rng, 0, ALPHABET.length - 1)],
      ).join('');
      const ids = tok.encode(text);
      const pieces = tok.pieces(ids);
      expect(pieces).toHaveLength(ids.length);
      expect(
        pieces
          .filter((p) => !p.partial)
          .map((p) => p.text)
          .join(''),
      ).toBe(text);
      for (const p of pieces) {
        expect(p.text).not.toContain('\uFFFD');
        if (p.partial) expect(p.text).toMatch(/^‹[0-9a-f]{2}( [0-9a-f]{2})*›$/);
      }
    }
  });
});
