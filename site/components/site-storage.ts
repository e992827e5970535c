// What this browser stores for the site, and clearing it (SiteStorage.astro on /model/). Every store is asked
// directly: Cache Storage (the service worker's offline copy, lib/load.ts's model cache), the Origin Private File
// System (lesson 4's weight stores and test files), localStorage (remembered settings such as the backend choice),
// and navigator.storage.estimate() for the total the browser counts. The words are site-storage-text.ts's.
import type { Lang } from '../i18n/lang.ts';
import { text } from './site-storage-text.ts';

export interface SiteStorage {
  /** Bytes the browser counts for this origin, or null when it does not say. */
  usage: number | null;
  quota: number | null;
  /** One line per store that holds something, in the reader's words. */
  items: string[];
}

type OpfsRoot = FileSystemDirectoryHandle & { entries(): AsyncIterable<[string, FileSystemHandle]> };

async function opfsRoot(): Promise<OpfsRoot | null> {
  try {
    return ((await navigator.storage?.getDirectory?.()) as OpfsRoot | undefined) ?? null;
  } catch {
    return null; // private windows refuse it
  }
}

export async function siteStorage(format: (bytes: number) => string = String, lang: Lang = 'en'): Promise<SiteStorage> {
  const t = text[lang];
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  const items: string[] = [];
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) {
      const n = (await (await caches.open(name)).keys()).length;
      const what = name.startsWith('llm-preliminaries-offline-')
        ? t.offlineCopy
        : name.startsWith('llm-preliminaries-models-')
          ? t.models
          : t.aCache;
      items.push(t.cache(name, what, n));
    }
  }
  const root = await opfsRoot();
  if (root)
    for await (const [name, handle] of root.entries()) {
      const size = handle.kind === 'file' ? (await (handle as FileSystemFileHandle).getFile()).size : null;
      items.push(t.opfsFile(name, size === null ? null : format(size)));
    }
  if (localStorage.length > 0) items.push(t.settings(localStorage.length));
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, items };
}

/** Clears every store; resolves to what could not be cleared (a file another tab holds open), in the reader's words. */
export async function clearSiteStorage(lang: Lang = 'en'): Promise<string[]> {
  const t = text[lang];
  const problems: string[] = [];
  // The service worker goes first, so it does not answer from a cache being deleted; the next visit installs it again.
  for (const registration of (await navigator.serviceWorker?.getRegistrations?.()) ?? [])
    await registration.unregister().catch(() => problems.push(t.serviceWorker));
  if (typeof caches !== 'undefined') for (const name of await caches.keys()) await caches.delete(name);
  const root = await opfsRoot();
  if (root)
    for await (const [name] of root.entries())
      await root.removeEntry(name, { recursive: true }).catch(() => problems.push(t.fileOpen(name)));
  localStorage.clear();
  return problems;
}

/**
 * Scratch files of lesson 4's widgets (flash-measure.ts's throughput file, up to 64 MiB, and the round-trip file):
 * each is written afresh before use and emptied after, but a reader who leaves mid-measurement leaves it full.
 */
export const SCRATCH_FILES = ['llmp-flash-throughput.bin', 'llmp-flash-roundtrip.bin'];

/** Removes leftover scratch files; one that a worker in another tab holds open is locked and stays. */
export async function removeScratchFiles(): Promise<void> {
  const root = await opfsRoot();
  if (!root) return;
  for (const name of SCRATCH_FILES) await root.removeEntry(name).catch(() => undefined); // absent or in use
}
