// The checks behind <Problem>, as plain functions (no DOM): reading a typed number, comparing it with an answer
// within a stated tolerance, and comparing a widget's setting with the expected one. Used in the browser by
// exercises.ts, and tested in Node (the sentences about them are in text.ts).

/**
 * A number as a reader types it: "1,048,576", "1 048 576", "2.5e6", "−0.3" (a typographic minus). Returns NaN for
 * anything else (an empty box, "12 MiB", "1/3"), so a unit typed in the box is never silently dropped.
 */
export function readNumber(text: string): number {
  const plain = text
    .trim()
    .replace(/[\u2212\u2012\u2013]/g, '-')
    .replace(/(\d)[,_\s\u00a0\u202f](?=\d{3}(\D|$))/g, '$1');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain) ? Number(plain) : Number.NaN;
}

export type Verdict = 'right' | 'high' | 'low' | 'wrong' | 'unreadable';

/** Is `value` within `tolerance` (a share of the answer, 0 = exact) of `answer`? And if not, on which side. */
export function compareNumber(value: number, answer: number, tolerance: number): Verdict {
  if (!Number.isFinite(value)) return 'unreadable';
  const slack = tolerance * Math.abs(answer);
  // The epsilon lets an exact integer answer survive its trip through decimal text.
  if (Math.abs(value - answer) <= slack + 1e-12 * Math.max(1, Math.abs(answer))) return 'right';
  return value > answer ? 'high' : 'low';
}

/** A widget setting in a comparable form: "⟨2, 2, 1⟩", "<2,2,1>" and "2,2,1" are one tree shape. */
export const normalizeSetting = (v: unknown) =>
  String(v)
    .toLowerCase()
    .replace(/[\s⟨⟩<>]/g, '');

/** What an experiment accepts: a number (within a tolerance), a setting, or any of several settings. */
export type Setting = number | string | readonly string[];

/** Does a widget's current setting match the expected one (numbers within the tolerance, text after normalizing)? */
export function compareSetting(value: unknown, answer: Setting, tolerance: number): Verdict {
  if (typeof answer === 'number')
    return compareNumber(typeof value === 'number' ? value : readNumber(String(value)), answer, tolerance);
  const accepted = (typeof answer === 'string' ? [answer] : answer).map(normalizeSetting);
  return accepted.includes(normalizeSetting(value)) ? 'right' : 'wrong';
}
