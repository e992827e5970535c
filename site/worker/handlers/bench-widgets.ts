// `bench.widgets`: how long the model-backed widgets' own requests take on the worker's backend, run with each
// widget's defaults, for `npm run bench` and the /bench/ page. Each timing calls the same handler the widget calls.
// BatchUnion's first request also profiles the text (as on the lesson page), so it is timed cold, like a reader's.
import { defineHandler, type BackendInfo } from '../protocol.ts';
import { phoneBatch } from './phone-batch.ts';
import { sparsityHeatmap } from './sparsity-heatmap.ts';
import { genNext, genStart, genStop } from './generate.ts';
import { BATCH_DEFAULTS } from '../../widgets/batch-union-model.ts';

export interface WidgetTiming {
  /** The widget and what it asked for. */
  widget: string;
  ms: number;
}

export interface BenchWidgetsResult {
  backend: BackendInfo;
  timings: WidgetTiming[];
}

// The text the timings read: the opening of Moby Dick (public domain), repeated to the length the profile reads.
const TEXT = ('Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse, and nothing ' +
  'particular to interest me on shore, I thought I would sail about a little and see the watery part of the world. ').repeat(40);

export const benchWidgets = defineHandler(async (_p: Record<string, never>, ctx): Promise<BenchWidgetsResult> => {
  const timings: WidgetTiming[] = [];
  const time = async (widget: string, run: () => Promise<unknown> | unknown) => {
    ctx.progress(`Timing ${widget} on ${ctx.backend.name}…`);
    const t = performance.now();
    await run();
    timings.push({ widget, ms: performance.now() - t });
  };
  await time('ModelPlayground: Generate 60 tokens (draft-v1)', async () => {
    const s = await genStart({ model: 'draft-v1', prompt: 'Call me Ishmael.', temperature: 0, topK: 0, seed: 1 }, ctx);
    for (let i = 0; i < 4; i++) await genNext({ session: s.session, count: 15 }, ctx); // 60 tokens, as the page asks in steps
    await genStop({ session: s.session }, ctx);
  });
  await time('NeuronHeatmap: 64 tokens (target-v1)', () => sparsityHeatmap({ model: 'target-v1', text: TEXT, maxTokens: 64 }, ctx));
  await time(`BatchUnion: profile, then B = ${BATCH_DEFAULTS.batch} for ${BATCH_DEFAULTS.steps} steps (target-v1)`, () =>
    phoneBatch({ text: TEXT, prompt: 'Call me Ishmael.', ...BATCH_DEFAULTS }, ctx),
  );
  return { backend: ctx.backend, timings };
});
