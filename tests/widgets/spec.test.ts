// @vitest-environment jsdom-ssr
// Lesson 8's widgets in Node: their view models (sentences, bars, points) and charts, on small made-up inputs; and
// each widget's real shell in the Chinese edition (a /zh/ page), its element run against a fake model worker.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { passPoints, summaryText, type PassRow } from '../../site/widgets/spec-passes/model.ts';
import { passesChart } from '../../site/widgets/spec-passes/chart.ts';
import { bars, shownTokens, trialText, runSummary, SHOWN } from '../../site/widgets/spec-sampling/model.ts';
import { mssAcceptProbability, naiveAcceptProbability } from '../../lib/speculative/node-sampling.ts';
import { percent } from '../../site/widgets/_kit/format.ts';
import { binomialMeanAbsDeviation, samplingNoiseTV, totalVariation } from '../../lib/stats.ts';
import { mulberry32 } from '../../lib/random.ts';
import { barsChart } from '../../site/widgets/spec-sampling/chart.ts';
import { text as treeText } from '../../site/widgets/spec-tree/text.ts';
import { SpecPasses, SpecRace, SpecSampling, SpecTree } from '../../site/widgets/index.ts';
import { answer, mountZh, settle, shownWords, stubMatchMedia, unmountZh } from './zh-mount.ts';
import { text as raceText } from '../../site/widgets/spec-race/text.ts';
import type { StepView } from '../../lib/speculative/step-view.ts';

vi.mock('../../site/worker/client.ts', async () => (await import('./worker/fake-client.ts')).clientModule);

beforeAll(stubMatchMedia);
afterEach(unmountZh);

const rows: PassRow[] = [
  { shape: 'chain 1', nodes: 1, verifier: 'greedy', tokensPerPass: 1.6 },
  { shape: 'chain 2', nodes: 2, verifier: 'greedy', tokensPerPass: 1.9 },
  { shape: 'chain 1', nodes: 1, verifier: 'mss', tokensPerPass: 1.7 },
  { shape: 'chain 2', nodes: 2, verifier: 'mss', tokensPerPass: 2.3 },
  { shape: '⟨2,2,1⟩', nodes: 10, verifier: 'greedy', tokensPerPass: 2.8 },
  { shape: 'budget 16', nodes: 16, verifier: 'greedy', tokensPerPass: 2.4 },
  { shape: 'chain 4', nodes: 4, verifier: 'naive', tokensPerPass: 1.2 },
];

describe('SpecPasses', () => {
  it('groups points by family and decoding, leaves naive sampling out, and says what the chart shows', () => {
    expect(passPoints(rows, 'both')).toHaveLength(6);
    expect(passPoints(rows, 'greedy').map((p) => p.family)).toEqual(['chain', 'chain', 'tree', 'best-first']);
    expect(summaryText(rows, 'greedy')).toBe(
      'Tokens per target pass against guessed nodes, measured on held-out text. greedy: chains go from 1.60 tokens per target pass with 1 guess to 1.90 with 2; the best shape, ⟨2,2,1⟩ with 10 guesses, verifies 2.80.',
    );
    expect(summaryText(rows, 'sampled')).toMatch(/sampled: chains go from 1.70/);
  });
  it('draws a named chart with a description at phone width', () => {
    const fig = passesChart(rows, 'both', { width: 375, document });
    const svg = fig.querySelector('svg:not([class*="swatch"])') ?? fig;
    expect(fig.outerHTML).toMatch(/aria-label="Tokens per target pass against guessed nodes per tree"/);
    expect(svg).toBeTruthy();
    expect(fig.querySelectorAll('g[aria-label]').length).toBe(0);
  });
  it('in Chinese: the summary, the chart and the shell say the same numbers in Chinese words', async () => {
    expect(summaryText(rows, 'greedy', 'zh')).toBe(
      '每次目标前向的词元数与猜测节点数的关系，在留出文本上实测。贪心：链从 1 个猜测时每次目标前向 1.60 个词元，增至 2 个猜测时的 1.90 个；最好的树形是 ⟨2,2,1⟩（10 个猜测），每次验证 2.80 个。',
    );
    const fig = passesChart(rows, 'both', { width: 375, document, lang: 'zh' });
    expect(fig.outerHTML).toMatch(/aria-label="每次目标前向的词元数与树中猜测节点数的关系"/);
    const swatches = [...fig.querySelectorAll('[class$="-swatch"]')];
    expect(swatches.map((s) => s.textContent?.trim())).toEqual(['链', '树', '最优优先']);
    expect(swatches[0].querySelector('svg')!.getAttribute('fill')).toBe('none'); // chains hollow, as in English
    expect(fig.textContent).toMatch(/采样/);
    const el = await mountZh(SpecPasses, () => import('../../site/widgets/spec-passes/element.ts'));
    expect([...el.querySelectorAll('select option')].map((o) => o.textContent)).toEqual(['贪心', '采样', '两者']);
    expect(el.querySelector('label')!.textContent).toBe('解码方式');
    expect(shownWords(el)).not.toMatch(/\b(greedy|sampled|measured on our model|Tokens per target pass)\b/);
  });
});

