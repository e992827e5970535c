// `npm run bench`: speed of the library on this machine, printed as a table.
// Node: cpu and wasm backends. Browser (headless Chromium, if installed and the site is built): wasm and webgl.
// Then the lessons' own measurements: sparse FFN, int4 vs fp32 (Node, and the page's worker in Chromium), LoRA, LLM in
// a Flash per rung (Node file adapter, and OPFS in Chromium), the zig-zag executor, speculative decoding, and lesson 9's
// ladder with every switch at once (scripts/bench-capstone.ts).
// Figures are medians of a few runs; speed targets live here, not in tests.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { cpus, loadavg } from 'node:os';
import { readFile } from 'node:fs/promises';
import { loadModel } from '../lib/load.ts';
import { benchDecode, CONTEXT } from '../lib/bench.ts';
import { row } from '../node/bench-table.ts';

const MODELS = new URL('../public/models/', import.meta.url).pathname;
/** `uptime`'s 1-, 5- and 15-minute load averages now (recorded at the start and the end of a saved run). */
const load = () => loadavg().map((l) => Math.round(l * 100) / 100);
const loadAtStart = load();

async function nodeRows() {
  const rows: Record<string, string | number>[] = [];
  const fetchFile = async (path: string) => {
    const b = await readFile(path);
    return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
  };
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    for (const name of ['target-v1', 'draft-v1']) {
      const t = performance.now();
      const model = await loadModel(MODELS + name, { fetchFile });
      const loadMs = performance.now() - t;
      const d = benchDecode(model);
      model.dispose();
      rows.push(row(`node ${backend}`, name, loadMs, d));
    }
  }
  return rows;
}

console.log(
  `Machine: ${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, tfjs ${tf.version.tfjs}. Decode: context ${CONTEXT / 2} -> ${CONTEXT}, greedy.`,
);
const { engineRows, engineReadme } = await import('./bench-engine.ts');
const engine = await engineRows();
// BENCH_SKIP_NODE=1 times only the browser (the Node rows take minutes on a busy machine).
const rows = process.env.BENCH_SKIP_NODE === '1' ? [] : await nodeRows();
const { browserRows } = await import('../node/bench-browser.ts');
rows.push(...(await browserRows()));
console.log('\nDecoding (tokens per second; KV speedup = decode with the cache / decode by re-forward):');
console.table(rows);

// The model-backed widgets' own requests on each browser backend (the same numbers /bench/ shows a reader).
const { widgetTimings } = await import('../node/bench-browser.ts');
if (widgetTimings.length) {
  console.log("\nWidgets (seconds for one request with the widget's defaults):");
  console.table(widgetTimings.map((w) => ({ where: w.where, widget: w.widget, seconds: +(w.ms / 1000).toFixed(2) })));
}
// `npm run bench -- --save` records these figures as the reference that /bench/ and the README show.
if (process.argv.includes('--save')) {
  const { writeFileSync } = await import('node:fs');
  const machine = `${cpus().length} x ${cpus()[0]?.model}, Node ${process.version}, tfjs ${tf.version.tfjs}, headless Chromium (WebGL on SwiftShader)`;
  // Rows of a `where` timed now replace the saved ones; the others (e.g. a backend not re-timed) are kept.
  const path = new URL('../site/data/bench-reference.json', import.meta.url);
  const { existsSync, readFileSync } = await import('node:fs');
  const old = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { rows: [], widgets: [] };
  const now = new Set([...rows.map((r) => r.where), ...widgetTimings.map((w) => w.where)]);
  const keptRows = (old.rows as typeof rows).filter((r) => !now.has(String(r.where)));
  const keptWidgets = (old.widgets as typeof widgetTimings).filter((w) => !now.has(w.where));
  rows.splice(0, rows.length, ...keptRows, ...rows);
  widgetTimings.splice(0, widgetTimings.length, ...keptWidgets, ...widgetTimings);
  // LLM in a Flash on OPFS, per rung (the lesson quotes them); kept from the old file when this run has none.
  const { browserFlashRows: flashNow } = await import('../node/bench-browser.ts');
  const flash = flashNow.length ? flashNow : (old.flash ?? []);
  // Lesson 9's ladders in Chromium (the lesson and /bench/ show them); kept from the old file when this run has none.
  const { browserLadders } = await import('../node/bench-browser.ts');
  const capstone = browserLadders.length ? browserLadders : (old.capstone ?? []);
  const reference = {
    machine,
    command: 'npm run bench -- --save',
    date: new Date().toISOString().slice(0, 10),
    loadAverage: { start: loadAtStart, end: load() },
    rows,
    widgets: widgetTimings,
    engine,
    flash,
    capstone,
  };
  writeFileSync(path, JSON.stringify(reference, null, 2) + '\n');
  console.log(
    `\nSaved site/data/bench-reference.json (load average ${reference.loadAverage.start.join(', ')} at the start, ${reference.loadAverage.end.join(', ')} when saved). README tables:\n`,
  );
  const cols = ['where', 'model', 'prefill tok/s', 'decode tok/s (KV cache)', 'decode tok/s (re-forward)'];
  console.log(`| ${cols.join(' | ')} |\n|${cols.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${cols.map((c) => r[c]).join(' | ')} |`);
  console.log(`\n| where | widget | seconds |\n|---|---|---|`);
  for (const w of widgetTimings) console.log(`| ${w.where} | ${w.widget} | ${(w.ms / 1000).toFixed(2)} |`);
  console.log(`\nThe lean engine (Node, one thread, context 64; README's second table):\n\n${engineReadme(engine)}`);
}

