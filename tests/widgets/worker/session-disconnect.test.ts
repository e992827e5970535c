// @vitest-environment jsdom
// The same cleanup for every widget's worker session (WidgetElement.workerSession, site/worker/worker-session.ts):
// when the widget leaves the page, its open session is stopped with `<kind>.stop`, once.
import { describe, expect, it, vi } from 'vitest';
import { WidgetElement, defineElement } from '../../../site/widgets/_kit/element.ts';
import { defineWidget } from '../../../site/widgets/_kit/params.ts';
import type { WorkerSession } from '../../../site/worker/worker-session.ts';
import { calls } from './fake-client.ts';

vi.mock('../../../site/worker/client.ts', async () => (await import('./fake-client.ts')).clientModule);

const settle = () => new Promise((r) => setTimeout(r, 20));

const schema = defineWidget({
  name: 'SessionProbe',
  tag: 'session-probe',
  urlKey: 'probe',
  params: { prompt: { kind: 'text', maxLength: 40, default: 'Hi', label: 'Prompt', doc: 'what to continue' } },
});

class SessionProbe extends WidgetElement<typeof schema.params> {
  schema = schema;
  stream!: WorkerSession<'generate'>;
  start() {
    this.stream = this.workerSession('generate');
    void this.stream.start({ model: 'target-v1', prompt: this.values.prompt, temperature: 0, topK: 0, seed: 1 });
  }
}
defineElement(schema, SessionProbe);

describe('a widget leaving the page', () => {
  it('stops its open session once, and a session whose start answers later is stopped as it arrives', async () => {
    document.body.innerHTML = '<session-probe class="kit" data-state="static"><p data-progress></p></session-probe>';
    const el = document.querySelector<SessionProbe>('session-probe')!;
    await settle();
    expect(calls.map((c) => c.type)).toEqual(['generate.start']);
    calls[0].finish({ session: 41, promptTokens: [], engine: 'lean' });
    await settle();
    expect(el.stream.id).toBe(41);
    el.remove();
    await settle();
    expect(calls.slice(1).map((c) => [c.type, c.payload.session])).toEqual([['generate.stop', 41]]);

    // Back on the page: a new session; the widget leaves before the worker answers the start.
    document.body.append(el);
    await settle();
    expect(calls.at(-1)!.type).toBe('generate.start');
    const pending = calls.at(-1)!;
    el.remove();
    await settle();
    pending.finish({ session: 42, promptTokens: [], engine: 'lean' });
    await settle();
    expect(calls.slice(2).map((c) => [c.type, c.payload.session])).toEqual([
      ['generate.start', undefined],
      ['generate.stop', 42],
    ]);
  });
});
