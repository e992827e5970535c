// Gathering the evidence for lib/backend-choice.ts inside the model worker: the WebGL renderer's name, and a short
// timed probe of each candidate backend. The whole probe stays within a few hundred milliseconds.
import { median } from '../../lib/stats.ts';
import * as tf from '@tensorflow/tfjs';
import {
  decideBackend,
  isSoftwareRenderer,
  type BackendDecision,
  type BackendTiming,
  type RememberedBackend,
} from '../../lib/backend-choice.ts';
import type { BackendName } from '../../lib/backend.ts';

/** The WebGL renderer this worker would draw with, or undefined when there is no WebGL (or no OffscreenCanvas). */
export function webglRenderer(): string | undefined {
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return undefined;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext(); // free it: tfjs makes its own
    return name || 'unknown renderer';
  } catch {
    return undefined;
  }
}

/**
 * Median milliseconds of one decoding-sized step on `name`: x [1, 128] × W1 [128, 512], ReLU, × W2 [512, 128], read
 * back, as one FFN of our models does per token. Two warm-up steps first (webgl compiles its shaders then).
 */
async function timeBackend(name: BackendName, budgetMs: number): Promise<number> {
  try {
    if (!(await tf.setBackend(name))) return Infinity;
    await tf.ready();
    const x = tf.fill([1, 128], 0.01); // [1, nEmbd]
    const w1 = tf.fill([128, 512], 0.01); // [nEmbd, nFfn]
    const w2 = tf.fill([512, 128], 0.01); // [nFfn, nEmbd]
    const step = async () => {
      const y = tf.tidy(() => tf.matMul(tf.relu(tf.matMul(x, w1)), w2)); // [1, nEmbd]
      await y.data();
      y.dispose();
    };
    await step();
    await step();
    const times: number[] = [];
    const start = performance.now();
    while (times.length < 15 && performance.now() - start < budgetMs) {
      const t0 = performance.now();
      await step();
      times.push(performance.now() - t0);
    }
    tf.dispose([x, w1, w2]);
    return times.length ? median(times) : Infinity;
  } catch {
    return Infinity;
  }
}

export interface ProbedDecision extends BackendDecision {
  renderer: string | null;
  timings: BackendTiming[];
  /** True when the decision came from the browser's memory instead of a new probe. */
  remembered: boolean;
}

/** Decide which backend to start: from `remembered` if it was made for this renderer, else by detection and probe. */
export async function probeBackends(
  remembered: RememberedBackend | undefined,
  budgetMs = 150,
): Promise<ProbedDecision> {
  const renderer = webglRenderer();
  if (remembered && remembered.renderer === (renderer ?? null)) {
    const order = [
      remembered.name,
      ...(['wasm', 'webgl', 'cpu'] as BackendName[]).filter((b) => b !== remembered.name),
    ];
    return { order, reason: remembered.reason, renderer: renderer ?? null, timings: [], remembered: true };
  }
  const timings: BackendTiming[] = [];
  if (renderer !== undefined && !isSoftwareRenderer(renderer)) {
    for (const name of ['wasm', 'webgl'] as BackendName[])
      timings.push({ name, msPerStep: await timeBackend(name, budgetMs) });
  }
  return { ...decideBackend(renderer, timings), renderer: renderer ?? null, timings, remembered: false };
}
