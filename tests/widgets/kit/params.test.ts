// The kit's parameter declarations: one schema checks a shell's props strictly at build time and reads the URL
// forgivingly in the browser (clamp or ignore, with a note), including old names, and writes back current names.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../lib/random.ts';
import { checkProps, defaultsOf, defineWidget, readUrl, writeUrl } from '../../../site/widgets/_kit/params.ts';

const schema = defineWidget({
  name: 'Demo',
  tag: 'demo-widget',
  urlKey: 'demo',
  params: {
    x: { kind: 'list', length: 3, min: -9, max: 9, default: [2, 0, 1], label: 'x' },
    seed: { kind: 'int', min: 0, max: 9999, default: 1, label: 'Seed' },
    view: { kind: 'choice', values: ['elements', 'rows', 'columns'], default: 'rows', label: 'View' },
    temperature: { kind: 'number', min: 0, max: 2, default: 0.8, label: 'Temperature', aliases: ['temp'] },
    memory: {
      kind: 'number',
      min: 0,
      max: 1,
      default: 0.5,
      label: 'Memory',
      aliases: [{ name: 'budget', scale: 0.01 }],
    },
    play: { kind: 'bool', default: false, label: 'Play' },
    prompt: { kind: 'text', maxLength: 20, default: 'Call me Ishmael.', label: 'Prompt' },
    step: { kind: 'int', min: 0, max: 9, label: 'Step' },
  },
  controls: ['chart'],
});
const defaults = defaultsOf(schema);

describe('checkProps (build time)', () => {
  it('returns defaults, then exact props, with the key and ids', () => {
    const c = checkProps(schema, { seed: '7', view: 'columns', x: [1, 2, 3], play: true, urlKey: 'demo2' });
    expect(c.values).toEqual({ ...defaults, seed: 7, view: 'columns', x: [1, 2, 3], play: true });
    expect(c.key).toBe('demo2');
    expect(c.id('seed')).toBe('demo2-seed');
    expect(checkProps(schema, {}).values.step).toBeUndefined();
  });
  it('fails with the widget, the prop, what is allowed and what was received', () => {
    expect(() => checkProps(schema, { seed: 2.5 })).toThrow(
      'Demo: prop "seed" must be an integer in [0, 9999]; received "2.5"',
    );
    expect(() => checkProps(schema, { view: 'diagonal' })).toThrow(
      'Demo: prop "view" must be one of "elements", "rows", "columns"; received "diagonal"',
    );
    expect(() => checkProps(schema, { temperature: 3 })).toThrow(
      /prop "temperature" must be a number in \[0, 2\]; received "3"/,
    );
    expect(() => checkProps(schema, { prompt: 'x'.repeat(21) })).toThrow(
      /prop "prompt" must be text of 1 to 20 characters/,
    );
    expect(() => checkProps(schema, { prompt: '   ' })).toThrow(/prop "prompt"/);
    expect(() => checkProps(schema, { x: '1,2' })).toThrow(/prop "x" must be 3 comma-separated numbers/);
    expect(() => checkProps(schema, { sed: 1 })).toThrow(
      'Demo: unknown prop "sed"; known: x, seed, view, temperature, memory, play, prompt, step, urlKey',
    );
    expect(() => checkProps(schema, { urlKey: 'Bad Key' })).toThrow(/Demo: prop "urlKey"/);
    expect(checkProps(schema, { title: 'ok' }, { extra: ['title'] }).key).toBe('demo');
  });
  it('a declaration with a default outside its own range fails at once', () => {
    expect(() =>
      defineWidget({
        name: 'Bad',
        tag: 'bad-widget',
        urlKey: 'bad',
        params: { n: { kind: 'int', min: 1, max: 4, default: 5, label: 'n' } },
      }),
    ).toThrow(/Bad: default of "n"/);
    expect(() => defineWidget({ name: 'Bad', tag: 'bad', urlKey: 'bad', params: {} })).toThrow(/custom element name/);
  });
});

