// <flash-bundling>: the browser half of FlashBundling.astro: draws the chart from the data shipped in the page.
import { WidgetElement, defineElement } from '../_kit/element.ts';
import { bundlingChart } from './chart.ts';
import type { FriendsData } from './model.ts';
import { schema } from './params.ts';

class FlashBundling extends WidgetElement<typeof schema.params> {
  schema = schema;

  start() {
    const d = this.json<{ friends: FriendsData; neuronBytes: number }>();
    if (!d) return;
    this.chart('chart', (width) => bundlingChart(d.friends, d.neuronBytes, { width, lang: this.lang }));
    this.state = 'done';
  }
}

defineElement(schema, FlashBundling);
