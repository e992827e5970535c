// Lesson 9 (everything at once): the answers of the lesson's exercises, computed at build time from lib/ (the flash
// layout, lesson 8's tree shapes, lib/capstone's fidelity rule). tests/widgets/lessons/exercises.test.ts checks each
// one independently.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capstoneFidelity } from '../../lib/capstone/loss.ts';
import { FFNS, PLAIN_FROM_FLASH } from '../../lib/capstone/options.ts';
import { ffnLayout } from '../../lib/flash/layout.ts';
import { expansionNodes } from '../../lib/speculative/tree-shape.ts';

/** target-v1's shape, from its committed config (the project root: this module also runs from the built bundle). */
export const config = JSON.parse(
  readFileSync(join(process.cwd(), 'public', 'models', 'target-v1', 'config.json'), 'utf8'),
) as { nLayer: number; nEmbd: number; nFfn: number };

/** Bytes of one bundled neuron (up column + down row) in the store, fp32 and int4 codes. */
const neuron = (bits: 32 | 4) => ffnLayout('bundled', config, 0, bits).neuronBytes;
export const neuronBytes = { fp32: neuron(32), int4: neuron(4), answer: neuron(4) };

/** Rows of one verification pass of the tree ⟨2,2,1⟩: the root (the last accepted token) and every guess. */
export const treeRows = { widths: [2, 2, 1], answer: 1 + expansionNodes([2, 2, 1]) };

/** The FFN switch that reads fewer neurons than dense and still promises the plain model's greedy text. */
export const sameTextSparse = {
  answer: FFNS.filter((ffn) => ffn !== 'dense' && capstoneFidelity({ ...PLAIN_FROM_FLASH, ffn }) === 'same text'),
};
