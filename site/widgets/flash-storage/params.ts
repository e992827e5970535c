// FlashStorage's parameters: the size of the test file the live measurement writes and reads (on OPFS, in the worker).
import { defineWidget } from '../_kit/params.ts';
import { BUNDLE_BYTES } from './model.ts';

const ours = BUNDLE_BYTES.ours / 1024;
const opt = BUNDLE_BYTES.opt / 1024;

/** The read sizes measured (lib/storage's CHUNK_SIZES), in KiB, as the choices of `chunk`. */
export const CHUNK_KIB = ['1', '2', '4', '8', '16', '32', '64', '128', '256', '512'] as const;

export const schema = defineWidget({
  name: 'FlashStorage',
  tag: 'flash-storage',
  urlKey: 'storage',
  params: {
    chunk: {
      kind: 'choice',
      values: CHUNK_KIB,
      default: '32',
      label: 'Read size to compare (KiB)',
      doc: `the read size the sentence under the chart compares, and the chart marks: ${ours} KiB is one bundle of our model, ${opt} KiB one of OPT 6.7B in fp32`,
      zh: {
        label: '要比较的读取大小（KiB）',
        doc: `图下句子比较、图中标出的读取大小：${ours} KiB 是我们模型的一个捆绑，${opt} KiB 是 fp32 下 OPT 6.7B 的一个捆绑`,
      },
    },
    file: {
      kind: 'int',
      min: 4,
      max: 64,
      step: 4,
      default: 16,
      label: 'Test file (MiB)',
      doc: 'MiB written to OPFS and read back in chunks of 1 KiB to 512 KiB',
      zh: { label: '测试文件（MiB）', doc: '写入 OPFS 再按 1 KiB 到 512 KiB 的块读回的 MiB 数' },
    },
  },
  controls: ['chart', 'table'],
});
