// Byte storage with counted reads and writes, for weights kept outside DRAM (lib/flash, lib/offload).
// The Node file adapter is imported directly from './node-file.ts' so browser bundles never see node:fs.
export { ByteStorage, zeroCounts, type StorageCounts, type StorageKind } from './storage.ts';
export { MemoryStorage } from './memory.ts';
export {
  OpfsStorage,
  openOpfsStorage,
  openBrowserStorage,
  fillOrFallBack,
  StorageQuotaError,
  type SyncAccessHandle,
  type OpfsDirectory,
  type BrowserStorage,
} from './opfs.ts';
export {
  measureReadThroughput,
  writeTestFile,
  CHUNK_SIZES,
  type ThroughputPoint,
  type ThroughputOptions,
  type ReadOrder,
} from './throughput.ts';
