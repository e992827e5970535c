// @vitest-environment jsdom-ssr
// LoraTrain with a fake worker: the first view states the plan (the measured speed); a run samples the voice at
// step 0 (the base) and every SAMPLE_EVERY steps, showing the text, the classifier's verdict and a mark on the curve;
// a changed setting marks the figures stale; Stop ends the run (no second sample of the same step) and keeps it.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoraTrain } from '../../../site/widgets/index.ts';
import {
  SAMPLE_EVERY,
  VOICE_SEEDS,
  VOICE_TOKENS,
  type LossPoint,
  type VoicePoint,
} from '../../../site/widgets/lora-train/model.ts';
import { lossChart } from '../../../site/widgets/lora-train/chart.ts';
import { rankRows } from '../../../site/widgets/lora-rank/model.ts';
import { count, percent } from '../../../site/widgets/_kit/format.ts';
import { calls, type FakeCall } from '../worker/fake-client.ts';
import { answer, forgetCalls, mountZh, settle, shownWords, unmountZh } from '../zh-mount.ts';

vi.mock('../../../site/worker/client.ts', async () => (await import('../worker/fake-client.ts')).clientModule);

beforeAll(() => {
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q }) as MediaQueryList) as typeof window.matchMedia;
});
beforeEach(forgetCalls);

/** The fake classifier's verdicts: seed s at step t scores (t / 10 − s) / 4, so more read as speech as it trains. */
const sample = (c: FakeCall, step: number) => {
  const seeds = c.payload.seeds as number[];
  const samples = seeds.map((seed) => {
    const score = (step / 10 - seed) / 4;
    return { seed, text: ` words at step ${step} seed ${seed}`, score, label: score > 0 ? 'speech' : 'novel' };
  });
  return { step, samples, speechShare: samples.filter((s) => s.label === 'speech').length / samples.length };
};

const out = (el: HTMLElement, name: string) => el.querySelector(`[data-out="${name}"]`)!.textContent;

describe('LoraTrain', () => {
  it('samples the voice at step 0 and every SAMPLE_EVERY steps, marks stale on a change, and stops', async () => {
    const html = await (await AstroContainer.create()).renderToString(LoraTrain, { props: {} });
    document.body.innerHTML = html;
    await import('../../../site/widgets/lora-train/element.ts');
    const el = document.querySelector<HTMLElement>('lora-train')!;
    for (let i = 0; i < 50 && el.dataset.ready !== 'true'; i++) await settle();
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(
      /^Not started\. .* Expect about 136 s for 150 steps, .* measured in Chromium on this project's 2-core test machine/,
    );
    expect(el.querySelector<HTMLSelectElement>('select[id$="matrices"]')!.value).toBe('ffn');

    el.querySelector<HTMLButtonElement>('[data-act="train"]')!.click();
    const start = await answer('train.start', () => ({
      session: 7,
      parameters: 73_728,
      heldOutLoss: 3.8,
      trainTokens: 1000,
      heldOutTokens: 100,
      notes: [],
    }));
    expect(start.payload).toMatchObject({ kinds: ['up', 'down'], rank: 8 });

    // Step 0: the base model's voice, before any step.
    const first = await answer('train.sample', (c) => sample(c, 0));
    expect(first.payload).toMatchObject({
      session: 7,
      prompt: 'I think that',
      seeds: VOICE_SEEDS,
      maxNewTokens: VOICE_TOKENS,
    });
    expect(out(el, 'base')).toBe('I think that words at step 0 seed 1');
    expect(out(el, 'base-voice')).toMatch(/^step 0: 0 of 4 samples read as speech, a speech share of 0% \(/);

    // Steps up to SAMPLE_EVERY − 1: no sample; at SAMPLE_EVERY, one.
    const losses = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({ step: from + i + 1, loss: 3.8 - 0.01 * (from + i) }));
    await answer('train.next', () => ({
      step: SAMPLE_EVERY - 1,
      steps: 150,
      losses: losses(0, SAMPLE_EVERY - 1),
      stepsPerSecond: 1,
      tokensPerSecond: 256,
      done: false,
    }));
    await answer('train.next', () => ({
      step: SAMPLE_EVERY + 5,
      steps: 150,
      losses: losses(SAMPLE_EVERY - 1, SAMPLE_EVERY + 5),
      stepsPerSecond: 1,
      tokensPerSecond: 256,
      done: false,
    }));
    await answer('train.sample', (c) => sample(c, SAMPLE_EVERY + 5));
    const speech = VOICE_SEEDS.filter((s) => ((SAMPLE_EVERY + 5) / 10 - s) / 4 > 0).length;
    expect(out(el, 'voice')).toMatch(new RegExp(`^step ${SAMPLE_EVERY + 5}: ${speech} of 4 samples read as speech`));
    // The share those samples give, with its unit: the score the run ends on.
    expect(out(el, 'voice')).toContain(`a speech share of ${percent(speech / 4, 0)} (`);
    expect(out(el, 'adapted')).toBe(`I think that words at step ${SAMPLE_EVERY + 5} seed 1`);
    expect(out(el, 'base')).toBe('I think that words at step 0 seed 1');

    // A changed setting: the figures are for the run's settings, so they are marked stale.
    const r = el.querySelector<HTMLInputElement>('input[id$="-r"]')!;
    r.value = '4';
    r.dispatchEvent(new Event('input', { bubbles: true }));
    r.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(el.dataset.stale).toBe('true');
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(/press Train/);

    // Stop while a step request is out: the step answers, then the run is kept; the step already sampled is not
    // sampled again.
    el.querySelector<HTMLButtonElement>('[data-act="stop"]')!.click();
    await answer('train.next', () => ({
      step: SAMPLE_EVERY + 5,
      steps: 150,
      losses: [],
      stepsPerSecond: 1,
      tokensPerSecond: 256,
      done: false,
    }));
    const stop = await answer('train.stop', () => ({
      kept: { name: 'yours', rank: 8, alpha: 8, targets: [], parameters: 73_728 },
      baseUnchanged: true,
      step: SAMPLE_EVERY + 5,
      heldOutLoss: 3.7,
    }));
    expect(stop.payload).toMatchObject({ session: 7, keepAs: 'yours' });
    expect(calls.filter((c) => c.type === 'train.sample')).toHaveLength(2);
    expect(out(el, 'check')).toMatch(/^unchanged, bit for bit/);
    expect(el.querySelector<HTMLButtonElement>('[data-act="train"]')!.disabled).toBe(false);
  });
});

