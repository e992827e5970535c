// Reading the committed model folders (public/models) from disk in Node, for scripts, tests and the build.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../lib/load.ts';
import type { LanguageModel } from '../lib/model.ts';

export const MODELS_DIR = fileURLToPath(new URL('../public/models/', import.meta.url));

/** A LoadOptions.fetchFile that reads a local path instead of fetching a URL. */
export async function readFromDisk(path: string): Promise<{ data: ArrayBuffer; fromCache: boolean }> {
  const b = await readFile(path);
  return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
}

/** One of the committed models, read from public/models. */
export function loadCommitted(name: 'target-v1' | 'draft-v1'): Promise<LanguageModel> {
  return loadModel(MODELS_DIR + name, { fetchFile: readFromDisk, name });
}

/** The committed target and draft models, the pair speculative decoding runs. */
export async function loadPair(): Promise<{ target: LanguageModel; draft: LanguageModel }> {
  return { target: await loadCommitted('target-v1'), draft: await loadCommitted('draft-v1') };
}
