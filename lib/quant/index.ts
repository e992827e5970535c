// lib/quant: group-wise weight quantization (RTN, mixed precision, AWQ), bit packing and the quantized model file.
// Every function works on plain typed arrays; no tfjs and no DOM unless a file says so.
export { packBits, unpackBits, packedBytes } from './pack.ts';
export { quantizeGroups, dequantizeGroups, fakeQuantize, quantizedBytes, groupsPerRow, groupZeros, type GroupQuantOptions, type QuantizedGroups } from './group.ts';
export { quantizeMatrix, dequantizeMatrix, fakeQuantizeMatrix, transpose, type QuantizedMatrix } from './matrix.ts';
