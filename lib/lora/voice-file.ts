// The voice classifier's counts as a small file, so the browser can score samples without downloading either corpus
// (scripts/voice-counts.ts writes public/data/voice-counts.bin from the two training splits). Layout: "VCT1", an
// FNV-1a checksum of everything after it (u32, little-endian), then unsigned LEB128 varints: the vocabulary size V,
// and for each corpus (speech, then novel) its token count, V unigram counts, and per row a of the bigram table the
// number of non-zero entries followed by (b − previous b, count) pairs. Zeros are the common case, so they are skipped.
import { fnv1a } from '../fingerprint.ts';
import type { TokenCounts } from './voice.ts';

const MAGIC = 'VCT1';

export function encodeVoiceCounts(counts: readonly [TokenCounts, TokenCounts]): Uint8Array {
  const V = counts[0].vocabSize;
  if (counts[1].vocabSize !== V) throw new Error('encodeVoiceCounts: the two corpora use different vocabularies');
  const out: number[] = [];
  const put = (n: number) => {
    for (; n >= 0x80; n = Math.floor(n / 0x80)) out.push((n % 0x80) | 0x80);
    out.push(n);
  };
  put(V);
  for (const c of counts) {
    put(c.tokens);
    for (const n of c.unigram) put(n);
    for (let a = 0; a < V; a++) {
      const row = c.bigram.subarray(a * V, (a + 1) * V);
      const nonZero = row.reduce((s, n) => s + (n > 0 ? 1 : 0), 0);
      put(nonZero);
      let prev = 0;
      for (let b = 0; b < V; b++)
        if (row[b] > 0) {
          put(b - prev);
          put(row[b]);
          prev = b;
        }
    }
  }
  const body = Uint8Array.from(out);
  const file = new Uint8Array(8 + body.length);
  file.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(file.buffer).setUint32(4, Number.parseInt(fnv1a(body), 16), true);
  file.set(body, 8);
  return file;
}

/** Reads a file written by encodeVoiceCounts; any damage (truncation, a flipped byte, counts that disagree) throws. */
export function decodeVoiceCounts(bytes: Uint8Array): [TokenCounts, TokenCounts] {
  const bad = (why: string) =>
    new Error(`The voice classifier's counts file is damaged (${why}); reload the page to fetch it again.`);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw bad('not a VCT1 file');
  const body = bytes.subarray(8);
  const sum = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  if (Number.parseInt(fnv1a(body), 16) !== sum) throw bad('checksum mismatch');
  let at = 0;
  const get = () => {
    let n = 0;
    for (let scale = 1; ; scale *= 0x80) {
      if (at >= body.length) throw bad('ends early');
      const byte = body[at++];
      n += (byte & 0x7f) * scale;
      if (byte < 0x80) return n;
      if (scale > 2 ** 28) throw bad('a number too large');
    }
  };
  const V = get();
  if (!(V >= 2 && V <= 4096)) throw bad(`vocabulary size ${V}`);
  const corpus = (): TokenCounts => {
    const tokens = get();
    const unigram = new Uint32Array(V);
    for (let t = 0; t < V; t++) unigram[t] = get();
    const bigram = new Uint32Array(V * V);
    for (let a = 0; a < V; a++) {
      const nonZero = get();
      for (let i = 0, b = 0; i < nonZero; i++) {
        b += get();
        if (b >= V || (i > 0 && bigram[a * V + b] > 0)) throw bad('a bigram outside the table');
        bigram[a * V + b] = get();
      }
    }
    const uniTotal = unigram.reduce((s, n) => s + n, 0);
    const biTotal = bigram.reduce((s, n) => s + n, 0);
    if (uniTotal !== tokens || biTotal !== tokens - 1) throw bad('counts that do not add up');
    return { vocabSize: V, tokens, unigram, bigram };
  };
  const counts: [TokenCounts, TokenCounts] = [corpus(), corpus()];
  if (at !== body.length) throw bad('trailing bytes');
  return counts;
}
