// Int4Race's words in both editions (the matrix choice's label lives in params.ts with its `zh`). Numbers go through
// the kit's formatters, so both editions show the same digits; the bench table's kernel and matrix names and its
// machine are identifiers, marked lang="en" where the shell shows them.
import type { Int4RaceResult } from '../../../lib/quant/race.ts';
import { bilingual } from '../../i18n/text.ts';
import { bytes, duration, times } from '../_kit/format.ts';

/** One plain-JS row of the bench, as the first sentence quotes it. */
export interface BenchLine {
  matrix: string;
  speedup: string | number;
  range: string;
}

export const text = bilingual({
  en: {
    /** One race's result as a sentence. */
    race: (r: Int4RaceResult) =>
      `${r.inDim} x ${r.outDim}: fp32 ${duration(r.fp32Ms)} reading ${bytes(r.fp32Bytes)}, int4 ${duration(r.int4Ms)} reading ${bytes(r.int4Bytes)}: ` +
      (r.speedup >= 1
        ? `int4 is ${times(r.speedup)} faster.`
        : `int4 is ${times(1 / r.speedup)} slower (unpacking costs more than the bytes it saves here).`),
    inYourBrowser: (sentence: string) => `In your browser: ${sentence}`,
    onBuildMachine: (rows: BenchLine[]) =>
      `On our build machine, plain JS: ${rows.map((r) => `${r.matrix}: int4 at ${r.speedup}× the speed of fp32 (${r.range} over 3 races)`).join('; ')}.`,
    pressToRace: 'Press the button to race in your browser.',
    sizes: { small: 'small: 512 x 128 (our mlp.down)', large: 'large: 4096 x 4096' },
    raceButton: 'Race in my browser',
    cancel: 'Cancel',
    cancelled: (button: string) => `Cancelled; the sentence above is unchanged. Press "${button}" to run it again.`,
    otherSize: (button: string) => `The race above is for the other size: press "${button}".`,
    tableLabel: 'int4 vs fp32 on our build machine',
    tableCaption: (load: string) => [
      'npm run bench on',
      `, shared with other work (load average ${load}): each kernel's fastest run`,
    ],
    measured: 'measured',
    columns: ['kernel', 'matrix', 'fp32', 'int4 g64', 'int4 speed', 'range, 3 races', 'fp32 MiB', 'int4 MiB'],
    noKernel: 'no int4 kernel',
  },
  zh: {
    race: (r: Int4RaceResult) =>
      `${r.inDim} x ${r.outDim}：fp32 耗时 ${duration(r.fp32Ms)}，读取 ${bytes(r.fp32Bytes)}；int4 耗时 ${duration(r.int4Ms)}，读取 ${bytes(r.int4Bytes)}：` +
      (r.speedup >= 1
        ? `int4 快 ${times(r.speedup)}。`
        : `int4 慢 ${times(1 / r.speedup)}（在这里，解包的开销超过了省下的字节）。`),
    inYourBrowser: (sentence: string) => `在你的浏览器中：${sentence}`,
    onBuildMachine: (rows: BenchLine[]) =>
      `在我们的构建机器上，纯 JS：${rows.map((r) => `${r.matrix}：int4 的速度是 fp32 的 ${r.speedup}×（3 轮比较在 ${r.range} 之间）`).join('；')}。`,
    pressToRace: '按下按钮，在你的浏览器中比较。',
    sizes: { small: '小：512 x 128（我们的 mlp.down）', large: '大：4096 x 4096' },
    raceButton: '在我的浏览器中比较',
    cancel: '取消',
    cancelled: (button: string) => `已取消；上面的句子保持不变。按“${button}”重新运行。`,
    otherSize: (button: string) => `上面的比较结果属于另一种大小：请按“${button}”。`,
    tableLabel: '我们的构建机器上 int4 与 fp32 的比较',
    tableCaption: (load: string) => [
      '在',
      ` 上运行 npm run bench，机器同时有其他任务（平均负载 ${load}）：每个内核最快的一次`,
    ],
    measured: '实测',
    columns: ['内核', '矩阵', 'fp32', 'int4 g64', 'int4 速度', '范围（3 轮）', 'fp32 MiB', 'int4 MiB'],
    noKernel: '无 int4 内核',
  },
});
