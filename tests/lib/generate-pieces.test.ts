// Generated tokens of a non-ASCII text (the /model/ playground's chips and its "Text:" line): each token's text
// continues the bytes before it, the prompt's included, so no generated chip shows U+FFFD (issue 23). A scripted
// runner makes the real model's tokenizer "generate" a chosen text, so the test does not depend on what it learned.
import { describe, expect, it } from 'vitest';
import { Decoder, type DecodeRunner } from '../../lib/generate.ts';
import { mulberry32, randInt } from '../../lib/random.ts';
import { loadCommitted } from './node-model.ts';

const ALPHABET = ['a', 'é', 'ß', '日', '本', '語', '€', '😀', ' ', 'w', '\n', 'ñ', 'Ω'];

/** A runner whose logits always put the next scripted token first, so greedy decoding emits `script`. */
function scripted(script: number[], vocab: number): DecodeRunner {
  let step = 0;
  let length = 0;
  return {
    get length() {
      return length;
    },
    reset() {
      length = 0;
    },
    run(tokens) {
      length += tokens.length;
      const row = new Float32Array(vocab);
      row[script[step++]] = 30;
      return tokens.map(() => row);
    },
  };
}

describe('Decoder: generated token text', async () => {
  const model = await loadCommitted('target-v1');
  const tok = model.tokenizer;

  function run(prompt: number[], script: number[]) {
    const decoder = new Decoder(model, prompt, {
      runner: scripted(script, model.config.vocabSize),
      temperature: 0,
    });
    return script.map(() => decoder.next());
  }

  it('"Café 日本 😀" generated after "The ": no U+FFFD, whole pieces join to the text', () => {
    const prompt = tok.encode('The ');
    const script = tok.encode('Café 日本 😀');
    // The per-token text the chips used to show does contain replacement characters for this script.
    expect(script.map((id) => tok.tokenText(id)).join('')).toContain('\uFFFD');
    const tokens = run(prompt, script);
    expect(tokens.map((t) => t.id)).toEqual(script);
    for (const t of tokens) expect(t.text).not.toContain('\uFFFD');
    expect(
      tokens
        .filter((t) => !t.partial)
        .map((t) => t.text)
        .join(''),
    ).toBe('Café 日本 😀');
  });

  it('on 100 random texts split at a random token (prompt may end mid-character): prompt + generated = the text', () => {
    const rng = mulberry32(2323);
    let midCharacter = 0;
    for (let n = 0; n < 100; n++) {
      const text = Array.from(
        { length: randInt(rng, 2, 16) },
        () => ALPHABET[randInt(rng, 0, ALPHABET.length - 1)],
      ).join('');
      const ids = tok.encode(text);
      if (ids.length < 2) continue;
      const split = randInt(rng, 1, ids.length - 1);
      const prompt = ids.slice(0, split);
      const promptPieces = tok.pieces(prompt);
      if (promptPieces[split - 1].partial) midCharacter++;
      const tokens = run(prompt, ids.slice(split));
      const whole = (ps: { text: string; partial?: boolean }[]) =>
        ps
          .filter((p) => !p.partial)
          .map((p) => p.text)
          .join('');
      expect(whole(promptPieces) + whole(tokens)).toBe(text);
      for (const t of tokens) {
        expect(t.text).not.toContain('\uFFFD');
        if (t.partial) expect(t.text).toMatch(/^‹[0-9a-f]{2}( [0-9a-f]{2})*›$/);
      }
    }
    // The case the prompt priming is for did occur.
    expect(midCharacter).toBeGreaterThan(0);
  });
});
