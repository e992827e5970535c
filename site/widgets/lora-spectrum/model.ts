// LoraSpectrum as plain data: the heatmap cells of Eq. 4 (Hu et al., arXiv 2106.09685 v2, §7.2) and the sentences.
import { count, decimal } from '../_kit/format.ts';

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

export function spectrumSummary(d: SpectrumData, a: string, b: string): string {
  const top = d.similarity[0] ?? [];
  const list = (xs: number[], digits: number) => xs.map((x) => decimal(x, digits)).join(', ');
  return (
    `${d.target}: singular values of ΔW for ${a} ${list(d.singular.a, 3)}; for ${b} ${list(d.singular.b, 3)}. ` +
    `Overlap of ${a}'s top direction with ${b}'s top 1 to ${count(top.length)} directions: ${list(top, 2)} (1 = contained, 0 = orthogonal).`
  );
}
