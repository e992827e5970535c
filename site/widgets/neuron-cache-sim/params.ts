// NeuronCacheSim's parameters: how much memory the cache has, how it is split, how neurons are stored and sized.
import { VECTOR_SIZES } from '../../../lib/hardware/neuron-bytes.ts';
import { defaultsOf, defineWidget, type Values } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'NeuronCacheSim',
  tag: 'neuron-cache-sim',
  urlKey: 'cache',
  params: {
    memory: {
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.05,
      default: 0.5,
      label: 'Memory for FFN neurons (share of all FFN weights)',
      doc: 'share of all FFN weight bytes the cache holds, in [0, 1]',
      zh: {
        label: '给 FFN 神经元的内存（占全部 FFN 权重的比例）',
        doc: '缓存容纳的 FFN 权重字节占全部的比例，取值 [0, 1]',
      },
      aliases: [{ name: 'budget', scale: 0.01 }],
    },
    hot: {
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.05,
      default: 0.5,
      label: 'Share of that memory for hot clusters',
      zh: { label: '其中分给热簇的比例' },
    },
    bundle: {
      kind: 'bool',
      default: true,
      label: 'bundle up + down of a neuron',
      doc: "read a neuron's up column and down row together",
      zh: { label: '捆绑存放神经元的上投影与下投影', doc: '一次读取神经元的上投影列与下投影行' },
    },
    neuron: {
      kind: 'choice',
      values: VECTOR_SIZES,
      default: 'int4',
      label: "Size of a neuron's vectors",
      doc: 'ours (nEmbd × fp32), int4 (2.5 KiB) or fp16 (8 KiB): a 7B model, PowerInfer-2 §4.4',
      zh: {
        label: '神经元向量的大小',
        doc: 'ours（nEmbd × fp32）、int4（2.5 KiB）或 fp16（8 KiB）：7B 模型，PowerInfer-2 §4.4',
      },
    },
  },
  controls: ['chart', 'ufs'],
});
export type CacheValues = Values<typeof schema.params>;
export const CACHE_DEFAULTS: CacheValues = defaultsOf(schema);

/** Memory shares the sweep (and the slider's steps) visit: 0, 5%, …, 100%. */
export const MEMORY_STEP = 0.05;
export const MEMORY_GRID = Array.from({ length: 21 }, (_, k) => Math.round(k * MEMORY_STEP * 100) / 100);
