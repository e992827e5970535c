// What the VecMatViews widget shows for a given state, as plain data: no DOM. The .astro shell renders the first
// frame from it at build time and the custom element re-renders from it in the browser, so both always agree.
import { columnsView, elementsView, randomMatrix, rowsView, type Matrix, type ViewName } from '../../../lib/vecmat.ts';
import { M, N } from './params.ts';
import { numberValue, short } from '../_kit/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import { type Cost, text } from './text.ts';

export { sub } from './text.ts';

export { LIMIT, M, N } from './params.ts';
export const BYTES_PER_WEIGHT = 4;

export type CellState = 'idle' | 'active' | 'done' | 'skipped';

export interface VecMatState {
  x: number[];
  W: Matrix;
  view: ViewName;
  /** Outputs marked "known zero", 0-based (the URL and props count from 1, as the page does). */
  skip: number[];
  /** Steps shown so far, 0..total; total means the finished product. */
  pos: number;
}

export interface Frame {
  total: number;
  pos: number;
  /** y as shown: null where not computed yet at this step. */
  y: (number | null)[];
  products: Matrix;
  cells: CellState[][];
  rows: CellState[];
  cols: CellState[];
  /** KaTeX source for the equation of this step. */
  tex: string;
  /** One sentence about this step. */
  stepText: string;
  costText: string;
  /** Short text for screen readers, announced politely when it changes. */
  summary: string;
  /** Wrong "known zero" marks (columns view): their true value is positive, so a ReLU would keep them. */
  warnings: string[];
}

const tex = (v: number) => numberValue(v);
const texFactor = (v: number) => (v < 0 ? `(${numberValue(v)})` : numberValue(v));
const texVec = (vs: (number | null)[]) => `(${vs.map((v) => (v === null ? '\\cdot' : tex(v))).join(',\\ ')})`;
const textVec = (vs: (number | null)[]) => `(${vs.map((v) => (v === null ? '?' : short(v))).join(', ')})`;
const hl = (s: string) => `\\htmlClass{vm-hl}{${s}}`;
/** Two aligned lines, so long equations fit a phone: "lhs = a" over "= b". */
const lines = (lhs: string, a: string, b: string) => `\\begin{aligned}${lhs}&=${a}\\\\&=${b}\\end{aligned}`;

/** KaTeX options for every equation of the widget (\htmlClass is how highlights pick up theme colours). */
export const KATEX_OPTIONS = {
  displayMode: true,
  throwOnError: false,
  strict: 'ignore',
  trust: (ctx: { command: string }) => ctx.command === '\\htmlClass',
} as const;

export function totalSteps(view: ViewName): number {
  return view === 'elements' ? N * M : view === 'rows' ? N : M;
}

/** The matrix a seed stands for; `propW` replaces it for the widget's own seed. */
export function baseMatrix(seed: number, propSeed: number, propW?: Matrix): Matrix {
  return propW && seed === propSeed ? propW.map((r) => r.slice()) : randomMatrix(N, M, seed);
}

export const toRows = (flat: number[]): Matrix => Array.from({ length: N }, (_, i) => flat.slice(i * M, i * M + M));

/** A cost line's counts: `read` of the N × M weights, and their bytes. */
const cost = (skipped: number[], of: number, macs: number, read: number): Cost => ({
  skipped,
  of,
  macs,
  read,
  total: N * M,
  bytes: read * BYTES_PER_WEIGHT,
  totalBytes: N * M * BYTES_PER_WEIGHT,
});

