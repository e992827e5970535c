// FlashBundling's words in both editions: the shell's tables and caption, the chart's, and the summary sentence.
import { bytes, count, percent, times } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';
import { KIT } from '../_kit/text.ts';
import { layoutRows, type FriendsData, type Layout } from './model.ts';

export const text = bilingual({
  en: {
    caption: (model: string, tokens: number, nLayer: number) =>
      `${model}, true active sets, no window, ${tokens} tokens of held-out text, all ${nLayer} layers `,
    measured: KIT.en.badge.measured,
    halves: (half: string) => `. A neuron's up column and down row are ${half} each.`,
    tableLabel: 'Reads per token by layout',
    perToken: 'Per token',
    layoutCol: 'layout',
    readsCol: 'read calls',
    bytesCol: 'bytes read',
    layouts: {
      apart: 'up and down apart',
      bundled: 'row-column bundles',
      friends: 'closest-friend bundles',
    } as Record<Layout, string>,
    chartNote: 'Bars: read calls (left) and KiB read (right) per token for each layout.',
    friendsLabel: 'Closest friends per layer',
    friendsCaption: 'Closest friends, per layer',
    friendsCols: [
      'layer',
      'most-named friend: named by',
      'it fires on',
      'distinct friends',
      'friend among the hottest 5%',
      'friend co-fires ≥ 95%',
    ],
    neurons: (n: string) => `${n} neurons`,
    ofTokens: (share: string) => `${share} of tokens`,
    chartLabel: 'Read calls and KiB per token for three flash layouts',
    measures: ['read calls', 'KiB read'],
    perTokenAxis: 'per token',
    summary: (f: FriendsData, neuronBytes: number) => {
      const [sep, rc, fr] = layoutRows(f, neuronBytes);
      return `Per token on our model: ${count(Math.round(sep.reads))} reads of ${bytes(neuronBytes / 2)} with up and down apart; row-column bundles read the same ${bytes(rc.bytes)} in ${count(Math.round(rc.reads))} reads; closest-friend bundles read ${bytes(fr.bytes)} (${times(f.bytesRatio)}) in ${count(Math.round(fr.reads))} reads, and ${percent(f.wastedFriendShare)} of their friend halves are wasted.`;
    },
  },
  zh: {
    caption: (model: string, tokens: number, nLayer: number) =>
      `${model}，真实激活集合，不用窗口，${tokens} 个留出文本词元，全部 ${nLayer} 层 `,
    measured: KIT.zh.badge.measured,
    halves: (half: string) => `。一个神经元的上投影列和下投影行各 ${half}。`,
    tableLabel: '各布局下每个词元的读取',
    perToken: '每个词元',
    layoutCol: '布局',
    readsCol: '读取次数',
    bytesCol: '读取字节',
    layouts: {
      apart: '上投影与下投影分开',
      bundled: '行列捆绑',
      friends: '最亲密伙伴捆绑',
    },
    chartNote: '柱形：各布局下每个词元的读取次数（左）和读取的 KiB（右）。',
    friendsLabel: '各层的最亲密伙伴',
    friendsCaption: '最亲密伙伴，按层',
    friendsCols: [
      '层',
      '被点名最多的伙伴：点名者数',
      '它的激活频率',
      '不同伙伴数',
      '伙伴属于最热的 5%',
      '伙伴共同激活 ≥ 95%',
    ],
    neurons: (n: string) => `${n} 个神经元`,
    ofTokens: (share: string) => `${share} 的词元`,
    chartLabel: '三种闪存布局下每个词元的读取次数与 KiB',
    measures: ['读取次数', '读取 KiB'],
    perTokenAxis: '每个词元',
    summary: (f: FriendsData, neuronBytes: number) => {
      const [sep, rc, fr] = layoutRows(f, neuronBytes);
      return `在我们的模型上，每个词元：上投影与下投影分开时读取 ${count(Math.round(sep.reads))} 次、每次 ${bytes(neuronBytes / 2)}；行列捆绑用 ${count(Math.round(rc.reads))} 次读取同样的 ${bytes(rc.bytes)}；最亲密伙伴捆绑用 ${count(Math.round(fr.reads))} 次读取 ${bytes(fr.bytes)}（${times(f.bytesRatio)}），其中伙伴那一半有 ${percent(f.wastedFriendShare)} 是白读的。`;
    },
  },
});
