// The quantized model file: a versioned JSON manifest (weights.json, an object where the fp32 format has an array)
// plus binary shards holding, per linear layer, the packed codes, float32 scales and packed zero points, and the
// remaining parameters (embeddings, LayerNorms, biases) as float32. It records which base model it was made from
// (name and a fingerprint of its fp32 weights) and a checksum of its bytes, so a corrupt, truncated or mismatched
// file is refused with a message that says which.
import { linearNames, parameterShapes, type GPTConfig } from '../config.ts';
import { groupsPerRow, quantizedBytes, type GroupQuantOptions } from './group.ts';
import { dequantizeMatrix, type QuantizedMatrix } from './matrix.ts';
import { packedBytes } from './pack.ts';
import { fnv1a } from '../fingerprint.ts';

export const QUANT_FORMAT = 'llm-preliminaries/quantized-weights';
export const QUANT_VERSION = 1;

interface ByteRange {
  offset: number;
  bytes: number;
}

export type QuantTensorSpec =
  | ({ name: string; shape: number[]; dtype: 'float32' } & ByteRange)
  | {
      name: string;
      shape: [number, number];
      dtype: 'quantized';
      bits: number;
      groupSize: number;
      symmetric: boolean;
      codes: ByteRange;
      scales: ByteRange;
      zeros: ByteRange | null;
    };

export interface QuantManifest {
  format: typeof QUANT_FORMAT;
  version: number;
  /** The fp32 model this was quantized from. */
  base: { name: string; fingerprint: string };
  /** How it was made (method, bits, group size); informational, the tensors carry their own settings. */
  quantization: GroupQuantOptions & { method: unknown };
  paths: string[];
  totalBytes: number;
  /** FNV-1a (32-bit, hex) of all shard bytes in order. */
  checksum: string;
  tensors: QuantTensorSpec[];
}

// The file's checksum and its base model's fingerprint (shared with the LoRA adapter file).

export function isQuantManifest(m: unknown): m is QuantManifest {
  return (
    typeof m === 'object' && m !== null && !Array.isArray(m) && (m as { format?: unknown }).format === QUANT_FORMAT
  );
}

/**
 * Lays out a quantized model: linear layers from `matrices` (packed), every other parameter from `weights` (fp32).
 * One shard (our models are small); `prefix` names it.
 */
export function encodeQuantized(
  cfg: GPTConfig,
  weights: Record<string, Float32Array>,
  matrices: Record<string, QuantizedMatrix>,
  info: { base: QuantManifest['base']; quantization: QuantManifest['quantization'] },
  prefix = 'quant',
): { manifest: QuantManifest; shards: Map<string, Uint8Array> } {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const put = (bytes: Uint8Array): ByteRange => {
    parts.push(bytes);
    const r = { offset, bytes: bytes.length };
    offset += bytes.length;
    return r;
  };
  const asBytes = (f: Float32Array) => new Uint8Array(f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength));
  const linears = new Set(linearNames(cfg).map((n) => `${n}.weight`));
  const tensors: QuantTensorSpec[] = [];
  for (const [name, shape] of parameterShapes(cfg)) {
    if (linears.has(name)) {
      const m = matrices[name.replace(/\.weight$/, '')];
      if (!m) throw new Error(`encodeQuantized: no quantized matrix for ${name}`);
      if (m.inDim !== shape[0] || m.outDim !== shape[1])
        throw new Error(`encodeQuantized: ${name} is [${m.inDim}, ${m.outDim}], the config needs [${shape}]`);
      tensors.push({
        name,
        shape: [shape[0], shape[1]],
        dtype: 'quantized',
        bits: m.bits,
        groupSize: m.groupSize,
        symmetric: m.symmetric,
        codes: put(m.codes),
        scales: put(asBytes(m.scales)),
        zeros: m.zeros ? put(m.zeros) : null,
      });
    } else {
      const w = weights[name];
      if (!w || w.length !== shape.reduce((a, b) => a * b, 1))
        throw new Error(`encodeQuantized: ${name} is missing or has the wrong size`);
      tensors.push({ name, shape, dtype: 'float32', ...put(asBytes(w)) });
    }
  }
  const all = new Uint8Array(offset);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  const path = `${prefix}-shard1of1.bin`;
  const manifest: QuantManifest = {
    format: QUANT_FORMAT,
    version: QUANT_VERSION,
    base: info.base,
    quantization: info.quantization,
    paths: [path],
    totalBytes: all.length,
    checksum: fnv1a(all),
    tensors,
  };
  return { manifest, shards: new Map([[path, all]]) };
}

/**
 * Reads a quantized model back into fp32 parameters (linear weights dequantized), checking in turn: format and
 * version, the base model (when `expectBase` is given), every shard present, total length, checksum, every
 * tensor the config needs with its shape and byte sizes, and no NaN or infinity. Errors name the file.
 */
