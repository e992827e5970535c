// LoraSpectrum as plain data: the heatmap cells of Eq. 4 (Hu et al., arXiv 2106.09685 v2, §7.2) and the summary
// (its words are in text.ts).
import type { Lang } from '../../i18n/lang.ts';
import { text } from './text.ts';

export interface SpectrumData {
  singular: { a: number[]; b: number[] };
  similarity: number[][];
  ranks: [number, number];
  target: string;
}
export interface Cell {
  i: number;
  j: number;
  phi: number;
}

export const targetName = (layer: number, matrix: string) => `h.${layer}.attn.${matrix}`;

export function cells(similarity: number[][]): Cell[] {
  return similarity.flatMap((row, i) => row.map((phi, j) => ({ i: i + 1, j: j + 1, phi })));
}

/** The summary of two adapters' spectra and overlap; `a` and `b` are the adapters' keys ("r2", "yours"). */
export function spectrumSummary(d: SpectrumData, a: string, b: string, lang: Lang = 'en'): string {
  const t = text[lang];
  return t.summary(d, t.adapter(a), t.adapter(b));
}
