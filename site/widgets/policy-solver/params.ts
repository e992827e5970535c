import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'PolicySolver',
  tag: 'offload-policy',
  urlKey: 'policy',
  params: {
    model: {
      kind: 'choice',
      values: ['opt-6.7b', 'opt-30b', 'opt-175b'],
      default: 'opt-175b',
      label: 'Model',
      doc: 'an OPT model of the paper',
    },
    gpu: {
      kind: 'number',
      min: 1,
      max: 80,
      default: 16,
      label: 'GPU memory (GB)',
      doc: 'GPU capacity in GB (2^30 bytes)',
    },
    cpu: { kind: 'number', min: 8, max: 1024, default: 208, label: 'CPU memory (GB)', doc: 'CPU DRAM capacity in GB' },
    disk: { kind: 'number', min: 16, max: 4000, default: 1500, label: 'Disk (GB)', doc: 'SSD capacity in GB' },
    pcie: {
      kind: 'number',
      min: 1,
      max: 64,
      default: 12.89,
      label: 'CPU↔GPU link (GB/s)',
      doc: "PCIe bandwidth; 12.89 is FlexGen's fitted T4 value",
    },
    diskRead: {
      kind: 'number',
      min: 0.1,
      max: 8,
      default: 0.473,
      label: 'Disk read (GB/s)',
      doc: "disk→CPU bandwidth (writes at half); 0.473 is FlexGen's fitted value",
    },
    compress: {
      kind: 'bool',
      default: false,
      label: '4-bit weights and cache',
      doc: 'group-wise 4-bit compression (turns CPU delegation off)',
    },
    delegate: {
      kind: 'bool',
      default: true,
      label: 'Attention on the CPU (delegation)',
      doc: 'compute attention where the cache lives',
    },
  },
  controls: ['bars', 'terms'],
});
