// @vitest-environment jsdom
// Issue 19's rule, per widget: every number a widget shows comes from the inputs of its last computation, or is
// visibly marked stale (host data-stale, stale.ts) until the reader presses the button that updates it.
//
// One table drives every widget: the markup is made from the widget's declared params (one control each) and the
// parts its shell declares (data-out, data-action, charts, read from the .astro source), the model worker is a fake
// that computes from its payload, and for each param the test sets another valid value, lets the widget settle, and
// asks the row's `consistent` whether what is on screen is what the current inputs give. Then it presses the
// widget's button and asks again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import flash from '../../site/data/flash.json';
import { checkProps, type Params, type WidgetSchema } from '../../site/widgets/_kit/params.ts';
import { bytes, percent } from '../../site/widgets/_kit/format.ts';
import { formatTreeShape, parseTreeShape } from '../../lib/speculative/tree-shape.ts';
import { mssAcceptProbability } from '../../lib/speculative/node-sampling.ts';
import type { StepView } from '../../lib/speculative/step-view.ts';
import { schema as samplingSchema } from '../../site/widgets/spec-sampling/params.ts';
import { schema as treeSchema } from '../../site/widgets/spec-tree/params.ts';
import { schema as raceSchema } from '../../site/widgets/spec-race/params.ts';
import { schema as stepperSchema } from '../../site/widgets/flash-stepper/params.ts';
import { schema as scheduleSchema } from '../../site/widgets/schedule-animator/params.ts';
import { buildMean, policyOf, type Ablation } from '../../site/widgets/flash-stepper/model.ts';
import { scheduleView, summaryText as scheduleSummary } from '../../site/widgets/schedule-animator/model.ts';
import { schema as compressionSchema } from '../../site/widgets/compression-loss/params.ts';
import { pick, type CompressionData } from '../../site/widgets/compression-loss/model.ts';
import { schema as policySchema } from '../../site/widgets/policy-solver/params.ts';
import { requestOf } from '../../site/widgets/policy-solver/model.ts';
import { tokensPerSecond } from '../../site/widgets/schedule-animator/rate.ts';
import { decimal } from '../../site/widgets/_kit/format.ts';
import results from '../../site/data/flexgen-results.json';

// ---- the fake model worker: answers computed from the payload, every request logged ----
type Req = { type: string; payload: Record<string, unknown> };
const requests: Req[] = [];
let answer: (type: string, payload: Record<string, unknown>) => unknown = () => ({});
const fakeWorker = {
  request: async (type: string, payload: Record<string, unknown>) => {
    requests.push({ type, payload });
    await new Promise((r) => setTimeout(r, 5));
    return answer(type, payload);
  },
  onStatus: () => () => {},
  ready: Promise.resolve(),
};
vi.mock('../../site/worker/client.ts', () => ({ modelWorker: () => fakeWorker, backendUrlNote: () => undefined }));

// ---- markup from the schema and the shell's declared parts ----
const WIDGETS = join(import.meta.dirname, '../../site/widgets');

