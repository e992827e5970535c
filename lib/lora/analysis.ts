// What a trained LoRA update looks like (Hu et al., arXiv 2106.09685 v2, §7):
// - the singular values of ΔW = scale · A B (at most r are non-zero);
// - the normalized subspace similarity of Eq. 4 between the input-side directions learned at two ranks,
//   φ(i, j) = ‖U1[:, :i]ᵀ U2[:, :j]‖²_F / min(i, j) ∈ [0, 1], U the singular vectors of A ordered by singular value
//   (the paper's "right-singular unitary matrix" of its A ∈ ℝ^{r×k}; our A is its transpose, [in, r]);
// - Table 7: ‖Uᵀ W Vᵀ‖_F, W projected on the top-r singular directions of ΔW, of W itself, or of a random matrix,
//   beside ‖W‖_F and ‖ΔW‖_F; amplification = ‖ΔW‖_F / ‖Uᵀ W Vᵀ‖_F with U, V from ΔW.
import type { LanguageModel } from '../model.ts';
import { mulberry32, randn } from '../random.ts';
import type { LoraAdapter } from './adapter.ts';
import { svd } from './svd.ts';

/** The weight block W a target adapts, [in, out] row-major (a third of qkv for q, k, v). */
export function targetWeight(model: LanguageModel, adapter: LoraAdapter, target: string): Float32Array {
  const t = adapter.targets.find((x) => x.name === target);
  if (!t) throw new Error(`this adapter has no target ${target}`);
  const { weight, shape } = model.getLinear(t.layer);
  const out = new Float32Array(t.inDim * t.outDim);
  for (let i = 0; i < t.inDim; i++)
    for (let j = 0; j < t.outDim; j++) out[i * t.outDim + j] = weight[i * shape[1] + t.column + j];
  return out;
}

/** Singular values of ΔW for one target, descending (length min(in, out); beyond r they are ~0). */
export function deltaSingularValues(adapter: LoraAdapter, target: string, count = adapter.rank): number[] {
  const t = adapter.targets.find((x) => x.name === target)!;
  return Array.from(svd(adapter.delta(target), t.inDim, t.outDim).s.slice(0, count));
}

/** φ(i, j) of Eq. 4 for i = 1..r1, j = 1..r2 between two adapters' A for the same target: [r1][r2]. */
export function subspaceSimilarity(a1: LoraAdapter, a2: LoraAdapter, target: string): number[][] {
  const u1 = inputDirections(a1, target),
    u2 = inputDirections(a2, target);
  const d = u1.rows;
  const out: number[][] = [];
  // dot[p][q] = u1[:, p] · u2[:, q]; φ(i, j) sums the squares of the top-left i x j block.
  const dot = Array.from({ length: u1.cols }, (_, p) =>
    Array.from({ length: u2.cols }, (_, q) => {
      let s = 0;
      for (let x = 0; x < d; x++) s += u1.u[x * u1.cols + p] * u2.u[x * u2.cols + q];
      return s;
    }),
  );
  for (let i = 1; i <= u1.cols; i++) {
    const row: number[] = [];
    for (let j = 1; j <= u2.cols; j++) {
      let s = 0;
      for (let p = 0; p < i; p++) for (let q = 0; q < j; q++) s += dot[p][q] ** 2;
      row.push(s / Math.min(i, j));
    }
    out.push(row);
  }
  return out;
}

function inputDirections(adapter: LoraAdapter, target: string): { u: Float64Array; rows: number; cols: number } {
  const t = adapter.targets.find((x) => x.name === target);
  if (!t) throw new Error(`adapter r = ${adapter.rank} has no target ${target}`);
  const a = adapter.a[target].dataSync(); // [in, r]
  const r = svd(a, t.inDim, adapter.rank);
  return { u: r.u, rows: t.inDim, cols: adapter.rank };
}

export interface Table7Row {
  target: string;
  rank: number;
  /** ‖Uᵀ W Vᵀ‖_F with U, V the top-r singular directions of ΔW, of W, and of a seeded random matrix. */
  projection: { deltaW: number; w: number; random: number };
  normW: number;
  normDeltaW: number;
  /** ‖ΔW‖_F / ‖Uᵀ W Vᵀ‖_F (U, V from ΔW): how much ΔW amplifies the directions it shares with W. */
  amplification: number;
}

/** The paper's Table 7 for one target of `adapter` on `model` (the base, unmerged). */
export function compareWithBase(model: LanguageModel, adapter: LoraAdapter, target: string, seed = 1): Table7Row {
  const t = adapter.targets.find((x) => x.name === target)!;
  const [m, n, r] = [t.inDim, t.outDim, adapter.rank];
  const w = targetWeight(model, adapter, target);
  const delta = adapter.delta(target);
  const top = (mat: ArrayLike<number>) => svd(mat, m, n);
  const dW = top(delta),
    wS = top(w);
  const rng = mulberry32(seed);
  const rand = top(Float64Array.from({ length: m * n }, () => randn(rng)));
  const fro = (x: ArrayLike<number>) => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0));
  // Uᵀ W V for U [m, k] and V [n, k], top r columns: an r x r matrix; its Frobenius norm.
  const project = (d: typeof dW) => {
    let s2 = 0;
    for (let p = 0; p < r; p++)
      for (let q = 0; q < r; q++) {
        let s = 0;
        for (let i = 0; i < m; i++) {
          const ui = d.u[i * d.k + p];
          if (ui === 0) continue;
          for (let j = 0; j < n; j++) s += ui * w[i * n + j] * d.v[j * d.k + q];
        }
        s2 += s * s;
      }
    return Math.sqrt(s2);
  };
  const projection = { deltaW: project(dW), w: project(wS), random: project(rand) };
  const normDeltaW = fro(delta);
  return { target, rank: r, projection, normW: fro(w), normDeltaW, amplification: normDeltaW / projection.deltaW };
}
