// Byte-level BPE, as in GPT-2: text -> UTF-8 bytes (ids 0..255), then learned merges of adjacent pairs (ids 256+).
// Any string round-trips because every byte is a token. Pre-splitting into words keeps merges inside words.
// Reference: Sennrich et al. 2016 (arXiv 1508.07909); Radford et al. 2019 (GPT-2).

// Words with an optional leading space, number runs, punctuation runs, and whitespace (GPT-2's pattern, simplified).
const SPLIT = /'(?:s|t|re|ve|m|ll|d)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export interface TokenizerJSON {
  type: 'byte-bpe';
  /** Merge i creates token 256 + i from the pair [left, right]. */
  merges: [number, number][];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One token's text beside its neighbours; `partial`: only the first bytes of a character, shown in hex. */
export interface TokenPiece {
  text: string;
  partial: boolean;
}

export class Tokenizer {
  readonly merges: [number, number][];
  readonly vocabSize: number;
  private readonly rank = new Map<number, number>(); // pair key -> merge index
  private readonly bytesOf: Uint8Array[] = []; // token id -> the bytes it stands for
  private readonly wordCache = new Map<string, number[]>();

  constructor(json: TokenizerJSON) {
    if (json?.type !== 'byte-bpe' || !Array.isArray(json.merges))
      throw new Error('tokenizer.json: expected {"type":"byte-bpe","merges":[...]}');
    this.merges = json.merges;
    this.vocabSize = 256 + json.merges.length;
    for (let b = 0; b < 256; b++) this.bytesOf.push(Uint8Array.of(b));
    json.merges.forEach(([a, b], i) => {
      if (!(a < 256 + i && b < 256 + i && a >= 0 && b >= 0))
        throw new Error(`tokenizer.json: merge ${i} refers to an unknown token`);
      this.rank.set(pairKey(a, b), i);
      const left = this.bytesOf[a],
        right = this.bytesOf[b];
      const joined = new Uint8Array(left.length + right.length);
      joined.set(left);
      joined.set(right, left.length);
      this.bytesOf.push(joined);
    });
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const word of text.match(SPLIT) ?? []) out.push(...this.encodeWord(word));
    return out;
  }

  decode(ids: number[]): string {
    return decoder.decode(this.bytes(ids));
  }

  /** The bytes a token sequence stands for (one token may hold part of a multi-byte character). */
  bytes(ids: number[]): Uint8Array {
    const parts = ids.map((id) => {
      const b = this.bytesOf[id];
      if (!b) throw new Error(`token id ${id} is outside the vocabulary (0..${this.vocabSize - 1})`);
      return b;
    });
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /**
   * How each token of a sequence displays beside the others: a character whose bytes span tokens shows on the token
   * that completes it, and a token holding only the first bytes of a character shows them in hex ("‹e6 97›"), so a
   * non-ASCII text never shows as "����". Without the hex parts, the pieces join to decode(ids).
   */
  pieces(ids: number[]): TokenPiece[] {
    return ids.map(this.pieceStream());
  }

  /** `pieces` one token at a time, for tokens that arrive one by one (generation): call it with each id in order. */
  pieceStream(): (id: number) => TokenPiece {
    const stream = new TextDecoder();
    return (id) => {
      const bytes = this.bytes([id]);
      const text = stream.decode(bytes, { stream: true });
      if (text !== '') return { text, partial: false };
      return { text: `‹${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ')}›`, partial: true };
    };
  }

  /** How a token displays on its own (bytes that are not whole characters show as U+FFFD). */
  tokenText(id: number): string {
    return decoder.decode(this.bytesOf[id]);
  }

  private encodeWord(word: string): number[] {
    const cached = this.wordCache.get(word);
    if (cached) return cached;
    let ids = Array.from(encoder.encode(word));
    // Repeatedly apply the earliest-learned merge present, as BPE was trained.
    while (ids.length > 1) {
      let best = -1,
        bestRank = Infinity;
      for (let i = 0; i < ids.length - 1; i++) {
        const r = this.rank.get(pairKey(ids[i], ids[i + 1]));
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) break;
      ids = mergeAll(ids, this.merges[bestRank], 256 + bestRank);
    }
    if (this.wordCache.size < 50_000) this.wordCache.set(word, ids);
    return ids;
  }

  toJSON(): TokenizerJSON {
    return { type: 'byte-bpe', merges: this.merges };
  }
}

function pairKey(a: number, b: number): number {
  return a * 65536 + b;
}

function mergeAll(ids: number[], [a, b]: [number, number], id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i < ids.length - 1 && ids[i] === a && ids[i + 1] === b) {
      out.push(id);
      i++;
    } else out.push(ids[i]);
  }
  return out;
}

/**
 * Learn `vocabSize - 256` merges from `text`: count adjacent pairs over distinct words (weighted by frequency),
 * merge the most frequent, repeat. Ties go to the smaller pair key, so the result is deterministic.
 */
export function learnBPE(text: string, vocabSize: number): Tokenizer {
  const counts = new Map<string, number>();
  for (const w of text.match(SPLIT) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  let words = [...counts].map(([w, n]) => ({ ids: Array.from(encoder.encode(w)), n }));
  const merges: [number, number][] = [];
  while (256 + merges.length < vocabSize) {
    const pairs = new Map<number, number>();
    for (const { ids, n } of words)
      for (let i = 0; i < ids.length - 1; i++) {
        const k = pairKey(ids[i], ids[i + 1]);
        pairs.set(k, (pairs.get(k) ?? 0) + n);
      }
    let bestKey = -1,
      bestCount = 0;
    for (const [k, c] of pairs)
      if (c > bestCount || (c === bestCount && k < bestKey)) {
        bestKey = k;
        bestCount = c;
      }
    if (bestKey < 0 || bestCount < 2) break;
    const pair: [number, number] = [Math.floor(bestKey / 65536), bestKey % 65536];
    const id = 256 + merges.length;
    merges.push(pair);
    words = words.map((w) => (w.ids.length > 1 ? { ids: mergeAll(w.ids, pair, id), n: w.n } : w));
  }
  return new Tokenizer({ type: 'byte-bpe', merges });
}
