// A damaged highs.wasm (truncated download, an HTML page in its place) gives a message in the reader's words, not
// Emscripten's "Build with -sASSERTIONS", and a later attempt with a good file works (issue 23).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// The solver loads once per page: a fresh copy of the module is a fresh page (the lib project's files share their
// worker's modules, and another file may have loaded the solver already).
let getHighs: typeof import('../../../lib/offload/policy-search.ts').getHighs;
let highsLoadMessage: typeof import('../../../lib/offload/policy-search.ts').highsLoadMessage;
beforeAll(async () => {
  vi.resetModules();
  ({ getHighs, highsLoadMessage } = await import('../../../lib/offload/policy-search.ts'));
});

const good = fileURLToPath(new URL('../../../public/highs/highs.wasm', import.meta.url));

describe('loading highs.wasm', () => {
  it('a truncated file: a reader-worded error; then the real file loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'highs-'));
    const bad = join(dir, 'highs.wasm');
    writeFileSync(bad, readFileSync(good).subarray(0, 4096));
    const err = await getHighs(bad).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(
      /^The LP solver \(highs\.wasm\) could not be loaded: the file that arrived is damaged/,
    );
    expect(err?.message).not.toContain('ASSERTIONS');
    const highs = await getHighs(good);
    expect(typeof highs.solve).toBe('function');
  });

  it('the message keeps the browser reason, without Emscripten advice', () => {
    const m = highsLoadMessage(
      new Error(
        'Aborted(CompileError: WebAssembly.instantiate(): expected magic word 00 61 73 6d, found 3c 21 64 6f @+0). Build with -sASSERTIONS for more info.',
      ),
    );
    expect(m).toContain('(CompileError: WebAssembly.instantiate(): expected magic word');
    expect(m).not.toContain('ASSERTIONS');
  });
});
