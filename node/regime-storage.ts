// The storage lesson 8's memory-bound regime reads the target's weights from, in Node: a temporary file read past
// the OS page cache (O_DIRECT), so every pass reads them at the disk's own speed, as on a device whose weights do
// not fit in memory. Where O_DIRECT is refused (another OS, tmpfs), reads come from the page cache and `reads` says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileStorage } from '../lib/storage/node-file.ts';

export interface RegimeStorage {
  storage: NodeFileStorage;
  /** How the weights are read, for tables and the data file. */
  reads: string;
  /** Closes and deletes the file. */
  dispose(): void;
}

export function openRegimeStorage(): RegimeStorage {
  const dir = mkdtempSync(join(tmpdir(), 'regime-weights-'));
  const storage = new NodeFileStorage(join(dir, 'weights.bin'), { truncate: true, uncached: true });
  return {
    storage,
    get reads() {
      // The fallback is only known after the first read (the buffer alignment is probed then).
      return storage.readsUncached
        ? 'read past the page cache (O_DIRECT), at the disk’s own speed'
        : `from the page cache, at memory speed (${storage.uncachedFallback})`;
    },
    dispose() {
      storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
