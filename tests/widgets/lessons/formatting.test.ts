// Lessons place facts; they do not compute or format numbers themselves. Every number a lesson shows comes from its
// facts module (lessons/facts/) and is printed through the kit's formatters (site/widgets/_kit/format.ts, <Stat>),
// so one quantity reads the same in the prose, a table and a widget.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const OWN_FORMATTING = /\.(toFixed|toLocaleString|toPrecision)\(|\bIntl\./;
const mdxIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.mdx'))
        .map((f) => join(dir, f))
    : [];
// Both editions: the Chinese lessons place the same facts through the same formatters.
const lessons = [...mdxIn('lessons'), ...mdxIn(join('lessons', 'zh'))];
const facts = readdirSync(join('lessons', 'facts'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join('lessons', 'facts', f));

const offending = (files: string[], bad: (line: string) => boolean) =>
  files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
      .filter(({ line }) => bad(line))
      .map(({ at, line }) => `${at}: ${line.trim().slice(0, 100)}`),
  );

describe('lessons format numbers only through the kit', () => {
  test('the pattern catches the forms it forbids', () => {
    for (const line of [
      '{x.toFixed(1)}',
      "{n.toLocaleString('en-US')}",
      '{v.toPrecision(3)}',
      "new Intl.NumberFormat('en')",
    ])
      expect(OWN_FORMATTING.test(line), line).toBe(true);
    expect(OWN_FORMATTING.test('{percent(x, 1)} of {count(n)}')).toBe(false);
  });

  test('no lesson or facts module calls toFixed, toLocaleString, toPrecision or Intl', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(8);
    expect(offending([...lessons, ...facts], (l) => OWN_FORMATTING.test(l))).toEqual([]);
  });

  test("a lesson's own exports are components that place JSX, never helpers that compute", () => {
    // `export const M = ({ v }) => <Stat …/>` is a component; `export const pct = (x) => …` belongs in lessons/facts/.
    const helpers = lessons.flatMap((f) => {
      const body = readFileSync(f, 'utf8');
      return [...body.matchAll(/^export const (\w+) =([\s\S]*?)(?=^\S|^$)/gm)]
        .filter((m) => !/</.test(m[2]))
        .map((m) => `${f}: export const ${m[1]}`);
    });
    expect(helpers).toEqual([]);
  });
});
