// The adapter file: one small binary, versioned, naming the base model it was trained on and the layers it adapts.
//   bytes 0-3   "LoRA" (magic)
//   bytes 4-7   uint32 format version (1), little-endian
//   bytes 8-11  uint32 n = length of the JSON header in bytes
//   12 .. 12+n  JSON header (UTF-8): { base: {name, config, fingerprint}, rank, alpha, targets, tensors: [{name, shape}],
//               checksum (FNV-1a of the data bytes), card (free-form notes: how it was trained) }
//   then, from the next multiple of 4: the tensors' float32 values, little-endian, in header order (A then B per target).
// Loading checks each of these and says which one failed: a truncated or corrupt file, another version, an adapter
// made for another base model (its fingerprint is a hash of every base weight, so retrained weights are caught too).
import type { GPTConfig } from '../config.ts';
import { fnv1a } from '../fingerprint.ts';
import { LoraAdapter, type BaseModelId } from './adapter.ts';

export const LORA_FILE_VERSION = 1;
const MAGIC = 'LoRA';

export interface AdapterHeader {
  base: BaseModelId;
  rank: number;
  alpha: number;
  targets: string[];
  tensors: { name: string; shape: number[] }[];
  checksum: string;
  card?: Record<string, unknown>;
}

// The file's checksum and its base model's fingerprint (shared with the quantized model file).

export function encodeAdapter(adapter: LoraAdapter, card?: Record<string, unknown>): Uint8Array {
  const weights = adapter.weights();
  const tensors = adapter.targets.flatMap((t) => [
    { name: `${t.name}.A`, shape: [t.inDim, adapter.rank] },
    { name: `${t.name}.B`, shape: [adapter.rank, t.outDim] },
  ]);
  const count = tensors.reduce((n, t) => n + t.shape[0] * t.shape[1], 0);
  const data = new Float32Array(count);
  let o = 0;
  for (const t of tensors) {
    data.set(weights[t.name], o);
    o += weights[t.name].length;
  }
  const dataBytes = new Uint8Array(data.buffer);
  const header: AdapterHeader = {
    base: adapter.base,
    rank: adapter.rank,
    alpha: adapter.spec.alpha,
    targets: adapter.spec.targets,
    tensors,
    checksum: fnv1a(dataBytes),
    card,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((12 + json.length) / 4) * 4;
  const out = new Uint8Array(start + dataBytes.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, LORA_FILE_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  out.fill(0x20, 12 + json.length, start); // pad with spaces
  out.set(dataBytes, start);
  return out;
}

/** Reads the header and the matrices, checking the file's integrity (not yet its base model: see validateAdapterBase). */
export function decodeAdapter(
  buffer: ArrayBuffer | Uint8Array,
  source = 'adapter file',
): { header: AdapterHeader; weights: Record<string, Float32Array> } {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    throw new Error(`${source}: not a LoRA adapter file (it should start with "${MAGIC}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== LORA_FILE_VERSION)
    throw new Error(`${source}: adapter format version ${version}; this site reads version ${LORA_FILE_VERSION}`);
  const n = view.getUint32(8, true);
  if (12 + n > bytes.length)
    throw new Error(`${source}: truncated (the header says ${n} bytes of JSON, the file has ${bytes.length - 12})`);
  let header: AdapterHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + n)));
  } catch {
    throw new Error(`${source}: corrupt header (not valid JSON)`);
  }
  if (
    typeof header !== 'object' ||
    header === null ||
    !Array.isArray(header.tensors) ||
    !Array.isArray(header.targets) ||
    typeof header.base?.fingerprint !== 'string'
  ) {
    throw new Error(`${source}: corrupt header (missing base, targets or tensors)`);
  }
  const start = Math.ceil((12 + n) / 4) * 4;
  const count = header.tensors.reduce(
    (s, t) => s + (Array.isArray(t.shape) ? t.shape.reduce((a, b) => a * b, 1) : NaN),
    0,
  );
  if (!Number.isInteger(count)) throw new Error(`${source}: corrupt header (a tensor has no shape)`);
  if (bytes.length - start !== 4 * count)
    throw new Error(
      `${source}: ${bytes.length - start < 4 * count ? 'truncated' : 'longer than expected'}: ${bytes.length - start} bytes of weights, the header describes ${4 * count}`,
    );
  // A fresh, 4-byte-aligned copy. (Not bytes.slice: on a Node Buffer that is a view into a larger, shared buffer.)
  const data = new Uint8Array(bytes.length - start);
  data.set(bytes.subarray(start));
  if (fnv1a(data) !== header.checksum)
    throw new Error(`${source}: corrupt (the weights' checksum does not match the header)`);
  const values = new Float32Array(data.buffer);
  const weights: Record<string, Float32Array> = {};
  let o = 0;
  for (const t of header.tensors) {
    const len = t.shape.reduce((a, b) => a * b, 1);
    weights[t.name] = values.subarray(o, o + len);
    o += len;
  }
  for (const [name, w] of Object.entries(weights))
    if (!w.every(Number.isFinite)) throw new Error(`${source}: ${name} contains NaN or infinity`);
  return { header, weights };
}

/** Throws a clear message unless the adapter was made for exactly this base model. */
export function validateAdapterBase(header: AdapterHeader, base: BaseModelId, source = 'adapter file'): AdapterHeader {
  const want = header.base;
  const shape = (c: GPTConfig) => `${c.nLayer} layers, nEmbd ${c.nEmbd}, nFfn ${c.nFfn}, vocab ${c.vocabSize}`;
  const sameShape = ['vocabSize', 'blockSize', 'nLayer', 'nHead', 'nEmbd', 'nFfn'].every(
    (k) => want.config?.[k as keyof GPTConfig] === base.config[k as keyof GPTConfig],
  );
  if (!sameShape)
    throw new Error(
      `${source}: made for ${want.name} (${want.config ? shape(want.config) : 'unknown shape'}), but the loaded model is ${base.name} (${shape(base.config)})`,
    );
  if (want.fingerprint !== base.fingerprint)
    throw new Error(
      `${source}: made for ${want.name} with weights ${want.fingerprint}, but the loaded model ${base.name} has weights ${base.fingerprint}; an adapter only fits the exact weights it was trained on`,
    );
  return header;
}

/** Decodes, checks the base and builds the adapter (its tensors live until dispose()). */
export function loadAdapter(
  buffer: ArrayBuffer | Uint8Array,
  base: BaseModelId,
  source = 'adapter file',
): { adapter: LoraAdapter; header: AdapterHeader } {
  const { header, weights } = decodeAdapter(buffer, source);
  validateAdapterBase(header, base, source);
  try {
    return {
      adapter: new LoraAdapter(base, { rank: header.rank, alpha: header.alpha, targets: header.targets }, { weights }),
      header,
    };
  } catch (e) {
    throw new Error(`${source}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
