// FlashWindow's data: for token t with window k, the neurons kept in DRAM (used by tokens t-k..t-1), those token t
// needs, and those it must load (needed, not kept) — Δ_load for this one token [LLM in a Flash, arXiv 2312.11514 v3,
// §3.1]. Plus the grid cells for the chart. No DOM; the words are in text.ts.
export interface WindowCurveData {
  k: number[];
  sAgg: number[];
  deltaLoad: number[];
  tokens: number;
}

export interface WindowView {
  kept: number[];
  needed: number[];
  load: number[];
  reused: number[];
}

/** The window's sets for token t (0-based) of one layer's per-token active lists. */
export function windowAt(active: number[][], t: number, k: number): WindowView {
  const kept = new Set<number>();
  for (let j = Math.max(0, t - k); j < t; j++) for (const i of active[j]) kept.add(i);
  const needed = active[t];
  return {
    kept: [...kept].sort((a, b) => a - b),
    needed,
    load: needed.filter((i) => !kept.has(i)),
    reused: needed.filter((i) => kept.has(i)),
  };
}

export type CellKind = 'active' | 'kept' | 'reused' | 'load';

/** Grid cells: rows are tokens t-k..t and a `keptRow` row; columns are the neurons any of them use, in order. */
export function gridCells(active: number[][], tokens: string[], t: number, k: number, keptRow = 'kept in DRAM') {
  const v = windowAt(active, t, k);
  const rows = Array.from({ length: Math.min(k, t) + 1 }, (_, i) => t - Math.min(k, t) + i);
  const cols = [...new Set(rows.flatMap((j) => active[j]))].sort((a, b) => a - b);
  const rowName = (j: number) => `${j}: ${JSON.stringify(tokens[j]).slice(1, -1)}`;
  const cells: { row: string; neuron: number; kind: CellKind }[] = [];
  for (const j of rows)
    for (const i of active[j])
      cells.push({ row: rowName(j), neuron: i, kind: j === t ? (v.load.includes(i) ? 'load' : 'reused') : 'active' });
  for (const i of v.kept) cells.push({ row: keptRow, neuron: i, kind: 'kept' });
  return { cells, rows: [...rows.map(rowName), keptRow], cols, view: v };
}
