// decideBackend: software WebGL is never chosen, the faster probe wins, and the order always ends in cpu.
import { describe, expect, test } from 'vitest';
import { decideBackend, isSoftwareRenderer, parseRemembered } from '../../lib/backend-choice.ts';
import { mulberry32 } from '../../lib/random.ts';

const SOFTWARE = [
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
  'Google SwiftShader',
  'llvmpipe (LLVM 15.0.6, 256 bits)',
  'Mesa/X.org, llvmpipe (LLVM 12.0.0, 256 bits)',
  'Microsoft Basic Render Driver',
];
const HARDWARE = [
  'ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 (0x00002684) Direct3D11 vs_5_0 ps_5_0, D3D11)',
  'Apple M1 Max',
  'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
  'Adreno (TM) 750',
];

describe('isSoftwareRenderer', () => {
  test.each(SOFTWARE)('names %s as software', (r) => expect(isSoftwareRenderer(r)).toBe(true));
  test.each(HARDWARE)('names %s as a GPU', (r) => expect(isSoftwareRenderer(r)).toBe(false));
  test('no renderer is not software', () => expect(isSoftwareRenderer(undefined)).toBe(false));
});

describe('decideBackend', () => {
  test('never puts webgl first on a software renderer, whatever the timings say', () => {
    for (const r of SOFTWARE) {
      const d = decideBackend(r, [
        { name: 'webgl', msPerStep: 0.01 },
        { name: 'wasm', msPerStep: 5 },
      ]);
      expect(d.order[0]).toBe('wasm');
      expect(d.reason).toContain('emulated');
    }
  });

  test('on a GPU, the faster probe goes first, for random timings', () => {
    const rand = mulberry32(7);
    for (let k = 0; k < 200; k++) {
      const webgl = rand() * 10,
        wasm = rand() * 10;
      const d = decideBackend(HARDWARE[k % HARDWARE.length], [
        { name: 'wasm', msPerStep: wasm },
        { name: 'webgl', msPerStep: webgl },
      ]);
      expect(d.order[0]).toBe(webgl < wasm ? 'webgl' : 'wasm');
      expect(d.order.at(-1)).toBe('cpu');
      expect(new Set(d.order).size).toBe(d.order.length);
    }
  });

  test('a probe that failed loses; without WebGL, wasm', () => {
    expect(
      decideBackend(HARDWARE[0], [
        { name: 'webgl', msPerStep: Infinity },
        { name: 'wasm', msPerStep: 3 },
      ]).order[0],
    ).toBe('wasm');
    expect(decideBackend(undefined, []).order).toEqual(['wasm', 'cpu']);
  });
});

describe('parseRemembered', () => {
  test('reads back what was stored and rejects anything else', () => {
    const good = { renderer: 'Apple M1 Max', name: 'webgl', reason: 'fastest' };
    expect(parseRemembered(JSON.stringify(good))).toEqual(good);
    for (const bad of [
      null,
      '',
      '{',
      '[]',
      JSON.stringify({ ...good, name: 'gpu' }),
      JSON.stringify({ ...good, reason: 3 }),
      JSON.stringify({ name: 'wasm', reason: 'x' }),
    ]) {
      expect(parseRemembered(bad)).toBeUndefined();
    }
  });
});
