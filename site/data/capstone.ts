// Build time only (Node): lesson 9's ladder and union sweep, measured with lib/capstone on this machine (the same
// calls as scripts/bench-capstone.ts, fewer shapes). Flash in Node is a file the OS page cache holds, so reads cost
// almost nothing here: the lesson says so beside the figures. Kept across builds on disk (site/data/disk-cache.ts),
// keyed by the models' files, the prompt and the code that measures.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  allSwitchesBelowSpeculation,
  CapstoneStores,
  capstoneLadder,
  LADDER_DEFAULTS,
  type RunFigures,
  runFigures,
  unionSweep,
} from '../../lib/capstone/index.ts';
import { INT4_MODEL, loadCapstoneModels } from '../../lib/capstone/models.ts';
import { fileFlash } from '../../node/capstone-models.ts';
import { readFromDisk } from '../../node/model-files.ts';
import { diskCache, fingerprint } from './disk-cache.ts';

export const CAPSTONE_PROMPT = LADDER_DEFAULTS.prompt;
export const CAPSTONE_TOKENS = LADDER_DEFAULTS.tokens;
/** The shapes of the ladder's last two rungs, and the shapes of the union sweep (all other switches on). */
export const LADDER_SHAPES = { chain: LADDER_DEFAULTS.chain, tree: LADDER_DEFAULTS.tree };
export const UNION_SHAPES = ['plain', 'chain 2', 'chain 4', '2,1', '2,2,1', '3,2,1'];
export type { RunFigures };

export interface CapstoneMeasurements {
  prompt: string;
  tokens: number;
  /** Runs per combination (the fastest is kept, after one warm-up run). */
  repeats: number;
  /** The machine's 1-minute load average when the measuring began, and its core count. */
  loadAverage: number;
  cores: number;
  rungs: { id: string; label: string; run: RunFigures; stepGain: number; aloneGain: number }[];
  whole: number;
  productAlone: number;
  union: { shape: string; rowsPerPass: number; neuronsPerRow: number; neuronsPerPass: number; run: RunFigures }[];
  bestShape: string;
  nFfn: number;
}

const figures = runFigures;

const store = diskCache('capstone', () =>
  fingerprint({
    files: [
      'public/models/target-v1',
      `public/models/${INT4_MODEL}`,
      'public/models/draft-v1',
      'public/models/predictor-v1',
      'site/data/capstone.ts',
      'lib/capstone',
      'lib/flash',
      'lib/engine',
      'lib/speculative',
    ],
    texts: [CAPSTONE_PROMPT, JSON.stringify({ LADDER_SHAPES, UNION_SHAPES, CAPSTONE_TOKENS })],
  }),
);

/** The ladder and the union sweep, measured once (then read from the disk cache until an input changes). */
export function capstoneMeasurements(): Promise<CapstoneMeasurements> {
  return store.once('measurements', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capstone-build-'));
    // From the project root, as measured.ts does: import.meta.url points into the bundle when the site is built.
    const models = await loadCapstoneModels(join(process.cwd(), 'public', 'models'), readFromDisk);
    const stores = new CapstoneStores(fileFlash(dir));
    try {
      const repeats = LADDER_DEFAULTS.repeats;
      const loadAverage = loadavg()[0];
      const m = { prompt: CAPSTONE_PROMPT, maxNewTokens: CAPSTONE_TOKENS, repeats };
      const ladder = capstoneLadder(models, stores, { ...m, ...LADDER_SHAPES });
      const sweep = unionSweep(models, stores, UNION_SHAPES, allSwitchesBelowSpeculation(), m);
      return {
        prompt: CAPSTONE_PROMPT,
        tokens: CAPSTONE_TOKENS,
        repeats,
        loadAverage,
        cores: cpus().length,
        rungs: ladder.rungs.map((r) => ({
          id: r.id,
          label: r.label,
          run: figures(r.run),
          stepGain: r.stepGain,
          aloneGain: r.aloneGain,
        })),
        whole: ladder.whole,
        productAlone: ladder.productAlone,
        union: sweep.points.map((p) => ({ shape: p.shape, ...p.run.union, run: figures(p.run) })),
        bestShape: sweep.best.shape,
        nFfn: models.targets.fp32!.engine.config.nFfn,
      };
    } finally {
      stores.close();
      models.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