describe('SpecSampling', () => {
  const d = {
    p: [0.5, 0.2, 0.1, 0.1, 0.05, 0.02, 0.01, 0.01, 0.005, 0.005],
    q: [0.1, 0.1, 0.6, 0.05, 0.05, 0.05, 0.02, 0.01, 0.01, 0.01],
    texts: ['a', ' b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', '\n'],
  };
  it('shows the tokens likeliest under either model, most likely under the target first', () => {
    const ids = shownTokens(d);
    expect(ids).toHaveLength(SHOWN);
    expect(ids[0]).toBe(0);
    expect(ids).toContain(2); // likely only under the draft
    expect(bars(d, [{ name: 'residual', values: d.p }])).toHaveLength(SHOWN * 3);
  });
  it('tells one draw in words and sums up a run', () => {
    const lines = trialText(
      { tried: [{ child: 1, token: 2, pAccept: 1 / 6, accepted: false }], accepted: -1, token: 0, residual: null },
      d.texts,
      d.q,
    );
    expect(lines[0]).toBe(
      'Child 1: "c" (draft probability 60%), accepted with probability 16.7%: rejected, so the target distribution becomes the residual max(0, p − q), renormalised.',
    );
    expect(lines[1]).toBe('Every child was rejected: "a" is drawn from the last residual.');
    const counts = d.p.map((x) => x * 10_000);
    expect(
      runSummary(
        { runs: 10_000, counts, mssAccept: 0.5, naiveAccept: 0.3, mssAcceptExact: 0.5, naiveAcceptExact: 0.3 },
        d,
      ),
    ).toMatch(
      /^10,000 runs: .* by 0% in total variation; sampling noise alone gives [\d.]+% on average at 10,000 exact draws/,
    );
  });
  it('E|X − np| of a binomial matches the sum over every outcome (de Moivre closed form)', () => {
    const rng = mulberry32(19);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + Math.floor(rng() * 60),
        p = rng() ** 2;
      let brute = 0,
        pmf = (1 - p) ** n; // P(X = 0), then P(X = k) by the ratio (n − k + 1)/k · p/(1 − p)
      for (let k = 0; k <= n; k++) {
        if (k > 0) pmf *= ((n - k + 1) / k) * (p / (1 - p));
        brute += pmf * Math.abs(k - n * p);
      }
      expect(binomialMeanAbsDeviation(n, p)).toBeCloseTo(brute, 10);
    }
  });
  it('the noise-alone total variation is what seeded exact sampling gives on average', () => {
    const rng = mulberry32(8);
    const draws = 2000,
      repeats = 200;
    const cdf = d.p.map((_, i) => d.p.slice(0, i + 1).reduce((a, b) => a + b, 0));
    let mean = 0;
    for (let r = 0; r < repeats; r++) {
      const counts = d.p.map(() => 0);
      for (let i = 0; i < draws; i++) {
        const u = rng();
        const k = cdf.findIndex((c) => u < c);
        counts[k < 0 ? d.p.length - 1 : k]++;
      }
      mean += totalVariation(
        counts.map((c) => c / draws),
        d.p,
      );
    }
    mean /= repeats;
    expect(Math.abs(mean - samplingNoiseTV(d.p, draws)) / samplingNoiseTV(d.p, draws)).toBeLessThan(0.05);
    const shrink = samplingNoiseTV(d.p, 100) / samplingNoiseTV(d.p, 10_000); // about 1/sqrt(N): 100 times the draws
    expect(shrink).toBeGreaterThan(9);
    expect(shrink).toBeLessThan(11);
  });
  it('draws the bars as a named chart', () => {
    const fig = barsChart(bars(d), 'a description', { width: 375, document });
    expect(fig.outerHTML).toMatch(/aria-description="a description"/);
  });
  it('in Chinese: a draw, a run and the node told in Chinese with the same figures, on a /zh/ page', async () => {
    const tried = { child: 1, token: 2, pAccept: 1 / 6, accepted: false };
    expect(trialText({ tried: [tried], accepted: -1, token: 0, residual: null }, d.texts, d.q, 'zh')).toEqual([
      '子节点 1："c"（草稿概率 60%），接受概率 16.7%：被拒绝，于是目标分布变为残差 max(0, p − q) 并重新归一化。',
      '所有子节点都被拒绝：从最后的残差分布中抽出 "a"。',
    ]);
    expect(
      bars(d, [], 'zh')
        .map((b) => b.series)
        .slice(0, 2),
    ).toEqual(['目标 p', '草稿 q']);
    expect(barsChart(bars(d, [], 'zh'), '描述', { width: 375, document, lang: 'zh' }).outerHTML).toMatch(
      /aria-label="该节点最可能词元的概率：目标模型与草稿模型对照"/,
    );
    const el = await mountZh(SpecSampling, () => import('../../site/widgets/spec-sampling/element.ts'));
    expect(el.querySelector('[data-action="draw"]')!.textContent).toBe('抽取一次');
    expect(el.querySelector('[data-action="run"]')!.textContent).toBe('运行 10,000 次');
    await answer('spec.node', () => d);
    expect(el.querySelector('[data-progress]')!.textContent).toBe('就绪：可以抽取一次，或运行 10,000 次。');
    expect(el.querySelector('[data-summary]')!.textContent).toBe(
      `在这个节点上，目标模型最可能的词元是 "a"，概率 50%，草稿模型给它的概率是 10%。草稿模型提出 2 个子节点时，投机采样接受其中之一的概率为 ${percent(mssAcceptProbability(d.p, d.q, 2))}；朴素采样为 ${percent(naiveAcceptProbability(d.p, d.q, 2))}。`,
    );
    el.querySelector<HTMLButtonElement>('[data-action="draw"]')!.click();
    for (let i = 0; i < 50 && !el.querySelector('[data-out="trial"] li'); i++) await settle();
    expect(el.querySelector('[data-out="trial"] li')!.textContent).toMatch(/^子节点 1：/);
    el.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
    const counts = d.p.map((x) => x * 10_000);
    await answer('spec.sample', () => ({
      runs: 10_000,
      counts,
      mssAccept: 0.5,
      naiveAccept: 0.3,
      mssAcceptExact: 0.5,
      naiveAcceptExact: 0.3,
    }));
    expect(el.querySelector('[data-out="mss"]')!.textContent).toBe('50%（精确值 50%）');
    expect(el.querySelector('[data-out="noise"]')!.textContent).toMatch(/^0%（仅噪声：[\d.]+%）$/);
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(
      /^10,000 次运行：输出词元的频率与目标模型概率的总变差为 0%/,
    );
    expect(shownWords(el)).not.toMatch(/\b(Draw once|Run 10,000 times|target|draft|Ready|runs)\b/);
  });
});

