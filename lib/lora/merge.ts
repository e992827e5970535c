// Merging (Hu et al., arXiv 2106.09685, §4.1): deploy W = W0 + ΔW as one matrix, so inference costs exactly what
// the base model costs; unmerge by subtracting ΔW again. In float32, (W0 + ΔW) − ΔW is W0 only to within rounding
// (about one unit in the last place of each weight), not bit for bit; tests/lib/lora measure it.
import type { LanguageModel } from '../model.ts';
import type { LoraAdapter } from './adapter.ts';

/** Adds sign · ΔW of every target into the model's weights (sign −1 unmerges). */
export function mergeAdapter(model: LanguageModel, adapter: LoraAdapter, sign: 1 | -1 = 1): void {
  const byLayer = new Map<string, typeof adapter.targets>();
  for (const t of adapter.targets) byLayer.set(t.layer, [...(byLayer.get(t.layer) ?? []), t]);
  for (const [layer, targets] of byLayer) {
    const { weight, shape } = model.getLinear(layer);
    const w = weight.slice(); // [in, out]
    const outAll = shape[1];
    for (const t of targets) {
      const d = adapter.delta(t.name); // [in, t.outDim]
      for (let i = 0; i < t.inDim; i++)
        for (let j = 0; j < t.outDim; j++) w[i * outAll + t.column + j] += sign * d[i * t.outDim + j];
    }
    model.setLinear(layer, w);
  }
}

export function unmergeAdapter(model: LanguageModel, adapter: LoraAdapter): void {
  mergeAdapter(model, adapter, -1);
}
