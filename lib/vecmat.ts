// Three views of one vector–matrix product y = xW, as plain-array functions with step-by-step traces.
//
//   elements: y_j = Σ_i x_i·W_ij           — a grid of n·m products, added down each column
//   rows:     y   = Σ_i x_i·W_i,:          — a running sum of scaled rows; a zero x_i skips row i
//   columns:  y_j = ⟨x, W_:,j⟩             — one dot product per output; a known-zero output skips column j
//
// No DOM and no TensorFlow.js here (see lib/vecmat-tf.ts for the tfjs versions), so widgets can import this
// file into the browser for a few kilobytes. Shapes: x is [n], W is [n][m] (row-major: W[i] is row i), y is [m].
// References: LLM in a Flash, arXiv 2312.11514 v3 §3.2 (rows and columns of the FFN); PowerInfer, arXiv
// 2312.12456 v2 §2.1 (a "neuron" is a row or column of a weight matrix).
import { mulberry32, randn } from './random.ts';

export type Vector = number[];
/** Row-major: `W[i]` is row i, `W[i][j]` is the weight from input i to output j. */
export type Matrix = number[][];

/** What one way of computing y costs: multiply-adds performed, weights touched, bytes of weights read. */
export interface Cost {
  multiplyAdds: number;
  weightsRead: number;
  bytesRead: number;
}

export interface CostReport {
  /** Computing every product, as a dense kernel does. */
  dense: Cost;
  /** Computing only what this view needs (equal to `dense` when nothing is skipped). */
  actual: Cost;
  bytesPerWeight: number;
}

export interface ViewOptions {
  /** Bytes per stored weight: 4 for fp32 (default), 2 for fp16, 0.5 for 4-bit. */
  bytesPerWeight?: number;
}

/** One multiply-add of the elements view: the product x_i·W_ij added into y_j. */
export interface ElementStep {
  i: number;
  j: number;
  product: number;
  /** y after this step (outputs not yet touched are 0). */
  partial: Vector;
}

export interface ElementsResult {
  y: Vector;
  /** products[i][j] = x_i·W_ij, the whole n×m grid. */
  products: Matrix;
  /** Column by column, top to bottom: the order in which each y_j is summed. */
  steps: ElementStep[];
  cost: CostReport;
}

/** One row of the rows view: x_i times row i, added into the running sum (or skipped when x_i = 0). */
export interface RowStep {
  i: number;
  skipped: boolean;
  /** x_i·W_i,: (all zeros when skipped). */
  scaledRow: Vector;
  /** Running sum after this row. */
  partial: Vector;
}

export interface RowsResult {
  y: Vector;
  steps: RowStep[];
  /** Rows never read because their input is zero. */
  skippedRows: number[];
  cost: CostReport;
}

export interface ColumnsOptions extends ViewOptions {
  /** Outputs known in advance to be discarded (for example zeroed by a ReLU): their columns are not read. */
  skipColumns?: Iterable<number>;
}

/** One column of the columns view: the dot product of x with column j (or skipped). */
export interface ColumnStep {
  j: number;
  skipped: boolean;
  /** x_i·W_ij for each i (all zeros when skipped). */
  terms: Vector;
  /** y_j as reported: the dot product, or 0 when skipped. */
  value: number;
}

export interface ColumnsResult {
  /** y with skipped outputs set to 0. */
  y: Vector;
  /** The full product xW, as if nothing were skipped. */
  exact: Vector;
  steps: ColumnStep[];
  skippedColumns: number[];
  /**
   * Skipped columns whose exact value is positive, so a ReLU would NOT have zeroed them:
   * a wrong guess, and the reported y differs from ReLU(xW) there.
   */
  wrongSkips: number[];
  cost: CostReport;
}

