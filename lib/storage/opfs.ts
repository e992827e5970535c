// Storage in the browser's Origin Private File System through a FileSystemSyncAccessHandle: synchronous reads and
// writes at an offset, available only inside a dedicated worker. The handle holds an exclusive lock on the file, so
// a second tab opening the same file gets a clear error instead of a half-written store.
// openBrowserStorage() tries OPFS and, where it is missing or refuses, falls back to memory and says why.
import { ByteStorage, type StorageKind } from './storage.ts';
import { MemoryStorage } from './memory.ts';

/** The part of FileSystemSyncAccessHandle we use (declared here so lib needs no DOM typings). */
export interface SyncAccessHandle {
  read(buffer: Uint8Array, options?: { at?: number }): number;
  write(buffer: Uint8Array, options?: { at?: number }): number;
  getSize(): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}

/** The part of FileSystemDirectoryHandle we use. */
export interface OpfsDirectory {
  getFileHandle(
    name: string,
    options?: { create?: boolean },
  ): Promise<{ createSyncAccessHandle?: () => Promise<SyncAccessHandle> }>;
  removeEntry?(name: string): Promise<void>;
}

/** Thrown when the storage quota is used up; the caller can fall back to memory. */
export class StorageQuotaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageQuotaError';
  }
}

export class OpfsStorage extends ByteStorage {
  readonly kind: StorageKind = 'opfs';
  readonly name: string;
  private handle: SyncAccessHandle;
  /** The file's size, kept here: every read checks it, and asking the handle is a call of its own (in a private
   *  window, where OPFS lives in the browser process, as slow as a read). The handle's lock means only we change it. */
  private bytes: number;

  constructor(name: string, handle: SyncAccessHandle) {
    super();
    this.name = name;
    this.handle = handle;
    this.bytes = handle.getSize();
  }

  protected rawSize(): number {
    return this.bytes;
  }

  protected rawRead(offset: number, out: Uint8Array): void {
    let done = 0;
    while (done < out.length) {
      const n = this.handle.read(out.subarray(done), { at: offset + done });
      if (n === 0) throw new Error(`${this.name}: unexpected end of file at ${offset + done}`);
      done += n;
    }
  }

  protected rawWrite(offset: number, bytes: Uint8Array): void {
    let n: number;
    try {
      n = this.handle.write(bytes, { at: offset });
    } catch (e) {
      throw quotaOr(e, this.name, bytes.length);
    }
    // Any other count than asked for means the quota ran out: a short write, or Chromium's −8 (out of space)
    // returned as the unsigned 4294967288. Neither is thrown, so both must be caught here.
    if (n !== bytes.length) {
      this.bytes = this.handle.getSize();
      const written = n >= 0 && n < bytes.length ? ` after ${offset + n} bytes` : '';
      throw new StorageQuotaError(`${this.name}: the browser's storage quota ran out${written}; using memory instead`);
    }
    this.bytes = Math.max(this.bytes, offset + n);
  }

  protected rawTruncate(size: number): void {
    try {
      this.handle.truncate(size);
    } catch (e) {
      throw quotaOr(e, this.name, size);
    } finally {
      this.bytes = this.handle.getSize();
    }
  }

  protected rawFlush(): void {
    this.handle.flush();
  }

  protected rawClose(): void {
    this.handle.close();
  }
}

function quotaOr(e: unknown, name: string, bytes: number): Error {
  if ((e as { name?: string })?.name === 'QuotaExceededError')
    return new StorageQuotaError(
      `${name}: the browser's storage quota is full (asked for ${bytes} more bytes); using memory instead`,
    );
  return e instanceof Error ? e : new Error(String(e));
}

/** The OPFS root of this origin, or null where there is none (old browser, some private modes, Node). */
async function defaultDirectory(): Promise<OpfsDirectory | null> {
  const storage = (globalThis as { navigator?: { storage?: { getDirectory?: () => Promise<OpfsDirectory> } } })
    .navigator?.storage;
  if (!storage?.getDirectory) return null;
  return storage.getDirectory();
}

/** Opens (creating if needed) an OPFS file with a sync access handle; throws a clear error when it cannot. */
export async function openOpfsStorage(
  name: string,
  getDirectory: () => Promise<OpfsDirectory | null> = defaultDirectory,
): Promise<OpfsStorage> {
  if (!/^[\w.-]{1,200}$/.test(name))
    throw new Error(`OPFS file name must be 1-200 letters, digits, '.', '_' or '-', got ${JSON.stringify(name)}`);
  let dir: OpfsDirectory | null;
  try {
    dir = await getDirectory();
  } catch (e) {
    throw new Error(`this browser refused the Origin Private File System (${(e as Error)?.message ?? e})`);
  }
  if (!dir)
    throw new Error('this browser has no Origin Private File System (navigator.storage.getDirectory is missing)');
  const file = await dir.getFileHandle(name, { create: true });
  if (typeof file.createSyncAccessHandle !== 'function')
    throw new Error(
      'OPFS synchronous access is only available inside a worker, and this browser does not offer it there',
    );
  try {
    return new OpfsStorage(name, await file.createSyncAccessHandle());
  } catch (e) {
    const n = (e as { name?: string })?.name;
    if (n === 'NoModificationAllowedError' || n === 'InvalidStateError')
      throw new Error(`OPFS file ${name} is open in another tab or worker; close the other tab to use it`);
    throw quotaOr(e, name, 0);
  }
}

export interface BrowserStorage {
  storage: ByteStorage;
  /** Null when OPFS is in use; otherwise why the storage is in memory. */
  fallback: string | null;
}

/**
 * Runs `fill` (the writes that set up a file) on `opened.storage`. If the quota runs out part-way, the half-written
 * file is emptied and closed, and the same writes go to memory instead; `fallback` then says why.
 */
export function fillOrFallBack(opened: BrowserStorage, fill: (storage: ByteStorage) => void): BrowserStorage {
  try {
    fill(opened.storage);
    return opened;
  } catch (e) {
    if (!(e instanceof StorageQuotaError)) throw e;
    try {
      opened.storage.truncate(0);
    } catch {
      /* freeing space is best effort; the quota error stands */
    }
    opened.storage.close();
    const storage = new MemoryStorage(`memory (instead of ${opened.storage.name})`);
    fill(storage);
    return { storage, fallback: `${e.message}, with the same reads counted` };
  }
}

/** OPFS if it opens, else memory (same interface, same counts) with the reason. */
export async function openBrowserStorage(
  name: string,
  getDirectory?: () => Promise<OpfsDirectory | null>,
): Promise<BrowserStorage> {
  try {
    return { storage: await openOpfsStorage(name, getDirectory), fallback: null };
  } catch (e) {
    return {
      storage: new MemoryStorage(`memory (instead of OPFS ${name})`),
      fallback: `${(e as Error).message}; the weights are kept in memory instead, with the same reads counted`,
    };
  }
}
