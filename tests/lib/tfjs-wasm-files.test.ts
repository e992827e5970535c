// public/tfjs-wasm/ serves the wasm backend's binaries from our own origin. They must be byte-identical to the
// installed @tensorflow/tfjs-backend-wasm, or the JS glue and the binary drift apart after an upgrade.
// Fix a failure with: cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm public/tfjs-wasm/
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dist = 'node_modules/@tensorflow/tfjs-backend-wasm/dist/';
const ours = 'public/tfjs-wasm/';
const wasmIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.wasm'))
    .sort();

describe('public/tfjs-wasm', () => {
  it('holds the same .wasm files as the installed tfjs-backend-wasm', () => {
    expect(wasmIn(ours)).toEqual(wasmIn(dist));
    expect(wasmIn(ours).length).toBeGreaterThanOrEqual(3);
  });
  for (const f of wasmIn(dist)) {
    it(`${f} is byte-identical to node_modules`, () => {
      expect(readFileSync(ours + f).equals(readFileSync(dist + f))).toBe(true);
    });
  }
});
