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

/** Longest shape text read: "⟨8,8,…⟩" at the depth limit fits easily; anything longer is refused unread. */
export const MAX_SHAPE_TEXT = 200;

/**
 * Parses a tree shape; throws a message that says what was wrong and what is accepted. Every limit (text length,
 * depth, nodes) is checked on the numbers as written, before any array is built: "chain 999999999" costs nothing.
 */
export function parseTreeShape(text: string, maxNodes = MAX_TREE_NODES): TreeShape {
  const raw = String(text);
  const help = 'write widths such as "1,1,3,1" or "<2,2,1>", "chain 4", or "budget 16"';
  if (raw.length > MAX_SHAPE_TEXT)
    throw new Error(`tree shape is ${raw.length} characters long; at most ${MAX_SHAPE_TEXT}: ${help}`);
  const s = raw.trim().toLowerCase();
  const shown = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  const tooDeep = (depth: number) =>
    new Error(`tree shape "${shown}" is ${depth} levels deep; at most ${MAX_TREE_DEPTH}`);
  const tooMany = (n: number) =>
    new Error(`tree shape "${shown}" has ${n} guessed nodes, over the budget of ${maxNodes}`);
  const chain = /^chain\s*(\d+)$/.exec(s);
  const budget = /^(?:budget|best-first|best)\s*(\d+)$/.exec(s);
  if (chain) {
    const depth = Number(chain[1]);
    if (depth > MAX_TREE_DEPTH) throw tooDeep(depth);
    if (depth > maxNodes) throw tooMany(depth);
    return { kind: 'expansion', widths: new Array<number>(depth).fill(1) };
  }
  if (budget) {
    const n = Number(budget[1]);
    if (n < 1) throw new Error(`tree shape "${shown}": a budget needs at least 1 node`);
    if (n > maxNodes) throw tooMany(n);
    return { kind: 'budget', nodes: n, maxDepth: MAX_TREE_DEPTH };
  }
  const inner = s.replace(/^[<⟨([]\s*/, '').replace(/\s*[>⟩)\]]$/, '');
  if (inner === '' || inner === 'plain') return { kind: 'expansion', widths: [] };
  const parts = inner.split(/\s*,\s*|\s+/);
  if (!parts.every((p) => /^\d+$/.test(p))) throw new Error(`tree shape "${shown}" does not parse: ${help}`);
  if (parts.length > MAX_TREE_DEPTH) throw tooDeep(parts.length);
  const widths = parts.map(Number);
  if (widths.some((k) => k < 1)) throw new Error(`tree shape "${shown}": every width must be at least 1`);
  const n = expansionNodes(widths); // at most 16 factors: a huge width gives a huge (or infinite) count, no array
  if (n > maxNodes) throw tooMany(n);
  return { kind: 'expansion', widths };
}
