// SpecTree's words in both editions (labels live in params.ts with their `zh`): the buttons, counters, titles,
// notes and the sentences that tell a step. Tokens are quoted with the kit's `token`, numbers with its formatters.
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { decimal, percent, token } from '../_kit/format.ts';
import type { StepView } from '../../../lib/speculative/step-view.ts';
import type { Totals } from './model.ts';

const depthOf = (v: StepView) => Math.max(...v.nodes.map((n) => n.depth));

export const text = bilingual({
  en: {
    restart: 'Restart',
    step: 'Step',
    run: 'Run to the end',
    passes: 'Target passes',
    tokens: 'Tokens',
    tokensPerPass: 'Tokens per pass',
    saved: 'Passes saved',
    treeTitle: 'The tree of this step',
    nodesLabel: 'Nodes of the tree, parents first',
    maskTitle: 'Attention mask: which node sees which',
    maskLabel: 'Tree attention mask',
    maskCaption:
      'Row i, column j filled when node i may attend to node j (itself or an ancestor); every node also sees the whole verified prefix.',
    node: 'node',
    sees: (i: number, j: number) => `node ${i} sees node ${j}`,
    doesNotSee: (i: number, j: number) => `node ${i} does not see node ${j}`,
    caption:
      "Highlighted text: guesses the target accepted, then its own token (underlined). Probabilities are the draft's; \"would write\" is the target's first choice after that node's path, all from one tree-masked pass.",
    measured: KIT.en.badge.measured,
    /** How a note about typed-but-unapplied settings begins (so the next review replaces it). */
    pending: 'Not applied yet:',
    badShapeFirst: (reason: string, fallback: string) => `${reason}; using ${fallback} instead.`,
    badShape: (reason: string, tree: string) => `${reason}. Step and Run go on with ${tree}.`,
    newShape: (shape: string) => `the shape ${shape}`,
    newPrompt: 'the new prompt',
    pendingNote: (pending: string, changes: string[], tree: string) =>
      `${pending} ${changes.join(' and ')}: press Enter or Restart to start over with ${changes.length > 1 ? 'them' : 'it'}. Step and Run go on with ${tree}.`,
    nodeLabel: (v: StepView, i: number) =>
      i === 0 ? `root ${token(v.nodes[0].text)}` : `${i}: ${token(v.nodes[i].text)}`,
    /** One line per node: its token, the draft's probability, the target's choice after it, accepted or not. */
    nodeLine: (v: StepView, i: number) => {
      const n = v.nodes[i];
      const head = i === 0 ? `root ${token(n.text)} (verified)` : `${token(n.text)}, draft ${percent(n.q)}`;
      const after = n.targetChoice === null ? '' : `; the target would write ${token(n.targetChoice)} next`;
      const mark = i === 0 ? '' : n.accepted ? ' — accepted' : '';
      return `${head}${after}${mark}`;
    },
    stepSentence: (v: StepView) => {
      const guesses = v.accepted.length - 1;
      const own = v.emitted[v.emitted.length - 1];
      return `The draft guessed ${v.nodes.length - 1} tokens in a tree of depth ${depthOf(v)}; the target accepted ${guesses} of them along one path and added ${token(own.text)} ${v.bonus ? '(a bonus token: the path reached a leaf)' : '(its own choice where the guesses stopped matching)'}, so this pass produced ${v.emitted.length} token${v.emitted.length === 1 ? '' : 's'}.`;
    },
    totalsSentence: (t: Totals) => {
      if (t.passes === 0) return 'No steps yet.';
      return `${t.tokens} tokens in ${t.passes} target passes: ${decimal(t.tokens / t.passes)} tokens per pass, ${t.tokens - t.passes} passes saved against plain decoding.`;
    },
  },
  zh: {
    restart: '重新开始',
    step: '单步',
    run: '运行到底',
    passes: '目标模型前向次数',
    tokens: '词元数',
    tokensPerPass: '每次前向的词元数',
    saved: '节省的前向次数',
    treeTitle: '本步的令牌树',
    nodesLabel: '树的节点，父节点在前',
    maskTitle: '注意力掩码：哪个节点能看到哪个节点',
    maskLabel: '树注意力掩码',
    maskCaption:
      '第 i 行第 j 列填充，表示节点 i 可以关注节点 j（它自己或它的祖先）；每个节点还能看到全部已验证的前缀。',
    node: '节点',
    sees: (i: number, j: number) => `节点 ${i} 能看到节点 ${j}`,
    doesNotSee: (i: number, j: number) => `节点 ${i} 看不到节点 ${j}`,
    caption:
      '高亮文本：目标模型接受的猜测，然后是它自己的词元（带下划线）。概率来自草稿模型；“接下来会写”是目标模型在该节点路径之后的首选，全部出自一次带树掩码的前向计算。',
    measured: KIT.zh.badge.measured,
    pending: '尚未应用：',
    badShapeFirst: (reason: string, fallback: string) => `${reason}；改用 ${fallback}。`,
    badShape: (reason: string, tree: string) => `${reason}。“单步”和“运行到底”仍沿用 ${tree}。`,
    newShape: (shape: string) => `树形 ${shape}`,
    newPrompt: '新的提示词',
    pendingNote: (pending: string, changes: string[], tree: string) =>
      `${pending}${changes.join('和')}：按 Enter 或“重新开始”即可用它${changes.length > 1 ? '们' : ''}从头开始。“单步”和“运行到底”仍沿用 ${tree}。`,
    nodeLabel: (v: StepView, i: number) =>
      i === 0 ? `根 ${token(v.nodes[0].text)}` : `${i}: ${token(v.nodes[i].text)}`,
    nodeLine: (v: StepView, i: number) => {
      const n = v.nodes[i];
      const head = i === 0 ? `根 ${token(n.text)}（已验证）` : `${token(n.text)}，草稿概率 ${percent(n.q)}`;
      const after = n.targetChoice === null ? '' : `；目标模型接下来会写 ${token(n.targetChoice)}`;
      const mark = i === 0 ? '' : n.accepted ? ' —— 已接受' : '';
      return `${head}${after}${mark}`;
    },
    stepSentence: (v: StepView) => {
      const guesses = v.accepted.length - 1;
      const own = v.emitted[v.emitted.length - 1];
      return `草稿模型在一棵深度为 ${depthOf(v)} 的树中猜了 ${v.nodes.length - 1} 个词元；目标模型沿一条路径接受了其中 ${guesses} 个，并加上 ${token(own.text)}${v.bonus ? '（奖励词元：路径到达了叶节点）' : '（猜测不再吻合处它自己的选择）'}，因此这次前向产生了 ${v.emitted.length} 个词元。`;
    },
    totalsSentence: (t: Totals) => {
      if (t.passes === 0) return '还没有执行任何一步。';
      return `${t.passes} 次目标模型前向产生 ${t.tokens} 个词元：每次前向 ${decimal(t.tokens / t.passes)} 个词元，比普通解码节省 ${t.tokens - t.passes} 次前向。`;
    },
  },
});
