// What tree the draft grows each step. Two kinds, both from the text a reader can type:
//   expansion ⟨k1, …, km⟩  every node at step i gets k_i children (SpecInfer §3); a chain is k = 1 everywhere.
//                          Written "1,1,3,1", "<1,1,3,1>", "⟨1, 1, 3, 1⟩" or "chain 4".
//   best-first budget N    the N guesses the draft finds most likely as whole paths. Written "budget 16".

export type TreeShape = { kind: 'expansion'; widths: number[] } | { kind: 'budget'; nodes: number; maxDepth: number };

/** Most guessed nodes (the root not counted) a tree may have: the target verifies them all in one pass. */
export const MAX_TREE_NODES = 64;
/** Deepest tree: a path longer than this cannot fit the models' 128-token context usefully. */
export const MAX_TREE_DEPTH = 16;

/** Guessed nodes of an expansion ⟨k1..km⟩: k1 + k1·k2 + … + k1·…·km. */
export function expansionNodes(widths: number[]): number {
  let total = 0,
    level = 1;
  for (const k of widths) total += level *= k;
  return total;
}

/** Guessed nodes of any shape (the root not counted). */
export function shapeNodes(shape: TreeShape): number {
  return shape.kind === 'expansion' ? expansionNodes(shape.widths) : shape.nodes;
}

/** "⟨1,1,3⟩", "chain 4" or "budget 16". */
export function formatTreeShape(shape: TreeShape): string {
  if (shape.kind === 'budget') return `budget ${shape.nodes}`;
  if (shape.widths.length > 0 && shape.widths.every((k) => k === 1)) return `chain ${shape.widths.length}`;
  return `⟨${shape.widths.join(',')}⟩`;
}

/** Parses a tree shape; throws a message that says what was wrong and what is accepted. */
export function parseTreeShape(text: string, maxNodes = MAX_TREE_NODES): TreeShape {
  const s = String(text).trim().toLowerCase();
  const help = 'write widths such as "1,1,3,1" or "<2,2,1>", "chain 4", or "budget 16"';
  let shape: TreeShape;
  const chain = /^chain\s*(\d+)$/.exec(s);
  const budget = /^(?:budget|best-first|best)\s*(\d+)$/.exec(s);
  if (chain) {
    shape = { kind: 'expansion', widths: new Array<number>(Number(chain[1])).fill(1) };
  } else if (budget) {
    const n = Number(budget[1]);
    if (n < 1) throw new Error(`tree shape "${text}": a budget needs at least 1 node`);
    shape = { kind: 'budget', nodes: n, maxDepth: MAX_TREE_DEPTH };
  } else {
    const inner = s.replace(/^[<⟨([]\s*/, '').replace(/\s*[>⟩)\]]$/, '');
    if (inner === '' || inner === 'plain') return { kind: 'expansion', widths: [] };
    const parts = inner.split(/\s*,\s*|\s+/);
    if (!parts.every((p) => /^\d+$/.test(p))) throw new Error(`tree shape "${text}" does not parse: ${help}`);
    const widths = parts.map(Number);
    if (widths.some((k) => k < 1)) throw new Error(`tree shape "${text}": every width must be at least 1`);
    shape = { kind: 'expansion', widths };
  }
  if (shape.kind === 'expansion' && shape.widths.length > MAX_TREE_DEPTH)
    throw new Error(`tree shape "${text}" is ${shape.widths.length} levels deep; at most ${MAX_TREE_DEPTH}`);
  const n = shapeNodes(shape);
  if (n > maxNodes) throw new Error(`tree shape "${text}" has ${n} guessed nodes, over the budget of ${maxNodes}`);
  return shape;
}
