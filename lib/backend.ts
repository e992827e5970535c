// Choosing a TensorFlow.js backend at run time: the first of webgl, wasm, cpu that initialises.
// The wasm binaries are served from our own origin (wasmPath), never from a CDN.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'webgl' | 'wasm' | 'cpu';
export const DEFAULT_ORDER: BackendName[] = ['webgl', 'wasm', 'cpu'];

export interface BackendChoice {
  name: BackendName;
  /** Backends tried before this one, with the reason each was passed over. */
  skipped: { name: BackendName; reason: string }[];
}

/**
 * Initialise the first backend in `order` that works. `wasmPath` is the folder (ending in '/') that holds
 * tfjs-backend-wasm*.wasm; in Node it can be omitted and the files load from node_modules.
 */
export async function chooseBackend(
  order: BackendName[] = DEFAULT_ORDER,
  { wasmPath }: { wasmPath?: string } = {},
): Promise<BackendChoice> {
  if (wasmPath) setWasmPaths(wasmPath);
  const skipped: BackendChoice['skipped'] = [];
  for (const name of order) {
    try {
      if (!tf.findBackendFactory(name)) throw new Error('not registered');
      const ok = await tf.setBackend(name);
      if (!ok) throw new Error('failed to initialise');
      await tf.ready();
      return { name, skipped };
    } catch (err) {
      skipped.push({ name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`);
}
