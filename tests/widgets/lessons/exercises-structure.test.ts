// Every published lesson ends with its exercises: one "## Exercises" section, last, holding 4 to 8 <Problem>s with
// at least one of each kind, their answers imported from the lesson's own lessons/exercises/ file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const dir = fileURLToPath(new URL('../../../lessons/', import.meta.url));
const lessons = readdirSync(dir).filter((f) => /^\d+-.*\.mdx$/.test(f));

test.each(lessons)('%s ends with 4–8 problems of all three kinds, answers from its own file', (file) => {
  const mdx = readFileSync(join(dir, file), 'utf8');
  const at = mdx.lastIndexOf('\n## Exercises\n');
  expect(at, 'an "## Exercises" heading').toBeGreaterThan(0);
  const section = mdx.slice(at);
  expect(section.match(/^## /gm), 'no heading after Exercises').toHaveLength(1);
  expect(section.trimEnd().endsWith('</Exercises>')).toBe(true);
  const kinds = [...section.matchAll(/<Problem [^>]*kind="(number|experiment|explain)"/g)].map((m) => m[1]);
  expect(kinds.length).toBeGreaterThanOrEqual(4);
  expect(kinds.length).toBeLessThanOrEqual(8);
  expect(new Set(kinds)).toEqual(new Set(['number', 'experiment', 'explain']));
  const ids = [...section.matchAll(/<Problem id="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size, 'problem ids unique in the lesson').toBe(ids.length);
  const answers = /import \* as ex from '\.\/exercises\/([^']+)\.ts';/.exec(mdx)?.[1];
  expect(answers).toBe(file.replace(/\.mdx$/, ''));
  expect(existsSync(join(dir, 'exercises', `${answers}.ts`))).toBe(true);
  // MDX leaves {…} inside $maths$ or `code` as text: the reader would see "ex.answer", not the number.
  const prose = section.replace(/`[^`\n]*\$\{[^`\n]*`/g, ''); // JavaScript template literals are not prose
  const verbatim = [...prose.matchAll(/\$\$[\s\S]*?\$\$|\$[^$\n]+\$|`[^`\n]+`/g)].map((m) => m[0]);
  expect(verbatim.filter((span) => span.includes('{ex.'))).toEqual([]);
  // Answers are never typed in: every answer is an expression (from `ex`), never a literal.
  expect(section).not.toMatch(/<Problem [^>]*answer="/);
  expect(section).not.toMatch(/<Problem [^>]*answer=\{\s*[-\d.'"]/);
});
