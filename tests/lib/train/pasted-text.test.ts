// splitPastedText: the reader's text for the LoRA trainer, refused when short, cut when long, its end held out.
import { describe, expect, test } from 'vitest';
import { mulberry32 } from '../../../lib/random.ts';
import { PASTED_TEXT, splitPastedText } from '../../../lib/train/pasted-text.ts';

describe('splitPastedText', () => {
  test('the two parts are the trimmed text in order, the held-out one its last heldOutShare (to a character)', () => {
    const rand = mulberry32(5);
    for (let i = 0; i < 20; i++) {
      const n = PASTED_TEXT.minChars + Math.floor(rand() * 20_000);
      const text = Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
      const s = splitPastedText(`  \n${text}\t `);
      expect(s.train + s.validation).toBe(text);
      expect(s.notes).toEqual([]);
      expect(Math.abs(s.validation.length - n * PASTED_TEXT.heldOutShare)).toBeLessThan(1);
    }
  });

  test('too short is refused with a message naming both counts; too long is cut with a note', () => {
    const short = 'x'.repeat(PASTED_TEXT.minChars - 1);
    expect(() => splitPastedText(short)).toThrow(
      `Paste at least ${PASTED_TEXT.minChars.toLocaleString('en-US')} characters of text (you pasted ${(PASTED_TEXT.minChars - 1).toLocaleString('en-US')})`,
    );
    const long = splitPastedText('y'.repeat(PASTED_TEXT.maxChars + 7));
    expect(long.train.length + long.validation.length).toBe(PASTED_TEXT.maxChars);
    expect(long.notes).toHaveLength(1);
    expect(long.notes[0]).toContain(`the first ${PASTED_TEXT.maxChars.toLocaleString('en-US')} are used`);
  });
});