describe('readUrl (browser)', () => {
  it('reads every kind, with no notes for a clean URL', () => {
    const r = readUrl(
      schema,
      'demo',
      defaults,
      '?demo.x=1,0,3&demo.seed=5&demo.view=COLUMNS&demo.play=yes&demo.prompt=Hello%20there&demo.step=2',
    );
    expect(r.values).toEqual({
      ...defaults,
      x: [1, 0, 3],
      seed: 5,
      view: 'columns',
      play: true,
      prompt: 'Hello there',
      step: 2,
    });
    expect(r.notes).toEqual([]);
  });
  it('clamps, rounds or ignores bad values, each with a note', () => {
    const r = readUrl(
      schema,
      'demo',
      defaults,
      '?demo.seed=2.6&demo.temperature=9&demo.view=zig&demo.x=1,2&demo.nope=1&demo.prompt=' + 'a'.repeat(30),
    );
    expect(r.values).toMatchObject({ seed: 3, temperature: 2, view: 'rows', x: [2, 0, 1], prompt: 'a'.repeat(20) });
    expect(r.notes.join('\n')).toMatch(/rounded to 3/);
    expect(r.notes.join('\n')).toMatch(/above the maximum, so 2 is used/);
    expect(r.notes.join('\n')).toMatch(/Ignored demo.view="zig"/);
    expect(r.notes.join('\n')).toMatch(/found 2/);
    expect(r.notes.join('\n')).toMatch(/unknown setting "demo.nope"/);
    expect(r.notes.join('\n')).toMatch(/the first 20 are used/);
  });
  it('reads an old name (alias); the current name wins when both are given', () => {
    expect(readUrl(schema, 'demo', defaults, '?demo.temp=1.5').values.temperature).toBe(1.5);
    expect(readUrl(schema, 'demo', defaults, '?demo.temperature=0.2&demo.temp=1.5').values.temperature).toBe(0.2);
    expect(readUrl(schema, 'demo', defaults, '?demo.temp=1.5&demo.temperature=0.2').values.temperature).toBe(0.2);
  });
  it('reads an old name in its old unit (percent → share), clamping and explaining as usual', () => {
    expect(readUrl(schema, 'demo', defaults, '?demo.budget=60').values.memory).toBe(0.6);
    const r = readUrl(schema, 'demo', defaults, '?demo.budget=250');
    expect(r.values.memory).toBe(1);
    expect(r.notes.join('\n')).toMatch(/demo.budget=.*above the maximum/);
    expect(readUrl(schema, 'demo', defaults, '?demo.budget=lots').notes.join('\n')).toMatch(
      /Ignored demo.budget="lots"/,
    );
  });
  it('hides parameters and controls of its own key only, explaining unknown names', () => {
    const r = readUrl(schema, 'demo', defaults, '?hide=demo.seed,demo.chart,other.x,demo.zzz');
    expect([...r.hidden].sort()).toEqual(['chart', 'seed']);
    expect(r.notes.join('\n')).toMatch(/Cannot hide "demo.zzz"/);
  });
  it('never throws on random byte soup (seeded)', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 300; i++) {
      const s = Array.from({ length: Math.floor(rand() * 60) }, () =>
        String.fromCharCode(Math.floor(rand() * 128)),
      ).join('');
      const r = readUrl(
        schema,
        'demo',
        defaults,
        `?demo.seed=${encodeURIComponent(s)}&demo.x=${s}&hide=${s}&demo.prompt=${encodeURIComponent(s)}`,
      );
      expect(r.values.seed).toBeGreaterThanOrEqual(0);
      expect(r.values.seed).toBeLessThanOrEqual(9999);
      expect(Number.isInteger(r.values.seed)).toBe(true);
    }
  });
});

describe('writeUrl', () => {
  it('writes current names only, leaves defaults out and keeps other parameters', () => {
    const q = writeUrl(
      schema,
      'demo',
      { ...defaults, temperature: 1.2, x: [1, 2, 3] },
      defaults,
      '?a=1&demo.temp=1.5&hide=demo.seed&other.x=2',
    );
    expect(q).toBe('?a=1&hide=demo.seed&other.x=2&demo.x=1,2,3&demo.temperature=1.2');
  });
  it('leaves out text a link could not carry (too long or blank)', () => {
    expect(writeUrl(schema, 'demo', { ...defaults, prompt: 'x'.repeat(21) }, defaults, '')).toBe('');
    expect(writeUrl(schema, 'demo', { ...defaults, prompt: '  ' }, defaults, '')).toBe('');
    expect(writeUrl(schema, 'demo', { ...defaults, prompt: 'hello' }, defaults, '')).toBe('?demo.prompt=hello');
  });
  it('round-trips through readUrl for random values', () => {
    const rand = mulberry32(3);
    for (let i = 0; i < 100; i++) {
      const v = {
        ...defaults,
        seed: Math.floor(rand() * 10000),
        temperature: Math.round(rand() * 200) / 100,
        play: rand() < 0.5,
        prompt: `p${Math.floor(rand() * 1000)} & ?=#+%`,
        x: [1, -2, Math.round(rand() * 18 - 9)],
      };
      expect(readUrl(schema, 'demo', defaults, writeUrl(schema, 'demo', v, defaults, '')).values).toEqual(v);
    }
  });
});

describe('readUrl in the Chinese edition', () => {
  // Every kind of note, in both editions: the same values come out, and the Chinese notes are Chinese words around
  // the same names, raw values and numbers.
  const search =
    '?demo.seed=99999&demo.view=diagonal&demo.play=maybe&demo.x=1,2&demo.temperature=abc&demo.prompt=%20&demo.nope=1&hide=demo.zzz&demo.seed=3.6';
  const en = readUrl(schema, 'demo', defaults, search, 'en');
  const zh = readUrl(schema, 'demo', defaults, search, 'zh');
  it('reads the same values and gives one note per problem in each edition', () => {
    expect(zh.values).toEqual(en.values);
    expect(zh.notes).toHaveLength(en.notes.length);
    expect(en.notes.length).toBeGreaterThanOrEqual(8);
  });
  it('writes the notes in Chinese, keeping names and numbers', () => {
    for (const [i, note] of zh.notes.entries()) {
      expect(note).toMatch(/[\u4e00-\u9fff]/);
      expect(note).not.toMatch(/\b(Ignored|expected|the value|appears)\b/);
      const names = en.notes[i].match(/demo\.[a-z]+/g) ?? [];
      for (const n of names) expect(note).toContain(n);
      expect(note.match(/\d+/g)?.sort()).toEqual(en.notes[i].match(/\d+/g)?.sort());
    }
  });
});
