// Issue 19's rule, per widget: every number a widget shows comes from the inputs of its last computation, or is
// visibly marked stale (host data-stale, stale.ts) until the reader presses the button that updates it.
//
// One table drives every widget that has inputs. The markup is the widget's real shell (its .astro component,
// rendered by Astro's container API with its build-time data), so every id and part the element looks up is the
// page's own. The model worker is a fake that computes from its payload. For each control in the shell the test
// sets another valid value, lets the widget settle, and asks the row's `consistent` whether what is on screen is
// what the current inputs give; then it presses the widget's button, if it has one, and asks again.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterEach, beforeAll, describe, expect, it, test, vi } from 'vitest';
import flash from '../../site/data/flash.json';
import { checkProps, writeUrl, type Params, type WidgetSchema } from '../../site/widgets/_kit/params.ts';
import { bytes, count, percent, tokenChip } from '../../site/widgets/_kit/format.ts';
import { formatTreeShape, parseTreeShape } from '../../lib/speculative/tree-shape.ts';
import { mssAcceptProbability } from '../../lib/speculative/node-sampling.ts';
import type { StepView } from '../../lib/speculative/step-view.ts';
import { schema as samplingSchema } from '../../site/widgets/spec-sampling/params.ts';
import { schema as treeSchema } from '../../site/widgets/spec-tree/params.ts';
import { schema as raceSchema } from '../../site/widgets/spec-race/params.ts';
import { schema as stepperSchema } from '../../site/widgets/flash-stepper/params.ts';
import { schema as scheduleSchema } from '../../site/widgets/schedule-animator/params.ts';
import { ablationOf, buildMean, policyOf } from '../../site/widgets/flash-stepper/model.ts';
import { scheduleView } from '../../site/widgets/schedule-animator/model.ts';
import { text as scheduleText } from '../../site/widgets/schedule-animator/text.ts';
import { schema as compressionSchema } from '../../site/widgets/compression-loss/params.ts';
import { pick, type CompressionData } from '../../site/widgets/compression-loss/model.ts';
import { schema as policySchema } from '../../site/widgets/policy-solver/params.ts';
import { requestOf } from '../../site/widgets/policy-solver/model.ts';
import { tokensPerSecond } from '../../site/widgets/schedule-animator/rate.ts';
import { decimal } from '../../site/widgets/_kit/format.ts';
import results from '../../site/data/flexgen-results.json';
import * as shells from '../../site/widgets/index.ts';
import { schema as adaptersSchema } from '../../site/widgets/lora-adapters/params.ts';
import { schema as viewsSchema } from '../../site/widgets/vecmat-views/params.ts';
import { schema as heatmapSchema } from '../../site/widgets/neuron-heatmap/params.ts';
import { schema as alphaSchema } from '../../site/widgets/alpha-slider/params.ts';
import { schema as quantizeSchema } from '../../site/widgets/quantize-it/params.ts';
import { resultSentence } from '../../site/widgets/quantize-it/model.ts';
import type { MethodName, QuantModelName } from '../../lib/quant/index.ts';
import { schema as ganttSchema } from '../../site/widgets/pipeline-gantt/params.ts';
import { schema as predictorSchema } from '../../site/widgets/predictor-quality/params.ts';
import { schema as windowSchema } from '../../site/widgets/flash-window/params.ts';
import { matrixLevelSchedule } from '../../lib/sparsity/matrix-schedule.ts';
import { schedulePipeline } from '../../lib/sparsity/pipeline.ts';
import type { PipelineRun } from '../../lib/sparsity/token-pipeline.ts';
import { schema as loraRankSchema } from '../../site/widgets/lora-rank/params.ts';
import { schema as tradeoffSchema } from '../../site/widgets/tradeoff-curve/params.ts';
import { schema as ffnRaceSchema } from '../../site/widgets/ffn-race/params.ts';
import { schema as batchUnionSchema } from '../../site/widgets/batch-union/params.ts';
import { schema as vecmatScaleSchema } from '../../site/widgets/vecmat-scale/params.ts';
import { schema as flashStorageSchema } from '../../site/widgets/flash-storage/params.ts';
import { schema as hotColdSchema } from '../../site/widgets/hot-cold-curve/params.ts';
import { schema as int4RaceSchema } from '../../site/widgets/int4-race/params.ts';
import { schema as microscopeSchema } from '../../site/widgets/error-microscope/params.ts';
import { schema as cacheSimSchema } from '../../site/widgets/neuron-cache-sim/params.ts';
import { schema as spectrumSchema } from '../../site/widgets/lora-spectrum/params.ts';
import { schema as passesSchema } from '../../site/widgets/spec-passes/params.ts';
import { schema as rooflineSchema } from '../../site/widgets/roofline/params.ts';
import { schema as playgroundSchema } from '../../site/widgets/model-playground/params.ts';
import { schema as trainSchema } from '../../site/widgets/lora-train/params.ts';
import { schema as capstoneSchema } from '../../site/widgets/capstone-decoder/params.ts';
import { lossText, trainSummary, VOICE_SEEDS } from '../../site/widgets/lora-train/model.ts';
import { KINDS_OF, rankRows } from '../../site/widgets/lora-rank/model.ts';
import { optionsOf } from '../../site/widgets/capstone-decoder/model.ts';
import { text as capstoneText } from '../../site/widgets/capstone-decoder/text.ts';
import type { CapstoneStepResult } from '../../site/worker/handlers/capstone-run.ts';
import { SessionGoneError, stepCount } from '../../site/worker/sessions.ts';
import type { GeneratedToken } from '../../lib/generate.ts';
import { fakeBatchRun } from './worker/fake-client.ts';

// ---- the fake model worker: answers computed from the payload, every request logged ----
type Req = { type: string; payload: Record<string, unknown> };
const requests: Req[] = [];
let answer: (type: string, payload: Record<string, unknown>) => unknown = () => ({});
/** While set, the fake worker holds its answers: the view in the wait for them is checked too. */
let held: Promise<void> | undefined;
let releaseHeld = () => {};
function holdAnswers() {
  held = new Promise((r) => {
    releaseHeld = () => {
      held = undefined;
      r();
    };
  });
}
/** Requests the fake worker is answering (not those it holds): settle waits for them. */
let working = 0;
/** In an answer: wait for the test's gate, the request counted as held meanwhile (settle does not wait for it). */
async function behind(gate: Promise<void>) {
  working--;
  await gate;
  working++;
}
const fakeWorker = {
  request: async (type: string, payload: Record<string, unknown>) => {
    requests.push({ type, payload });
    if (held) await held;
    working++;
    try {
      await new Promise((r) => setTimeout(r, 0)); // the answer comes as a message does, in a later task
      return await answer(type, payload);
    } finally {
      working--;
    }
  },
  onStatus: () => () => {},
  ready: Promise.resolve({ name: 'cpu', reason: 'the first backend that started', skipped: [] }),
};
vi.mock('../../site/worker/client.ts', () => ({ modelWorker: () => fakeWorker, backendUrlNote: () => undefined }));

// ---- the real shells, rendered once per widget ----
type ShellName = keyof typeof shells;
/** Every widget of site/widgets/index.ts by name. */
const SHELLS = new Map(Object.entries(shells));
let container: Promise<AstroContainer> | undefined;
const rendered = new Map<string, Promise<string>>();

/** The HTML of a widget's shell as a page has it (build-time data included), rendered once per run. */
function shellHtml(row: Row): Promise<string> {
  let html = rendered.get(row.name);
  if (!html) {
    container ??= AstroContainer.create();
    html = container.then((c) => c.renderToString(SHELLS.get(row.name)!, { props: row.props ?? {} }));
    rendered.set(row.name, html);
  }
  return html;
}

