// The kernels' signatures, shared by the WebAssembly exports (lib/engine/assembly/kernels.ts) and their plain-JS
// twins (js-kernels.ts): every argument is a byte pointer into the engine's heap or a size.
type Ptr = number;

/** The kernels, by the signatures of lib/engine/assembly/kernels.ts (documented there). */
export interface KernelFunctions {
  matvec(x: Ptr, w: Ptr, b: Ptr, y: Ptr, n: number, m: number): void;
  matmul(x: Ptr, w: Ptr, b: Ptr, y: Ptr, T: number, n: number, m: number): void;
  quantPrepare(x: Ptr, xp: Ptr, xsum: Ptr, n: number, groupSize: number): void;
  matvecQ(
    xp: Ptr,
    xsum: Ptr,
    codes: Ptr,
    scales: Ptr,
    zeros: Ptr,
    b: Ptr,
    y: Ptr,
    n: number,
    m: number,
    groupSize: number,
    bits: number,
  ): void;
  layerNorm(x: Ptr, g: Ptr, b: Ptr, y: Ptr, C: number): void;
  relu(x: Ptr, n: number): void;
  addTo(y: Ptr, x: Ptr, n: number): void;
  attention(q: Ptr, k: Ptr, v: Ptr, out: Ptr, scores: Ptr, mask: Ptr, T: number, P: number, C: number, H: number): void;
  sparseFfn(
    x: Ptr,
    upT: Ptr,
    upB: Ptr,
    down: Ptr,
    downB: Ptr,
    idx: Ptr,
    k: number,
    y: Ptr,
    C: number,
    skipZero: number,
  ): void;
}
