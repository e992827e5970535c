// The baseline a language model must beat: a bigram model, p(next | previous) from counts on the training split,
// interpolated with the unigram distribution. The mixing weight is picked on validation, which favours the baseline.

export function bigramBaseline(
  train: Int32Array,
  validation: Int32Array,
  V: number,
): { validationLoss: number; lambda: number } {
  const pair = new Float64Array(V * V),
    row = new Float64Array(V),
    uni = new Float64Array(V);
  for (let i = 0; i + 1 < train.length; i++) {
    pair[train[i] * V + train[i + 1]]++;
    row[train[i]]++;
  }
  for (const t of train) uni[t]++;
  const loss = (lambda: number) => {
    let nll = 0;
    for (let i = 0; i + 1 < validation.length; i++) {
      const a = validation[i],
        b = validation[i + 1];
      const pBi = row[a] > 0 ? pair[a * V + b] / row[a] : 0;
      const pUni = (uni[b] + 1) / (train.length + V);
      nll -= Math.log(lambda * pBi + (1 - lambda) * pUni);
    }
    return nll / (validation.length - 1);
  };
  let best = { validationLoss: Infinity, lambda: 0 };
  for (const lambda of [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99]) {
    const l = loss(lambda);
    if (l < best.validationLoss) best = { validationLoss: l, lambda };
  }
  return best;
}