// ---- fakes that compute from their inputs ----
/** A node's distributions: logits fixed by the prompt's length, softened by the temperature. */
function nodeDists(prompt: string, temperature: number) {
  const logits = Array.from({ length: 12 }, (_, i) => Math.sin(i * 1.7 + prompt.length) * 3);
  const soft = (t: number, shift: number) => {
    const e = logits.map((l, i) => Math.exp((l + shift * Math.cos(i)) / t));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  };
  return { p: soft(temperature, 0), q: soft(temperature, 1.5), texts: logits.map((_, i) => `t${i}`) };
}
const treeStep: StepView = {
  nodes: [
    { token: 1, text: ' the', parent: -1, depth: 0, q: 1, targetChoice: ' sea', accepted: true },
    { token: 2, text: ' sea', parent: 0, depth: 1, q: 0.4, targetChoice: '.', accepted: true },
  ],
  accepted: [0, 1],
  mask: [
    [1, 0],
    [1, 1],
  ],
  emitted: [
    { id: 2, text: ' sea' },
    { id: 4, text: '.' },
  ],
  bonus: true,
  targetMs: 2,
  draftMs: 1,
};
/** Bytes the fake flash session reads per token: a function of the policy, so a stale figure shows. */
const fakeFlashBytes = (policy: Record<string, unknown>) =>
  1000 * (policy.select === 'all' ? 8 : policy.select === 'exact' ? 2 : 3) +
  10 * Number(policy.windowK) +
  (policy.layout === 'bundled' ? 1 : 0) +
  100 * Number(policy.resident);

const ablation = ablationOf(flash);

const last = (type: string) => [...requests].reverse().find((r) => r.type === type)?.payload;
const out = (el: Element, name: string) => el.querySelector(`[data-out="${name}"]`)!.textContent ?? '';
const notes = (el: Element) => el.querySelector('[data-notes]')!.textContent ?? '';
const isStale = (el: HTMLElement) => el.dataset.stale === 'true';

interface Row {
  /** The widget's name in site/widgets/index.ts: its real shell. */
  name: ShellName;
  schema: WidgetSchema<Params>;
  /** Props for the shell (none: the defaults a lesson gets). */
  props?: Record<string, unknown>;
  load: () => Promise<unknown>;
  answer: (type: string, payload: Record<string, unknown>) => unknown;
  /** Another valid value for each param (a text param needs one; the others are derived from the schema). */
  texts: Record<string, string>;
  /** Ms after the reader's last change that the widget announces its aria-live summary (not on every keystroke). */
  summaryAfterPause?: number;
  /** Ms the widget waits after a change before it re-runs on its own (its debounce), when it has no button: the
   *  settled check waits that long, or it would only ever see the stale mark. */
  rerunAfter?: number;
  /** The widget replaces its figures with a "computing" line while the worker works (no stale mark needed). */
  clearsWhileComputing?: boolean;
  /** The button that brings the figures up to date (clicked after each change). */
  button?: string;
  /** True when what is on screen is what the current inputs give (or is visibly marked stale or pending). */
  consistent: (el: HTMLElement, values: Record<string, unknown>) => boolean | Promise<boolean>;
}

/** What a reader reads in a widget: its outputs, summary and sections (not its controls or progress line). */
const view = (el: Element) =>
  [
    ...el.querySelectorAll(
      `[data-out], ${summaryPending ? '' : '[data-summary], '}[data-cell], [data-caption], [data-table], section, [data-chart]`,
    ),
  ]
    .map((e) => e.textContent)
    .join(' | ');

/** Set while a row's aria-live summary may still wait for the reader's pause (`summaryAfterPause`). */
let summaryPending = false;

/** Whether the last checked view of each row differed from its first: a row whose view never moves tests nothing. */
const moved = new Map<string, boolean>();
/** Whether the row's button has been pressed in this test: a fresh copy is then pressed too. */
let pressed = false;

/**
 * For widgets with no figure of their own to recompute here: the view must equal that of a fresh copy opened on the
 * same values (the URL the widget writes), its button pressed if this one's was, unless it is marked stale. While the
 * worker's answers are held, the copy's answered view is the reference (a widget may redraw at once from answers it
 * already has), or for a widget that clears its figures while it computes, the copy's waiting view.
 */
const sameAsFresh =
  (name: string) =>
  async (el: HTMLElement): Promise<boolean> => {
    if (isStale(el)) return true;
    // What the reader sees now, before the copy below settles (meanwhile a debounced re-run may have landed).
    const mine = view(el);
    const row = rows.find((r) => r.name === name)!;
    // The copy reads the values from the URL (the widget's own writer is throttled, so write it here): every value,
    // defaults too, since a widget may treat a value the URL sets apart from one it chose (AlphaSlider's α).
    const before = location.search;
    const c = checkProps(row.schema, row.props ?? {});
    const values = (el as HTMLElement & { values: never }).values;
    history.replaceState(null, '', `/${writeUrl(row.schema, c.key, values, {} as never, '')}`);
    const box = document.createElement('div');
    box.innerHTML = await shellHtml(row);
    document.body.append(box);
    await settle();
    if (row.summaryAfterPause && !summaryPending) await pauseFor(row.summaryAfterPause);
    history.replaceState(null, '', `/${before}`);
    const copy = box.querySelector<HTMLElement>(row.schema.tag)!;
    if (pressed && row.button) {
      copy.querySelector<HTMLButtonElement>(row.button)!.click();
      await settle();
      await settle();
    }
    let theirs = view(copy);
    // A copy still waiting for its answers counts only for a widget that clears its figures while it computes
    // (otherwise it may show the shell's build-time figures, for other values), and only if it is not marked stale.
    let same = mine === theirs && !isStale(copy) && (!held || row.clearsWhileComputing === true);
    if (!same && held) {
      releaseHeld();
      await settle();
      await settle();
      theirs = view(copy);
      same = mine === theirs;
    }
    box.remove();
    const first = firstView.get(name);
    if (first === undefined) firstView.set(name, mine);
    else if (first !== mine) moved.set(name, true);
    if (process.env.DEBUG_STALE) console.error(`${name} now: ${mine}`);
    if (!same) console.error(`${name}:\n mine:  ${mine}\n fresh: ${theirs}`);
    return same;
  };
const firstView = new Map<string, string>();

