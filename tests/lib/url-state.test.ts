// lib/url-state.ts: a URL can set a widget's state, but garbage never breaks it: bad values are clamped or
// ignored, and each change is explained in a note.
import { describe, expect, it } from 'vitest';
import { MAX_RAW_LENGTH, parseParam, parseState, strictParam, writeState, type StateSpec, type StateValues } from '../../lib/url-state.ts';

const spec = {
  x: { kind: 'list', length: 3, min: -9, max: 9 },
  seed: { kind: 'number', min: 0, max: 9999, integer: true },
  view: { kind: 'enum', values: ['elements', 'rows', 'columns'] },
  skip: { kind: 'list', min: 0, max: 5, integer: true, maxLength: 6, unique: true },
  play: { kind: 'bool' },
  rate: { kind: 'number', min: 0, max: 1 },
} as const satisfies StateSpec;
type V = StateValues<typeof spec>;
const defaults: V = { x: [2, 0, 1], seed: 1, view: 'rows', skip: [], play: false, rate: 0.5 };
const parse = (q: string) => parseState('vecmat', spec, defaults, q, { extraControls: ['randomize'] });

describe('parseState on good URLs', () => {
  it('reads every kind of parameter and reports no notes', () => {
    const r = parse('?vecmat.x=1,0,3&vecmat.seed=5&vecmat.view=columns&vecmat.skip=4,1&vecmat.play=yes&vecmat.rate=0.25');
    expect(r.values).toEqual({ x: [1, 0, 3], seed: 5, view: 'columns', skip: [1, 4], play: true, rate: 0.25 });
    expect(r.notes).toEqual([]);
    expect([...r.fromUrl].sort()).toEqual(['play', 'rate', 'seed', 'skip', 'view', 'x']);
  });
  it('keeps the defaults for anything the URL does not name, and ignores other prefixes silently', () => {
    const r = parse('?vecscale.n=64&other=1&vecmatx.seed=3');
    expect(r.values).toEqual(defaults);
    expect(r.notes).toEqual([]);
    expect(r.fromUrl.size).toBe(0);
  });
  it('accepts spaces, signs, decimals, exponents and mixed case', () => {
    const r = parse('?vecmat.x=%20-1.5,+2,.5&vecmat.seed=1e2&vecmat.view=ROWS');
    expect(r.values.x).toEqual([-1.5, 2, 0.5]);
    expect(r.values.seed).toBe(100);
    expect(r.values.view).toBe('rows');
    expect(r.notes).toEqual([]);
  });
  it('does not mutate the defaults object', () => {
    parse('?vecmat.x=1,1,1');
    expect(defaults.x).toEqual([2, 0, 1]);
  });
});

describe('parseState on garbage: clamps or ignores, always with a note, never throws', () => {
  const cases: [string, Partial<V>, RegExp][] = [
    ['?vecmat.x=%3Cscript%3Ealert(1)%3C/script%3E', { x: [2, 0, 1] }, /Ignored vecmat.x=.*expected 3 comma-separated numbers/],
    ['?vecmat.x=<script>', { x: [2, 0, 1] }, /Ignored vecmat.x/],
    ['?vecmat.seed=%%%', { seed: 1 }, /Ignored vecmat.seed=.*expected a number from 0 to 9999/],
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
    const next = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const alphabet = 'vecmat.xseedviewhide=&,%;?<>"\'#-+e.0123456789 \u00e9\ud83d\ude00';
    for (let t = 0; t < 500; t++) {
      const q = Array.from({ length: Math.floor(next() * 80) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
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

describe('?hide=', () => {
  it('hides named controls of this prefix only', () => {
    const r = parse('?hide=vecmat.view,vecmat.seed,vecscale.n,vecmat.randomize');
    expect([...r.hidden].sort()).toEqual(['randomize', 'seed', 'view']);
    expect(r.notes).toEqual([]);
  });
  it('explains unknown control names and survives junk', () => {
    const r = parse('?hide=vecmat.nope,,%3Cb%3E&hide=vecmat.x');
    expect([...r.hidden]).toEqual(['x']);
    expect(r.notes.join(' ')).toMatch(/Cannot hide "vecmat.nope": no such control/);
  });
});

describe('writeState', () => {
  it('writes only values that differ from the defaults, with readable commas', () => {
    const q = writeState('vecmat', spec, { ...defaults, x: [1, 0, 3], view: 'columns' }, defaults, '');
    expect(q).toBe('?vecmat.x=1,0,3&vecmat.view=columns');
    expect(writeState('vecmat', spec, defaults, defaults, '')).toBe('');
  });
  it('keeps other parameters and replaces its own', () => {
    const q = writeState('vecmat', spec, { ...defaults, seed: 7 }, defaults, '?hide=vecmat.view&vecmat.seed=3&vecscale.n=64');
    expect(q).toBe('?hide=vecmat.view&vecscale.n=64&vecmat.seed=7');
  });
  it('round-trips through parseState', () => {
    const v: V = { x: [-1.5, 0, 9], seed: 42, view: 'elements', skip: [0, 5], play: true, rate: 0.125 };
    const r = parse(writeState('vecmat', spec, v, defaults, '?a=b'));
    expect(r.values).toEqual(v);
    expect(r.notes).toEqual([]);
  });
  it('normalizes -0 to 0', () => {
    expect(writeState('vecmat', spec, { ...defaults, x: [-0, 1, 1] }, defaults, '')).toBe('?vecmat.x=0,1,1');
  });
});

describe('strictParam (build-time props)', () => {
  it('returns exact values and throws a message naming the widget, prop, allowed values and the value received', () => {
    expect(strictParam('VecMatViews', 'x', spec.x, '2,0,1')).toEqual([2, 0, 1]);
    expect(strictParam('VecMatViews', 'seed', spec.seed, 7)).toBe(7);
    expect(strictParam('VecMatViews', 'x', spec.x, [1, 2, 3])).toEqual([1, 2, 3]);
    expect(() => strictParam('VecMatViews', 'x', spec.x, '2,a')).toThrow(
      'VecMatViews: prop "x" must be 3 comma-separated numbers in [-9, 9]; received "2,a"',
    );
    expect(() => strictParam('VecMatViews', 'x', spec.x, '2,0,10')).toThrow(/received "2,0,10"/);
    expect(() => strictParam('VecMatViews', 'seed', spec.seed, 1.5)).toThrow('must be an integer in [0, 9999]');
    expect(() => strictParam('VecMatViews', 'view', spec.view, 'diag')).toThrow(
      'prop "view" must be one of "elements", "rows", "columns"; received "diag"',
    );
    expect(() => strictParam('W', 'skip', spec.skip, '1,1')).toThrow('up to 6 comma-separated integers in [0, 5], without repeats');
    expect(() => strictParam('W', 'seed', spec.seed, { a: 1 })).toThrow(/received/);
  });
});
