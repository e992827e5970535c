// FlashBundling has no settings: it shows what three flash layouts would read per token on our model.
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'FlashBundling',
  tag: 'flash-bundling',
  urlKey: 'bundling',
  params: {},
  controls: ['chart', 'layers'],
});
