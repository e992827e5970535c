// Lesson 1 (three views of y = xW): the lesson's facts, typed. The running example is computed by lib/vecmat, the
// at-scale figures by VecMatScale's plan, and the real FFN case from the build-time PowerInfer measurements
// (site/data/measured.ts). Numbers stay numbers; the lesson formats them when it shows them.
import { arithmeticIntensity, bytesPerWeight, INT4, type PassShape, passBytes } from '../../lib/engine/intensity.ts';
import { columnsView, elementsView, rowsView } from '../../lib/vecmat.ts';
import { readCard } from '../../site/data/model-cards.ts';
import { powerInferMeasurements } from '../../site/data/measured.ts';
import { bytes, short } from '../../site/widgets/_kit/format.ts';
import { CONTEXT as ROOF_CONTEXT, perByte } from '../../site/widgets/roofline/model.ts';
import { BYTES_PER_WEIGHT, scalePlan } from '../../site/widgets/vecmat-scale/model.ts';

/** The running example: x has 3 entries, W is 3 × 6. */
export const x = [2, 0, 1];
export const W = [
  [1, 0, 2, -1, 3, 1],
  [4, 1, 0, 2, -2, 5],
  [0, 3, 1, 1, 1, -1],
];
/** The example's shape: x's entries (W's rows, the inputs) and W's columns (y's entries, the outputs). */
export const inputs = x.length;
export const outputs = W[0].length;
export const grid = elementsView(x, W);
export const rows = rowsView(x, W);
/** The columns view with y₄ (index 3) marked as known zero. */
export const cols = columnsView(x, W, { skipColumns: [3] });
/** The at-scale example: 4096 × 4096 with 90% zeros. */
export const big = scalePlan(4096, 4096, 0.9);

export const measured = await powerInferMeasurements();
/** One real FFN activation vector: the last token of the heatmap's prompt, in the middle layer of our model. */
export const ffnExample = measured
  ? (() => {
      const layer = measured.model.nLayer >> 1;
      const t = measured.heatmap.tokens.length - 1;
      const nFfn = measured.model.nFfn;
      const zeros = Math.round(measured.heatmap.zeroFraction[layer][t] * nFfn);
      /** One row of W_down in float32: nEmbd weights. */
      const rowBytes = measured.model.nEmbd * BYTES_PER_WEIGHT;
      return {
        layer,
        lastLayer: measured.model.nLayer - 1,
        nLayer: measured.model.nLayer,
        nFfn,
        zeros,
        token: measured.heatmap.tokens[t].text,
        prompt: measured.heatmap.prompt,
        model: measured.model.name,
        rowBytes,
        skippedBytes: zeros * rowBytes,
        layerBytes: nFfn * rowBytes,
      };
    })()
  : undefined;

/** The roofline section: target-v1's arithmetic intensity per pass at the Roofline widget's context. */
export const roofContext = ROOF_CONTEXT;
/** Tokens checked in one pass in the tree example (lesson 8's trees are about this size). */
export const treeTokens = 8;
const targetConfig = readCard('target-v1')!.config;
const pass = (tokens: number, weights: PassShape['weights']): PassShape => ({ tokens, context: ROOF_CONTEXT, weights });
export const roofFacts = {
  oneToken: perByte(arithmeticIntensity(targetConfig, pass(1, { bits: 32 }))),
  tree: perByte(arithmeticIntensity(targetConfig, pass(treeTokens, { bits: 32 }))),
  int4: perByte(arithmeticIntensity(targetConfig, pass(1, INT4))),
  int4Bytes: bytesPerWeight(INT4),
  passBytes: bytes(passBytes(targetConfig, pass(1, { bits: 32 }))),
};

// ---- Text through the kit's formatters ----
/** A number with a real minus sign: -1 → "−1". */
export const num = (v: number) => short(v);
/** A vector as "(2, −1, 3)". */
export const vec = (v: number[]) => `(${v.map(num).join(', ')})`;
