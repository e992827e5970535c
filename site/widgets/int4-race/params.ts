// Int4Race's one parameter: which matrix the reader races first.
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'Int4Race',
  tag: 'int4-race',
  urlKey: 'int4',
  params: {
    size: {
      kind: 'choice',
      values: ['small', 'large'],
      default: 'small',
      label: 'Matrix',
      doc: 'small: 512 x 128 (our mlp.down, fits in cache); large: 4096 x 4096 (64 MiB in fp32)',
      zh: {
        label: '矩阵',
        doc: 'small：512 x 128（我们的 mlp.down，能放进缓存）；large：4096 x 4096（fp32 下 64 MiB）',
      },
    },
  },
  controls: ['table'],
});