/** Throws unless x is [n] and W is a rectangular [n][m] with n, m ≥ 1 and finite entries. Returns [n, m]. */
export function validateMatVecShapes(x: ArrayLike<number>, W: Matrix): [number, number] {
  const n = x.length;
  if (n < 1) throw new Error('vecmat: x must have at least one entry');
  if (W.length !== n) throw new Error(`vecmat: x has ${n} entries but W has ${W.length} rows; they must match`);
  const m = W[0].length;
  if (m < 1) throw new Error('vecmat: W must have at least one column');
  for (let i = 0; i < n; i++) {
    if (W[i].length !== m) throw new Error(`vecmat: W is ragged: row ${i} has ${W[i].length} entries, row 0 has ${m}`);
    if (!Number.isFinite(x[i])) throw new Error(`vecmat: x[${i}] is not a finite number (${x[i]})`);
    for (let j = 0; j < m; j++) {
      if (!Number.isFinite(W[i][j])) throw new Error(`vecmat: W[${i}][${j}] is not a finite number (${W[i][j]})`);
    }
  }
  return [n, m];
}

/** The cost of reading `weights` weights with one multiply-add each. */
export function costOf(weights: number, bytesPerWeight = 4): Cost {
  return { multiplyAdds: weights, weightsRead: weights, bytesRead: weights * bytesPerWeight };
}

function report(n: number, m: number, actualWeights: number, opts: ViewOptions): CostReport {
  const b = opts.bytesPerWeight ?? 4;
  if (!(b > 0) || !Number.isFinite(b)) throw new Error(`vecmat: bytesPerWeight must be a positive number (got ${b})`);
  return { dense: costOf(n * m, b), actual: costOf(actualWeights, b), bytesPerWeight: b };
}

/** Adding 0 turns -0 into +0, so printed results never show "-0". */
const clean = (v: number) => v + 0;

/** View 1: every product x_i·W_ij, summed down each column of the grid. Nothing is skipped. */
export function elementsView(x: ArrayLike<number>, W: Matrix, opts: ViewOptions = {}): ElementsResult {
  const [n, m] = validateMatVecShapes(x, W);
  const products = W.map((row, i) => row.map((w) => clean(x[i] * w)));
  const y = new Array<number>(m).fill(0);
  const steps: ElementStep[] = [];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) {
      y[j] = clean(y[j] + products[i][j]);
      steps.push({ i, j, product: products[i][j], partial: y.slice() });
    }
  }
  return { y, products, steps, cost: report(n, m, n * m, opts) };
}

/** View 2: y as a weighted sum of W's rows; rows whose input is exactly zero are skipped (never read). */
export function rowsView(x: ArrayLike<number>, W: Matrix, opts: ViewOptions = {}): RowsResult {
  const [n, m] = validateMatVecShapes(x, W);
  const y = new Array<number>(m).fill(0);
  const steps: RowStep[] = [];
  const skippedRows: number[] = [];
  for (let i = 0; i < n; i++) {
    const skipped = x[i] === 0;
    if (skipped) skippedRows.push(i);
    const scaledRow = skipped ? new Array<number>(m).fill(0) : W[i].map((w) => clean(x[i] * w));
    if (!skipped) for (let j = 0; j < m; j++) y[j] = clean(y[j] + scaledRow[j]);
    steps.push({ i, skipped, scaledRow, partial: y.slice() });
  }
  return { y, steps, skippedRows, cost: report(n, m, (n - skippedRows.length) * m, opts) };
}

/** View 3: one dot product per output column; columns listed in `skipColumns` are not read and give 0. */
export function columnsView(x: ArrayLike<number>, W: Matrix, opts: ColumnsOptions = {}): ColumnsResult {
  const [n, m] = validateMatVecShapes(x, W);
  const skip = new Set<number>();
  for (const j of opts.skipColumns ?? []) {
    if (!Number.isInteger(j) || j < 0 || j >= m) throw new Error(`vecmat: skipColumns has ${j}, outside 0..${m - 1}`);
    skip.add(j);
  }
  const y: Vector = [];
  const exact: Vector = [];
  const steps: ColumnStep[] = [];
  for (let j = 0; j < m; j++) {
    const terms: Vector = [];
    let dot = 0;
    for (let i = 0; i < n; i++) {
      terms.push(clean(x[i] * W[i][j]));
      dot = clean(dot + terms[i]);
    }
    exact.push(dot);
    const skipped = skip.has(j);
    y.push(skipped ? 0 : dot);
    steps.push({ j, skipped, terms: skipped ? new Array<number>(n).fill(0) : terms, value: y[j] });
  }
  const skippedColumns = [...skip].sort((a, b) => a - b);
  const wrongSkips = skippedColumns.filter((j) => exact[j] > 0);
  return { y, exact, steps, skippedColumns, wrongSkips, cost: report(n, m, n * (m - skip.size), opts) };
}

