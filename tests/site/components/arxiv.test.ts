import { describe, expect, test } from 'vitest';
import { arxivUrl } from '../../../site/components/arxiv.ts';

describe('arxivUrl', () => {
  test('links the abstract page, with the version when one is given', () => {
    expect(arxivUrl('2312.11514')).toBe('https://arxiv.org/abs/2312.11514');
    expect(arxivUrl('1706.03762', 'v7')).toBe('https://arxiv.org/abs/1706.03762v7');
  });

  test('rejects a malformed id or version with a message naming the caller and the value', () => {
    expect(() => arxivUrl('arXiv:2312.11514', undefined, '<Cite>')).toThrow(
      '<Cite>: invalid arXiv id "arXiv:2312.11514"; expected digits like "2312.11514"',
    );
    expect(() => arxivUrl('2312.11514', '3', '<Cite>')).toThrow(
      '<Cite>: invalid version "3"; expected "v" and a number',
    );
    expect(() => arxivUrl(undefined)).toThrow('invalid arXiv id undefined');
  });
});
