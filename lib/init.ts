// Fresh parameters for training, as in GPT-2: normal(0, 0.02) weights, residual projections scaled down by
// sqrt(2 * nLayer), zero biases, unit LayerNorm gains. Drawn from a seeded generator, so every run starts alike.
import { parameterShapes, type GPTConfig } from './config.ts';
import { mulberry32, randn } from './random.ts';

export function initWeights(cfg: GPTConfig, seed: number): Record<string, Float32Array> {
  const rng = mulberry32(seed);
  const out: Record<string, Float32Array> = {};
  for (const [name, shape] of parameterShapes(cfg)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (name.includes('.ln_') || name.startsWith('ln_f')) {
      if (name.endsWith('.weight')) data.fill(1);
    } else if (name.endsWith('.weight')) {
      const residual = name.endsWith('attn.proj.weight') || name.endsWith('mlp.down.weight');
      const std = residual ? 0.02 / Math.sqrt(2 * cfg.nLayer) : 0.02;
      for (let i = 0; i < data.length; i++) data[i] = std * randn(rng);
    }
    out[name] = data;
  }
  return out;
}