const rows: Row[] = [
  {
    name: 'SpecSampling',
    schema: samplingSchema,
    load: () => import('../../site/widgets/spec-sampling/element.ts'),
    answer: (type, p) => {
      const d = nodeDists(String(p.prompt), Number(p.temperature));
      if (type === 'spec.node') return d;
      const exact = mssAcceptProbability(d.p, d.q, Number(p.children));
      return {
        runs: Number(p.runs),
        counts: d.p.map((x) => Math.round(x * Number(p.runs))),
        mssAccept: exact,
        naiveAccept: 0.1,
        mssAcceptExact: exact,
        naiveAcceptExact: 0.1,
      };
    },
    texts: { prompt: 'The whale' },
    button: '[data-action="run"]',
    consistent: (el, v) => {
      if (isStale(el)) return true;
      const d = nodeDists(String(v.prompt), Number(v.temperature));
      const exact = percent(mssAcceptProbability(d.p, d.q, Number(v.children)));
      const box = out(el, 'mss');
      return box === exact || box.endsWith(`(exactly ${exact})`);
    },
  },
  {
    name: 'SpecTree',
    schema: treeSchema,
    load: () => import('../../site/widgets/spec-tree/element.ts'),
    answer: (type) => (type === 'spec.start' ? { session: requests.length } : [treeStep]), // spec.next: its steps
    texts: { prompt: 'The whale', shape: 'chain 6' },
    button: '[data-action="restart"]',
    consistent: (el, v) => {
      const started = last('spec.start');
      if (!started) return false;
      const typed = formatTreeShape(parseTreeShape(String(v.shape)));
      const applied = started.tree === typed && started.prompt === v.prompt;
      return applied ? !/Not applied yet/.test(notes(el)) : /Not applied yet/.test(notes(el));
    },
  },
  {
    name: 'SpecRace',
    schema: raceSchema,
    load: () => import('../../site/widgets/spec-race/element.ts'),
    answer: (_, p) => ({
      shape: formatTreeShape(parseTreeShape(String(p.tree))),
      backend: 'wasm',
      plain: { text: String(p.prompt), ms: Number(p.tokens), tokensPerSecond: 100, promptMs: 1 },
      speculative: {
        text: String(p.prompt),
        ms: Number(p.tokens) / 2,
        tokensPerSecond: 200,
        passes: 4,
        tokensPerPass: 2,
        targetMs: 1,
        draftMs: 1,
      },
      identical: true,
    }),
    texts: { prompt: 'The whale', tree: '2,2' },
    button: '[data-action="race"]',
    consistent: (el, v) => {
      if (isStale(el)) return true;
      const raced = last('spec.race');
      if (!raced) return true; // the build-time figures, for the shell's settings (what the values still are)
      return raced.prompt === v.prompt && raced.tree === v.tree && raced.tokens === v.tokens && raced.runs === v.runs;
    },
  },
  {
    name: 'FlashStepper',
    schema: stepperSchema,
    load: () => import('../../site/widgets/flash-stepper/element.ts'),
    answer: (type, p) => {
      if (type === 'flash.start')
        return { session: 1, remaining: 64, notes: [], storage: 'memory', rebuilt: false, setup: { reads: 0 } };
      const b = fakeFlashBytes(last('flash.start')!.policy as Record<string, unknown>);
      void p;
      const step = {
        id: 1,
        text: 'x',
        memoryText: 'x',
        same: true,
        reads: 2,
        bytes: b,
        neuronsLoaded: 4,
        neuronsChosen: 4,
        dramBytes: 0,
        readMs: 1,
        paperMs: 1,
        curveMs: null,
      };
      return [step]; // flash.next: one token per step asked for
    },
    texts: { prompt: 'The whale' },
    button: '[data-action="run"]',
    consistent: (el, v) => {
      if (isStale(el)) return true;
      const shown = out(el, 'bytes');
      const start = last('flash.start');
      const runFor = start && JSON.stringify([start.model, start.prompt, start.policy, start.storage]);
      const now = JSON.stringify([v.model, v.prompt, policyOf(v as never), v.storage]);
      const ran = requests.some((r) => r.type === 'flash.next');
      if (ran && runFor === now) return shown === bytes(fakeFlashBytes(start!.policy as Record<string, unknown>));
      const m = buildMean(v as never, ablation);
      return shown === (m ? bytes(m.bytes) : '–');
    },
  },
  {
    name: 'ScheduleAnimator',
    schema: scheduleSchema,
    load: () => import('../../site/widgets/schedule-animator/element.ts'),
    answer: () => ({ weightLoads: 1, expectedWeightLoads: 1, weightBytesPerToken: 1, tokensPerSecond: 1 }),
    texts: {},
    consistent: (el, v) => {
      const s = scheduleView(v as never);
      return (
        out(el, 'step') === `${s.step} of ${s.total}` &&
        el.querySelector('[data-summary]')!.textContent === scheduleText.en.summaryText(v as never)
      );
    },
  },
  {
    name: 'CompressionLoss',
    schema: compressionSchema,
    load: () => import('../../site/widgets/compression-loss/element.ts'),
    answer: () => ({}),
    texts: {},
    consistent: (el, v) => {
      const r = pick(results.compression as CompressionData, String(v.weights), String(v.cache))!;
      return out(el, 'delta') === `${r.delta >= 0 ? '+' : ''}${decimal(r.delta, 4)} nats/token`;
    },
  },
  {
    name: 'PolicySolver',
    schema: policySchema,
    load: () => import('../../site/widgets/policy-solver/element.ts'),
    answer: (_, p) => ({
      status: 'optimal',
      frontier: [],
      policy: {
        gbs: 8,
        nb: 2,
        bls: 16,
        throughput: fakeThroughput(p),
        blockSeconds: 10,
        placement: { wg: 1, wc: 0, wd: 0, cg: 1, cc: 0, cd: 0, hg: 1, hc: 0, hd: 0 },
        decode: { ctog: 0, gtoc: 0, dtoc: 0, ctod: 0, comp: 0.001, binding: 'comp', max: 0.001 },
        prefill: { ctog: 0, gtoc: 0, dtoc: 0, ctod: 0, comp: 0.001, binding: 'comp', max: 0.001 },
        memoryGB: {},
        capacityGB: { gpuDecode: 1, cpuDecode: 1, disk: 1 },
        fullTiers: [],
      },
    }),
    texts: {},
    consistent: (el, v) =>
      isStale(el) || out(el, 'throughput') === tokensPerSecond(fakeThroughput(requestOf(v as never) as never)),
  },
  // ---- widgets that recompute on every change: the view equals a fresh copy's on the same values ----
  {
    name: 'LoraRank',
    schema: loraRankSchema,
    load: () => import('../../site/widgets/lora-rank/element.ts'),
    answer: () => ({}),
    texts: {},
    consistent: sameAsFresh('LoraRank'),
  },
  {
    name: 'TradeoffCurve',
    schema: tradeoffSchema,
    load: () => import('../../site/widgets/tradeoff-curve/element.ts'),
    answer: () => ({}),
    texts: {},
    consistent: sameAsFresh('TradeoffCurve'),
  },
  // ---- widgets that compute in the (fake) worker: the view equals a fresh copy's, or is marked stale ----
  {
    name: 'FfnRace',
    schema: ffnRaceSchema,
    load: () => import('../../site/widgets/ffn-race/element.ts'),
    answer: (_, p) => {
      // Times that depend on every field of the race, so a table left from other settings shows.
      const sparsity = p.sparsity === undefined ? 1 - 150 / 512 : Number(p.sparsity);
      const side = (backend: string) => ({
        backend,
        denseMs: 1 + Number(p.layer),
        sparseMs: (1 - sparsity) * (1 + Number(p.layer)) + Number(p.repeats) / 1000,
        speedup: 1 / (1 - sparsity + Number(p.repeats) / 1000),
        maxAbsDiff: sparsity / 1e6,
        activeCount: Math.round(512 * (1 - sparsity)),
        trueActiveCount: 150,
        sparsity,
        idealSpeedup: 1 / (1 - sparsity),
      });
      return { js: side('js'), simd: side('simd'), tfjs: side('cpu') };
    },
    texts: {},
    button: '[data-action="run"]',
    consistent: sameAsFresh('FfnRace'),
  },
  {
    name: 'BatchUnion',
    schema: batchUnionSchema,
    load: () => import('../../site/widgets/batch-union/element.ts'),
    answer: (_, p) => {
      // A union that depends on every setting of the run, so a table left from other settings shows.
      const salt =
        Number(p.steps) / 1e3 + Number(p.temperature) / 1e2 + Number(p.seed) / 1e6 + String(p.prompt).length / 1e2;
      return fakeBatchRun(p, 0.1, salt);
    },
    texts: { prompt: 'The whale' },
    button: '[data-action="run"]',
    consistent: sameAsFresh('BatchUnion'),
  },
  {
    name: 'VecMatScale',
    schema: vecmatScaleSchema,
    load: () => import('../../site/widgets/vecmat-scale/element.ts'),
    answer: (_, p) => {
      // Times that depend on every field of the request, so figures left from other settings show.
      const n = Number(p.n);
      const base = (n * Number(p.m)) / 1e5 + Number(p.seed) / 100 + Number(p.repeats) / 10;
      return {
        backend: 'cpu',
        n,
        denseMs: base + 1,
        gatherMs: base * (1 - Number(p.zeroFraction)) + 2,
        loopDenseMs: base + 3,
        loopSkipMs: base * (1 - Number(p.zeroFraction)) + 4,
        rowsRead: Math.round(n * (1 - Number(p.zeroFraction))),
        maxAbsDiff: 0,
        loopMaxAbsDiff: 0,
      };
    },
    texts: {},
    button: '[data-action="run"]',
    consistent: sameAsFresh('VecMatScale'),
  },
  {
    name: 'FlashStorage',
    schema: flashStorageSchema,
    load: () => import('../../site/widgets/flash-storage/element.ts'),
    answer: (type, p) => {
      if (type === 'flash.roundtrip')
        return { storage: 'memory', fallback: null, bytesWritten: p.bytes, bytesRead: p.bytes, reads: 1, equal: true };
      // Throughputs that depend on the file size measured, so a table left from another size shows.
      const points = (['sequential', 'scattered'] as const).flatMap((order, o) =>
        [4096, 32768].map((chunkBytes) => ({
          order,
          chunkBytes,
          bytesPerSecond: 1e6 * Number(p.fileMiB) * (o + 1) + chunkBytes,
          microsPerRead: 1,
        })),
      );
      return { storage: 'memory', fallback: null, points };
    },
    texts: {},
    button: '[data-action="measure"]',
    consistent: sameAsFresh('FlashStorage'),
  },
  {
    name: 'HotColdCurve',
    schema: hotColdSchema,
    // Activation frequencies of 2 layers × 64 neurons, a smooth made-up profile (the shipped one is measured).
    load: () => import('../../site/widgets/hot-cold-curve/element.ts'),
    answer: () => ({}),
    texts: {},
    consistent: sameAsFresh('HotColdCurve'),
  },
  {
    name: 'Roofline',
    schema: rooflineSchema,
    load: () => import('../../site/widgets/roofline/element.ts'),
    answer: (_, p) => {
      // Rates that depend on the tree asked for, so a table left from another tree shows.
      const T = Number(p.treeTokens);
      const point = (engine: string, tokens: number, gflops: number) => ({
        engine,
        tokens,
        context: 64,
        weights: { bits: 32 as const },
        flops: 1e6 * tokens,
        bytes: 4e6,
        intensity: tokens / 4,
        msPerPass: 1 / gflops,
        gflops,
      });
      return {
        model: 'target-v1',
        backend: { name: 'cpu', skipped: [] },
        roof: {
          kernels: 'simd',
          computeGflops: 20,
          computeShape: [256, 1024],
          memoryGBs: 2 + T / 10,
          memoryBytes: 1 << 26,
        },
        points: [point('lean simd', 1, 5), point('lean simd', T, 5 + T)],
      };
    },
    texts: {},
    button: '[data-run]',
    consistent: sameAsFresh('Roofline'),
  },
  {
    name: 'Int4Race',
    schema: int4RaceSchema,
    load: () => import('../../site/widgets/int4-race/element.ts'),
    answer: (_, p) => {
      const n = p.size === 'large' ? 4096 : 512;
      return {
        inDim: n,
        outDim: n,
        fp32Ms: n / 100,
        int4Ms: n / 300,
        speedup: 3,
        fp32Bytes: 4 * n * n,
        int4Bytes: n * n,
      };
    },
    texts: {},
    button: '[data-run]',
    consistent: sameAsFresh('Int4Race'),
  },
  {
    name: 'ErrorMicroscope',
    schema: microscopeSchema,
    load: () => import('../../site/widgets/error-microscope/element.ts'),
    answer: (_, p) => {
      // Figures that depend on s, bits and seed, so a sentence left from other settings shows.
      const k = Number(p.s) + Number(p.bits) / 10 + Number(p.seed) / 1e5;
      return {
        groups: 10_000,
        meanStepRatio: 1 + k / 100,
        changedShare: k / 100,
        meanRoundErrBefore: 0.25,
        meanRoundErrAfter: 0.2,
        meanRoundErrAfterUnchanged: 0.25,
        errorRatio: 1 / k,
        predictedRatio: 1 / k,
        othersErrorRatio: 1 + k / 1000,
      };
    },
    texts: {},
    consistent: sameAsFresh('ErrorMicroscope'),
  },
  {
    name: 'NeuronCacheSim',
    schema: cacheSimSchema,
    load: () => import('../../site/widgets/neuron-cache-sim/element.ts'),
    answer: (_, p) => ({
      // A hit rate that depends on every setting, so figures left from other settings show.
      points: (p.memories as number[]).map((memory) => {
        const hitRate = Math.min(
          1,
          memory + Number(p.hot) / 10 + (p.bundle ? 0.05 : 0) + String(p.neuron).length / 100,
        );
        return {
          memory,
          memoryBytes: memory * 1e6,
          ioTokensPerSecond: 100 * hitRate,
          tokens: 100,
          hitRate,
          hotHitRate: hitRate,
          coldHitRate: hitRate / 2,
          accessesPerToken: 100,
          missesPerToken: 100 * (1 - hitRate),
          readsPerToken: 50 * (1 - hitRate),
          payloadBytesPerToken: 1000,
          bytesReadPerToken: 4096 * 50 * (1 - hitRate),
          ioMsPerToken: 1 - hitRate,
          hotRegionBytes: 1000,
          hotNeuronsPerLayer: 10,
          coldCapacityNeurons: 10,
          totalBytes: 1e6,
        };
      }),
    }),
    texts: {},
    consistent: sameAsFresh('NeuronCacheSim'),
  },
  {
    name: 'LoraSpectrum',
    schema: spectrumSchema,
    load: () => import('../../site/widgets/lora-spectrum/element.ts'),
    answer: (_, p) => {
      // Singular values that depend on the adapters and the target, so a summary left from others shows.
      const k = String(p.a).length + 2 * String(p.b).length + String(p.target).charCodeAt(2) / 10;
      return {
        singular: { a: [k, k / 2], b: [k / 3, k / 4] },
        similarity: [[k / 100, k / 200]],
        ranks: [2, 8],
        target: p.target,
      };
    },
    texts: {},
    consistent: sameAsFresh('LoraSpectrum'),
  },
  {
    name: 'SpecPasses',
    schema: passesSchema,
    load: () => import('../../site/widgets/spec-passes/element.ts'),
    answer: () => ({}),
    texts: {},
    consistent: sameAsFresh('SpecPasses'),
  },
  {
    name: 'PipelineGantt',
    schema: ganttSchema,
    load: () => import('../../site/widgets/pipeline-gantt/element.ts'),
    answer: (_, p) => fakePipelineRun(p),
    texts: {},
    consistent: sameAsFresh('PipelineGantt'),
  },
  {
    name: 'PredictorQuality',
    schema: predictorSchema,
    load: () => import('../../site/widgets/predictor-quality/element.ts'),
    answer: () => ({}),
    texts: {},
    consistent: sameAsFresh('PredictorQuality'),
  },
  {
    name: 'FlashWindow',
    schema: windowSchema,
    load: () => import('../../site/widgets/flash-window/element.ts'),
    answer: () => ({}),
    texts: {},
    consistent: sameAsFresh('FlashWindow'),
  },
  {
    name: 'AlphaSlider',
    schema: alphaSchema,
    load: () => import('../../site/widgets/alpha-slider/element.ts'),
    answer: (_, p) => {
      // A curve whose shape depends on every setting, so a curve left from other settings shows.
      const k = Number(p.bits) + Number(p.groupSize) / 100 + String(p.layer).length / 10 + String(p.model).length;
      const points = Array.from({ length: 20 }, (_, i) => ({
        alpha: i / 20,
        relError: 1 - (0.3 * Math.sin((i / 20) * Math.PI)) / k,
        stepRatio: 1 - i / 100,
        grewShare: i / 40,
        salientFactor: 1 - i / 30,
      }));
      return { layer: String(p.layer), points, best: 10, rtnError: k / 1000, salientChannel: 7 };
    },
    texts: {},
    clearsWhileComputing: true,
    consistent: sameAsFresh('AlphaSlider'),
  },
  {
    name: 'QuantizeIt',
    schema: quantizeSchema,
    load: () => import('../../site/widgets/quantize-it/element.ts'),
    answer: (_, p) => fakeQuantization(p),
    texts: {},
    // Its comparison with the previous run and its table of runs are history, which a fresh copy has not: the
    // result line is checked against the answer for the current settings.
    consistent: (el, v) => {
      if (isStale(el)) return true;
      const shown = out(el, 'result');
      if (shown === 'Quantizing…') return true;
      const data = JSON.parse(el.querySelector('script[data-json]')!.textContent!);
      const first = data.first;
      const model = String(v.model) as QuantModelName;
      const settings = { model, bits: Number(v.bits), groupSize: Number(v.group), method: v.method };
      if (
        model === 'target-v1' &&
        settings.bits === first.bits &&
        settings.groupSize === first.groupSize &&
        settings.method === first.method
      )
        return shown === resultSentence(first, data.fp32, data.tokens, model);
      const r = fakeQuantization(settings);
      return shown === resultSentence(r.result, r.fp32, r.tokens, model);
    },
  },
  {
    name: 'NeuronHeatmap',
    schema: heatmapSchema,
    load: () => import('../../site/widgets/neuron-heatmap/element.ts'),
    answer: (_, p) => fakeHeatmap(String(p.text)),
    texts: { prompt: 'The whale rose from the deep sea' },
    rerunAfter: 400, // its element re-runs 350 ms after the last keystroke
    consistent: sameAsFresh('NeuronHeatmap'),
  },
  {
    name: 'VecMatViews',
    schema: viewsSchema,
    load: () => import('../../site/widgets/vecmat-views/element.ts'),
    answer: () => ({}),
    texts: {},
    summaryAfterPause: 400,
    consistent: sameAsFresh('VecMatViews'),
  },
  {
    name: 'LoraAdapters',
    schema: adaptersSchema,
    load: () => import('../../site/widgets/lora-adapters/element.ts'),
    answer: (_, p) => ({
      // A continuation that names every setting, so a text left from other settings shows.
      text: ` [${p.adapter ?? 'base'}, ${p.merged ? 'merged' : 'unmerged'}, ${p.maxNewTokens} tokens]`,
      ids: [1, 2, 3],
      tokensPerSecond: 100,
      switchMs: 1,
    }),
    texts: { prompt: 'The whale' },
    button: '[data-act="generate"]',
    consistent: sameAsFresh('LoraAdapters'),
  },
  // ---- the session widgets: start, next steps until the run ends, stop (site/worker/sessions.ts) ----
  {
    name: 'ModelPlayground',
    schema: playgroundSchema,
    load: () => import('../../site/widgets/model-playground/element.ts'),
    answer: sessionFake('generate', {
      start: (p) => ({
        promptTokens: String(p.prompt)
          .split(/(?= )/)
          .map((text, id) => ({ id, text, partial: false })),
        engine: 'lean',
      }),
      step: fakeToken,
      other: () => ({ parameters: 1000 }), // model.info
    }),
    texts: { prompt: 'The whale' },
    button: '[data-action="generate"]',
    consistent: async (el, v) => {
      if (!held) await until(() => !['loading', 'running'].includes(el.dataset.state ?? ''));
      if (isStale(el)) return true;
      const chips = [...el.querySelectorAll('[data-tokens] [data-kind="gen"]')].map((c) => c.textContent);
      const start = last('generate.start');
      // Before any run: the model card's sample (labelled with its own temperature and length), for the default
      // prompt and model only.
      if (!start)
        return (
          chips.length === 0 ||
          (v.prompt === playgroundSchema.params.prompt.default && v.name === playgroundSchema.params.name.default)
        );
      const ranWith = [start.model, start.prompt, start.temperature, start.topK, start.seed];
      if (JSON.stringify(ranWith) !== JSON.stringify([v.name, v.prompt, v.temperature, v.topk, v.seed])) return false;
      const want = Array.from({ length: Number(v.tokens) }, (_, i) => tokenChip(fakeToken(start, i).text));
      return chips.join('|') === want.join('|') && out(el, 'count').endsWith(` + ${v.tokens} new`);
    },
  },
  {
    name: 'LoraTrain',
    schema: trainSchema,
    load: () => import('../../site/widgets/lora-train/element.ts'),
    answer: sessionFake('train', {
      start: (p) => ({
        parameters: fakeAdapterSize(p),
        heldOutLoss: fakeHeldOut(p, 0),
        trainTokens: 1,
        heldOutTokens: 1,
        notes: [],
      }),
      step: (p, i) => (i < Number(p.steps) ? { step: i + 1, loss: fakeHeldOut(p, i + 1) + 0.1 } : null),
      // train.next runs for a time budget, not a count: the fake's steps take 4 ms each.
      count: (next) => Number(next.budgetMs) / 4,
      next: (steps, s, next) => {
        const done = s.made >= Number(s.payload.steps);
        return {
          step: s.made,
          steps: s.payload.steps,
          losses: steps,
          done,
          heldOutLoss: next.heldOut || done ? fakeHeldOut(s.payload, s.made) : undefined,
          stepsPerSecond: 250,
          tokensPerSecond: 250 * 256,
        };
      },
      stop: (s) => ({
        kept: { parameters: fakeAdapterSize(s.payload) },
        baseUnchanged: true,
        step: s.made,
        heldOutLoss: fakeHeldOut(s.payload, s.made),
      }),
      // train.sample, the kind's one request of its own: one scored continuation per seed with the adapter so far (at
      // step 0 it adds nothing, so that is the base's voice).
      request: (_verb, s, p) => {
        const samples = (p.seeds as number[]).map((seed, k) => ({
          seed,
          text: fakeText([p.prompt, s.payload, s.made, seed]),
          score: k % 2 ? 0.5 : -0.5,
          label: k % 2 ? 'speech' : 'novel',
        }));
        return {
          step: s.made,
          samples,
          speechShare: samples.filter((x) => x.label === 'speech').length / samples.length,
        };
      },
    }),
    texts: { prompt: 'The whale' },
    button: '[data-act="train"]',
    consistent: async (el, v) => {
      if (!held) await until(() => el.dataset.state !== 'running');
      if (isStale(el)) return true;
      const start = last('train.start');
      if (!start)
        return (
          out(el, 'loss') === '—' &&
          out(el, 'adapted') === '—' &&
          out(el, 'params') === count(rankRows(Number(v.r), v.matrices as never)[0].trainable)
        );
      const ranWith = [start.rank, start.alpha, start.kinds, start.steps, start.lr, start.seed, start.corpus];
      const now = [v.r, v.alpha, KINDS_OF[v.matrices as keyof typeof KINDS_OF], v.steps, v.lr, v.seed, v.corpus];
      if (JSON.stringify(ranWith) !== JSON.stringify(now)) return false;
      const steps = Number(v.steps);
      return (
        out(el, 'loss') === lossText(fakeHeldOut(start, 0), fakeHeldOut(start, steps)) &&
        out(el, 'base') === `${v.prompt}${fakeText([v.prompt, start, 0, VOICE_SEEDS[0]])}` &&
        out(el, 'adapted') === `${v.prompt}${fakeText([v.prompt, start, steps, VOICE_SEEDS[0]])}` &&
        el.querySelector('[data-summary]')!.textContent ===
          trainSummary(fakeAdapterSize(start), steps, steps, fakeHeldOut(start, 0), fakeHeldOut(start, steps))
      );
    },
  },
  {
    name: 'CapstoneDecoder',
    schema: capstoneSchema,
    load: () => import('../../site/widgets/capstone-decoder/element.ts'),
    answer: sessionFake('capstone', {
      start: (p) => ({
        label: `run ${fakeText(p.options)}`,
        fidelity: 'same text',
        storage: (p.options as { storage: string }).storage === 'flash' ? 'opfs' : 'memory',
        fallback: null,
        promptTokens: [],
        notes: [],
      }),
      step: fakePass,
    }),
    texts: { prompt: 'The whale', shape: '2,1' }, // speculation has turned to tree when the shape is changed
    button: '[data-action="run"]',
    consistent: async (el, v) => {
      if (!held) await until(() => el.dataset.state !== 'running');
      if (isStale(el)) return true;
      const start = last('capstone.start');
      if (!start) return out(el, 'stream') === '' && out(el, 'label') === '';
      const checked = optionsOf(v as never);
      const now = { options: 'options' in checked ? checked.options : checked, prompt: v.prompt, tokens: v.tokens };
      if (JSON.stringify(start) !== JSON.stringify(now)) return false;
      const passes: CapstoneStepResult[] = [];
      for (let i = 0, s = fakePass(start, 0); s; s = fakePass(start, ++i)) passes.push(s);
      return (
        out(el, 'label').startsWith(`run ${fakeText(start.options)},`) &&
        out(el, 'stream') === passes.flatMap((s) => s.pass.tokens).join('') &&
        out(el, 'split-text') === capstoneText.en.splitSummary(passes[passes.length - 1].totals)
      );
    },
  },
];

