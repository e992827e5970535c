// The flash rows of `npm run bench` (Node, lib/storage's file adapter): read throughput at a few chunk sizes, and
// target-v1 generating 32 tokens with its FFN read from a file under each rung of the paper's ablation (exact active
// sets, k = 5). The file is in the OS page cache, so these are upper bounds for a cold disk.
//   node scripts/bench-flash.ts        (or via `npm run bench`, which calls flashRows())
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../lib/load.ts';
import {
  FlashFfn,
  FlashFfnStore,
  curveIoMs,
  ffnWeightsOf,
  flashGenerate,
  meanRecord,
  paperIoMs,
  policyLadder,
  type FfnLayoutName,
} from '../lib/flash/index.ts';
import { measureReadThroughput, writeTestFile } from '../lib/storage/index.ts';
import { measuredCurve } from '../lib/hardware/storage-curve.ts';
import { NodeFileStorage } from '../lib/storage/node-file.ts';
import { readFromDisk } from '../node/model-files.ts';

const MODEL_DIR = fileURLToPath(new URL('../public/models/target-v1', import.meta.url));

export async function flashRows(): Promise<{
  throughput: Record<string, string | number>[];
  policies: Record<string, string | number>[];
}> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-flash-'));
  const previous = tf.getBackend() as string | undefined;
  try {
    const file = new NodeFileStorage(join(dir, 't.bin'), { truncate: true });
    writeTestFile(file, 32 << 20);
    const points = measureReadThroughput(file, { chunkSizes: [1024, 4096, 32768, 524288], bytesPerPoint: 8 << 20 });
    file.close();
    const throughput = points.map((p) => ({
      order: p.order,
      'chunk KiB': p.chunkBytes / 1024,
      'GB/s': +(p.bytesPerSecond / 1e9).toFixed(2),
      'µs/read': +p.microsPerRead.toFixed(1),
    }));

    await tf.setBackend('cpu');
    const model = await loadModel(MODEL_DIR, { fetchFile: readFromDisk });
    const w = ffnWeightsOf(model);
    const stores = Object.fromEntries(
      (['separate', 'bundled'] as FfnLayoutName[]).map((l) => [
        l,
        FlashFfnStore.open(new NodeFileStorage(join(dir, `${l}.bin`), { truncate: true }), w, l),
      ]),
    ) as Record<FfnLayoutName, FlashFfnStore>;
    const policies = policyLadder('exact', 5).map(({ id, policy }) => {
      const t0 = performance.now();
      const g = flashGenerate(model, new FlashFfn(stores[policy.layout], w, policy), 'Call me Ishmael.', {
        maxNewTokens: 32,
      });
      const ms = performance.now() - t0;
      const m = meanRecord(g.steps);
      return {
        policy: id,
        'KiB/token': +(m.bytes / 1024).toFixed(1),
        'reads/token': +m.reads.toFixed(1),
        'read ms/token': +m.readMs.toFixed(3),
        'I/O ms at M1 Max': +paperIoMs(m, policy.layout).toFixed(3),
        'I/O ms on this curve': +curveIoMs(m, measuredCurve(points)).toFixed(3),
        'DRAM KiB': +((m.heldAfter * stores.bundled.layout.neuronBytes) / 1024).toFixed(0),
        'tokens/s': +((g.ids.length / ms) * 1000).toFixed(1),
      };
    });
    for (const s of Object.values(stores)) s.storage.close();
    model.dispose();
    return { throughput, policies };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (previous) await tf.setBackend(previous);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await flashRows();
  console.table(r.throughput);
  console.table(r.policies);
}
