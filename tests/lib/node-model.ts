// Test helpers: load the committed models from public/models in Node, or build a small random one.
import { LanguageModel } from '../../lib/model.ts';
import { Tokenizer } from '../../lib/tokenizer.ts';
import { initWeights } from '../../lib/init.ts';
import type { GPTConfig } from '../../lib/config.ts';

// Reading the committed models is shared with the scripts (node/model-files.ts).
export { MODELS_DIR, readFromDisk, loadCommitted } from '../../node/model-files.ts';

/** A tiny random model over a byte-only vocabulary, for equivalence tests that need no training. */
export function randomModel(overrides: Partial<GPTConfig> = {}, seed = 1): LanguageModel {
  const cfg: GPTConfig = { vocabSize: 256, blockSize: 32, nLayer: 2, nHead: 2, nEmbd: 16, nFfn: 64, ...overrides };
  const weights = initWeights(cfg, seed);
  // Larger weights than training's init, so attention and ReLU patterns are far from uniform.
  for (const [name, w] of Object.entries(weights))
    if (name.endsWith('.weight') && !name.includes('ln')) for (let i = 0; i < w.length; i++) w[i] *= 10;
  return new LanguageModel(cfg, new Tokenizer({ type: 'byte-bpe', merges: [] }), weights, 'random');
}