/** Which neurons fire for a prompt: one token per word, bits from the word's letters (so another prompt shows). */
function fakeHeatmap(text: string) {
  const { nLayer, nFfn } = JSON.parse(document.querySelector('neuron-heatmap script[data-json]')!.textContent!);
  const words = text.split(' ').filter(Boolean);
  const tokens = words.map((w, id) => ({ id, text: ` ${w}` }));
  const nWords = nFfn / 32;
  const bits = Array.from({ length: nLayer }, (_, l) => {
    const b = new Uint32Array(tokens.length * nWords);
    words.forEach((w, t) => {
      for (let i = 0; i < nWords; i++) b[t * nWords + i] = (w.charCodeAt(i % w.length) * (l + 1) * 2654435761) >>> 0;
    });
    return b;
  });
  const ones = (x: number) => x.toString(2).replace(/0/g, '').length;
  const zeroFraction = bits.map((b) =>
    Float32Array.from(
      tokens,
      (_, t) => 1 - b.subarray(t * nWords, (t + 1) * nWords).reduce((a, x) => a + ones(x), 0) / nFfn,
    ),
  );
  return {
    nLayer,
    nFfn,
    tokens,
    totalTokens: tokens.length,
    charsShown: text.length,
    totalChars: text.length,
    words: nWords,
    bits,
    zeroFraction,
  };
}