describe('SpecTree and SpecRace sentences', () => {
  const v: StepView = {
    nodes: [
      { token: 1, text: ' the', parent: -1, depth: 0, q: 1, targetChoice: ' sea', accepted: true },
      { token: 2, text: ' sea', parent: 0, depth: 1, q: 0.4, targetChoice: '.', accepted: true },
      { token: 3, text: ' ship', parent: 0, depth: 1, q: 0.2, targetChoice: ',', accepted: false },
    ],
    accepted: [0, 1],
    mask: [
      [1, 0, 0],
      [1, 1, 0],
      [1, 0, 1],
    ],
    emitted: [
      { id: 2, text: ' sea' },
      { id: 4, text: '.' },
    ],
    bonus: true,
    targetMs: 2,
    draftMs: 1,
  };
  it('describes nodes, the step and the totals', () => {
    const { nodeLine, stepSentence, totalsSentence } = treeText.en;
    expect(nodeLine(v, 0)).toBe('root "·the" (verified); the target would write "·sea" next');
    expect(nodeLine(v, 1)).toBe('"·sea", draft 40%; the target would write "." next — accepted');
    expect(stepSentence(v)).toBe(
      'The draft guessed 2 tokens in a tree of depth 1; the target accepted 1 of them along one path and added "." (a bonus token: the path reached a leaf), so this pass produced 2 tokens.',
    );
    expect(totalsSentence({ passes: 4, tokens: 10 })).toBe(
      '10 tokens in 4 target passes: 2.50 tokens per pass, 6 passes saved against plain decoding.',
    );
  });
  it('SpecTree on a Chinese page: buttons, counters, the step and the mask in Chinese, the same numbers', async () => {
    const el = await mountZh(SpecTree, () => import('../../site/widgets/spec-tree/element.ts'));
    expect(el.querySelector('[data-action="restart"]')!.textContent).toBe('重新开始');
    expect(el.querySelector('label[for$="shape"]')!.textContent).toBe('树形');
    await answer('spec.start', () => ({ session: 1 }));
    await answer('spec.next', () => [v]);
    expect(el.querySelector('[data-progress]')!.textContent).toBe(
      '草稿模型在一棵深度为 1 的树中猜了 2 个词元；目标模型沿一条路径接受了其中 1 个，并加上 "."（奖励词元：路径到达了叶节点），因此这次前向产生了 2 个词元。',
    );
    expect(el.querySelector('[data-out="nodes"] li')!.textContent).toBe(
      '根 "·the"（已验证）；目标模型接下来会写 "·sea"',
    );
    expect(el.querySelector('[data-out="mask"] td')!.getAttribute('aria-label')).toBe('节点 0 能看到节点 0');
    expect(treeText.zh.totalsSentence({ passes: 4, tokens: 10 })).toBe(
      '4 次目标模型前向产生 10 个词元：每次前向 2.50 个词元，比普通解码节省 6 次前向。',
    );
    expect(shownWords(el)).not.toMatch(/\b(Restart|Step|Run to the end|Tokens per pass|The draft guessed|node)\b/);
  });
  it('sums up a race', () => {
    const view = {
      shape: 'chain 4',
      backend: 'wasm',
      plain: { text: 'x', ms: 400, tokensPerSecond: 240, promptMs: 12 },
      speculative: {
        text: 'x',
        ms: 200,
        tokensPerSecond: 480,
        passes: 40,
        tokensPerPass: 2.4,
        targetMs: 150,
        draftMs: 40,
      },
      identical: true,
    };
    const s = raceText.en.raceSummary(view, 96);
    expect(s).toMatch(
      /^Decoding 96 tokens greedily on wasm: plain 240 tokens\/s .* 2× faster\. The two texts are identical\.$/,
    );
    // What the times leave out is said, with its own figure, in both editions.
    expect(s).toMatch(/after a 12 ms pass over the prompt, left out of both/);
    expect(raceText.zh.raceSummary(view, 96)).toMatch(/另有对提示的一次前向 12 ms，两边都已扣除/);
  });
  it('SpecRace on a Chinese page: the button, Cancel, the lanes and the race told in Chinese', async () => {
    const el = await mountZh(SpecRace, () => import('../../site/widgets/spec-race/element.ts'));
    const button = el.querySelector<HTMLButtonElement>('[data-action="race"]')!;
    expect(button.textContent).toBe('开始比赛');
    expect(el.querySelector('[data-out="spec-title"]')!.textContent).toBe('投机解码，chain 4');
    button.click();
    await settle();
    expect(button.textContent).toBe('取消');
    const lane = { text: ' the sea', ms: 400, tokensPerSecond: 240 };
    const speculative = { ...lane, ms: 200, tokensPerSecond: 480, passes: 40, tokensPerPass: 2.4, targetMs: 150 };
    const race = { shape: 'chain 4', backend: 'wasm', plain: { ...lane, promptMs: 12 }, identical: true };
    await answer('spec.race', () => ({ ...race, speculative: { ...speculative, draftMs: 40 } }));
    expect(button.textContent).toBe('开始比赛');
    expect(el.querySelector('[data-out="spec-speed"]')!.textContent).toBe('480 词元/s');
    expect(el.querySelector('[data-progress]')!.textContent).toBe(
      '在 wasm 上贪心解码 96 个词元：普通解码 240 词元/s（400 ms，另有对提示的一次前向 12 ms，两边都已扣除），使用 chain 4 的投机解码 480 词元/s（200 ms，40 次目标前向，每次前向 2.40 个词元，草稿模型共用 40 ms）：速度是普通解码的 2×。两段文本完全相同。',
    );
    expect(shownWords(el)).not.toMatch(/\b(Race|Speed|Plain decoding|Speculative|tokens)\b/);
  });
});
