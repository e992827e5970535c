// What the shipped adapters learned (Hu et al., arXiv 2106.09685 v2, §7), measured on target-v1 and written to
// public/models/lora-sotu-v1/analysis.json for the lesson's static figures:
// singular values of every ΔW, the Eq. 4 subspace similarity of each rank against r = 8, and Table 7 per layer.
//   npm exec -- node scripts/lora-analysis.ts
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../lib/load.ts';
import { AdapterSet, deltaSingularValues, subspaceSimilarity, compareWithBase } from '../lib/lora/index.ts';

const DIR = 'public/models/lora-sotu-v1';
await tf.setBackend('cpu');
const fetchFile = async (path: string) => {
  const b = readFileSync(path);
  return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
};
const model = await loadModel('public/models/target-v1', { fetchFile, name: 'target-v1' });
const card = JSON.parse(readFileSync(join(DIR, 'card.json'), 'utf8'));
const set = new AdapterSet(model);
const ranks: number[] = card.runs
  .filter((r: { kind: string }) => r.kind === 'lora')
  .map((r: { rank: number }) => r.rank);
for (const r of ranks) set.load(`r${r}`, readFileSync(join(DIR, `r${r}.lora`)));
const targets = set.get(`r${ranks[0]}`).spec.targets;
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const top = Math.max(...ranks);

const analysis = {
  source: 'scripts/lora-analysis.ts',
  base: card.base,
  targets,
  singularValues: Object.fromEntries(
    ranks.map((r) => [
      `r${r}`,
      Object.fromEntries(
        targets.map((t: string) => [t, deltaSingularValues(set.get(`r${r}`), t).map((x) => round(x, 5))]),
      ),
    ]),
  ),
  // φ(i, j) between each smaller rank's A and the largest rank's A, per target: [r][top].
  subspace: Object.fromEntries(
    ranks
      .filter((r) => r !== top)
      .map((r) => [
        `r${r}-r${top}`,
        Object.fromEntries(
          targets.map((t: string) => [
            t,
            subspaceSimilarity(set.get(`r${r}`), set.get(`r${top}`), t).map((row) => row.map((x) => round(x))),
          ]),
        ),
      ]),
  ),
  table7: Object.fromEntries(
    ranks.map((r) => [
      `r${r}`,
      targets.map((t: string) => {
        const row = compareWithBase(model, set.get(`r${r}`), t);
        return {
          target: t,
          projection: {
            deltaW: round(row.projection.deltaW),
            w: round(row.projection.w),
            random: round(row.projection.random),
          },
          normW: round(row.normW),
          normDeltaW: round(row.normDeltaW),
          amplification: round(row.amplification, 2),
        };
      }),
    ]),
  ),
};
set.dispose();
model.dispose();
writeFileSync(join(DIR, 'analysis.json'), JSON.stringify(analysis, null, 1) + '\n');
console.log(`wrote ${DIR}/analysis.json`);