/** A quantization run whose loss and file size depend on every setting (so a line left from others shows). */
function fakeQuantization(p: Record<string, unknown>) {
  const k = Number(p.bits) * 10 + Number(p.groupSize) / 64 + String(p.method).length + String(p.model).length / 10;
  const tokenLosses = Array.from({ length: 256 }, (_, i) => 3.4 + 0.01 * k + 0.1 * Math.sin(i));
  const fp32 = {
    loss: 3.4,
    perplexity: Math.exp(3.4),
    sample: 'fp32 text',
    bytes: 1e6,
    tokenLosses: tokenLosses.map((x) => x - 0.01 * k),
  };
  const loss = tokenLosses.reduce((a, b) => a + b, 0) / tokenLosses.length;
  const result = {
    bits: Number(p.bits),
    groupSize: Number(p.groupSize),
    method: p.method as MethodName,
    loss,
    perplexity: Math.exp(loss),
    sample: `sample ${k}`,
    bytes: 1e4 * k,
    meanAlpha: p.method === 'awq' ? 0.5 : null,
    tokenLosses,
  };
  return { fp32, result, tokens: tokenLosses.length };
}

/**
 * A pipeline run whose clusters and stage times depend on every setting of the request (so figures left from other
 * settings show), scheduled by the library's two schedulers.
 */
