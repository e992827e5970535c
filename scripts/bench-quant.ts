// int4 vs fp32 matrix-vector product on this machine (the memory-bound argument of AWQ §4): our layers' shapes
// (small enough to stay in cache) and 4096 x 4096 (64 MB in fp32, 9 MB in int4 g64: out of cache).
// Rows: the plain-JS kernels (lib/quant/matvec.ts), and for reference tfjs's fp32 matMul on cpu and wasm
// (tfjs has no int4 kernel). `npm run bench` prints these; or `npm exec -- node scripts/bench-quant.ts [--write]`.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { raceInt4 } from '../lib/quant/race.ts';

const SHAPES: [string, number, number][] = [
  ['target-v1 attn.qkv', 128, 384],
  ['target-v1 mlp.down', 512, 128],
  ['4096 x 4096', 4096, 4096],
];

function tfjsMs(inDim: number, outDim: number, repeats = 5): number {
  const w = tf.randomNormal([inDim, outDim], 0, 0.05, 'float32', 1);
  const x = tf.randomNormal([1, inDim], 0, 1, 'float32', 2);
  const run = () => tf.tidy(() => tf.matMul(x, w).dataSync());
  run();
  const times = Array.from({ length: repeats }, () => {
    let n = 0;
    const t = performance.now();
    do {
      run();
      n++;
    } while (performance.now() - t < 20);
    return (performance.now() - t) / n;
  });
  tf.dispose([w, x]);
  return times.sort((a, b) => a - b)[Math.floor(repeats / 2)];
}

export async function quantRows(): Promise<Record<string, string | number>[]> {
  const rows: Record<string, string | number>[] = [];
  // Three races per shape (different seeds); the row shows the middle one and the range of int4's speedup, since on
  // a shared machine one race can be far off.
  for (const [name, inDim, outDim] of SHAPES) {
    const races = [1, 2, 3]
      .map((seed) => raceInt4(inDim, outDim, { repeats: inDim * outDim < 1e6 ? 15 : 5, seed }))
      .sort((a, b) => a.speedup - b.speedup);
    const r = races[1];
    rows.push({
      kernel: 'plain JS (node)',
      matrix: name,
      'fp32 ms': +r.fp32Ms.toFixed(4),
      'int4 g64 ms': +r.int4Ms.toFixed(4),
      'int4 speedup': +r.speedup.toFixed(2),
      'speedup range (3 races)': `${races[0].speedup.toFixed(2)}–${races[2].speedup.toFixed(2)}`,
      'fp32 MB': +(r.fp32Bytes / 2 ** 20).toFixed(2),
      'int4 MB': +(r.int4Bytes / 2 ** 20).toFixed(2),
    });
  }
  const previous = tf.getBackend();
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    for (const [name, inDim, outDim] of SHAPES)
      rows.push({
        kernel: `tfjs ${backend} matMul`,
        matrix: name,
        'fp32 ms': +tfjsMs(inDim, outDim).toFixed(4),
        'int4 g64 ms': 'no int4 kernel',
        'int4 speedup': '',
        'speedup range (3 races)': '',
        'fp32 MB': +((4 * inDim * outDim) / 2 ** 20).toFixed(2),
        'int4 MB': '',
      });
  }
  if (previous) await tf.setBackend(previous);
  return rows;
}

// `--write` also saves the rows for the lesson (site/data/awq/bench.json), with the machine they ran on.
if (process.argv[1]?.endsWith('bench-quant.ts')) {
  const rows = await quantRows();
  console.table(rows);
  if (process.argv.includes('--write')) {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const { cpus } = await import('node:os');
    const dir = new URL('../site/data/awq/', import.meta.url).pathname;
    mkdirSync(dir, { recursive: true });
    const machine = `${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, tfjs ${tf.version.tfjs}`;
    const load = (await import('node:os')).loadavg()[0];
    writeFileSync(
      dir + 'bench.json',
      JSON.stringify(
        { machine, loadAverage: +load.toFixed(1), command: 'npm exec -- node scripts/bench-quant.ts --write', rows },
        null,
        1,
      ) + '\n',
    );
  }
}