describe('LoraTrain chart: the voice samples on the loss curve', () => {
  it('draws one labelled rule per sample, says them in the description, and names them in the legend', () => {
    const points: LossPoint[] = [{ step: 0, loss: 3.8, set: 'held-out' }];
    for (let s = 1; s <= 40; s++) points.push({ step: s, loss: 3.8 - 0.01 * s, set: 'train' });
    const voices: VoicePoint[] = [
      { step: 0, speech: 0, samples: 4 },
      { step: 20, speech: 1, samples: 4 },
      { step: 40, speech: 3, samples: 4 },
    ];
    const fig = lossChart(points, 150, { width: 375, document }, voices);
    const labels = [...fig.querySelectorAll('svg text')]
      .map((t) => t.textContent)
      .filter((t) => /^\d\/4$/.test(t ?? ''));
    expect(labels).toEqual(['0/4', '1/4', '3/4']);
    expect(fig.outerHTML).toContain(
      'Voice samples read as speech: 0 of 4 at step 0, 1 of 4 at step 20, 3 of 4 at step 40.',
    );
    expect(fig.textContent).toContain('voice samples: k/n read as speech');
    // Without samples: no rules, no sentence about them.
    expect(lossChart(points, 150, { width: 375, document }).outerHTML).not.toContain('Voice samples');
  });
});

describe('LoraTrain in Chinese', () => {
  afterEach(unmountZh);
  it('on a /zh/ page: the plan, the run, the voice, the chart and Pause say the same figures in Chinese', async () => {
    const el = await mountZh(LoraTrain, () => import('../../../site/widgets/lora-train/element.ts'));
    for (let i = 0; i < 50 && el.dataset.ready !== 'true'; i++) await settle();
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(
      new RegExp(
        `^尚未开始。适配器将训练 ${count(rankRows(8, 'ffn')[0].trainable)} 个参数；基础模型保持冻结。150 步预计约需 `,
      ),
    );
    expect(el.querySelector('select[id$="corpus"] option')!.textContent).toBe('国情咨文，2009–2021');
    el.querySelector<HTMLButtonElement>('[data-act="train"]')!.click();
    await answer('train.start', () => ({ session: 3, parameters: 73_728, heldOutLoss: 3.8, notes: [] }));
    await answer('train.sample', (c) => sample(c, 0));
    expect(out(el, 'base-voice')).toMatch(/^第 0 步：4 个样本中有 0 个读起来像演讲，演讲占比 0%（得分 /);
    await answer('train.next', () => ({
      ...{ step: 10, steps: 150, losses: [{ step: 10, loss: 3.75 }], heldOutLoss: 3.7 },
      ...{ stepsPerSecond: 1.5, tokensPerSecond: 384, done: false },
    }));
    expect(el.querySelector('[data-progress]')!.textContent).toBe(
      '训练中：第 10 步，共 150 步，1.50 步/s（384 词元/s），运行于 wasm。',
    );
    expect(out(el, 'loss')).toBe('3.800 → 3.700 奈特/词元（−0.100）');
    el.querySelector<HTMLButtonElement>('[data-act="pause"]')!.click();
    await settle();
    expect(el.querySelector('[data-act="pause"]')!.textContent).toBe('继续');
    const fig = lossChart(
      [
        { step: 0, loss: 3.8, set: 'held-out' },
        { step: 10, loss: 3.7, set: 'held-out' },
      ],
      150,
      { width: 375, document, lang: 'zh' },
      [{ step: 0, speech: 0, samples: 4 }],
    );
    expect(fig.outerHTML).toContain(
      '留出损失在 10 步中从每词元 3.800 nats 变为 3.700 nats；最近一次训练损失尚未测得。',
    );
    expect(fig.textContent).toContain('语气样本：k/n 读起来像演讲');
    expect(shownWords(el)).not.toMatch(/\b(Train|Pause|Speed|Base weights|Not started|read as speech|steps)\b/);
  });
});