export function decodeQuantized(
  cfg: GPTConfig,
  manifest: unknown,
  shards: Map<string, ArrayBuffer>,
  manifestName = 'weights.json',
  expectBase?: { name: string; fingerprint?: string },
): { weights: Record<string, Float32Array>; matrices: Record<string, QuantizedMatrix>; manifest: QuantManifest } {
  if (!isQuantManifest(manifest))
    throw new Error(`${manifestName}: not a quantized-weights manifest (expected "format": "${QUANT_FORMAT}")`);
  const m = manifest;
  if (m.version !== QUANT_VERSION)
    throw new Error(
      `${manifestName}: quantized format version ${m.version} is not supported (this site reads version ${QUANT_VERSION})`,
    );
  if (
    expectBase &&
    (m.base?.name !== expectBase.name || (expectBase.fingerprint && m.base?.fingerprint !== expectBase.fingerprint))
  ) {
    throw new Error(
      `${manifestName}: this file was quantized from ${m.base?.name ?? 'an unnamed model'} (fingerprint ${m.base?.fingerprint ?? '?'}), not from ${expectBase.name}${expectBase.fingerprint ? ` (fingerprint ${expectBase.fingerprint})` : ''}`,
    );
  }
  if (!Array.isArray(m.paths) || !Array.isArray(m.tensors) || !Number.isInteger(m.totalBytes))
    throw new Error(`${manifestName}: needs "paths", "tensors" and "totalBytes"`);
  const buffers = m.paths.map((p) => {
    const b = shards.get(p);
    if (!b) throw new Error(`${p}: shard listed in ${manifestName} is missing`);
    return new Uint8Array(b);
  });
  const total = buffers.reduce((n, b) => n + b.length, 0);
  const where = m.paths.join(', ');
  if (total !== m.totalBytes)
    throw new Error(
      `${where}: ${total < m.totalBytes ? 'truncated' : 'longer than expected'}: ${total} bytes, but ${manifestName} says ${m.totalBytes}`,
    );
  const all = new Uint8Array(total);
  let o = 0;
  for (const b of buffers) {
    all.set(b, o);
    o += b.length;
  }
  const sum = fnv1a(all);
  if (sum !== m.checksum)
    throw new Error(`${where}: corrupt: checksum ${sum} does not match ${m.checksum} in ${manifestName}`);

  const slice = (r: ByteRange, what: string, expected: number) => {
    if (!r || !Number.isInteger(r.offset) || !Number.isInteger(r.bytes) || r.offset < 0 || r.offset + r.bytes > total)
      throw new Error(`${manifestName}: ${what} points outside the ${total} bytes of ${where}`);
    if (r.bytes !== expected)
      throw new Error(`${manifestName}: ${what} has ${r.bytes} bytes, its shape needs ${expected}`);
    return all.slice(r.offset, r.offset + r.bytes);
  };
  const floats = (r: ByteRange, what: string, n: number) => {
    const f = new Float32Array(slice(r, what, 4 * n).buffer);
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(f[i])) throw new Error(`${where}: ${what} contains ${f[i]} at index ${i} (corrupt weights)`);
    return f;
  };
  const specs = new Map(m.tensors.map((t) => [t.name, t]));
  const weights: Record<string, Float32Array> = {};
  const matrices: Record<string, QuantizedMatrix> = {};
  for (const [name, shape] of parameterShapes(cfg)) {
    const t = specs.get(name);
    if (!t) throw new Error(`${manifestName}: tensor ${name} is missing`);
    if (t.shape?.join(',') !== shape.join(','))
      throw new Error(`${manifestName}: tensor ${name} has shape [${t.shape}], but the config needs [${shape}]`);
    const n = shape.reduce((a, b) => a * b, 1);
    if (t.dtype === 'float32') {
      weights[name] = floats(t, name, n);
    } else if (t.dtype === 'quantized') {
      const [inDim, outDim] = shape;
      const opts = { bits: t.bits, groupSize: t.groupSize, symmetric: t.symmetric };
      let size: ReturnType<typeof quantizedBytes>;
      try {
        size = quantizedBytes(outDim, inDim, opts);
      } catch (e) {
        throw new Error(`${manifestName}: ${name}: ${(e as Error).message}`);
      }
      const groups = outDim * groupsPerRow(inDim, t.groupSize);
      if (!t.symmetric && !t.zeros) throw new Error(`${manifestName}: ${name} is asymmetric but has no zero points`);
      const q: QuantizedMatrix = {
        ...opts,
        symmetric: !!t.symmetric,
        rows: outDim,
        rowLength: inDim,
        inDim,
        outDim,
        codes: slice(t.codes, `${name} codes`, size.codes),
        scales: floats(t.scales, `${name} scales`, groups),
        zeros: t.symmetric ? null : slice(t.zeros!, `${name} zero points`, packedBytes(groups, t.bits)),
      };
      matrices[name.replace(/\.weight$/, '')] = q;
      weights[name] = dequantizeMatrix(q);
    } else {
      throw new Error(
        `${manifestName}: tensor ${name} has dtype ${(t as { dtype: string }).dtype}; expected float32 or quantized`,
      );
    }
  }
  return { weights, matrices, manifest: m };
}