function fakePipelineRun(p: Record<string, unknown>): PipelineRun {
  const [token, layer, cached, threads] = [p.token, p.layer, p.cached, p.threads].map(Number);
  const nClusters = 16;
  const cachedClusters = Math.round(cached * nClusters);
  const clusters = Array.from({ length: nClusters }, (_, c) => ({
    active: (token * 7 + layer * 3 + c) % 33,
    size: 32,
    inMemory: c < cachedClusters,
  }));
  const work = clusters.map((c) => ({
    gateIoMs: c.inMemory ? 0 : 0.1 + layer / 100,
    gateComputeMs: 0.05,
    udIoMs: c.inMemory ? 0 : (c.active / 32) * 0.2,
    udComputeMs: (c.active / 32) * 0.1,
  }));
  return {
    token,
    layer,
    tokenText: ` t${token}`,
    tokens: 1024,
    nLayer: 4,
    clusterSize: 32,
    cachedClusters,
    clusters,
    work,
    matrix: matrixLevelSchedule(work, threads),
    cluster: schedulePipeline(work, { computeThreads: threads, mode: 'cluster' }),
    readMs: 0.1,
    computeMsPerVector: 0.001,
  };
}

/** A throughput that changes with every field of a solve request, so an answer for other settings shows. */
function fakeThroughput(p: Record<string, unknown>): number {
  return Object.values(p).reduce<number>((a, x, i) => a + (i + 1) * (typeof x === 'number' ? x : x ? 7 : 3), 0) / 100;
}

// ---- the worker's session protocol (site/worker/sessions.ts), faked: one table of sessions across kinds ----
interface FakeSession {
  kind: string;
  /** The start's payload: every step is computed from it, so a figure left from other settings shows. */
  payload: Record<string, unknown>;
  /** Steps made so far. */
  made: number;
}
const fakeSessions = new Map<number, FakeSession>();
let lastSessionId = 0;

/**
 * A worker answering one kind's `<kind>.start` (a session id plus the kind's start result), `<kind>.next` (`count`
 * steps, fewer when the run has ended; the kind may wrap them) and `<kind>.stop` ({ stopped }, plus the kind's own).
 * A request on a session that is gone fails as sessions.ts's does; other requests go to `other`.
 */
function sessionFake(
  kind: string,
  fake: {
    start: (p: Record<string, unknown>) => Record<string, unknown>;
    /** Step `i` (from 0) of a session started with `p`, or null once the run has all its steps. */
    step: (p: Record<string, unknown>, i: number) => unknown;
    count?: (next: Record<string, unknown>) => number;
    next?: (steps: unknown[], s: FakeSession, next: Record<string, unknown>) => unknown;
    stop?: (s: FakeSession) => Record<string, unknown>;
    /** A request of the kind's own on a session (train.sample). */
    request?: (verb: string, s: FakeSession, p: Record<string, unknown>) => unknown;
    other?: (type: string, p: Record<string, unknown>) => unknown;
  },
) {
  return (type: string, p: Record<string, unknown>): unknown => {
    const [k, verb] = type.split('.');
    if (k !== kind) return fake.other?.(type, p) ?? {};
    if (verb === 'start') {
      const session = ++lastSessionId;
      fakeSessions.set(session, { kind, payload: p, made: 0 });
      return { ...fake.start(p), session };
    }
    const s = fakeSessions.get(Number(p.session));
    if (!s || s.kind !== kind) throw new SessionGoneError(kind, p.session);
    if (verb === 'stop') {
      fakeSessions.delete(Number(p.session));
      return { stopped: true, ...fake.stop?.(s) };
    }
    if (verb !== 'next') return fake.request?.(verb, s, p);
    const steps: unknown[] = [];
    for (let n = fake.count ? fake.count(p) : stepCount(p.count); steps.length < n; ) {
      const step = fake.step(s.payload, s.made);
      if (step === null) break;
      steps.push(step);
      s.made++;
    }
    return fake.next ? fake.next(steps, s, p) : steps;
  };
}

/** A number in [0, 1) that changes with every field of `x` (FNV-1a over its JSON). */
function fakeHash(x: unknown): number {
  let h = 2166136261;
  for (const c of JSON.stringify(x)) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) / 2 ** 32;
}
/** A word that names `x`. */
const fakeText = (x: unknown) => ` w${Math.floor(fakeHash(x) * 1e6)}`;

/** Generated token `i` of a generation started with `p` (generate.start's payload). */
function fakeToken(p: Record<string, unknown>, i: number): GeneratedToken {
  const text = fakeText([p, i]);
  const prob = fakeHash([p, i, 'p']);
  return { id: i, text, p: prob, alternatives: [{ id: i, text, p: prob }] };
}

/** A LoRA run's held-out loss after `step` steps, and its adapter's size: functions of every setting. */
const fakeHeldOut = (p: Record<string, unknown>, step: number) => 3 + fakeHash({ ...p, text: undefined }) - step / 1000;
const fakeAdapterSize = (p: Record<string, unknown>) => 1000 + Math.floor(fakeHash(['size', p]) * 1e5);

/** Pass `i` of a capstone run started with `p`: two tokens a pass, times and bytes from the switches. */
function fakePass(p: Record<string, unknown>, i: number): CapstoneStepResult | null {
  const tokens = Number(p.tokens);
  if (2 * i >= tokens) return null;
  const h = fakeHash([p.options, p.prompt]);
  const made = Math.min(2 * (i + 1), tokens);
  const split = { reads: 1 + h, select: 0.5, ffn: 2 * h, attention: 1, draft: 0.25, bookkeeping: 0.1 };
  return {
    pass: {
      tokens: [fakeText([p, 2 * i]), fakeText([p, 2 * i + 1])].slice(0, made - 2 * i),
      bytes: 1000,
      reads: 10,
      rows: 2,
      neuronsPerLayer: 5,
    },
    totals: {
      tokens: made,
      passes: i + 1,
      tokensPerPass: made / (i + 1),
      ms: 5 * made,
      tokensPerSecond: 200,
      bytesPerToken: 1000 * h,
      readsPerToken: 10,
      split,
    },
    done: made === tokens,
  };
}

/** Resolves once `ready()` holds (the widget's run has ended), or fails after 20 s. */
async function until(ready: () => boolean) {
  for (const t0 = Date.now(); !ready(); await new Promise((r) => setTimeout(r, 10)))
    if (Date.now() - t0 > 20_000) throw new Error('the widget did not finish its run in 20 s');
}

