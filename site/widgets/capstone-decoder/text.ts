// CapstoneDecoder's words in both editions (its parameters' labels and docs are in params.ts with their `zh`). The
// run label (lib/capstone's capstoneLabel, "int4 · exact · flash+window · chain 2 · greedy") is a code-like name
// and stays as lib writes it; lib's reasons a combination cannot run are English too (lib is shared with Node).
import type { CapstoneFidelity } from '../../../lib/capstone/loss.ts';
import type { CapstoneTotals } from '../../worker/handlers/capstone-run.ts';
import { bilingual } from '../../i18n/text.ts';
import { count, duration, percent } from '../_kit/format.ts';
import { splitSegments, type RunRow, type SplitKey } from './model.ts';

type Store = RunRow['storage'];

export const text = bilingual({
  en: {
    choices: {
      weights: { fp32: 'fp32', int4: 'int4 (AWQ, lesson 6)' },
      ffn: { dense: 'dense: every neuron', exact: 'exact: the ones that fire', predicted: 'predicted (predictor-v1)' },
      storage: { opfs: 'OPFS (memory if refused)', memory: 'memory' },
      speculation: { plain: 'plain', chain: 'chain (lesson 8)', tree: 'tree (lesson 8)' },
    },
    frameSummary: 'Press Run to decode with these switches in your browser.',
    cannotRun: (why: string) => `Cannot run: ${why}.`,
    run: 'Run',
    cancel: 'Cancel',
    idle: 'Press Run to decode in your browser.',
    noRun: 'No run yet.',
    parts: {
      reads: 'storage reads',
      select: 'choosing neurons',
      ffn: 'FFN arithmetic',
      attention: 'attention and the rest of the pass',
      draft: 'draft',
      bookkeeping: 'verification and bookkeeping',
    } as Record<SplitKey, string>,
    splitWaiting: "Where each token's time goes appears here as the run goes.",
    runsLabel: 'Your runs (CapstoneDecoder)',
    runsCaption: 'Your runs, newest first (measured in this browser)',
    columns: ['Switches', 'Store', 'Tokens/s', 'Read per token', 'Reads per token', 'Tokens per pass', 'Text'],
    store: (s: Store): string => s,
    fidelity: (f: CapstoneFidelity): string => f,
    stale: 'The switches changed: press Run to decode with them.',
    cannotRunTitle: 'These switches cannot run',
    loading: 'Loading the models and opening the FFN store…',
    fromMemory: (why: string) => `Running from memory: ${why}.`,
    runLabel: (label: string, store: string, fidelity: string) => `${label}, FFN from ${store} (${fidelity})`,
    tokenOf: (made: number, of: number) => `Token ${count(made)} of ${count(of)}…`,
    endedEarly: 'the run ended before its first pass',
    done: (summary: string) => `Done: ${summary}`,
    /** The figure's text summary: the run, then its time split. */
    summary: (run: string, split: string) => `${run} ${split}`,
    cancelled: 'Cancelled: the figures are of the passes made before Cancel; the run is not in the table.',
    couldNotDecode: 'Could not decode',
    segmentTitle: (part: string, ms: number) => `${part}: ${duration(ms)} per token`,
    /** The time split in words: each part's time per token and share. */
    splitSummary(t: CapstoneTotals): string {
      const parts = splitSegments(t)
        .filter((s) => s.ms > 0)
        .map((s) => `${this.parts[s.key]} ${duration(s.ms)} (${percent(s.share)})`);
      return `Per token, after ${count(t.tokens)} tokens: ${parts.join(', ')}.`;
    },
    runSummary(r: RunRow): string {
      return `${r.label} from ${r.storage}: ${r.tokensPerSecond} tokens/s, ${r.bytesPerToken} and ${r.readsPerToken} reads per token, ${r.tokensPerPass} tokens per pass (${r.fidelity}).`;
    },
  },
  zh: {
    choices: {
      weights: { fp32: 'fp32', int4: 'int4（AWQ，第 6 课）' },
      ffn: { dense: '稠密：全部神经元', exact: '精确：只算被激活的神经元', predicted: '预测（predictor-v1）' },
      storage: { opfs: 'OPFS（被拒绝时用内存）', memory: '内存' },
      speculation: { plain: '不投机', chain: '链（第 8 课）', tree: '树（第 8 课）' },
    },
    frameSummary: '按“运行”，用这些开关在你的浏览器中解码。',
    cannotRun: (why: string) => `无法运行：${why}。`,
    run: '运行',
    cancel: '取消',
    idle: '按“运行”即可在你的浏览器中解码。',
    noRun: '还没有运行。',
    parts: {
      reads: '存储读取',
      select: '挑选神经元',
      ffn: 'FFN 运算',
      attention: '注意力及前向的其余部分',
      draft: '草稿模型',
      bookkeeping: '验证与簿记',
    },
    splitWaiting: '运行过程中，这里会显示每个词元的时间花在了哪里。',
    runsLabel: '你的运行记录（CapstoneDecoder）',
    runsCaption: '你的运行记录，最新的在前（在这个浏览器中测得）',
    columns: ['开关', '存储', '词元/秒', '每词元读取量', '每词元读取次数', '每次前向的词元数', '文本'],
    store: (s: Store): string => (s === 'memory' ? '内存' : s),
    fidelity: (f: CapstoneFidelity): string =>
      ({ 'same text': '文本相同', 'same distribution': '分布相同', lossy: '有损' })[f] ?? f,
    stale: '开关已改变：请按“运行”用新的开关解码。',
    cannotRunTitle: '这组开关无法运行',
    loading: '正在加载模型并打开 FFN 存储…',
    fromMemory: (why: string) => `改为在内存中运行：${why}。`,
    runLabel: (label: string, store: string, fidelity: string) => `${label}，FFN 来自${store}（${fidelity}）`,
    tokenOf: (made: number, of: number) => `第 ${count(made)}/${count(of)} 个词元…`,
    endedEarly: '运行在第一次前向之前就结束了',
    done: (summary: string) => `完成：${summary}`,
    summary: (run: string, split: string) => `${run}${split}`,
    cancelled: '已取消：图中数字来自取消之前完成的前向；这次运行不列入表格。',
    couldNotDecode: '无法解码',
    segmentTitle: (part: string, ms: number) => `${part}：每词元 ${duration(ms)}`,
    splitSummary(t: CapstoneTotals): string {
      const parts = splitSegments(t)
        .filter((s) => s.ms > 0)
        .map((s) => `${this.parts[s.key]} ${duration(s.ms)}（${percent(s.share)}）`);
      return `生成 ${count(t.tokens)} 个词元后，平均每个词元：${parts.join('，')}。`;
    },
    runSummary(r: RunRow): string {
      return `${r.label}，来自${this.store(r.storage)}：${r.tokensPerSecond} 词元/秒，每词元读取 ${r.bytesPerToken}、${r.readsPerToken} 次，每次前向 ${r.tokensPerPass} 个词元（${this.fidelity(r.fidelity)}）。`;
    },
  },
});
