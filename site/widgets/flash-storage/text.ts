// FlashStorage's words in both editions (labels live in params.ts with their `zh`): the shell's, the element's, the
// chart's and the sentences on the read curves.
import { bandwidth, bytes, duration } from '../_kit/format.ts';
import { bilingual } from '../../i18n/text.ts';
import { PAPER_M1_MAX } from '../../../lib/hardware/devices.ts';
import { at, BUNDLE_BYTES, type Curve } from './model.ts';

type Who = Curve['who'];
type Rule = 'matrices' | 'bundles' | 'neurons';

/** The smallest and largest scattered reads of a curve (what its sentence quotes), if it has any. */
function scatteredEnds(c: Curve) {
  const s = c.points.filter((p) => p.order === 'scattered').sort((a, b) => a.chunkBytes - b.chunkBytes);
  return s.length === 0 ? undefined : { lo: s[0], hi: s[s.length - 1] };
}

/** One size's sequential and scattered points on a curve, if both were measured. */
function pair(c: Curve, chunkBytes: number) {
  const seq = at(c, 'sequential', chunkBytes);
  const scat = at(c, 'scattered', chunkBytes);
  return seq && scat
    ? { seq: bandwidth(seq.bytesPerSecond), scat, perRead: duration(scat.microsPerRead / 1000) }
    : undefined;
}

/** The paper's M1 Max throughputs, as the sentences quote them. */
const m1 = {
  neurons: bandwidth(PAPER_M1_MAX.scatteredBytesPerSecond),
  bundles: bandwidth(PAPER_M1_MAX.bundledBytesPerSecond),
  matrices: bandwidth(PAPER_M1_MAX.denseBytesPerSecond),
};

const EN = {
  whose: { 'build machine': 'the build machine', 'this device': 'this device' } as Record<Who, string>,
  sizeMeaning: {
    [BUNDLE_BYTES.ours]: "one bundle of our model: a neuron's up column and down row",
    [BUNDLE_BYTES.opt]: "one bundle of OPT 6.7B in fp32, the paper's App. C.1",
  } as Record<number, string>,
};
const ZH = {
  whose: { 'build machine': '构建机器', 'this device': '本设备' } as Record<Who, string>,
  sizeMeaning: {
    [BUNDLE_BYTES.ours]: '我们模型的一个捆绑：一个神经元的上投影列和下投影行',
    [BUNDLE_BYTES.opt]: 'fp32 下 OPT 6.7B 的一个捆绑，见论文附录 C.1',
  } as Record<number, string>,
};

/** One sentence on a curve: the smallest and largest scattered reads. */
const curveEn = (c: Curve): string => {
  const e = scatteredEnds(c);
  if (!e) return '';
  return `On ${EN.whose[c.who]}, scattered reads of ${bytes(e.lo.chunkBytes)} move ${bandwidth(e.lo.bytesPerSecond)} (${duration(e.lo.microsPerRead / 1000)} per read); reads of ${bytes(e.hi.chunkBytes)} move ${bandwidth(e.hi.bytesPerSecond)}.`;
};
const curveZh = (c: Curve): string => {
  const e = scatteredEnds(c);
  if (!e) return '';
  return `在${ZH.whose[c.who]}上，${bytes(e.lo.chunkBytes)} 的分散读取速度为 ${bandwidth(e.lo.bytesPerSecond)}（每次读取 ${duration(e.lo.microsPerRead / 1000)}）；${bytes(e.hi.chunkBytes)} 的读取速度为 ${bandwidth(e.hi.bytesPerSecond)}。`;
};

