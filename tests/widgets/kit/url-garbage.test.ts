// A URL can set a widget's state, but garbage never breaks it: bad values are clamped or ignored, and each change is
// explained in a note (site/widgets/_kit/params.ts readUrl; the cases that came with the first URL reader).
import { describe, expect, it } from 'vitest';
import { MAX_RAW_LENGTH, defaultsOf, defineWidget, parseParam, readUrl } from '../../../site/widgets/_kit/params.ts';

const schema = defineWidget({
  name: 'Garbage',
  tag: 'garbage-test',
  urlKey: 'vecmat',
  params: {
    x: { kind: 'list', length: 3, min: -9, max: 9, default: [2, 0, 1], label: 'x' },
    seed: { kind: 'int', min: 0, max: 9999, default: 1, label: 'seed' },
    view: { kind: 'choice', values: ['elements', 'rows', 'columns'], default: 'rows', label: 'view' },
    skip: { kind: 'list', min: 0, max: 5, integer: true, maxLength: 6, unique: true, default: [], label: 'skip' },
    play: { kind: 'bool', default: false, label: 'play' },
    rate: { kind: 'number', min: 0, max: 1, default: 0.5, label: 'rate' },
  },
});
const spec = schema.params;
const defaults = defaultsOf(schema);
type V = typeof defaults;
const parse = (q: string) => readUrl(schema, 'vecmat', defaults, q);

describe('readUrl on garbage: clamps or ignores, always with a note, never throws', () => {
  const cases: [string, Partial<V>, RegExp][] = [
    [
      '?vecmat.x=%3Cscript%3Ealert(1)%3C/script%3E',
      { x: [2, 0, 1] },
      /Ignored vecmat.x=.*expected 3 comma-separated numbers/,
    ],
    ['?vecmat.x=<script>', { x: [2, 0, 1] }, /Ignored vecmat.x/],
    ['?vecmat.seed=%%%', { seed: 1 }, /Ignored vecmat.seed=.*expected a whole number from 0 to 9999/],
    ['?vecmat.seed=NaN', { seed: 1 }, /Ignored vecmat.seed="NaN"/],
    ['?vecmat.seed=Infinity', { seed: 1 }, /Ignored vecmat.seed/],
    ['?vecmat.seed=1e999', { seed: 9999 }, /above the maximum, so 9999 is used/],
    ['?vecmat.seed=99999999999999999999', { seed: 9999 }, /above the maximum/],
    ['?vecmat.seed=-5', { seed: 0 }, /below the minimum, so 0 is used/],
    ['?vecmat.seed=2.6', { seed: 3 }, /rounded to 3/],
    ['?vecmat.seed=', { seed: 1 }, /Ignored vecmat.seed=""/],
    ['?vecmat.seed=0x10', { seed: 1 }, /Ignored/],
    ['?vecmat.seed=1,2', { seed: 1 }, /Ignored/],
    ['?vecmat.x=', { x: [2, 0, 1] }, /found 0/],
    ['?vecmat.x=1,2', { x: [2, 0, 1] }, /found 2/],
    ['?vecmat.x=1,2,3,4', { x: [2, 0, 1] }, /found 4/],
    ['?vecmat.x=1,,2,3', { x: [1, 2, 3] }, /empty entries were dropped/],
    ['?vecmat.x=1,2,3,', { x: [1, 2, 3] }, /empty entries were dropped/],
    ['?vecmat.x=,,,', { x: [2, 0, 1] }, /found 0/],
    ['?vecmat.x=100,-100,4', { x: [9, -9, 4] }, /entries were clamped to the range -9 to 9/],
    ['?vecmat.x=1,NaN,2', { x: [2, 0, 1] }, /Ignored/],
    ['?vecmat.view=diagonal', { view: 'rows' }, /expected one of elements, rows, columns/],
    ['?vecmat.view=', { view: 'rows' }, /Ignored vecmat.view/],
    ['?vecmat.play=maybe', { play: false }, /expected true or false/],
    ['?vecmat.skip=9,1,1', { skip: [1, 5] }, /repeats were dropped/],
    ['?vecmat.skip=0,1,2,3,4,5,0,1', { skip: [0, 1, 2, 3, 4, 5] }, /only the first 6/],
    ['?vecmat.skip=1.5', { skip: [2] }, /rounded or clamped/],
    ['?vecmat.rate=2', { rate: 1 }, /above the maximum/],
    ['?vecmat.bogus=1', {}, /Ignored unknown setting "vecmat.bogus"/],
    ['?vecmat.seed=3&vecmat.seed=4', { seed: 4 }, /appears 2 times; the last one is used/],
  ];
  for (const [q, expected, note] of cases) {
    it(`${q}`, () => {
      const r = parse(q);
      expect(r.values).toEqual({ ...defaults, ...expected });
      expect(r.notes.join(' ')).toMatch(note);
    });
  }

  it('a 10k-character value is ignored without being echoed', () => {
    const long = '1,'.repeat(5000);
    const r = parse(`?vecmat.x=${long}&vecmat.seed=${'9'.repeat(10_000)}`);
    expect(r.values).toEqual(defaults);
    expect(r.notes).toHaveLength(2);
    for (const n of r.notes) expect(n.length).toBeLessThan(120);
    expect(r.notes[0]).toMatch(/characters long/);
  });
  it('notes quote at most 24 characters of the raw value and strip control characters', () => {
    const r = parse(`?vecmat.view=${encodeURIComponent('\u0000\u0007' + 'x'.repeat(500))}`);
    expect(r.notes[0]).toContain(`"${'x'.repeat(24)}…"`);
    expect(r.notes[0]).not.toMatch(/[\u0000-\u001f]/);
  });
  it('never throws on random byte soup (seeded fuzz)', () => {
    let s = 12345;
    const next = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const alphabet = 'vecmat.xseedviewhide=&,%;?<>"\'#-+e.0123456789 \u00e9\ud83d\ude00';
    for (let t = 0; t < 500; t++) {
      const q = Array.from(
        { length: Math.floor(next() * 80) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join('');
      const r = parse(q);
      expect(Array.isArray(r.values.x) && r.values.x.length === 3).toBe(true);
      for (const v of r.values.x) expect(v >= -9 && v <= 9).toBe(true);
      expect(r.values.seed >= 0 && r.values.seed <= 9999 && Number.isInteger(r.values.seed)).toBe(true);
      expect(spec.view.values).toContain(r.values.view);
    }
  });
  it('MAX_RAW_LENGTH guards parseParam', () => {
    expect(parseParam('a.b', spec.seed, '1'.repeat(MAX_RAW_LENGTH + 1))).toMatchObject({ ok: false });
  });
});