function markup(schema: WidgetSchema<Params>, folder: string, shell: string, data?: unknown): string {
  // A data-out named by an expression (data-out={name} in a loop over params) stands for every param's name.
  const raw = readFileSync(join(WIDGETS, folder, shell), 'utf8');
  const src = raw.replace(/<(\w+)([^>]*)\sdata-out=\{name\}/g, (_, tag: string, attrs: string) =>
    Object.keys(schema.params)
      .map((n) => `<${tag}${attrs} data-out="${n}"`)
      .join('>'),
  );
  const c = checkProps(schema, {});
  const controls = Object.entries(schema.params).map(([name, p]) => {
    const id = `${c.key}-${name}`;
    if (p.kind === 'bool') return `<input id="${id}" type="checkbox" disabled>`;
    if (p.kind === 'choice')
      return `<select id="${id}" disabled>${p.values.map((v) => `<option value="${v}">${v}</option>`).join('')}</select>`;
    if (p.kind === 'int' || p.kind === 'number')
      return `<input id="${id}" type="number" min="${p.min}" max="${p.max}" disabled>`;
    return `<input id="${id}" type="text" disabled>`;
  });
  // A <Field> (the kit's control) renders <output data-out="<name>"> for a slider, or a box given `out`.
  const fieldOuts = [...src.matchAll(/<Field\b([^>]*)>/g)]
    .filter((m) => !/type="number"/.test(m[1]) || /\bout=|slot="out"/.test(m[0]))
    // name={name} inside a map: one output per number parameter.
    .flatMap((m): [string, string][] => {
      const name = m[1].match(/\bname="(\w+)"/)?.[1];
      const names = name
        ? [name]
        : Object.entries(schema.params)
            .filter(([, p]) => p.kind === 'int' || p.kind === 'number')
            .map(([n]) => n);
      return names.map((n) => [n, 'output']);
    });
  const declared = [...src.matchAll(/<(\w+)[^>]*\sdata-out="([\w-]+)"/g)].map((m): [string, string] => [m[2], m[1]]);
  const outs = [...new Map([...fieldOuts, ...declared])].map(([name, tag]) =>
    tag === 'table'
      ? `<table data-out="${name}"><thead></thead><tbody></tbody></table>`
      : `<${tag} data-out="${name}">–</${tag}>`,
  );
  const actions = [...new Set([...src.matchAll(/data-action="(\w+)"/g)].map((m) => m[1]))].map(
    (a) => `<button type="button" data-action="${a}" disabled>${a}</button>`,
  );
  const bare = [...src.matchAll(/<button[^>]*\s(data-(?:play|run))[\s>]/g)].map(
    (m) => `<button type="button" ${m[1]} disabled>${m[1]}</button>`,
  );
  const charts = [...src.matchAll(/<Chart name="(\w+)"/g)].map((m) => `<div data-chart="${m[1]}"></div>`);
  const sections = [...src.matchAll(/<section aria-label="([^"]+)">/g)].map(
    (m) => `<section aria-label="${m[1]}"><h3></h3></section>`,
  );
  const json = data === undefined ? '' : `<script type="application/json" data-json>${JSON.stringify(data)}</script>`;
  return `<${schema.tag} class="kit" data-key="${c.key}" data-values='${JSON.stringify(c.values).replace(/'/g, '&#39;')}' data-state="static">
    ${json}<div data-notes role="status"></div>${controls.join('')}${actions.join('')}${bare.join('')}
    <p class="kit-progress" data-progress></p>${outs.join('')}${charts.join('')}${sections.join('')}
    <p data-summary aria-live="polite"></p></${schema.tag}>`;
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

const ablation: Ablation = {
  model: flash.model,
  windowK: flash.ablation.windowK,
  tokens: flash.ablation.exact[0].tokens,
  exact: flash.ablation.exact,
  predictor: flash.ablation.predictor,
};

const last = (type: string) => [...requests].reverse().find((r) => r.type === type)?.payload;
const out = (el: Element, name: string) => el.querySelector(`[data-out="${name}"]`)!.textContent ?? '';
const notes = (el: Element) => el.querySelector('[data-notes]')!.textContent ?? '';
const isStale = (el: HTMLElement) => el.dataset.stale === 'true';

interface Row {
  name: string;
  schema: WidgetSchema<Params>;
  folder: string;
  shell: string;
  load: () => Promise<unknown>;
  data?: unknown;
  answer: (type: string, payload: Record<string, unknown>) => unknown;
  /** Another valid value for each param (a text param needs one; the others are derived from the schema). */
  texts: Record<string, string>;
  /** The button that brings the figures up to date (clicked after each change). */
  button?: string;
  /** True when what is on screen is what the current inputs give (or is visibly marked stale or pending). */
  consistent: (el: HTMLElement, values: Record<string, unknown>) => boolean;
}