/** The figure for a state, its sentences in the edition `lang`. */
export function frame(s: VecMatState, lang: Lang = 'en'): Frame {
  const t = text[lang];
  const total = totalSteps(s.view);
  const pos = Math.max(0, Math.min(total, s.pos));
  const done = pos === total;
  const idle = (): CellState[][] => s.W.map((r) => r.map((): CellState => 'idle'));
  const el = elementsView(s.x, s.W, { bytesPerWeight: BYTES_PER_WEIGHT });
  const products = el.products;
  const full = el.y;
  let cells = idle();
  let rows: CellState[] = new Array(N).fill('idle');
  let cols: CellState[] = new Array(M).fill('idle');
  let y: (number | null)[] = new Array(M).fill(null);
  let texSrc = '';
  let stepText = '';
  let costText = '';
  const warnings: string[] = [];
  const xs = s.x.map(texFactor);

  if (s.view === 'elements') {
    el.steps.forEach((st, k) => {
      cells[st.i][st.j] = k < pos - 1 || done ? 'done' : k === pos - 1 ? 'active' : 'idle';
    });
    if (pos > 0) {
      const last = el.steps[pos - 1];
      y = last.partial.map((v, j) => (j * N < pos ? v : null));
    }
    if (pos === 0) {
      texSrc = 'y_j=\\sum_{i=1}^{3} x_i\\,W_{ij}';
      stepText = t.elements.intro;
    } else if (done) {
      texSrc = `\\begin{aligned}y_j&=\\sum_{i=1}^{3} x_i\\,W_{ij}\\\\y&=${texVec(full)}\\end{aligned}`;
      stepText = t.elements.done(N * M);
    } else {
      const { i, j } = el.steps[pos - 1];
      const terms = Array.from({ length: i + 1 }, (_, r) => {
        const t = `${xs[r]}\\cdot${texFactor(s.W[r][j])}`;
        return r === i ? hl(t) : t;
      });
      texSrc = `y_{${j + 1}}=${terms.join('+')}${i < N - 1 ? '+\\cdots' : ''}=${tex(el.steps[pos - 1].partial[j])}${i < N - 1 ? t.soFar : ''}`;
      stepText = t.stepOf(pos, total) + t.elements.step(i, j, short(s.x[i]), short(s.W[i][j]), short(products[i][j]));
    }
    costText = t.elements.cost(cost([], 0, N * M, N * M));
  } else if (s.view === 'rows') {
    const r = rowsView(s.x, s.W, { bytesPerWeight: BYTES_PER_WEIGHT });
    rows = r.steps.map((st, i) =>
      st.skipped ? 'skipped' : done || i < pos - 1 ? 'done' : i === pos - 1 ? 'active' : 'idle',
    );
    cells = s.W.map((row, i) => row.map(() => rows[i]));
    if (pos > 0) y = r.steps[pos - 1].partial.slice();
    const termsUpTo = (k: number) =>
      Array.from({ length: k + 1 }, (_, i) => {
        const t = `${xs[i]}\\,W_{${i + 1},:}`;
        if (r.steps[i].skipped) return `\\cancel{${t}}`;
        return i === k && !done ? hl(t) : t;
      }).join('+');
    if (pos === 0) {
      texSrc = 'y=\\sum_{i=1}^{3} x_i\\,W_{i,:}';
      stepText = t.rows.intro;
    } else if (done) {
      texSrc = lines('y', termsUpTo(N - 1), texVec(r.y));
      stepText = t.rows.done(N, r.skippedRows);
    } else {
      const st = r.steps[pos - 1];
      texSrc = lines('y', `${termsUpTo(pos - 1)}${pos < N ? '+\\cdots' : ''}`, texVec(st.partial));
      stepText =
        t.stepOf(pos, total) +
        (st.skipped ? t.rows.skip(st.i, M) : t.rows.add(st.i, short(s.x[st.i]), textVec(st.scaledRow)));
    }
    costText = t.rows.cost(cost(r.skippedRows, N, r.cost.actual.multiplyAdds, r.cost.actual.weightsRead));
  } else {
    const c = columnsView(s.x, s.W, { bytesPerWeight: BYTES_PER_WEIGHT, skipColumns: s.skip });
    cols = c.steps.map((st, j) =>
      st.skipped ? 'skipped' : done || j < pos - 1 ? 'done' : j === pos - 1 ? 'active' : 'idle',
    );
    cells = s.W.map((row) => row.map((_, j) => cols[j]));
    y = c.y.map((v, j) => (done || j < pos ? v : null));
    const dot = (j: number) => s.W.map((row, i) => `${xs[i]}\\cdot${texFactor(row[j])}`).join('+');
    if (pos === 0) {
      texSrc = 'y_j=\\langle x,\\,W_{:,j}\\rangle';
      stepText = t.columns.intro;
    } else if (done) {
      texSrc = `y=\\big(${c.y.map((v, j) => (c.steps[j].skipped ? '\\htmlClass{vm-skip}{0}' : tex(v))).join(',\\ ')}\\big)`;
      if (!s.skip.length)
        texSrc = `\\begin{aligned}y_j&=\\langle x,\\,W_{:,j}\\rangle\\\\y&=${texVec(c.y)}\\end{aligned}`;
      stepText = t.columns.done(M, c.skippedColumns);
    } else {
      const st = c.steps[pos - 1];
      const j = st.j;
      texSrc = st.skipped
        ? `y_{${j + 1}}=${hl('0')}${t.notRead(j)}`
        : lines(`y_{${j + 1}}`, `\\langle x,\\,W_{:,${j + 1}}\\rangle`, `${hl(dot(j))}=${tex(st.value)}`);
      stepText = t.stepOf(pos, total) + (st.skipped ? t.columns.skip(j) : t.columns.dot(j, short(st.value)));
    }
    for (const j of c.wrongSkips) warnings.push(t.columns.wrong(j, short(c.exact[j])));
    costText = t.columns.cost(cost(c.skippedColumns, M, c.cost.actual.multiplyAdds, c.cost.actual.weightsRead));
  }

  const read = s.view === 'elements' ? N * M : cells.flat().filter((c) => c !== 'skipped').length;
  const summary = t.summary(s.view, done ? '' : t.at(pos, total), textVec(s.x), textVec(y), read, N * M);
  return { total, pos, y, products, cells, rows, cols, tex: texSrc, stepText, costText, summary, warnings };
}
