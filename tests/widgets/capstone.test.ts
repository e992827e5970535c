// @vitest-environment jsdom
// CapstoneDecoder (lesson 9): its state comes from the URL (garbage refused or clamped, with a note), a combination
// lib/capstone refuses is said under the controls and Run does not send it, a run streams its passes into the text,
// the bar and the table, a changed switch marks the figures stale, and Cancel stops a run.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkProps } from '../../site/widgets/_kit/params.ts';
import { schema } from '../../site/widgets/capstone-decoder/params.ts';
import { optionsOf, splitSegments } from '../../site/widgets/capstone-decoder/model.ts';
import { text } from '../../site/widgets/capstone-decoder/text.ts';
import { calls } from './worker/fake-client.ts';

vi.mock('../../site/worker/client.ts', async () => (await import('./worker/fake-client.ts')).clientModule);

const settle = () => new Promise((r) => setTimeout(r, 30));

beforeAll(() => {
  window.matchMedia ??= ((q: string) => ({ matches: false, media: q }) as MediaQueryList) as typeof window.matchMedia;
});
beforeEach(() => {
  calls.length = 0;
});

function totals(tokens: number, reads: number) {
  return {
    tokens,
    passes: tokens / 2,
    tokensPerPass: 2,
    ms: 10 * tokens,
    tokensPerSecond: 100,
    bytesPerToken: 4096,
    readsPerToken: 8,
    split: { reads, select: 1, ffn: 2, attention: 3, draft: 1, bookkeeping: -0.1 },
  };
}

/** The widget's markup as its shell renders it (controls of the right kinds, the outputs the element fills). */
async function mount(search: string): Promise<HTMLElement> {
  history.replaceState(null, '', `/${search}`);
  await import('../../site/widgets/capstone-decoder/element.ts');
  const c = checkProps(schema, {});
  const control = (name: string) => {
    const p = schema.params[name as keyof typeof schema.params];
    if (p.kind === 'bool') return `<input id="${c.key}-${name}" type="checkbox" disabled>`;
    if (p.kind === 'choice')
      return `<select id="${c.key}-${name}" disabled>${p.values.map((v) => `<option value="${v}">${v}</option>`).join('')}</select>`;
    return `<input id="${c.key}-${name}" type="text" disabled><output data-out="${name}"></output>`;
  };
  const segs = ['reads', 'select', 'ffn', 'attention', 'draft', 'bookkeeping'].map(
    (k) => `<span data-seg="${k}"></span>`,
  );
  document.body.innerHTML = `<capstone-decoder class="kit" data-key="${c.key}" data-values='${JSON.stringify(c.values)}'
    data-state="static"><div data-notes role="status"></div>${Object.keys(schema.params).map(control).join('')}
    <p data-out="check"></p><button data-action="run" disabled>Run</button><button data-action="cancel" disabled>Cancel</button>
    <p data-progress></p><p data-out="label"></p><p data-out="stream"></p><div data-out="split">${segs.join('')}</div>
    <p data-out="split-text"></p><table><tbody data-out="runs"></tbody></table><p data-summary></p></capstone-decoder>`;
  await settle();
  return document.querySelector<HTMLElement>('capstone-decoder')!;
}

const notes = (el: HTMLElement) => el.querySelector('[data-notes]')!.textContent ?? '';
const value = (el: HTMLElement, name: string) => el.querySelector<HTMLInputElement>(`#${schema.urlKey}-${name}`)!;

