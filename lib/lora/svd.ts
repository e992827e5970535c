// Singular value decomposition of a small dense matrix by one-sided Jacobi rotations (Hestenes 1958): rotate pairs
// of columns until all are orthogonal; their norms are then the singular values. Exact to float64 rounding and
// plenty fast for the matrices LoRA analysis needs here (at most a few hundred rows, a few hundred columns).

export interface SVD {
  /** Left singular vectors, [m, k] row-major, k = min(m, n), ordered by singular value (largest first). */
  u: Float64Array;
  /** Singular values, descending. */
  s: Float64Array;
  /** Right singular vectors, [n, k] row-major, same order. */
  v: Float64Array;
  m: number;
  n: number;
  k: number;
}

/** SVD of the [m, n] row-major matrix `a`: a = u diag(s) vᵀ. */
export function svd(a: ArrayLike<number>, m: number, n: number): SVD {
  if (a.length !== m * n) throw new Error(`svd: expected ${m * n} values for [${m}, ${n}], got ${a.length}`);
  if (m < n) {
    // Work on the transpose, then swap the roles of u and v.
    const t = new Float64Array(n * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = a[i * n + j];
    const r = svd(t, n, m);
    return { u: r.v, s: r.s, v: r.u, m, n, k: r.k };
  }
  // Columns of w (m x n) are rotated in place; vm (n x n) accumulates the rotations.
  const w = Float64Array.from(a);
  const vm = new Float64Array(n * n);
  for (let i = 0; i < n; i++) vm[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0,
          beta = 0,
          gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = w[i * n + p],
            y = w[i * n + q];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta) || gamma === 0) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t),
          s = c * t;
        for (let i = 0; i < m; i++) {
          const x = w[i * n + p],
            y = w[i * n + q];
          w[i * n + p] = c * x - s * y;
          w[i * n + q] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = vm[i * n + p],
            y = vm[i * n + q];
          vm[i * n + p] = c * x - s * y;
          vm[i * n + q] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const norms = Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += w[i * n + j] ** 2;
    return Math.sqrt(s);
  });
  const order = [...norms.keys()].sort((x, y) => norms[y] - norms[x]);
  const k = n;
  const u = new Float64Array(m * k),
    v = new Float64Array(n * k),
    s = new Float64Array(k);
  order.forEach((j, c) => {
    s[c] = norms[j];
    for (let i = 0; i < m; i++) u[i * k + c] = norms[j] > 0 ? w[i * n + j] / norms[j] : 0;
    for (let i = 0; i < n; i++) v[i * k + c] = vm[i * n + j];
  });
  return { u, s, v, m, n, k };
}