export const text = bilingual({
  en: {
    /** Around the build machine's description (English, as the machine reports it). */
    introBefore: 'The build machine (',
    introAfter: (mib: number) => `) read a ${mib} MiB file through our storage adapter `,
    measuredHere: 'measured on our machine',
    rulesAre: ". The dotted rules are the paper's M1 Max throughputs ",
    fromPaper: 'from the paper, 2312.11514 Table 2',
    upperBound:
      ". The file sits in the operating system's cache, so every curve here is an upper bound for a cold device.",
    measure: 'Measure this device',
    storage: 'Storage',
    notUsed: 'not used yet',
    roundTrip: 'Round trip',
    notRun: 'not run yet',
    chartNote:
      'Throughput of read calls of each size, one after another (sequential) and at random aligned offsets (scattered), median of three runs; log scales.',
    tableLabel: 'Read throughput by read size',
    tableCaption: 'Throughput by read size',
    cols: ['read size', 'build, sequential', 'build, scattered', 'this device, sequential', 'this device, scattered'],
    notMeasured: 'not measured',
    otherFile: 'This device was measured on another file size: press "Measure this device".',
    roundTripping: 'Writing and reading back 1 MiB…',
    roundTripped: (written: number, read: number, reads: number, equal: boolean) =>
      `${bytes(written)} written, ${bytes(read)} read back in ${reads} read, ${equal ? 'identical' : 'DIFFERENT'}`,
    differ: 'the bytes read back differ from the bytes written',
    measured: (opfs: boolean) =>
      `Measured on this device (${opfs ? 'Origin Private File System' : 'memory'}), in the worker. Upper bounds: the browser reads through the OS cache.`,
    couldNotMeasure: 'Could not measure',
    storageKind: (opfs: boolean): string =>
      opfs ? 'Origin Private File System (OPFS), sync access handle in the worker' : 'memory',
    mib: (n: number) => `${n} MiB`,
    curveSentence: curveEn,
    summaryText: (curves: Curve[]) =>
      `${curves.map(curveEn).join(' ')} The paper's M1 Max read single neurons at ${m1.neurons}, bundled ones at ${m1.bundles} and whole matrices at ${m1.matrices}.`,
    /** The sentence under the chart: throughput of reads of one size, on each curve, sequential and scattered. */
    chunkSentence: (curves: Curve[], chunkBytes: number) => {
      const meaning = EN.sizeMeaning[chunkBytes] ? ` (${EN.sizeMeaning[chunkBytes]})` : '';
      const parts = curves.map((c) => {
        const p = pair(c, chunkBytes);
        if (!p) return `${EN.whose[c.who]} did not measure this size`;
        return `${EN.whose[c.who]} moves ${p.seq} sequential and ${bandwidth(p.scat.bytesPerSecond)} scattered, ${p.perRead} per scattered read`;
      });
      return `Reads of ${bytes(chunkBytes)}${meaning}: ${parts.join('; ')}.`;
    },
    chartLabel: 'Read throughput against read size',
    marks: (size: string) => ` The vertical line marks reads of ${size}.`,
    series: (who: Who, order: string) => `${who}, ${order}`,
    rules: { matrices: 'paper, matrices', bundles: 'paper, bundles', neurons: 'paper, neurons' } as Record<
      Rule,
      string
    >,
    sizeAxis: 'read size (KiB)',
  },
  zh: {
    introBefore: '构建机器（',
    introAfter: (mib: number) => `）通过我们的存储适配器读取了一个 ${mib} MiB 的文件`,
    measuredHere: '在我们的机器上测得',
    rulesAre: '。点线是论文中 M1 Max 的吞吐量',
    fromPaper: '来自论文，2312.11514 表 2',
    upperBound: '。文件位于操作系统的缓存中，因此这里的每条曲线都是冷设备的上限。',
    measure: '测量本设备',
    storage: '存储',
    notUsed: '尚未使用',
    roundTrip: '往返校验',
    notRun: '尚未运行',
    chartNote:
      '各读取大小下读取调用的吞吐量：依次读取（顺序）和在随机对齐偏移处读取（分散），取三次运行的中位数；对数坐标。',
    tableLabel: '各读取大小的读取吞吐量',
    tableCaption: '各读取大小的吞吐量',
    cols: ['读取大小', '构建机器，顺序', '构建机器，分散', '本设备，顺序', '本设备，分散'],
    notMeasured: '未测量',
    otherFile: '本设备是用另一种文件大小测量的：请按“测量本设备”。',
    roundTripping: '正在写入并读回 1 MiB…',
    roundTripped: (written: number, read: number, reads: number, equal: boolean) =>
      `写入 ${bytes(written)}，用 ${reads} 次读取读回 ${bytes(read)}，${equal ? '完全一致' : '不一致'}`,
    differ: '读回的字节与写入的字节不同',
    measured: (opfs: boolean) =>
      `已在本设备的 worker 中测得（${opfs ? '源私有文件系统' : '内存'}）。这些是上限：浏览器经由操作系统缓存读取。`,
    couldNotMeasure: '无法测量',
    storageKind: (opfs: boolean) => (opfs ? '源私有文件系统（OPFS），worker 中的同步访问句柄' : '内存'),
    mib: (n: number) => `${n} MiB`,
    curveSentence: curveZh,
    summaryText: (curves: Curve[]) =>
      `${curves.map(curveZh).join('')}论文中的 M1 Max 读取单个神经元为 ${m1.neurons}，读取捆绑为 ${m1.bundles}，读取整个矩阵为 ${m1.matrices}。`,
    chunkSentence: (curves: Curve[], chunkBytes: number) => {
      const meaning = ZH.sizeMeaning[chunkBytes] ? `（${ZH.sizeMeaning[chunkBytes]}）` : '';
      const parts = curves.map((c) => {
        const p = pair(c, chunkBytes);
        if (!p) return `${ZH.whose[c.who]}没有测量这个大小`;
        return `${ZH.whose[c.who]}顺序读取 ${p.seq}，分散读取 ${bandwidth(p.scat.bytesPerSecond)}，每次分散读取 ${p.perRead}`;
      });
      return `${bytes(chunkBytes)} 的读取${meaning}：${parts.join('；')}。`;
    },
    chartLabel: '读取吞吐量随读取大小的变化',
    marks: (size: string) => `竖线标出 ${size} 的读取。`,
    series: (who: Who, order: string) => `${ZH.whose[who]}，${order === 'sequential' ? '顺序' : '分散'}`,
    rules: { matrices: '论文，矩阵', bundles: '论文，捆绑', neurons: '论文，神经元' },
    sizeAxis: '读取大小（KiB）',
  },
});
