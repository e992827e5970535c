// Which TensorFlow.js backend is fastest for our models on this device, decided by evidence rather than by a fixed
// order. Two pieces of evidence, both cheap:
//   1. The WebGL renderer's name (WEBGL_debug_renderer_info). SwiftShader, llvmpipe and friends emulate a GPU on the
//      CPU; tfjs on them decodes our small models about 100 times slower than wasm, so webgl is not even timed.
//   2. A short probe on each candidate: a few decoding-sized steps (vector × matrix, ReLU, vector × matrix, read the
//      answer back), timed within a budget of a few hundred milliseconds. Decoding one token at a time is exactly
//      this pattern, where per-operation dispatch and read-back cost more than the arithmetic.
// The functions here are pure, so they are tested in Node; the worker (site/worker/backend-probe.ts) gathers the
// evidence in the browser.
import type { BackendName } from './backend.ts';

/** Renderer names of software rasterisers: WebGL that runs on the CPU. */
const SOFTWARE_RENDERERS =
  /swiftshader|llvmpipe|softpipe|software rasterizer|microsoft basic render|mesa offscreen|lavapipe/i;

/** True when a WebGL renderer string names a software rasteriser rather than a GPU. */
export function isSoftwareRenderer(renderer: string | undefined): boolean {
  return !!renderer && SOFTWARE_RENDERERS.test(renderer);
}

export interface BackendTiming {
  name: BackendName;
  /** Median milliseconds per probe step (a decoding-sized vector–matrix round trip); Infinity if it failed. */
  msPerStep: number;
}

export interface BackendDecision {
  /** Backends to try, in order: the chosen one first, then the fallbacks. */
  order: BackendName[];
  /** One sentence for the page: why this backend. */
  reason: string;
}

/** Fallbacks after the chosen backend: the other candidates in their usual order, and cpu last (it always works). */
function withFallbacks(first: BackendName, others: BackendName[]): BackendName[] {
  const order: BackendName[] = [first, ...others.filter((b) => b !== first && b !== 'cpu'), 'cpu'];
  return order.filter((b, i, all) => all.indexOf(b) === i);
}

const fmt = (ms: number) => (ms < 1 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`);

/**
 * Decide the backend order from the evidence. `renderer` is the WebGL renderer (undefined when WebGL is missing);
 * `timings` are probe results for the candidates that were timed (may be empty when the renderer settles it).
 */
export function decideBackend(renderer: string | undefined, timings: BackendTiming[]): BackendDecision {
  if (renderer === undefined)
    return { order: withFallbacks('wasm', []), reason: 'WebGL is not available here, so wasm runs the models.' };
  if (isSoftwareRenderer(renderer)) {
    return {
      order: withFallbacks('wasm', []),
      reason: `WebGL here is emulated on the CPU (${renderer}), which runs our small models far slower than wasm.`,
    };
  }
  const ok = timings.filter((t) => Number.isFinite(t.msPerStep)).sort((a, b) => a.msPerStep - b.msPerStep);
  if (ok.length === 0)
    return {
      order: withFallbacks('wasm', ['webgl']),
      reason: 'No backend finished the speed probe, so wasm is tried first.',
    };
  const [best, ...rest] = ok;
  const compared = rest.length ? `, against ${rest.map((t) => `${fmt(t.msPerStep)} on ${t.name}`).join(' and ')}` : '';
  return {
    order: withFallbacks(
      best.name,
      rest.map((t) => t.name),
    ),
    reason: `Fastest in a short decoding probe on this device: ${fmt(best.msPerStep)} per step on ${best.name}${compared}.`,
  };
}

/** What a browser remembers of the last decision, so the probe runs once per device (per renderer). */
export interface RememberedBackend {
  renderer: string | null;
  name: BackendName;
  reason: string;
}

/** Parse a remembered decision from storage; undefined for anything malformed (storage is user-editable). */
export function parseRemembered(raw: string | null | undefined): RememberedBackend | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<RememberedBackend>;
    if (
      (v.name === 'webgl' || v.name === 'wasm' || v.name === 'cpu') &&
      typeof v.reason === 'string' &&
      (v.renderer === null || typeof v.renderer === 'string')
    ) {
      return { renderer: v.renderer, name: v.name, reason: v.reason };
    }
  } catch {
    // fall through: not JSON
  }
  return undefined;
}
