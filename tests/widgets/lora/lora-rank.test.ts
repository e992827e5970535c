// @vitest-environment jsdom-ssr
// LoraRank's arithmetic: the paper's GPT-3 figures come out of lib's count, and every choice is self-consistent; and
// its shell on a /zh/ page, recounting in Chinese.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoraRank } from '../../../site/widgets/index.ts';
import { mountZh, settle, shownWords, stubMatchMedia, unmountZh } from '../zh-mount.ts';
import { rankRows, rowCells, rankSummary, KINDS_OF, type MatrixChoice } from '../../../site/widgets/lora-rank/model.ts';
import { MATRIX_CHOICES } from '../../../site/widgets/lora-rank/params.ts';
import { bytes } from '../../../site/widgets/_kit/format.ts';

vi.mock('../../../site/worker/client.ts', async () => (await import('../worker/fake-client.ts')).clientModule);
beforeAll(stubMatchMedia);
afterEach(unmountZh);

describe('LoraRank model', () => {
  it("reproduces the paper's GPT-3 counts: 18.9M at r = 4 on W_q, W_v; 4.7M at r = 1; 37.7M at r = 8", () => {
    expect(rankRows(4, 'qv')[1].trainable).toBe(18_874_368);
    expect(rankRows(1, 'qv')[1].trainable / 1e6).toBeCloseTo(4.7, 1);
    expect(rankRows(8, 'qv')[1].trainable / 1e6).toBeCloseTo(37.7, 1);
    // The paper's §7.1 budget: one type of attention matrix at r = 8 costs the same as two at r = 4.
    expect(rankRows(8, 'q')[1].trainable).toBe(rankRows(4, 'qv')[1].trainable);
    expect(rankRows(2, 'qkvo')[1].trainable).toBe(rankRows(4, 'qv')[1].trainable);
  });

  it('our model: 8,192 numbers at r = 4 on W_q, W_v, 0.94% of 875,264; a float32 file of 32 KiB', () => {
    const [ours] = rankRows(4, 'qv');
    expect(ours.trainable).toBe(8192);
    expect(rowCells(ours).share).toBe('0.94%');
    expect(rowCells(ours).checkpoint).toBe('32 KiB (float32)');
    expect(ours.adamBytes).toBe(2 * 4 * 8192);
  });

  it('grows linearly in r for every choice of matrices, and says so in its summary', () => {
    for (const m of MATRIX_CHOICES as readonly MatrixChoice[]) {
      const [a, b] = [rankRows(1, m), rankRows(3, m)];
      expect(b[0].trainable).toBe(3 * a[0].trainable);
      expect(b[1].trainable).toBe(3 * a[1].trainable);
      expect(KINDS_OF[m].length).toBeGreaterThan(0);
      expect(rankSummary(3, m)).toContain(`Rank 3`);
    }
  });

  it('in Chinese: the same counts in Chinese cells and summary, on a /zh/ page', async () => {
    const [ours, gpt3] = rankRows(4, 'qv');
    const adam = `${bytes(ours.adamBytes)} 对比 ${bytes(ours.fullAdamBytes)}`;
    expect(rowCells(ours, 'zh')).toEqual({ ...rowCells(ours), checkpoint: '32 KiB（float32）', adam });
    expect(rowCells(gpt3, 'zh').share).toBe(`${rowCells(gpt3).share.replace(/^1 in /, '')} 分之一`);
    expect(rankSummary(4, 'qv', 'zh')).toBe(
      `在每一层的 W_q 和 W_v 上取秩 4：我们的模型有 8,192 个可训练参数（占 0.94%），GPT-3 175B 有 18,874,368 个（${rowCells(gpt3, 'zh').share}）。`,
    );
    const el = await mountZh(LoraRank, () => import('../../../site/widgets/lora-rank/element.ts'));
    expect(el.querySelector('label[for$="matrices"]')!.textContent).toBe('适配的矩阵');
    expect(el.querySelector('tr[data-row="0"] th')!.textContent).toBe('我们的模型（target-v1）');
    const select = el.querySelector<HTMLSelectElement>('select[id$="matrices"]')!;
    select.value = 'ffn';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(el.querySelector('[data-summary]')!.textContent).toBe(rankSummary(4, 'ffn', 'zh'));
    expect(shownWords(el)).not.toMatch(/\b(trainable|our model|from the paper|Adapter in every layer|only)\b/);
  });
});
