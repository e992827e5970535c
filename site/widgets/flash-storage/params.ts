// FlashStorage's parameters: the size of the test file the live measurement writes and reads (on OPFS, in the worker).
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'FlashStorage',
  tag: 'flash-storage',
  urlKey: 'storage',
  params: {
    file: { kind: 'int', min: 4, max: 64, default: 16, label: 'Test file (MiB)', doc: 'MiB written to OPFS and read back in chunks of 1 KiB to 512 KiB' },
  },
  controls: ['chart', 'table'],
});
