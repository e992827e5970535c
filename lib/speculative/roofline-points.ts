// The roofline's decode points: target passes timed on each engine, the one-token step of plain decoding and the
// tree-verification pass of speculative decoding, each with its arithmetic intensity (lib/engine/intensity.ts) and
// FLOP rate. lib/engine/roofline.ts measures the roofs they sit under; the worker's roofline.measure and
// scripts/bench-engine.ts call both. Here rather than in lib/engine because it drives speculative's runners.
import type { GPTConfig } from '../config.ts';
import { LeanEngine } from '../engine/engine.ts';
import { INT4, type PassShape, passBytes, passFlops, type WeightFormat } from '../engine/intensity.ts';
import { simdSupported } from '../engine/kernels.ts';
import { bestOfThree, int4Linears } from '../engine/roofline.ts';
import type { LanguageModel } from '../model.ts';
import { timePerCall } from '../timing.ts';
import { TfjsRunner, type TreeRunner } from './runner.ts';
import { addChild, rootTree, treeMask, treePositions } from './token-tree.ts';

/** A decode pass measured on the roofline: its shape, what ran it, its arithmetic intensity and its FLOP rate. */
export interface RooflinePoint extends PassShape {
  /** What ran the pass ('tfjs', 'lean js', 'lean simd'). */
  engine: string;
  flops: number;
  bytes: number;
  /** FLOP per byte (arithmeticIntensity). */
  intensity: number;
  msPerPass: number;
  /** FLOP rate reached: flops / msPerPass, in GFLOP/s. */
  gflops: number;
}

/** Positions a measurement decodes through before it rolls the cache back to the prompt. */
const WINDOW = 32;

/** A token tree of `n` nodes, each node's parent at (i − 1) / 2: the shape of a tree-verification pass. */
function binaryTree(n: number): ReturnType<typeof rootTree> {
  const tree = rootTree(1);
  for (let i = 1; i < n; i++) addChild(tree, (i - 1) >> 1, (7 * i) % 256, 1);
  return tree;
}

/**
 * Times passes of `tokens` new tokens (one token, or a tree of that many nodes with its mask) after a prompt of
 * `context` positions, on any runner with a KV cache: passes follow one another through a window of 32 positions,
 * then the cache is cut back to the prompt. The point's context is the mean context of the timed passes.
 */
export function measurePass(
  runner: TreeRunner,
  cfg: GPTConfig,
  engine: string,
  shape: PassShape,
  opts: { ms?: number; now?: () => number } = {},
): RooflinePoint {
  const { tokens, context, weights } = shape;
  if (!(Number.isInteger(tokens) && tokens >= 1 && tokens <= WINDOW))
    throw new Error(`measurePass: tokens must be an integer in 1..${WINDOW}, got ${tokens}`);
  if (!(Number.isInteger(context) && context >= 1 && context + WINDOW + tokens <= cfg.blockSize))
    throw new Error(`measurePass: context must leave ${WINDOW + tokens} of the ${cfg.blockSize} positions free`);
  const prompt = Array.from({ length: context }, (_, i) => (3 * i + 1) % cfg.vocabSize);
  const prefix = prompt.map((_, i) => i);
  const tree = tokens > 1 ? binaryTree(tokens) : null;
  const ids = tree ? tree.nodes.map((n) => n.token) : [1];
  runner.reset();
  runner.run(prompt);
  const pass = () => {
    if (runner.length + tokens > context + WINDOW) runner.keep(prefix);
    const past = runner.length;
    runner.run(ids, tree ? { mask: treeMask(tree, past), positions: treePositions(tree, past) } : {});
  };
  const msPerPass = timePerCall(pass, bestOfThree(opts.ms ?? 300, opts.now ?? (() => performance.now())));
  const passes = Math.floor(WINDOW / tokens);
  const meanContext = Math.round(context + ((passes - 1) * tokens) / 2);
  const measured = { tokens, context: meanContext, weights };
  const flops = passFlops(cfg, measured),
    bytes = passBytes(cfg, measured);
  return { ...measured, engine, flops, bytes, intensity: flops / bytes, msPerPass, gflops: flops / msPerPass / 1e6 };
}

export interface DecodePointsOptions {
  /** Nodes of the tree-verification pass (default 8). */
  treeTokens?: number;
  /** Cached positions before the timed passes (default 64: half of our models' context). */
  context?: number;
  /** Milliseconds of timing per point (default 300). */
  msPerPoint?: number;
  now?: () => number;
  onProgress?: (message: string, fraction: number) => void;
}

/**
 * The roofline's decode points for `model`: tfjs (its own forward and KV cache), the lean engine on plain-JS and on
 * SIMD kernels (where WebAssembly SIMD exists), each with fp32 and packed int4 weights (tfjs has no packed kernel, so
 * fp32 only), each for one token and for a tree pass. Same model, same passes: only the engine and the bytes differ.
 */
export function measureDecodePoints(model: LanguageModel, opts: DecodePointsOptions = {}): RooflinePoint[] {
  const cfg = model.config,
    weights = model.exportWeights();
  const context = opts.context ?? 64,
    tree = opts.treeTokens ?? 8;
  const runners: { engine: string; format: WeightFormat; make: () => TreeRunner }[] = [
    { engine: 'tfjs', format: { bits: 32 }, make: () => new TfjsRunner(model) },
  ];
  const int4 = int4Linears(cfg, weights);
  for (const kernels of simdSupported() ? (['js', 'simd'] as const) : (['js'] as const))
    for (const format of [{ bits: 32 } as const, INT4])
      runners.push({
        engine: `lean ${kernels}`,
        format,
        make: () => new LeanEngine(cfg, weights, { kernels, quantized: format.bits === 4 ? int4 : undefined }),
      });
  const points: RooflinePoint[] = [];
  const total = 2 * runners.length;
  for (const { engine, format, make } of runners) {
    const runner = make();
    try {
      for (const tokens of [1, tree]) {
        const what = `${engine}, ${format.bits === 32 ? 'fp32' : 'int4'}, ${tokens === 1 ? 'one token' : `a tree of ${tokens}`}`;
        opts.onProgress?.(`Timing ${what}…`, points.length / total);
        points.push(
          measurePass(
            runner,
            cfg,
            engine,
            { tokens, context, weights: format },
            { ms: opts.msPerPoint, now: opts.now },
          ),
        );
      }
    } finally {
      runner.dispose();
    }
  }
  return points;
}
