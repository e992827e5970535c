// public/highs/highs.wasm serves the LP solver's binary from our own origin (lib/offload/policy-search.ts, getHighs).
// It must be byte-identical to the installed `highs` package, or its JS glue and the binary drift apart after an upgrade.
// Fix a failure with: cp node_modules/highs/build/highs.wasm public/highs/
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('public/highs', () => {
  it('highs.wasm is byte-identical to node_modules/highs/build/highs.wasm', () => {
    expect(readFileSync('public/highs/highs.wasm').equals(readFileSync('node_modules/highs/build/highs.wasm'))).toBe(
      true,
    );
  });
});
