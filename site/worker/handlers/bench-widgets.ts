// `bench.widgets`: how long the model-backed widgets' own requests take on the worker's backend, each with the
// widget's defaults (the page passes BatchUnion's), for `npm run bench` and the /bench/ page. Each timing calls the
// handler the widget calls. BatchUnion's first request also profiles the text, as on the lesson page, so it is timed
// cold, like a reader's first run.
import type { BatchSettings } from '../../../lib/sparsity/batch-split.ts';
import { defineHandler, type BackendInfo } from '../protocol.ts';
import { batchMeasure } from './batch-measure.ts';
import { sparsityTracePrompt } from './sparsity-trace-prompt.ts';
import { genNext, genStart, genStop } from './generate.ts';
import type { Registered } from './index.ts';

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
const TEXT = (
  'Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse, and nothing ' +
  'particular to interest me on shore, I thought I would sail about a little and see the watery part of the world. '
).repeat(40);

export const benchWidgets = defineHandler(async (p: { batch: BatchSettings }, ctx): Promise<BenchWidgetsResult> => {
  const timings: WidgetTiming[] = [];
  const time = async (widget: string, run: () => Promise<unknown> | unknown) => {
    ctx.progress(ctx.text.timingOn(widget, ctx.backend.name));
    const t = performance.now();
    await run();
    timings.push({ widget, ms: performance.now() - t });
  };
  await time('ModelPlayground: Generate 60 tokens (draft-v1)', async () => {
    const s = await genStart({ model: 'draft-v1', prompt: 'Call me Ishmael.', temperature: 0, topK: 0, seed: 1 }, ctx);
    for (let i = 0; i < 4; i++) await genNext({ session: s.session, count: 15 }, ctx); // 60 tokens, as the page asks in steps
    await genStop({ session: s.session }, ctx);
  });
  await time('NeuronHeatmap: 64 tokens (target-v1)', () =>
    sparsityTracePrompt({ model: 'target-v1', text: TEXT, maxTokens: 64 }, ctx),
  );
  await time(`BatchUnion: profile, then B = ${p.batch.batch} for ${p.batch.steps} steps (target-v1)`, () =>
    batchMeasure({ text: TEXT, prompt: 'Call me Ishmael.', ...p.batch }, ctx),
  );
  return { backend: ctx.backend, timings };
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'bench.widgets': benchWidgets };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
