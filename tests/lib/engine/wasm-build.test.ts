// The committed WebAssembly kernels are exactly what `npm run build:wasm` compiles from their AssemblyScript source.
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('lib/engine/kernels-wasm.generated.ts equals a fresh build of lib/engine/assembly/kernels.ts', () => {
  const r = spawnSync(process.execPath, ['scripts/build-wasm.ts', '--check'], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toContain('is up to date');
  expect(r.status).toBe(0);
});