const { browserQuantRows, browserFlashRows } = await import('../node/bench-browser.ts');
// BENCH_SKIP_NODE=1: the browser figures were all that was asked for; the tables below add Node rows to them.
if (process.env.BENCH_SKIP_NODE === '1') {
  console.log(
    "\nint4 vs fp32 matrix-vector product in the page's worker, and LLM in a Flash on OPFS (16 tokens per rung):",
  );
  console.table(browserQuantRows);
  console.table(browserFlashRows);
  const { printBrowserLadders } = await import('./bench-capstone.ts');
  printBrowserLadders((await import('../node/bench-browser.ts')).browserLadders);
  process.exit(0);
}

const { sparsityRows } = await import('./bench-sparsity.ts');
console.log(
  '\nSparse vs dense FFN, one token, target-v1 middle layer (goal: speedup >= half the ideal at 90% sparsity):',
);
console.table(await sparsityRows());

const { quantRows } = await import('./bench-quant.ts');
console.log('\nint4 (group 64, packed, dequantized in the loop) vs fp32 matrix-vector product, one token:');
console.table([...(await quantRows()), ...browserQuantRows]);
const { loraRows } = await import('./bench-lora.ts');
console.log(
  '\nLoRA on target-v1 (r = 4 on W_q, W_v): adapter training speed, and greedy decode bare / unmerged / merged:',
);
const { loraBrowserRows } = await import('./bench-lora-browser.ts');
console.table([...(await loraRows()), ...(await loraBrowserRows())]);
const { flashRows } = await import('./bench-flash.ts');
const flash = await flashRows();
console.log(
  '\nFlash storage (Node file adapter; the file sits in the OS page cache, so upper bounds for a cold disk): read throughput',
);
console.table(flash.throughput);
console.log(
  'target-v1 generating tokens with its FFN read from storage, each rung of LLM in a Flash Table 2 (exact active sets, k = 5): Node file adapter, 32 tokens; Chromium OPFS, 16 tokens:',
);
console.table([...flash.policies.map((p) => ({ where: 'node cpu, file', ...p })), ...browserFlashRows]);
const { executorRows } = await import('./flexgen-results.ts');
console.log(
  '\nZig-zag block executor (lib/offload), target-v1 on the lean engine in Node, 32 sequences × 32 new tokens, GPU batch 4 (row-by-row = block of 1 batch):',
);
console.table((await executorRows()).rows);
const { browserOffloadRows } = await import('../node/bench-browser.ts');
if (browserOffloadRows.length) console.table(browserOffloadRows);

const { speculativeRows, browserSpeculativeRows } = await import('./bench-speculative.ts');
console.log(
  '\nSpeculative decoding, greedy, same tokens as plain KV-cache decoding (draft-v1 guessing, target-v1 verifying; goal: >= 2.0 tokens/pass, >= 1.5x on Chromium wasm):',
);
console.table([...(await speculativeRows()), ...(await browserSpeculativeRows())]);
const { regimeRows } = await import('./bench-speculative.ts');
console.log(
  "\nSpeculative decoding in three regimes (lesson 8), Node wasm, wall clock, same tokens; memory-bound: the target reads its weights before every pass, past the page cache, at the disk's own speed (goal: >= 1.8x memory-bound):",
);
console.table(await regimeRows());

// Lesson 9: every switch at once (Node file store, then the browser's OPFS ladders checked against the lessons' models).
const { capstoneRows, printCapstone, printBrowserLadders } = await import('./bench-capstone.ts');
printCapstone(await capstoneRows());
printBrowserLadders((await import('../node/bench-browser.ts')).browserLadders);