/**
 * Give the param another valid value through its control in the shell, as a reader would: the next option of a
 * select, the other radio, the flipped box, the other end of a slider or number box (the shell's own min and max),
 * the row's text for a text box. Returns what was set, or undefined when the shell has no control for the param
 * (it is set by props and the URL only).
 */
async function changeInput(el: HTMLElement, row: Row, name: string): Promise<string | undefined> {
  const key = row.schema.urlKey;
  const p = row.schema.params[name] as { min?: number; max?: number };
  // An input, a textarea or a select: each has the value, type, min and max read here (a textarea's and select's
  // min and max are undefined, and their type is never "checkbox", "number" or "range").
  let control = el.querySelector<HTMLInputElement>(`[id="${key}-${name}"]`);
  if (!control) {
    const radios = [
      ...el.querySelectorAll<HTMLInputElement>(
        `input[type="radio"][name="${key}-${name}"], input[type="radio"][id^="${key}-${name}-"]`,
      ),
    ];
    const next = radios.find((r) => !r.checked);
    if (next) {
      for (const r of radios) r.checked = r === next;
      next.dispatchEvent(new Event('change', { bubbles: true }));
      await nextFrame();
      return next.value;
    }
    // A list drawn as one control per item (x0, w0-1, skip0): its first item.
    control = el.querySelector<HTMLInputElement>(`input[id^="${key}-${name}"]`);
    if (!control) return undefined;
  }
  let value: string;
  if (control instanceof HTMLSelectElement) {
    const values = [...control.options].map((o) => o.value);
    value = values[(values.indexOf(control.value) + 1) % values.length];
  } else if (control.type === 'checkbox') value = String(!control.checked);
  else if (control.type === 'number' || control.type === 'range') {
    const [min, max] = [control.min || String(p.min), control.max || String(p.max)];
    value = Number(control.value) === Number(max) ? min : max;
  } else {
    value = row.texts[name];
    if (value === undefined) throw new Error(`${row.name}: the row gives no other value for the text param ${name}`);
  }
  if (control.type === 'checkbox') control.checked = value === 'true';
  else control.value = value;
  control.dispatchEvent(
    new Event(control.localName === 'select' || control.type === 'checkbox' ? 'change' : 'input', { bubbles: true }),
  );
  await nextFrame();
  return value;
}

/**
 * The reader's pause of `ms` (a widget's debounce or summary delay): on the test's clock, which runs with real time
 * (every other wait here is real) and is moved on by `ms` at once, firing in order each timer due in that span.
 */
async function pauseFor(ms: number) {
  if (!vi.isFakeTimers()) throw new Error('pauseFor needs the clock of a row with a pause (readerClock)');
  await vi.advanceTimersByTimeAsync(ms);
}

/** For a row whose widget waits on the reader's pause: timers and dates on a clock that pauseFor can move on. */
function readerClock() {
  vi.useFakeTimers({
    shouldAdvanceTime: true,
    advanceTimeDelta: 1,
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
  });
}

/**
 * Resolves once the widget has settled: no animation frame waiting and no request being answered (held or gated
 * answers aside), for three tasks in a row.
 */
const settle = async () => {
  for (let quiet = 0, t0 = Date.now(); quiet < 3; ) {
    await new Promise((r) => setTimeout(r, 1));
    quiet = frames.size === 0 && working === 0 ? quiet + 1 : 0;
    if (Date.now() - t0 > 10_000) throw new Error('the widget did not settle in 10 s');
  }
};
/** The animation frames requested and not yet run (requestAnimationFrame below). */
const frames = new Set<unknown>();

/** One frame (the kit updates the view on the next animation frame), well inside any widget's re-run debounce. */
const nextFrame = async () => {
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await new Promise((r) => setTimeout(r, 10));
};

async function setInput(el: HTMLElement, key: string, name: string, value: string | boolean, wait = settle) {
  const input = el.querySelector<HTMLInputElement>(`[id="${key}-${name}"]`)!;
  if (typeof value === 'boolean') input.checked = value;
  else input.value = value;
  const type = input.localName === 'select' || input.type === 'checkbox' ? 'change' : 'input';
  input.dispatchEvent(new Event(type, { bubbles: true }));
  await wait();
}

beforeAll(() => {
  // jsdom lays nothing out: charts are skipped (width 0); the figures under test are text.
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q }) as MediaQueryList) as typeof window.matchMedia;
  // A frame as soon as the event loop is free, not on jsdom's 60 Hz clock: nothing is painted here, and every wait
  // below counts frames, so the same checks run in a fraction of the time.
  const frame = (cb: FrameRequestCallback) => {
    const id = setTimeout(() => {
      frames.delete(id);
      cb(performance.now());
    }, 0);
    frames.add(id);
    return id as unknown as number;
  };
  window.requestAnimationFrame = globalThis.requestAnimationFrame = frame;
  window.cancelAnimationFrame = globalThis.cancelAnimationFrame = (id: number) => {
    frames.delete(id);
    clearTimeout(id);
  };
});

afterEach(() => {
  vi.useRealTimers();
  releaseHeld();
  document.body.innerHTML = '';
  requests.length = 0;
  history.replaceState(null, '', '/');
});

/** Widgets of site/widgets/index.ts without a row, and why. */
const NO_ROW: Record<string, string> = {
  Stat: 'a number in prose, with no inputs',
  FlashBundling: 'no inputs: its figures are the build-time measurements',
};

/**
 * The suite, in `share.of` files that run side by side (stale-1.test.ts, stale-2.test.ts): file `share.index` takes
 * every `share.of`-th row of the table; the first also checks the table covers every widget, the last runs the
 * items one by one.
 */
