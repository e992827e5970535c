// Build time only (Node): the one memo for build-time measurements. A value is computed at most once per build (in
// memory) and kept across builds on disk (node_modules/.cache/llm-preliminaries/<name>-<fingerprint>.json), where
// the fingerprint hashes every input the value depends on: model files, texts, and the source of the measuring
// code. Change any of them and the next build measures again; change none and it neither loads a model nor profiles.
//
//   const store = diskCache('phone', () => fingerprint({ files: ['public/models/target-v1', 'lib/sparsity'], texts: [text] }));
//   const run = await store.once(`batch ${JSON.stringify(settings)}`, () => measure(settings));
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = process.cwd();
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'llm-preliminaries');

/**
 * A short hash of files (paths from the project root, or absolute; a folder stands for its files, sorted, skipping
 * *.md) and texts.
 * Paths are taken from the root because at build time this module runs from a bundled chunk.
 */
export function fingerprint({ files = [], texts = [] }: { files?: string[]; texts?: string[] }): string {
  const h = createHash('sha256');
  const add = (rel: string) => {
    const abs = resolve(ROOT, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const f of readdirSync(abs).sort()) if (!f.endsWith('.md')) add(join(rel, f));
    } else h.update(rel).update(readFileSync(abs));
  };
  for (const f of files) add(f);
  for (const t of texts) h.update(t);
  return h.digest('hex').slice(0, 16);
}

/** JSON that keeps typed arrays (as arrays) and ±Infinity. */
const toJson = (v: unknown) =>
  JSON.stringify(v, (_, x) =>
    ArrayBuffer.isView(x)
      ? Array.from(x as Float32Array)
      : typeof x === 'number' && !Number.isFinite(x)
        ? { $num: String(x) }
        : x,
  );
const fromJson = (s: string) =>
  JSON.parse(s, (_, x) => (x && typeof x === 'object' && '$num' in x ? Number(x.$num) : x));

export interface DiskCache {
  /** The value under `key`: from memory, else from disk, else computed (null results are not kept on disk). */
  once<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/** A cache named `name` whose file is chosen by `fingerprintOf()` (null: keep in memory only, e.g. no model yet). */
export function diskCache(name: string, fingerprintOf: () => string | null): DiskCache {
  let file: string | null | undefined;
  let disk: Record<string, unknown> | undefined;
  const memo = new Map<string, Promise<unknown>>();
  const path = () => {
    if (file !== undefined) return file;
    try {
      const f = fingerprintOf();
      return (file = f === null ? null : join(CACHE_DIR, `${name}-${f}.json`));
    } catch {
      return (file = null); // inputs that cannot be read: measure without a disk cache
    }
  };
  const read = () => {
    if (disk) return disk;
    const f = path();
    try {
      disk = f && existsSync(f) ? (fromJson(readFileSync(f, 'utf8')) as Record<string, unknown>) : {};
    } catch {
      disk = {}; // an unreadable cache is recomputed
    }
    return disk;
  };
  const write = () => {
    const f = path();
    if (!f || !disk) return;
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const tmp = `${f}.${process.pid}.tmp`;
      writeFileSync(tmp, toJson(disk));
      renameSync(tmp, f); // atomic, so a build running at the same time never reads half a file
    } catch {
      // no cache, no harm
    }
  };
  return {
    once<T>(key: string, compute: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) {
        p = (async () => {
          const d = read();
          if (Object.hasOwn(d, key)) return d[key] as T;
          const v = await compute();
          if (v !== null && v !== undefined) {
            d[key] = fromJson(toJson(v)); // exactly what a later build will read back
            write();
          }
          return v;
        })();
        memo.set(key, p);
      }
      return p;
    },
  };
}