describe('CapstoneDecoder', () => {
  it('reads its switches from the URL; garbage is refused or clamped with a note', async () => {
    const el = await mount(
      '?build.weights=int8&build.tokens=9999&build.speculation=tree&build.shape=2%2C1&build.ffn=dense',
    );
    expect(value(el, 'weights').value).toBe('int4'); // the default: int8 is no choice
    expect(value(el, 'ffn').value).toBe('dense');
    expect(value(el, 'speculation').value).toBe('tree');
    expect(value(el, 'shape').value).toBe('2,1');
    expect(notes(el)).toMatch(/build\.weights/);
    expect(notes(el)).toMatch(/build\.tokens.*64/);
    expect(el.querySelector('[data-out="check"]')!.textContent).toBe('');
  });

  it('a shape that does not fit the speculation is said, and Run refuses it without asking the worker', async () => {
    const el = await mount('?build.speculation=tree&build.shape=%3Cscript%3E');
    expect(el.querySelector('[data-out="check"]')!.textContent).toMatch(/^Cannot run: .*shape/i);
    el.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
    await settle();
    expect(calls).toHaveLength(0);
    expect(el.dataset.state).toBe('error');
    expect(optionsOf({ ...checkProps(schema, {}).values, speculation: 'tree', shape: 'chain 2' })).toEqual({
      error: expect.stringMatching(/speculation tree needs a branching shape/),
    });
  });

  it('streams a run pass by pass, then lists it; a changed switch marks the figures stale', async () => {
    const el = await mount('?build.tokens=4');
    el.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
    await settle();
    expect(calls[0].type).toBe('capstone.start');
    expect(calls[0].payload).toMatchObject({ tokens: 4, options: { weights: 'int4', ffn: 'exact', storage: 'flash' } });
    calls[0].finish({
      session: 7,
      label: 'L',
      fidelity: 'same text',
      storage: 'memory',
      fallback: 'OPFS refused',
      promptTokens: [],
      notes: [],
    });
    await settle();
    expect(notes(el)).toMatch(/Running from memory: OPFS refused/);
    expect(calls[1]).toMatchObject({ type: 'capstone.next', payload: { session: 7, count: 1 } });
    calls[1].finish([
      {
        pass: { tokens: [' the', ' sea'], bytes: 1, reads: 1, rows: 3, neuronsPerLayer: 9 },
        totals: totals(2, 3),
        done: false,
      },
    ]);
    await settle();
    expect(el.querySelector('[data-out="stream"]')!.textContent).toBe(' the sea');
    expect(el.querySelector<HTMLElement>('[data-seg="reads"]')!.style.flexGrow).toBe(String(3 / 10));
    expect(el.querySelector<HTMLElement>('[data-seg="bookkeeping"]')!.style.flexGrow).toBe('0');
    expect(el.dataset.state).toBe('running');
    calls[2].finish([
      {
        pass: { tokens: [' was', ' calm'], bytes: 1, reads: 1, rows: 3, neuronsPerLayer: 9 },
        totals: totals(4, 1),
        done: true,
      },
    ]);
    await settle();
    expect(el.querySelector('[data-out="stream"]')!.textContent).toBe(' the sea was calm');
    const row = [...el.querySelectorAll('[data-out="runs"] td')].map((td) => td.textContent);
    expect(row).toEqual([
      expect.stringContaining('int4 · exact'),
      'memory',
      '100.0',
      '4 KiB',
      '8.0',
      '2.00',
      'same text',
    ]);
    expect(el.dataset.state).toBe('done');
    expect(el.dataset.stale).toBeUndefined();
    value(el, 'weights').value = 'fp32';
    value(el, 'weights').dispatchEvent(new Event('change', { bubbles: true }));
    value(el, 'weights').dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 400)); // the URL is written at most every 250 ms
    expect(el.dataset.stale).toBe('true');
    expect(location.search).toMatch(/build\.weights=fp32/);
  });

  it('Cancel stops the run between passes and says so; the run is not listed', async () => {
    const el = await mount('');
    el.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
    await settle();
    calls[0].finish({
      session: 8,
      label: 'L',
      fidelity: 'same text',
      storage: 'opfs',
      fallback: null,
      promptTokens: [],
      notes: [],
    });
    await settle();
    el.querySelector<HTMLButtonElement>('[data-action="cancel"]')!.click();
    await settle();
    expect(calls[1].signal?.aborted).toBe(true);
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(/^Cancelled/);
    expect(el.querySelectorAll('[data-out="runs"] tr')).toHaveLength(0);
    expect(calls.some((c) => c.type === 'capstone.stop' && c.payload.session === 8)).toBe(true);
  });

  it('the split: shares of the non-negative parts, and a text summary with each part', () => {
    const segs = splitSegments(totals(4, 3));
    expect(segs.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 12);
    expect(segs.find((s) => s.key === 'bookkeeping')!.ms).toBe(0);
    expect(text.en.splitSummary(totals(4, 3))).toMatch(
      /^Per token, after 4 tokens: storage reads .*\(30%\), .*draft .*\(10%\)\.$/,
    );
  });

  it('speaks the page’s language: the Chinese edition’s check line, progress, label, table and summary', async () => {
    document.documentElement.lang = 'zh-Hans';
    try {
      const bad = await mount('?build.speculation=tree&build.shape=%3Cscript%3E');
      expect(bad.querySelector('[data-out="check"]')!.textContent).toMatch(/^无法运行：.*shape/);
      const el = await mount('?build.tokens=2');
      el.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
      await settle();
      expect(el.querySelector('[data-progress]')!.textContent).toBe('正在加载模型并打开 FFN 存储…');
      calls[0].finish({
        session: 9,
        label: 'L',
        fidelity: 'same text',
        storage: 'memory',
        fallback: null,
        promptTokens: [],
        notes: [],
      });
      await settle();
      expect(el.querySelector('[data-out="label"]')!.textContent).toBe('L，FFN 来自内存（文本相同）');
      calls[1].finish([
        {
          pass: { tokens: [' the', ' sea'], bytes: 1, reads: 1, rows: 3, neuronsPerLayer: 9 },
          totals: totals(2, 3),
          done: true,
        },
      ]);
      await settle();
      expect(el.querySelector('[data-out="split-text"]')!.textContent).toMatch(
        /^生成 2 个词元后，平均每个词元：存储读取 .*（30%），.*草稿模型 .*（10%）。$/,
      );
      const row = [...el.querySelectorAll('[data-out="runs"] td')].map((td) => td.textContent);
      expect(row.slice(1)).toEqual(['内存', '100.0', '4 KiB', '8.0', '2.00', '文本相同']);
      expect(el.querySelector('[data-progress]')!.textContent).toMatch(/^完成：.*来自内存：100\.0 词元\/秒/);
    } finally {
      document.documentElement.lang = 'en';
    }
  });
});