export type ViewName = 'elements' | 'rows' | 'columns';
export const VIEW_NAMES: readonly ViewName[] = ['elements', 'rows', 'columns'];

/** y = xW by the textbook loop (the reference the views are checked against). */
export function matVec(x: ArrayLike<number>, W: Matrix): Vector {
  const [n, m] = validateMatVecShapes(x, W);
  const y = new Array<number>(m).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) y[j] += x[i] * W[i][j];
  return y.map(clean);
}

export interface RandomMatrixOptions {
  /** Digits after the decimal point: 0 gives small integers (default), 1 gives one decimal. */
  decimals?: number;
  /** Standard deviation before rounding (default 2.5). */
  scale?: number;
  /** Entries are clamped to [-limit, limit] (default 9, so every entry is one digit). */
  limit?: number;
}

/** A seeded n×m matrix of small, readable numbers: round(scale·N(0,1)) clamped to ±limit. */
export function randomMatrix(n: number, m: number, seed: number, opts: RandomMatrixOptions = {}): Matrix {
  const { decimals = 0, scale = 2.5, limit = 9 } = opts;
  const rng = mulberry32(seed);
  const f = 10 ** decimals;
  return Array.from({ length: n }, () =>
    Array.from({ length: m }, () => clean(Math.max(-limit, Math.min(limit, Math.round(randn(rng) * scale * f) / f)))),
  );
}

/** How many zeros and non-zeros a length-n vector with `zeroFraction` zeros has (zeros = round(fraction·n)). */
export function sparsityPlan(n: number, zeroFraction: number): { zeros: number; nonZeros: number } {
  if (!(zeroFraction >= 0 && zeroFraction <= 1))
    throw new Error(`vecmat: zeroFraction must be in [0, 1] (got ${zeroFraction})`);
  const zeros = Math.round(zeroFraction * n);
  return { zeros, nonZeros: n - zeros };
}

/**
 * A seeded length-n vector with exactly `sparsityPlan(n, zeroFraction).zeros` zeros at random positions
 * and standard-normal values elsewhere (never exactly zero).
 */
export function randomSparseVector(n: number, zeroFraction: number, seed: number): Float32Array {
  const { zeros } = sparsityPlan(n, zeroFraction);
  const rng = mulberry32(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const k = Math.floor(rng() * (i + 1));
    [order[i], order[k]] = [order[k], order[i]];
  }
  const x = new Float32Array(n);
  for (let r = zeros; r < n; r++) {
    let v = 0;
    while (v === 0) v = randn(rng);
    x[order[r]] = v;
  }
  return x;
}

/**
 * y = xW by the rows view over a flat row-major W (n·m values): a plain loop that adds x_i times row i into y.
 * With `skipZeroRows` (default), rows whose x_i is 0 are never read — the kernel the rows view suggests. Without
 * it, every row is read and multiplied, zeros included, as a dense kernel does. Accumulates in float32.
 */
export function rowLoopProduct(
  x: ArrayLike<number>,
  W: Float32Array,
  m: number,
  { skipZeroRows = true }: { skipZeroRows?: boolean } = {},
): Float32Array {
  const n = x.length;
  if (W.length !== n * m)
    throw new Error(`vecmat: W has ${W.length} values; x of length ${n} and m = ${m} need ${n * m}`);
  const y = new Float32Array(m);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (skipZeroRows && xi === 0) continue;
    const row = i * m;
    for (let j = 0; j < m; j++) y[j] += xi * W[row + j];
  }
  return y;
}

/** Indices i with x_i ≠ 0, in increasing order. */
export function nonZeroIndices(x: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) out.push(i);
  return out;
}
