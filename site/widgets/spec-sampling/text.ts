// SpecSampling's words in both editions (labels live in params.ts with their `zh`): buttons, stats, the chart's
// titles and series, and the sentences that tell a draw, a node and a run. Numbers go through the kit's formatters.
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { count, percent, token } from '../_kit/format.ts';

/** One child tried at the node: its token's text, the draft's probability of it, the acceptance chance, the verdict. */
export interface TriedChild {
  text: string;
  q: number;
  pAccept: number;
  accepted: boolean;
}
/** A run's figures as the summary states them (shares in [0, 1]). */
export interface RunFigures {
  runs: number;
  tv: number;
  noise: number;
  mssAccept: number;
  mssAcceptExact: number;
  naiveAccept: number;
  naiveAcceptExact: number;
}
/** What the node summary states: the target's top token, its probabilities, the children and the two acceptances. */
export interface NodeFigures {
  top: string;
  p: number;
  q: number;
  k: number;
  mss: number;
  naive: number;
}

export const text = bilingual({
  en: {
    draw: 'Draw once',
    run: (runs: number) => `Run ${count(runs)} times`,
    mssStat: 'Speculative sampling accepts a child',
    naiveStat: 'Naive sampling would',
    noiseStat: 'Total variation of the last run from the target',
    staticBar: (tok: string, p: number, q: number) => `${tok}: target ${percent(p)}, draft ${percent(q)}`,
    caption:
      "Probabilities of the node's likeliest tokens under the target (p) and the draft (q), at the chosen temperature. After a rejected draw the third bar is the residual the next child is tested against; after a run, it is how often each token was emitted.",
    measured: KIT.en.badge.measured,
    trialLabel: 'The last draw, step by step',
    computing: 'Computing the distributions for this prompt and temperature…',
    ready: (runs: number) => `Ready: draw once, or run ${count(runs)} times.`,
    exactly: (share: number, exact: number) => `${percent(share)} (exactly ${percent(exact)})`,
    noise: (tv: number, noise: number) => `${percent(tv, 2)} (noise alone: ${percent(noise, 2)})`,
    targetSeries: 'target p',
    draftSeries: 'draft q',
    residualSeries: 'residual',
    emittedSeries: (runs: number) => `emitted (${count(runs)} runs)`,
    chartLabel: 'Probability of the likeliest tokens at this node, target against draft',
    yAxis: 'probability',
    child: (i: number, c: TriedChild) =>
      `Child ${i}: ${token(c.text)} (draft probability ${percent(c.q)}), accepted with probability ${percent(c.pAccept)}: ${c.accepted ? 'accepted' : 'rejected, so the target distribution becomes the residual max(0, p − q), renormalised'}.`,
    allRejected: (tok: string) => `Every child was rejected: ${token(tok)} is drawn from the last residual.`,
    emitted: (tok: string) => `Emitted ${token(tok)}.`,
    runSummary: (r: RunFigures) =>
      `${count(r.runs)} runs: the emitted tokens' frequencies differ from the target's probabilities by ${percent(r.tv, 2)} in total variation; sampling noise alone gives ${percent(r.noise, 2)} on average at ${count(r.runs)} exact draws from the target. Some child was accepted in ${percent(r.mssAccept)} of runs (exactly ${percent(r.mssAcceptExact)}); naive sampling with the same children would accept ${percent(r.naiveAccept)} (exactly ${percent(r.naiveAcceptExact)}).`,
    nodeSummary: (n: NodeFigures) =>
      `At this node the target's most likely token is ${token(n.top)} at ${percent(n.p)}, where the draft gives it ${percent(n.q)}. With ${n.k} drafted ${n.k === 1 ? 'child' : 'children'}, speculative sampling accepts one with probability ${percent(n.mss)}; naive sampling ${percent(n.naive)}.`,
  },
  zh: {
    draw: '抽取一次',
    run: (runs: number) => `运行 ${count(runs)} 次`,
    mssStat: '投机采样接受某个子节点的概率',
    naiveStat: '朴素采样的接受概率',
    noiseStat: '上次运行与目标分布的总变差',
    staticBar: (tok: string, p: number, q: number) => `${tok}：目标模型 ${percent(p)}，草稿模型 ${percent(q)}`,
    caption:
      '在所选温度下，该节点最可能的几个词元在目标模型（p）和草稿模型（q）下的概率。一次抽取被拒绝后，第三根柱是下一个子节点要对照检验的残差分布；运行多次之后，它是每个词元被输出的频率。',
    measured: KIT.zh.badge.measured,
    trialLabel: '上一次抽取，逐步展示',
    computing: '正在为这个提示词和温度计算分布……',
    ready: (runs: number) => `就绪：可以抽取一次，或运行 ${count(runs)} 次。`,
    exactly: (share: number, exact: number) => `${percent(share)}（精确值 ${percent(exact)}）`,
    noise: (tv: number, noise: number) => `${percent(tv, 2)}（仅噪声：${percent(noise, 2)}）`,
    targetSeries: '目标 p',
    draftSeries: '草稿 q',
    residualSeries: '残差',
    emittedSeries: (runs: number) => `输出频率（${count(runs)} 次运行）`,
    chartLabel: '该节点最可能词元的概率：目标模型与草稿模型对照',
    yAxis: '概率',
    child: (i: number, c: TriedChild) =>
      `子节点 ${i}：${token(c.text)}（草稿概率 ${percent(c.q)}），接受概率 ${percent(c.pAccept)}：${c.accepted ? '已接受' : '被拒绝，于是目标分布变为残差 max(0, p − q) 并重新归一化'}。`,
    allRejected: (tok: string) => `所有子节点都被拒绝：从最后的残差分布中抽出 ${token(tok)}。`,
    emitted: (tok: string) => `输出 ${token(tok)}。`,
    runSummary: (r: RunFigures) =>
      `${count(r.runs)} 次运行：输出词元的频率与目标模型概率的总变差为 ${percent(r.tv, 2)}；从目标模型精确抽取 ${count(r.runs)} 次时，仅采样噪声平均就有 ${percent(r.noise, 2)}。有子节点被接受的运行占 ${percent(r.mssAccept)}（精确值 ${percent(r.mssAcceptExact)}）；用同样的子节点，朴素采样的接受率为 ${percent(r.naiveAccept)}（精确值 ${percent(r.naiveAcceptExact)}）。`,
    nodeSummary: (n: NodeFigures) =>
      `在这个节点上，目标模型最可能的词元是 ${token(n.top)}，概率 ${percent(n.p)}，草稿模型给它的概率是 ${percent(n.q)}。草稿模型提出 ${n.k} 个子节点时，投机采样接受其中之一的概率为 ${percent(n.mss)}；朴素采样为 ${percent(n.naive)}。`,
  },
});
