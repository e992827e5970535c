// The kernel set the lean engine runs on: WebAssembly SIMD compiled from lib/engine/assembly/kernels.ts where the
// engine validates it, else the plain-JS twins (lib/engine/js-kernels.ts). Both take byte pointers into one Heap.
import { Heap, PlainMemory } from './heap.ts';
import { jsKernels } from './js-kernels.ts';
import type { KernelFunctions } from './kernel-functions.ts';

export type { KernelFunctions } from './kernel-functions.ts';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated.ts';

export type KernelKind = 'simd' | 'js';

export interface Kernels {
  kind: KernelKind;
  heap: Heap;
  fn: KernelFunctions;
}

let wasmBytes: Uint8Array | null = null;
let wasmModule: WebAssembly.Module | null | undefined;

function bytes(): Uint8Array {
  if (!wasmBytes) {
    const s = atob(KERNELS_WASM_BASE64);
    wasmBytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) wasmBytes[i] = s.charCodeAt(i);
  }
  return wasmBytes;
}

/** True when this JavaScript engine can run the SIMD kernels (it validates the module itself). */
export function simdSupported(): boolean {
  if (wasmModule === undefined) {
    wasmModule = null;
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes() as BufferSource)) {
      try {
        wasmModule = new WebAssembly.Module(bytes() as BufferSource); // synchronous: fine in workers and Node
      } catch {
        wasmModule = null; // e.g. a browser's main thread refusing to compile a module this size synchronously
      }
    }
  }
  return wasmModule !== null;
}

/** A fresh heap with kernels over it: 'simd' (throws where unsupported), 'js', or 'auto' (SIMD when supported). */
export function createKernels(kind: KernelKind | 'auto' = 'auto'): Kernels {
  if (kind !== 'simd' && kind !== 'js' && kind !== 'auto')
    throw new Error(`kernels must be 'simd', 'js' or 'auto', got ${JSON.stringify(kind)}`);
  const simd = kind === 'simd' || (kind === 'auto' && simdSupported());
  if (!simd) {
    const heap = new Heap(
      typeof WebAssembly === 'object' ? new WebAssembly.Memory({ initial: 2 }) : new PlainMemory(2),
    );
    return { kind: 'js', heap, fn: jsKernels(heap) };
  }
  if (!simdSupported()) throw new Error('kernels: this JavaScript engine has no WebAssembly SIMD; use "js" or "auto"');
  const memory = new WebAssembly.Memory({ initial: 2 });
  const instance = new WebAssembly.Instance(wasmModule!, {
    env: {
      memory,
      abort: () => {
        throw new Error('kernels: WebAssembly abort');
      },
    },
  });
  return { kind: 'simd', heap: new Heap(memory), fn: instance.exports as unknown as KernelFunctions };
}
