// The parts of NeuronHeatmap that are plain data (no DOM): its URL state (numbers through lib/url-state.ts, the
// prompt as capped text beside them), the heatmap as an SVG path (one filled cell per neuron that fired), and the
// sentences that describe a token. Used at build time for the static first view and in the browser, so the two agree.
import { hottestFirst } from '../../lib/sparsity/profile.ts';
import { parseState, quote, writeState, type StateSpec, type StateValues } from '../../lib/url-state.ts';
import { grouped, percent } from './vecmat-scale-model.ts';

/** Tokens shown at most (the model's context is 128): a longer prompt is cut, with a note. */
export const HEATMAP_TOKENS = 128;
/** Longest prompt a link (?heat.prompt=) keeps. */
export const MAX_URL_PROMPT = 500;

export const HEATMAP_SPEC = {
  layer: { kind: 'number', min: 0, max: 7, integer: true },
  token: { kind: 'number', min: 0, max: HEATMAP_TOKENS - 1, integer: true },
  order: { kind: 'enum', values: ['index', 'hot'] },
} as const satisfies StateSpec;
export type HeatmapNumbers = StateValues<typeof HEATMAP_SPEC>;
export type HeatmapValues = HeatmapNumbers & { prompt: string };
export const HEATMAP_EXTRA_CONTROLS = ['prompt', 'chart'] as const;

/** Read `?<prefix>.prompt=…&<prefix>.layer=…` over `defaults`; never throws, explains what it ignored or cut. */
export function readHeatmapState(prefix: string, defaults: HeatmapValues, search: string) {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    params = new URLSearchParams();
  }
  const key = `${prefix}.prompt`;
  const raw = params.getAll(key);
  params.delete(key);
  const { prompt: _, ...numbers } = defaults;
  const parsed = parseState(prefix, HEATMAP_SPEC, numbers, params, { extraControls: HEATMAP_EXTRA_CONTROLS });
  const notes = parsed.notes.map((n) => n.replace(/; known: /, `; known: ${key}, `));
  let prompt = defaults.prompt;
  if (raw.length) {
    const last = raw[raw.length - 1];
    if (last.trim() === '') notes.push(`Ignored an empty ${key}; the prompt is ${quote(defaults.prompt)}.`);
    else if (last.length > MAX_URL_PROMPT) {
      prompt = last.slice(0, MAX_URL_PROMPT);
      notes.push(`${key} has ${grouped(last.length)} characters; a link keeps at most ${MAX_URL_PROMPT}, so only the first ${MAX_URL_PROMPT} are used.`);
    } else prompt = last;
  }
  return { values: { ...parsed.values, prompt } as HeatmapValues, hidden: parsed.hidden, notes };
}

/** The query string after writing `values` (defaults left out); prompts longer than the cap are not written. */
export function writeHeatmapState(prefix: string, values: HeatmapValues, defaults: HeatmapValues, search: string): string {
  const key = `${prefix}.prompt`;
  const params = new URLSearchParams(search);
  params.delete(key);
  const { prompt, ...numbers } = values;
  const { prompt: defPrompt, ...defNumbers } = defaults;
  const query = writeState(prefix, HEATMAP_SPEC, numbers, defNumbers, params);
  if (prompt === defPrompt || prompt === '' || prompt.length > MAX_URL_PROMPT) return query;
  return `${query ? `${query}&` : '?'}${encodeURIComponent(key)}=${encodeURIComponent(prompt)}`;
}

/** Column of each neuron in the picture: by index, or hottest first by a profile's frequencies. */
export function neuronColumns(nFfn: number, order: 'index' | 'hot', frequency?: ArrayLike<number>): Int32Array {
  const col = new Int32Array(nFfn);
  if (order === 'hot' && frequency && frequency.length === nFfn) hottestFirst(frequency).forEach((neuron, c) => (col[neuron] = c));
  else for (let i = 0; i < nFfn; i++) col[i] = i;
  return col;
}

/**
 * An SVG path (viewBox 0 0 nFfn tokens) with one unit square per neuron that fired: x = its column, y = the token.
 * Neighbouring cells in a row merge into one rectangle, which keeps the path short.
 */
export function heatPath(bits: ArrayLike<number>, words: number, tokens: number, nFfn: number, columns: Int32Array): string {
  const parts: string[] = [];
  const row = new Uint8Array(nFfn);
  for (let t = 0; t < tokens; t++) {
    row.fill(0);
    for (let i = 0; i < nFfn; i++) if ((bits[t * words + (i >>> 5)] >>> (i & 31)) & 1) row[columns[i]] = 1;
    for (let c = 0; c < nFfn; ) {
      if (!row[c]) { c++; continue; }
      let e = c;
      while (e < nFfn && row[e]) e++;
      parts.push(`M${c} ${t}h${e - c}v1h${c - e}z`);
      c = e;
    }
  }
  return parts.join('');
}

/** Neurons that fired for token t (from its bitset). */
export function firedCount(bits: ArrayLike<number>, words: number, t: number, nFfn: number): number {
  let n = 0;
  for (let i = 0; i < nFfn; i++) if ((bits[t * words + (i >>> 5)] >>> (i & 31)) & 1) n++;
  return n;
}

/** What the selected token did in the selected layer, and the link back to lesson 1's rows view. */
export function tokenText(tok: { text: string }, t: number, layer: number, fired: number, nFfn: number): { fired: string; skipped: string } {
  return {
    fired: `Token ${t + 1} ${quoteTok(tok.text)}, layer ${layer}: ${grouped(fired)} of ${grouped(nFfn)} neurons fired (${percent(1 - fired / nFfn)} zeros).`,
    skipped: `Rows of W_down skipped for this token: ${grouped(nFfn - fired)} of ${grouped(nFfn)}.`,
  };
}

/** Mean, min and max share of zeros over the tokens of one layer. */
export function zeroStats(zeroFraction: ArrayLike<number>): { mean: number; min: number; max: number } {
  let s = 0, min = 1, max = 0;
  for (let i = 0; i < zeroFraction.length; i++) {
    const z = zeroFraction[i];
    s += z;
    min = Math.min(min, z);
    max = Math.max(max, z);
  }
  return { mean: zeroFraction.length ? s / zeroFraction.length : 0, min, max };
}

export function layerText(layer: number, tokens: number, z: { mean: number; min: number; max: number }): string {
  return `Layer ${layer}, ${tokens} token${tokens === 1 ? '' : 's'}: on average ${percent(z.mean)} of the neurons are zero per token (from ${percent(z.min)} to ${percent(z.max)}).`;
}

/** A token quoted for prose: ' whale', with line breaks written as \n. */
export function quoteTok(text: string): string {
  return `'${text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** Height of one token row in CSS pixels: short prompts get tall rows, 128 tokens fit in about 380 px. */
export function rowHeight(tokens: number): number {
  return Math.max(3, Math.min(14, Math.floor(384 / Math.max(1, tokens))));
}
