// A GPT's weights on disk: a TensorFlow.js weights manifest (weights.json) plus binary shards of little-endian
// float32, laid out in config order. The format and its checks live in tensor-file.ts; errors name the file.
import { parameterShapes, type GPTConfig } from './config.ts';
import { decodeTensors, encodeTensors, type TensorManifest, type TensorSpec } from './tensor-file.ts';

export type WeightSpec = TensorSpec;
export type WeightsManifest = TensorManifest;

/** Lays out the named arrays in config order and splits them into shards of at most 4 MiB. */
export function encodeWeights(
  cfg: GPTConfig,
  named: Record<string, Float32Array>,
  prefix = 'weights',
): { manifest: WeightsManifest; shards: Map<string, Uint8Array> } {
  return encodeTensors(parameterShapes(cfg), named, prefix);
}

/**
 * Turns a manifest and its shards (by path) into named float32 arrays, checking: every shard present and of the
 * expected total length, every tensor the config needs present with the right shape, and no NaN or infinity.
 */
export function decodeWeights(
  cfg: GPTConfig,
  manifest: unknown,
  shards: Map<string, ArrayBuffer>,
  manifestName = 'weights.json',
): Record<string, Float32Array> {
  return decodeTensors(parameterShapes(cfg), manifest, shards, manifestName);
}
