// The model worker's words in both editions: the status lines while it starts, and each handler's progress lines.
// The page names its edition when it starts the worker (init's `lang`); handlers read their table as `ctx.text`.
// Messages that come from lib/ (a corrupt file, a refused setting) stay in English: they name files and values.
import { bilingual } from '../i18n/text.ts';

/** A count grouped by thousands, as the kit's `count` writes it (the worker does not import widget code). */
const count = (n: number) => n.toLocaleString('en-US');

const s = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const WORKER_TEXT = bilingual({
  en: {
    notStarted: 'Worker not started',
    starting: 'Starting the worker…',
    loadingTfjs: 'Loading TensorFlow.js…',
    choosingBackend: 'Choosing the fastest backend for this device…',
    startingBackend: (order: string) => `Starting a backend (trying ${order})…`,
    backend: (name: string) => `Backend: ${name}`,
    couldNotStart: (first: string, chosen: string) => `${first} could not start here, so ${chosen} runs the models.`,
    askedFor: (name: string) => `${name} was asked for with ?backend= in the address.`,
    noOffscreenCanvas: 'no OffscreenCanvas in this worker',
    webglLost: 'WebGL stopped working in this browser (its graphics context was lost)',
    webglLostStarting: (lost: string) => `${lost}; starting wasm…`,
    webglLostNow: (lost: string, chosen: string) => `${lost}, so ${chosen} runs the models now.`,
    webglLostDropped: (lost: string) =>
      `${lost} during this run, so its result was dropped; the models now run on wasm.`,
    contextLost: 'its context was lost',
    crashed: (message: string) =>
      `The model worker crashed${message ? `: ${message}` : ' (it may have failed to load)'}.`,
    unreadable: 'The model worker sent a message that could not be read.',
    stopped: 'The worker was stopped.',
    couldNotStartWorker: (message: string) => `Could not start the model worker: ${message}`,
    decodingBatch: (batch: number, steps: number) =>
      `Decoding ${batch} ${s(batch, 'continuation', 'continuations')} together for ${steps} steps…`,
    timingOn: (what: string, backend: string) => `Timing ${what} on ${backend}…`,
    loading: (what: string) => `Loading ${what}…`,
    loadingAdapter: (name: string) => `Loading adapter ${name}.lora`,
    replayingCache: (tokens: number, sizes: number) =>
      `Replaying ${count(tokens)} tokens through the cache at ${sizes} memory ${s(sizes, 'size', 'sizes')}…`,
    loadingCapstone: 'Loading the int4 target and predictor-v1…',
    openingStore: 'Opening the FFN store…',
    ladderRung: (done: number, total: number, label: string, alone: boolean) =>
      `Ladder ${done + 1} of ${total}: ${alone ? `${label}, alone on the plain rung` : label}…`,
    treeSweep: (shapes: number) => `Tree sweep: ${shapes} shapes with every other switch on…`,
    openingLayoutStore: (layout: string) => `Opening the ${layout} FFN store…`,
    capstoneOpfsFull: (message: string) =>
      `OPFS could not hold the FFN (${message}); the weights are kept in memory instead, with the same reads counted`,
    memoryChosen: 'You chose to keep the weights in memory; the reads are counted the same way.',
    writingTestFile: (mib: number, opfs: boolean) =>
      `Writing a ${mib} MiB test file${opfs ? ' to OPFS' : ' in memory'}…`,
    measuredReads: (done: number, total: number, order: string, kib: number) =>
      `Measured ${done} of ${total}: ${order} reads of ${kib} KiB`,
    loadingSotu: 'Loading the State of the Union corpus…',
    generatingSequences: (tokens: number, sequences: number) =>
      `Generating ${tokens} tokens for ${sequences} sequences…`,
    loadingLp: 'Loading the LP solver…',
    solvingLp: 'Solving the placement LP…',
    searchingBatches: 'Searching GPU batch sizes and block sizes…',
    calibrating: 'Calibrating: recording every linear layer’s inputs…',
    buildingOutliers: 'Building the outlier model from target-v1 (same function, planted channels)…',
    measuringFp32: 'Measuring the fp32 model…',
    searchingAlpha: 'Searching α for 16 layers, then clipping (the slow one)…',
    quantizing: 'Quantizing…',
    requantizing: (layer: string) => `Re-quantizing ${layer} at 20 values of α…`,
    timingKernelsLarge: 'Making a random 4096 × 4096 matrix and timing both kernels…',
    timingKernels: 'Timing both kernels…',
    profilingReplay: (model: string, tokens: number) =>
      `Running ${model} over ${count(tokens)} tokens of text to see which neurons fire…`,
    measuringRoofs: 'Measuring your device’s compute and memory roofs (about 2 s)…',
    timingDecodePoints: (share: number) => `Timing our decode points (${Math.round(100 * share)}% done)…`,
    profiling: (tokens: number) => `Profiling ${count(tokens)} tokens…`,
    timingPlainJs: 'Timing the plain-JS kernel…',
    timingSimd: 'Timing the WebAssembly SIMD kernel…',
    timingTfjs: 'Timing TensorFlow.js…',
    tracingPrompt: (tokens: number, model: string) => `Running ${tokens} tokens through ${model}…`,
    samplingNode: (runs: number) => `Running speculative sampling ${count(runs)} times…`,
    warmingUp: 'Warming up…',
    plainRun: (i: number, runs: number) => `Plain decoding, run ${i} of ${runs}…`,
    speculativeRun: (i: number, runs: number) => `Speculative decoding, run ${i} of ${runs}…`,
    buildingMatrix: (n: number, m: number) => `Building a ${n}×${m} matrix…`,
    timedRun: (done: number, total: number) => `Timed run ${done} of ${total}`,
  },
  zh: {
    notStarted: '模型 worker 尚未启动',
    starting: '正在启动 worker…',
    loadingTfjs: '正在加载 TensorFlow.js…',
    choosingBackend: '正在为这台设备选择最快的后端…',
    startingBackend: (order: string) => `正在启动后端（依次尝试 ${order}）…`,
    backend: (name: string) => `后端：${name}`,
    couldNotStart: (first: string, chosen: string) => `${first} 无法在这里启动，因此改由 ${chosen} 运行模型。`,
    askedFor: (name: string) => `地址中的 ?backend= 指定了 ${name}。`,
    noOffscreenCanvas: '这个 worker 中没有 OffscreenCanvas',
    webglLost: '这个浏览器中的 WebGL 停止了工作（图形上下文丢失）',
    webglLostStarting: (lost: string) => `${lost}；正在启动 wasm…`,
    webglLostNow: (lost: string, chosen: string) => `${lost}，现在改由 ${chosen} 运行模型。`,
    webglLostDropped: (lost: string) => `${lost}，发生在本次运行期间，因此丢弃了它的结果；模型现在在 wasm 上运行。`,
    contextLost: '它的上下文丢失了',
    crashed: (message: string) => `模型 worker 崩溃了${message ? `：${message}` : '（可能未能加载）'}。`,
    unreadable: '模型 worker 发来了一条无法读取的消息。',
    stopped: 'worker 已停止。',
    couldNotStartWorker: (message: string) => `无法启动模型 worker：${message}`,
    decodingBatch: (batch: number, steps: number) => `正在同时解码 ${batch} 条续写，共 ${steps} 步…`,
    timingOn: (what: string, backend: string) => `正在 ${backend} 上为 ${what} 计时…`,
    loading: (what: string) => `正在加载 ${what}…`,
    loadingAdapter: (name: string) => `正在加载适配器 ${name}.lora`,
    replayingCache: (tokens: number, sizes: number) =>
      `正在让 ${count(tokens)} 个词元在 ${sizes} 种内存大小下重放缓存…`,
    loadingCapstone: '正在加载 int4 目标模型和 predictor-v1…',
    openingStore: '正在打开 FFN 存储…',
    ladderRung: (done: number, total: number, label: string, alone: boolean) =>
      `阶梯 ${done + 1}/${total}：${alone ? `${label}，单独加在朴素一级上` : label}…`,
    treeSweep: (shapes: number) => `令牌树扫描：其他开关全开，比较 ${shapes} 种形状…`,
    openingLayoutStore: (layout: string) => `正在打开 ${layout} 布局的 FFN 存储…`,
    capstoneOpfsFull: (message: string) => `OPFS 放不下 FFN（${message}）；权重改为保存在内存中，读取次数照常统计`,
    memoryChosen: '你选择了把权重保存在内存中；读取次数按同样的方式统计。',
    writingTestFile: (mib: number, opfs: boolean) => `正在${opfs ? '向 OPFS ' : '在内存中'}写入 ${mib} MiB 的测试文件…`,
    measuredReads: (done: number, total: number, order: string, kib: number) =>
      `已测 ${done}/${total}：${order} 读取，每次 ${kib} KiB`,
    loadingSotu: '正在加载国情咨文（State of the Union）语料…',
    generatingSequences: (tokens: number, sequences: number) => `正在为 ${sequences} 条序列各生成 ${tokens} 个词元…`,
    loadingLp: '正在加载线性规划求解器…',
    solvingLp: '正在求解放置方案的线性规划…',
    searchingBatches: '正在搜索 GPU 批大小与块大小…',
    calibrating: '正在校准：记录每个线性层的输入…',
    buildingOutliers: '正在由 target-v1 构造离群值模型（函数不变，植入通道）…',
    measuringFp32: '正在测量 fp32 模型…',
    searchingAlpha: '正在为 16 个层搜索 α，然后裁剪（这一步较慢）…',
    quantizing: '正在量化…',
    requantizing: (layer: string) => `正在以 20 个 α 值重新量化 ${layer}…`,
    timingKernelsLarge: '正在生成 4096 × 4096 的随机矩阵，并为两个内核计时…',
    timingKernels: '正在为两个内核计时…',
    profilingReplay: (model: string, tokens: number) =>
      `正在让 ${model} 读 ${count(tokens)} 个词元的文本，看哪些神经元被激活…`,
    measuringRoofs: '正在测量你的设备的计算上限与内存上限（约 2 秒）…',
    timingDecodePoints: (share: number) => `正在为我们的解码点计时（已完成 ${Math.round(100 * share)}%）…`,
    profiling: (tokens: number) => `正在分析 ${count(tokens)} 个词元…`,
    timingPlainJs: '正在为纯 JS 内核计时…',
    timingSimd: '正在为 WebAssembly SIMD 内核计时…',
    timingTfjs: '正在为 TensorFlow.js 计时…',
    tracingPrompt: (tokens: number, model: string) => `正在让 ${tokens} 个词元通过 ${model}…`,
    samplingNode: (runs: number) => `正在运行投机采样 ${count(runs)} 次…`,
    warmingUp: '正在预热…',
    plainRun: (i: number, runs: number) => `普通解码，第 ${i}/${runs} 轮…`,
    speculativeRun: (i: number, runs: number) => `投机解码，第 ${i}/${runs} 轮…`,
    buildingMatrix: (n: number, m: number) => `正在构造 ${n}×${m} 矩阵…`,
    timedRun: (done: number, total: number) => `已计时 ${done}/${total} 轮`,
  },
});

export type WorkerText = (typeof WORKER_TEXT)['en'];
