// FlashStorage's parameters: the size of the test file the live measurement writes and reads (on OPFS, in the worker).
import { defineWidget } from '../_kit/params.ts';

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
      doc: 'the read size the sentence under the chart compares, and the chart marks: 1 KiB is one bundle of our model, 32 KiB one of OPT 6.7B in fp32',
    },
    file: {
      kind: 'int',
      min: 4,
      max: 64,
      step: 4,
      default: 16,
      label: 'Test file (MiB)',
      doc: 'MiB written to OPFS and read back in chunks of 1 KiB to 512 KiB',
    },
  },
  controls: ['chart', 'table'],
});