const rows: Row[] = [
  {
    name: 'SpecSampling',
    schema: samplingSchema,
    folder: 'spec-sampling',
    shell: 'SpecSampling.astro',
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
    folder: 'spec-tree',
    shell: 'SpecTree.astro',
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
    folder: 'spec-race',
    shell: 'SpecRace.astro',
    load: () => import('../../site/widgets/spec-race/element.ts'),
    answer: (_, p) => ({
      shape: formatTreeShape(parseTreeShape(String(p.tree))),
      backend: 'wasm',
      plain: { text: String(p.prompt), ms: Number(p.tokens), tokensPerSecond: 100 },
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
    folder: 'flash-stepper',
    shell: 'FlashStepper.astro',
    data: { ablation, generation: { prompt: flash.generation.prompt, inMemoryText: flash.generation.inMemoryText } },
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
    folder: 'schedule-animator',
    shell: 'ScheduleAnimator.astro',
    load: () => import('../../site/widgets/schedule-animator/element.ts'),
    answer: () => ({ weightLoads: 1, expectedWeightLoads: 1, weightBytesPerToken: 1, tokensPerSecond: 1 }),
    texts: {},
    consistent: (el, v) => {
      const s = scheduleView(v as never);
      return (
        out(el, 'step') === `${s.step} of ${s.total}` &&
        el.querySelector('[data-summary]')!.textContent === scheduleSummary(v as never)
      );
    },
  },
  {
    name: 'CompressionLoss',
    schema: compressionSchema,
    folder: 'compression-loss',
    shell: 'CompressionLoss.astro',
    data: results.compression,
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
    folder: 'policy-solver',
    shell: 'PolicySolver.astro',
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
];

/** A throughput that changes with every field of a solve request, so an answer for other settings shows. */
function fakeThroughput(p: Record<string, unknown>): number {
  return Object.values(p).reduce<number>((a, x, i) => a + (i + 1) * (typeof x === 'number' ? x : x ? 7 : 3), 0) / 100;
}

/** Another valid value for a param: the other end of a range, the next choice, the flipped box. */
function otherValue(p: Params[string], now: unknown, texts: Record<string, string>, name: string): string | boolean {
  if (p.kind === 'bool') return !now;
  if (p.kind === 'choice') return p.values[(p.values.indexOf(now as never) + 1) % p.values.length];
  if (p.kind === 'int' || p.kind === 'number') return String(now === p.max ? p.min : p.max);
  return texts[name];
}

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function setInput(el: HTMLElement, key: string, name: string, value: string | boolean) {
  const input = el.querySelector<HTMLInputElement>(`[id="${key}-${name}"]`)!;
  if (typeof value === 'boolean') input.checked = value;
  else input.value = value;
  const type = input.localName === 'select' || input.type === 'checkbox' ? 'change' : 'input';
  input.dispatchEvent(new Event(type, { bubbles: true }));
  await settle();
}

beforeAll(() => {
  // jsdom lays nothing out: charts are skipped (width 0); the figures under test are text.
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q }) as MediaQueryList) as typeof window.matchMedia;
});

afterEach(() => {
  document.body.innerHTML = '';
  requests.length = 0;
  history.replaceState(null, '', '/');
});

describe('every figure follows its inputs or is marked stale (issue 19)', () => {
  for (const row of rows) {
    it(`${row.name}: each input changed, then its button pressed`, async () => {
      answer = row.answer;
      await row.load();
      document.body.innerHTML = markup(row.schema, row.folder, row.shell, row.data);
      const el = document.querySelector<HTMLElement & { values: Record<string, unknown> }>(row.schema.tag)!;
      await settle();
      expect(row.consistent(el, el.values), `${row.name}: first view`).toBe(true);
      for (const [name, p] of Object.entries(row.schema.params)) {
        if (!el.querySelector(`[id="${row.schema.urlKey}-${name}"]`)) continue;
        const value = otherValue(p, el.values[name], row.texts, name);
        if (value === undefined) continue;
        await setInput(el, row.schema.urlKey, name, value);
        expect(row.consistent(el, el.values), `${row.name}: after changing ${name} to ${value}`).toBe(true);
        if (row.button) {
          el.querySelector<HTMLButtonElement>(row.button)!.click();
          await settle();
          await settle();
          expect(row.consistent(el, el.values), `${row.name}: ${name} changed, button pressed`).toBe(true);
          expect(isStale(el), `${row.name}: not stale after the button`).toBe(false);
        }
      }
    });
  }
});

/** Mount one row's widget (after an optional URL query) and let it settle. */
async function mount(name: string, query = '') {
  const row = rows.find((r) => r.name === name)!;
  answer = row.answer;
  await row.load();
  history.replaceState(null, '', `/${query}`);
  document.body.innerHTML = markup(row.schema, row.folder, row.shell, row.data);
  const el = document.querySelector<HTMLElement & { values: Record<string, unknown> }>(row.schema.tag)!;
  await settle();
  return el;
}

describe('the items of issue 19 and 23, one by one', () => {
  it('SpecSampling: a shared link with a new prompt and temperature opens consistent, stale until its node arrives', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const plain = rows[0].answer;
    answer = async (type, p) => {
      if (type === 'spec.node') await gate;
      return plain(type, p);
    };
    const row = rows[0];
    await row.load();
    history.replaceState(null, '', '/?mss.prompt=The%20whale&mss.temperature=2');
    document.body.innerHTML = markup(row.schema, row.folder, row.shell);
    const el = document.querySelector<HTMLElement & { values: Record<string, unknown> }>(row.schema.tag)!;
    await settle();
    expect(isStale(el)).toBe(true); // the build-time figures are for the default prompt
    expect(el.querySelector<HTMLButtonElement>('[data-action="run"]')!.disabled).toBe(true);
    release();
    await settle();
    expect(isStale(el)).toBe(false);
    expect(last('spec.node')).toEqual({ prompt: 'The whale', temperature: 2 });
    expect(row.consistent(el, el.values)).toBe(true);
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
