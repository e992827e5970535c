// Every percentage in the lessons names its scale ("share" or "percent"); none is left for the formatter to guess.
// The build would fail on a bare "%" in <Stat>; this finds it in plainStat calls and lesson helpers too, and catches
// a share written as a percent (a literal above 1 under unit "share").
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const DIR = ROOT;
/** Lessons and every .astro file under site/ (widgets place <Stat> too). */
const files = [
  ...readdirSync(join(ROOT, 'lessons'))
    .filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))
    .map((f) => `lessons/${f}`),
  ...(readdirSync(join(ROOT, 'site'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.astro') && !f.endsWith('Stat.astro'))
    .map((f) => relative(ROOT, join(ROOT, 'site', f))),
];

describe('percentages in lessons', () => {
  test('no Stat, plainStat or helper call passes a bare "%" unit', () => {
    const bare: string[] = [];
    for (const f of files) {
      readFileSync(join(DIR, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/unit=["{]'?%'?["}]|unit: ?'%'|,\s*'%'\)/.test(line)) bare.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(bare).toEqual([]);
  });

  test('a literal under unit "share" is a share of 1 (at most 1), not a percent', () => {
    const wrong: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(DIR, f), 'utf8');
      for (const m of text.matchAll(/value[=:]\s*\{?(-?\d+(?:\.\d+)?)\}?,?\s+unit[=:]\s*["']share["']/g)) {
        if (Math.abs(Number(m[1])) > 1) wrong.push(`${f}: ${m[0]}`);
      }
    }
    expect(wrong).toEqual([]);
    // The pattern does see the lessons' shares (so an empty list above means something).
    const seen = files.flatMap((f) => [
      ...readFileSync(join(DIR, f), 'utf8').matchAll(/value=\{0\.\d+\} unit="share"/g),
    ]);
    expect(seen.length).toBeGreaterThan(5);
  });
});
