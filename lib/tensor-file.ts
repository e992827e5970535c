// Named float32 tensors on disk in the TensorFlow.js weights format (a weights.json manifest
// `[{paths, weights: [{name, shape, dtype: 'float32'}]}]` plus little-endian binary shards), for any set of
// tensors: a GPT's (lib/weights.ts) and the activation predictors' (lib/sparsity/predictor.ts).

export interface TensorSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}
export type TensorManifest = { paths: string[]; weights: TensorSpec[] }[];

const SHARD_BYTES = 4 * 1024 * 1024;

/** Lays out `named` in the order of `shapes` and splits the bytes into shards of at most 4 MiB. */
export function encodeTensors(
  shapes: Map<string, number[]>,
  named: Record<string, Float32Array>,
  prefix = 'weights',
): { manifest: TensorManifest; shards: Map<string, Uint8Array> } {
  const specs: TensorSpec[] = [];
  const parts: Float32Array[] = [];
  for (const [name, shape] of shapes) {
    const data = named[name];
    const n = shape.reduce((a, b) => a * b, 1);
    if (!data) throw new Error(`encodeTensors: missing ${name}`);
    if (data.length !== n)
      throw new Error(`encodeTensors: ${name} has ${data.length} values, shape [${shape}] needs ${n}`);
    specs.push({ name, shape, dtype: 'float32' });
    parts.push(data);
  }
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const all = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    all.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), o);
    o += p.byteLength;
  }
  const count = Math.max(1, Math.ceil(total / SHARD_BYTES));
  const shards = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++)
    shards.set(
      `${prefix}-shard${i + 1}of${count}.bin`,
      all.subarray(i * SHARD_BYTES, Math.min(total, (i + 1) * SHARD_BYTES)),
    );
  return { manifest: [{ paths: [...shards.keys()], weights: specs }], shards };
}

/**
 * Reads the tensors named in `shapes` from a manifest and its shards, checking that every shard is present and
 * complete, every tensor is there with the expected shape, and no value is NaN or infinite. Errors name the file.
 */
export function decodeTensors(
  shapes: Map<string, number[]>,
  manifest: unknown,
  shards: Map<string, ArrayBuffer>,
  manifestName = 'weights.json',
): Record<string, Float32Array> {
  if (!Array.isArray(manifest))
    throw new Error(`${manifestName}: expected a TensorFlow.js weights manifest (a JSON array of groups)`);
  const found = new Map<string, { data: Float32Array; shape: number[] }>();
  for (const group of manifest as TensorManifest) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group?.weights))
      throw new Error(`${manifestName}: each group needs "paths" and "weights"`);
    const buffers = group.paths.map((path) => {
      const b = shards.get(path);
      if (!b) throw new Error(`${path}: weight shard listed in ${manifestName} is missing`);
      return new Uint8Array(b);
    });
    const total = buffers.reduce((n, b) => n + b.length, 0);
    const expected = group.weights.reduce((n, s) => n + 4 * s.shape.reduce((a, b) => a * b, 1), 0);
    const where = group.paths.join(', ');
    if (total !== expected)
      throw new Error(
        `${where}: ${total < expected ? 'truncated or corrupt' : 'longer than expected'}: ${total} bytes, but ${manifestName} describes ${expected}`,
      );
    const all = new Uint8Array(total);
    let o = 0;
    for (const b of buffers) {
      all.set(b, o);
      o += b.length;
    }
    let offset = 0;
    for (const spec of group.weights) {
      if (spec.dtype !== 'float32')
        throw new Error(`${manifestName}: ${spec.name} has dtype ${spec.dtype}; only float32 is supported`);
      const n = spec.shape.reduce((a, b) => a * b, 1);
      const data = new Float32Array(all.buffer.slice(offset, offset + 4 * n));
      offset += 4 * n;
      for (let i = 0; i < n; i++)
        if (!Number.isFinite(data[i]))
          throw new Error(`${where}: tensor ${spec.name} contains ${data[i]} at index ${i} (corrupt weights)`);
      found.set(spec.name, { data, shape: spec.shape });
    }
  }
  const named: Record<string, Float32Array> = {};
  for (const [name, shape] of shapes) {
    const t = found.get(name);
    if (!t) throw new Error(`${manifestName}: tensor ${name} is missing`);
    if (t.shape.join(',') !== shape.join(','))
      throw new Error(`${manifestName}: tensor ${name} has shape [${t.shape}], but the config needs [${shape}]`);
    named[name] = t.data;
  }
  return named;
}
