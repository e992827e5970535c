// curvesCross: below it sequential reads draw slower than random, from it on at least as fast (UFS 4.0 and any model).
import { describe, expect, it } from 'vitest';
import { curvesCross, readBandwidth, UFS_4_0 } from '../../../lib/hardware/index.ts';
import type { StorageCurve } from '../../../lib/hardware/index.ts';

describe('curvesCross', () => {
  it("on UFS 4.0, sequential is slower below the crossing (as the paper's 4 KB figures say) and not slower from it", () => {
    const x = curvesCross()!;
    expect(x).toBeGreaterThan(UFS_4_0.blockBytes);
    expect(x % UFS_4_0.blockBytes).toBe(0);
    for (let b = UFS_4_0.blockBytes; b < x; b += UFS_4_0.blockBytes)
      expect(readBandwidth(b, 'sequential')).toBeLessThan(readBandwidth(b, 'random'));
    expect(readBandwidth(x, 'sequential')).toBeGreaterThanOrEqual(readBandwidth(x, 'random'));
  });

  it('is the first block when sequential starts ahead, and undefined when it never catches up', () => {
    const ahead: StorageCurve = {
      ...UFS_4_0,
      sequential: [
        [4096, 2e9],
        [524288, 5e9],
      ],
    };
    expect(curvesCross(ahead)).toBe(4096);
    const behind: StorageCurve = {
      ...UFS_4_0,
      sequential: [
        [4096, 1e8],
        [524288, 2e9],
      ],
    };
    expect(curvesCross(behind)).toBeUndefined();
  });
});
