// @vitest-environment jsdom
// @vitest-environment-options {"url": "http://localhost/lesson/?demo.seed=5&demo.temp=1.5&demo.view=zig&hide=demo.chart"}
// The base element in a DOM: URL over the shell's props, notes, ?hide=, bound controls write the URL back with the
// current names, latest-only jobs, and nothing runs after the element leaves the page.
import { afterEach, describe, expect, it } from 'vitest';
import { WidgetElement, defineElement } from '../../../site/widgets/_kit/element.ts';
import { checkProps, defineWidget } from '../../../site/widgets/_kit/params.ts';

const schema = defineWidget({
  name: 'Demo',
  tag: 'demo-widget',
  urlKey: 'demo',
  params: {
    seed: { kind: 'int', min: 0, max: 9999, default: 1, label: 'Seed' },
    view: { kind: 'choice', values: ['rows', 'columns'], default: 'rows', label: 'View' },
    temperature: { kind: 'number', min: 0, max: 2, default: 0.8, label: 'Temperature', aliases: ['temp'] },
  },
  controls: ['chart'],
});

const log: string[] = [];
let resolvers: ((v: number) => void)[] = [];

class Demo extends WidgetElement<typeof schema.params> {
  schema = schema;
  runs!: ReturnType<WidgetElement['jobs']>;
  start() {
    this.bind('seed');
    this.bind('temperature');
    this.runs = this.jobs(
      (job: number) => new Promise<number>((resolve) => resolvers.push(() => resolve(job * 10))),
      (job, r) => log.push(`done ${job} → ${r}`),
    );
  }
  update() {
    this.summary(`seed ${this.values.seed}, temperature ${this.values.temperature}`);
  }
}
defineElement(schema, Demo);

function mount(props: Record<string, unknown> = {}): Demo {
  const c = checkProps(schema, props);
  document.body.innerHTML = `
    <demo-widget data-key="${c.key}" data-values='${JSON.stringify(c.values)}' data-state="static">
      <div data-notes role="status"></div>
      <input id="demo-seed" type="number" disabled>
      <input id="demo-temperature" type="range" min="0" max="2" step="0.1" disabled>
      <figure data-control="chart"><div data-chart="chart"></div></figure>
      <p data-summary aria-live="polite"></p>
    </demo-widget>`;
  return document.querySelector('demo-widget') as Demo;
}
const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The page's address as the file opens (its environment options): each test starts from it, in any order. */
const openedAt = location.href;
afterEach(() => {
  history.replaceState(null, '', openedAt);
  document.body.innerHTML = '';
  log.length = 0;
  resolvers = [];
});

describe('WidgetElement', () => {
  it('reads the URL over the props (old names included), notes bad values, hides controls, fills controls', async () => {
    const el = mount({ view: 'columns' });
    await frame();
    expect(el.values).toEqual({ seed: 5, view: 'columns', temperature: 1.5 });
    expect(el.state).toBe('ready');
    expect(el.querySelector('[data-notes]')!.textContent).toMatch(/Ignored demo.view="zig"/);
    expect((el.querySelector('figure') as HTMLElement).hidden).toBe(true);
    const seed = el.querySelector<HTMLInputElement>('#demo-seed')!;
    expect(seed.value).toBe('5');
    expect(seed.disabled).toBe(false);
    expect(el.querySelector('[data-summary]')!.textContent).toBe('seed 5, temperature 1.5');
  });

  it('a control sets the value, updates the summary and writes the current names to the URL', async () => {
    const el = mount({ view: 'columns' });
    await frame();
    const seed = el.querySelector<HTMLInputElement>('#demo-seed')!;
    seed.value = '42';
    seed.dispatchEvent(new Event('input'));
    seed.value = '123456'; // out of range: marked, not applied
    seed.dispatchEvent(new Event('input'));
    expect(seed.getAttribute('aria-invalid')).toBe('true');
    await frame();
    expect(el.values.seed).toBe(42);
    expect(el.querySelector('[data-summary]')!.textContent).toBe('seed 42, temperature 1.5');
    await wait(300);
    expect(location.search).toBe('?hide=demo.chart&demo.seed=42&demo.temperature=1.5');
  });

  it("leaves HTMLElement's own hidden and part alone: both reflect, and the widget keeps working", async () => {
    const el = mount();
    await frame();
    expect(el.hiddenParams).toEqual(new Set(['chart']));
    el.hidden = true;
    expect(el.getAttribute('hidden')).toBe('');
    expect(el.hidden).toBe(true);
    // Neither name is redefined on the widget (jsdom has no Element.part to reflect, so check the chain instead).
    expect(Object.hasOwn(el, 'hidden') || Object.hasOwn(WidgetElement.prototype, 'hidden')).toBe(false);
    expect(Object.hasOwn(el, 'part') || Object.hasOwn(WidgetElement.prototype, 'part')).toBe(false);
    const seed = el.querySelector<HTMLInputElement>('#demo-seed')!;
    seed.value = '77';
    seed.dispatchEvent(new Event('input'));
    await frame();
    expect(el.values.seed).toBe(77);
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(/^seed 77,/);
    expect(el.find('#demo-seed')).toBe(seed);
    el.hidden = false;
    expect(el.hasAttribute('hidden')).toBe(false);
    el.setAttribute('hidden', '');
    expect(el.hidden).toBe(true);
    expect(el.hiddenParams).toEqual(new Set(['chart'])); // what ?hide= hid is its own set, untouched
  });

  it('runs only the latest job, and drops results once the element has left the page', async () => {
    const el = mount();
    await frame();
    el.runs.submit(1);
    el.runs.submit(2);
    el.runs.submit(3); // replaces 2 while 1 runs
    expect(el.state).toBe('running');
    resolvers.shift()!(0); // finish 1: a newer job waits, so 1 is not shown
    await wait(0);
    resolvers.shift()!(0); // finish 3
    await wait(0);
    expect(log).toEqual(['done 3 → 30']);
    expect(el.state).toBe('done');
    el.runs.submit(4);
    el.remove();
    resolvers.shift()!(0);
    await wait(0);
    expect(log).toEqual(['done 3 → 30']);
    expect(el.alive).toBe(false);
  });
});