export function staleSuite(share: { index: number; of: number }) {
  if (share.index === 0) {
    test('every widget in site/widgets/index.ts has a row, or a reason it has none', () => {
      const named = new Set<string>(rows.map((r) => r.name));
      for (const name of SHELLS.keys())
        expect(named.has(name) || name in NO_ROW, `${name}: no row and no reason`).toBe(true);
      for (const name of Object.keys(NO_ROW))
        expect(named.has(name), `${name} has a row: drop it from NO_ROW`).toBe(false);
    });
  }

  describe('every figure follows its inputs or is marked stale (issue 19)', () => {
    for (const row of rows.filter((_, i) => i % share.of === share.index)) {
      it(`${row.name}: each input changed, then its button pressed`, { timeout: 300_000 }, async () => {
        answer = row.answer;
        await row.load();
        if (row.summaryAfterPause || row.rerunAfter) readerClock();
        document.body.innerHTML = await shellHtml(row);
        const el = document.querySelector<HTMLElement & { values: Record<string, unknown> }>(row.schema.tag)!;
        await settle();
        pressed = false;
        expect(await row.consistent(el, el.values), `${row.name}: first view`).toBe(true);
        // With a button, the first param is changed once more at the end: a change after the button's result.
        const params = Object.entries(row.schema.params);
        const changed: string[] = [];
        for (const [name] of row.button ? [...params, params[0]] : params) {
          // First while the worker has not answered (and any re-run debounce is still waiting), then settled.
          holdAnswers();
          const value = await changeInput(el, row, name);
          if (value === undefined) {
            releaseHeld();
            continue;
          }
          changed.push(name);
          summaryPending = row.summaryAfterPause !== undefined;
          const seen = await row.consistent(el, el.values);
          summaryPending = false;
          releaseHeld();
          expect(seen, `${row.name}: ${name} changed to ${value}, one frame later`).toBe(true);
          await settle();
          const pause = Math.max(row.summaryAfterPause ?? 0, row.rerunAfter ?? 0);
          if (pause) await pauseFor(pause);
          if (row.rerunAfter) await settle();
          expect(await row.consistent(el, el.values), `${row.name}: ${name} changed to ${value}, settled`).toBe(true);
          if (row.button) {
            el.querySelector<HTMLButtonElement>(row.button)!.click();
            await settle();
            await settle();
            pressed = true;
            expect(await row.consistent(el, el.values), `${row.name}: ${name} changed, button pressed`).toBe(true);
            expect(
              isStale(el),
              `${row.name}: not stale after the button (${name}: ${el.querySelector('[data-progress]')?.textContent})`,
            ).toBe(false);
          }
        }
        expect(changed.length, `${row.name}: no control of the shell was changed`).toBeGreaterThan(0);
        if (firstView.has(row.name)) expect(moved.get(row.name), `${row.name}: no input changed the view`).toBe(true);
      });
    }
  });

  if (share.index === share.of - 1) {
    describe('the items of issue 19 and 23, one by one', () => {
      it('SpecSampling: a shared link with a new prompt and temperature opens consistent, stale until its node arrives', async () => {
        let release = () => {};
        const gate = new Promise<void>((r) => (release = r));
        const plain = rows[0].answer;
        answer = async (type, p) => {
          if (type === 'spec.node') await behind(gate);
          return plain(type, p);
        };
        const row = rows[0];
        await row.load();
        const html = await shellHtml(row);
        history.replaceState(null, '', '/?mss.prompt=The%20whale&mss.temperature=2');
        document.body.innerHTML = html;
        const el = document.querySelector<HTMLElement & { values: Record<string, unknown> }>(row.schema.tag)!;
        await settle();
        expect(isStale(el)).toBe(true); // the build-time figures are for the default prompt
        expect(el.querySelector<HTMLButtonElement>('[data-action="run"]')!.disabled).toBe(true);
        release();
        await settle();
        expect(isStale(el)).toBe(false);
        expect(last('spec.node')).toEqual({ prompt: 'The whale', temperature: 2 });
        expect(await row.consistent(el, el.values)).toBe(true);
        el.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
        await settle();
        expect(last('spec.sample')).toMatchObject({ prompt: 'The whale', temperature: 2, runs: 10_000 });
        // The fake emits p rounded to whole counts: far below what sampling noise alone gives, and shown beside it.
        const [, tv, noise] = /^([\d.]+)% \(noise alone: ([\d.]+)%\)$/.exec(out(el, 'noise'))!.map(Number);
        expect(tv).toBeLessThan(noise);
      });

      it('SpecTree: a typed shape is pending with a note, Enter applies it, and notes about bad shapes go', async () => {
        const el = await mount('SpecTree');
        const shape = el.querySelector<HTMLInputElement>('#tree-shape')!;
        await setInput(el, 'tree', 'shape', 'banana');
        expect(notes(el)).toMatch(/tree shape "banana" does not parse.*Step and Run go on with ⟨1,1,3,1⟩/);
        await setInput(el, 'tree', 'shape', '3,2,1');
        expect(notes(el)).not.toMatch(/banana/);
        expect(notes(el)).toMatch(/Not applied yet: the shape ⟨3,2,1⟩: press Enter or Restart/);
        shape.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        await settle();
        expect(last('spec.start')).toMatchObject({ tree: '⟨3,2,1⟩' });
        expect(notes(el)).toBe('');
      });

      it('SpecTree: ?tree.shape=chain 999999999 opens at once with a message and the default tree (issue 23)', async () => {
        const t0 = performance.now();
        const el = await mount('SpecTree', '?tree.shape=chain%20999999999');
        expect(performance.now() - t0).toBeLessThan(3000);
        expect(notes(el)).toMatch(/999999999 levels deep; at most 16/);
        expect(last('spec.start')).toMatchObject({ tree: '⟨1,1,3,1⟩' });
      });

      it('SpecRace: a huge shape never reaches the worker; the reason is shown', async () => {
        const el = await mount('SpecRace');
        await setInput(el, 'race', 'tree', 'chain 999999999');
        el.querySelector<HTMLButtonElement>('[data-action="race"]')!.click();
        await settle();
        expect(requests.some((r) => r.type === 'spec.race')).toBe(false);
        expect(el.querySelector('[data-progress]')!.textContent).toMatch(/Cannot race this shape: .*levels deep/);
      });

      it('FlashStepper: after Run the counters are the means over the run, the last token labelled as such', async () => {
        let k = 0;
        const plain = rows[3].answer;
        const el = await mount('FlashStepper', '?stepper.tokens=4');
        answer = (type, p) => {
          const r = plain(type, p) as Record<string, unknown>[];
          return type === 'flash.next' ? [{ ...r[0], bytes: 1024 * ++k }] : r; // 1, 2, 3, 4 KiB: mean 2.5 KiB
        };
        el.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
        await settle();
        await settle();
        expect(k).toBe(4);
        expect(out(el, 'bytes')).toBe('2.5 KiB');
        expect(out(el, 'basis')).toMatch(
          /Means per token over the 4 tokens of this run\. The last token alone: 4 KiB read/,
        );
      });

      it('FlashStepper: "all (naive)" reads the naive row whatever the window, and the first view follows the URL', async () => {
        const el = await mount('FlashStepper', '?stepper.neurons=all&stepper.bundling=false');
        const naive = flash.ablation.exact.find((r) => r.id === 'naive')!;
        expect(el.values.window).toBe(5); // the default window
        expect(out(el, 'bytes')).toBe(bytes(naive.bytes)); // 2 MiB, not 0 B
        expect(out(el, 'window')).toMatch(/not used/);
        el.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
        await settle();
        expect(last('flash.start')).toMatchObject({ policy: { select: 'all', windowK: 0 } });
        document.body.innerHTML = '';
        const exact = await mount('FlashStepper', '?stepper.neurons=exact');
        const rung = flash.ablation.exact.find((r) => r.id === 'bundling')!;
        expect(out(exact, 'bytes')).toBe(bytes(rung.bytes));
      });

      it('NeuronCacheSim: while a new setting replays in the worker, the old figures are marked stale', async () => {
        const el = await mount('NeuronCacheSim');
        const hit = out(el, 'hit');
        let release = () => {};
        const gate = new Promise<void>((r) => (release = r));
        const plain = rows.find((r) => r.name === 'NeuronCacheSim')!.answer;
        answer = async (type, p) => {
          await behind(gate);
          return plain(type, p);
        };
        await setInput(el, 'cache', 'hot', '0.9');
        expect(out(el, 'hit')).toBe(hit); // still the old setting's figure…
        expect(isStale(el)).toBe(true); // …marked as such
        release();
        await settle();
        expect(isStale(el)).toBe(false);
        expect(out(el, 'hit')).not.toBe(hit);
      });

      it('LoraSpectrum: while another target is analysed in the worker, the old summary is marked stale', async () => {
        const el = await mount('LoraSpectrum');
        expect(isStale(el)).toBe(false);
        let release = () => {};
        const gate = new Promise<void>((r) => (release = r));
        const plain = rows.find((r) => r.name === 'LoraSpectrum')!.answer;
        answer = async (type, p) => {
          await behind(gate);
          return plain(type, p);
        };
        await setInput(el, 'spectrum', 'layer', '3');
        expect(el.querySelector('[data-summary]')!.textContent).toMatch(/^h\.0\.attn/); // still layer 0's…
        expect(isStale(el)).toBe(true); // …marked as such
        release();
        await settle();
        expect(isStale(el)).toBe(false);
        expect(el.querySelector('[data-summary]')!.textContent).toMatch(/^h\.3\.attn/);
      });

      it('ScheduleAnimator: Play is enabled, reachable by keyboard, and advances the step; pressed again it pauses', async () => {
        const el = await mount('ScheduleAnimator');
        const play = el.querySelector<HTMLButtonElement>('[data-play]')!;
        expect(play.disabled).toBe(false);
        play.focus();
        expect(document.activeElement).toBe(play);
        const before = el.values.step as number;
        play.click();
        expect(play.getAttribute('aria-pressed')).toBe('true');
        await new Promise((r) => setTimeout(r, 500));
        expect(el.values.step as number).toBeGreaterThan(before);
        play.click();
        expect(play.getAttribute('aria-pressed')).toBe('false');
      });
    });
  }
}

/** Mount one row's widget (after an optional URL query) and let it settle. */
async function mount(name: string, query = '') {
  const row = rows.find((r) => r.name === name)!;
  answer = row.answer;
  await row.load();
  const html = await shellHtml(row);
  history.replaceState(null, '', `/${query}`);
  document.body.innerHTML = html;
  const el = document.querySelector<HTMLElement & { values: Record<string, unknown> }>(row.schema.tag)!;
  await settle();
  return el;
}
