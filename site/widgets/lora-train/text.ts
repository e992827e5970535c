// LoraTrain's words in both editions (labels live in params.ts with their `zh`): the corpus options, buttons, stats,
// captions, the chart's title, axes, legend and description, and the sentences on the plan, the run and the voice.
import { bilingual } from '../../i18n/text.ts';
import { PASTED_TEXT } from '../../../lib/train/pasted-text.ts';
import { count, decimal, duration, nats, percent, perSecond, signedDecimal } from '../_kit/format.ts';

type RunState = 'training' | 'paused' | 'stopped' | 'done';

/** A run's progress as the status line states it. */
export interface Status {
  step: number;
  steps: number;
  stepsPerSecond: number;
  tokensPerSecond: number;
  backend: string;
  state: RunState;
}
/** The plan before a run: what it trains and what the measured default run did (see model.ts MEASURED). */
export interface Plan {
  steps: number;
  parameters: number;
  wallMs: number;
  every: number;
  stepsInFirstMinute: number;
  stepsPerSecond: number;
  firstSampleSeconds: number;
  load: number;
}
/** The voice samples at one step, for the chart's description. */
export interface VoiceCount {
  step: number;
  speech: number;
  samples: number;
}
/** What the chart's description states about the losses. */
export interface LossFigures {
  first: number;
  last: number;
  steps: number;
  train?: number;
}

export const text = bilingual({
  en: {
    sotu: 'State of the Union, 2009–2021',
    ownText: 'Your own text (paste below)',
    textLabel: `Your text (at least ${count(PASTED_TEXT.minChars)} characters; the last ${percent(PASTED_TEXT.heldOutShare, 0)} is held out)`,
    train: 'Train',
    pause: 'Pause',
    resume: 'Resume',
    stop: 'Stop and keep',
    progressLabel: 'Training progress',
    trainable: 'Trainable numbers',
    heldOut: 'Held-out loss',
    speed: 'Speed',
    baseWeights: 'Base weights',
    checkedAtStop: 'checked when you stop',
    unchanged: 'unchanged, bit for bit (fingerprint of every weight)',
    changed: 'CHANGED: this is a bug, please report it',
    curveHere: 'The loss curve appears here while the adapter trains.',
    chartCaption: (every: number, seeds: number) =>
      `Thin line: the loss of each training batch (4 windows of 64 tokens, so noisy). Dots: loss on 8 fixed held-out windows, measured every few seconds. Dashed rules: voice samples, every ${every} steps, labelled with how many of the ${seeds} read as speech.`,
    inBrowser: 'measured in your browser',
    samplesCaption: (every: number, seeds: number[], tokens: number, temperature: number) =>
      `Every ${every} steps: ${seeds.length} continuations of the prompt, ${tokens} tokens each, sampled at temperature ${temperature} with seeds ${seeds.join(', ')} (the first is shown), each labelled speech or novel by a bigram classifier fitted on the two training texts (lib/lora/voice.ts).`,
    baseSample: 'Base model (step 0)',
    itsVoice: 'Its voice',
    adaptedSample: 'With the adapter so far',
    stale: 'The settings changed: press Train to train with them.',
    couldNotStart: 'Could not start training',
    trainingStopped: 'Training stopped',
    couldNotSample: (why: string) => `Could not draw a sample: ${why}`,
    couldNotStop: 'Could not stop cleanly',
    kept: (parameters: number, steps: number) =>
      `Your adapter (${count(parameters)} numbers, ${steps} steps) is kept as "yours" for the other LoRA widgets on this page until you reload.`,
    speedStat: (stepsPerSecond: number, tokensPerSecond: number, backend: string) =>
      `${decimal(stepsPerSecond, 2)} steps/s, ${perSecond(tokensPerSecond)} on ${backend}`,
    status: (s: Status) => {
      const rate =
        s.stepsPerSecond > 0
          ? `, ${decimal(s.stepsPerSecond, 2)} steps/s (${perSecond(s.tokensPerSecond)}) on ${s.backend}`
          : '';
      const what = { training: 'Training', paused: 'Paused', stopped: 'Stopped', done: 'Done' }[s.state];
      return `${what}: step ${count(s.step)} of ${count(s.steps)}${rate}.`;
    },
    lossChange: (start: number, now: number) =>
      `${decimal(start, 3)} → ${nats(now, 3)} (${signedDecimal(now - start, 3)})`,
    notTrained: 'Not trained yet: press Train to fine-tune a LoRA adapter in your browser.',
    summary: (parameters: number, step: number, steps: number, loss: string) =>
      `Adapter with ${count(parameters)} trainable numbers, step ${step} of ${steps}; held-out loss ${loss}.`,
    plan: (p: Plan) =>
      `Not started. The adapter will train ${count(p.parameters)} numbers; the base model stays frozen. Expect about ${duration(p.wallMs)} for ${count(p.steps)} steps, with a voice sample every ${p.every} steps: the default run (FFN, r = 8) did ${p.stepsInFirstMinute} steps in its first minute (${decimal(p.stepsPerSecond, 2)} steps/s while training) and showed its first voice sample ${p.firstSampleSeconds} s after Train was pressed, measured in Chromium on this project's 2-core test machine under load ${p.load}. Yours may differ.`,
    voice: (v: VoiceCount, scores: number[]) =>
      `step ${count(v.step)}: ${v.speech} of ${v.samples} samples read as speech, a speech share of ${percent(v.speech / v.samples, 0)} (scores ${scores.map((s) => signedDecimal(s, 2)).join(', ')} nats/token; above 0 = speech)`,
    chartLabel: 'Loss during LoRA training',
    sets: { train: 'train', 'held-out': 'held-out', 'voice sample': 'voice samples: k/n read as speech' } as Record<
      string,
      string
    >,
    xAxis: 'step',
    yAxis: 'loss (nats/token)',
    noSteps: 'No steps yet.',
    lossDescription: (f: LossFigures) =>
      `Held-out loss from ${decimal(f.first, 3)} to ${decimal(f.last, 3)} nats per token over ${f.steps} steps; training loss last ${f.train !== undefined ? decimal(f.train, 3) : 'not yet measured'}.`,
    voicesDescription: (voices: VoiceCount[]) =>
      ` Voice samples read as speech: ${voices.map((v) => `${v.speech} of ${v.samples} at step ${v.step}`).join(', ')}.`,
  },
  zh: {
    sotu: '国情咨文，2009–2021',
    ownText: '你自己的文本（粘贴在下方）',
    textLabel: `你的文本（至少 ${count(PASTED_TEXT.minChars)} 个字符；最后 ${percent(PASTED_TEXT.heldOutShare, 0)} 留作验证）`,
    train: '训练',
    pause: '暂停',
    resume: '继续',
    stop: '停止并保留',
    progressLabel: '训练进度',
    trainable: '可训练参数个数',
    heldOut: '留出损失',
    speed: '速度',
    baseWeights: '基础权重',
    checkedAtStop: '停止时检查',
    unchanged: '逐位未变（每个权重的指纹一致）',
    changed: '已改变：这是一个缺陷，请报告',
    curveHere: '适配器训练时，损失曲线会出现在这里。',
    chartCaption: (every: number, seeds: number) =>
      `细线：每个训练批次的损失（4 个 64 词元的窗口，所以噪声大）。圆点：在 8 个固定留出窗口上的损失，每隔几秒测一次。虚线：语气样本，每 ${every} 步一次，标注 ${seeds} 个样本中有几个读起来像演讲。`,
    inBrowser: '在你的浏览器中实测',
    samplesCaption: (every: number, seeds: number[], tokens: number, temperature: number) =>
      `每 ${every} 步：对提示词续写 ${seeds.length} 次，每次 ${tokens} 个词元，温度 ${temperature}，种子 ${seeds.join(', ')}（显示第一个），每段由在两份训练文本上拟合的二元语法分类器（lib/lora/voice.ts）标为“演讲”或“小说”。`,
    baseSample: '基础模型（第 0 步）',
    itsVoice: '它的语气',
    adaptedSample: '加上目前的适配器',
    stale: '设置已更改：按“训练”用新设置训练。',
    couldNotStart: '无法开始训练',
    trainingStopped: '训练已中止',
    couldNotSample: (why: string) => `无法抽取样本：${why}`,
    couldNotStop: '无法正常停止',
    kept: (parameters: number, steps: number) =>
      `你的适配器（${count(parameters)} 个参数，${steps} 步）已保存为“你的适配器”（yours），本页其他 LoRA 组件在你重新加载页面之前都可以使用它。`,
    speedStat: (stepsPerSecond: number, tokensPerSecond: number, backend: string) =>
      `${decimal(stepsPerSecond, 2)} 步/s，${perSecond(tokensPerSecond, '词元')}，运行于 ${backend}`,
    status: (s: Status) => {
      const rate =
        s.stepsPerSecond > 0
          ? `，${decimal(s.stepsPerSecond, 2)} 步/s（${perSecond(s.tokensPerSecond, '词元')}），运行于 ${s.backend}`
          : '';
      const what = { training: '训练中', paused: '已暂停', stopped: '已停止', done: '已完成' }[s.state];
      return `${what}：第 ${count(s.step)} 步，共 ${count(s.steps)} 步${rate}。`;
    },
    lossChange: (start: number, now: number) =>
      `${decimal(start, 3)} → ${nats(now, 3, 'zh')}（${signedDecimal(now - start, 3)}）`,
    notTrained: '尚未训练：按“训练”在你的浏览器中微调一个 LoRA 适配器。',
    summary: (parameters: number, step: number, steps: number, loss: string) =>
      `适配器有 ${count(parameters)} 个可训练参数，第 ${step} 步，共 ${steps} 步；留出损失 ${loss}。`,
    plan: (p: Plan) =>
      `尚未开始。适配器将训练 ${count(p.parameters)} 个参数；基础模型保持冻结。${count(p.steps)} 步预计约需 ${duration(p.wallMs)}，每 ${p.every} 步抽一次语气样本：默认设置（FFN，r = 8）在第一分钟内跑了 ${p.stepsInFirstMinute} 步（训练时 ${decimal(p.stepsPerSecond, 2)} 步/s），在按下“训练”后 ${p.firstSampleSeconds} s 显示第一个语气样本；这是在本项目的 2 核测试机上、负载 ${p.load} 时用 Chromium 测得的。你的结果可能不同。`,
    voice: (v: VoiceCount, scores: number[]) =>
      `第 ${count(v.step)} 步：${v.samples} 个样本中有 ${v.speech} 个读起来像演讲，演讲占比 ${percent(v.speech / v.samples, 0)}（得分 ${scores.map((s) => signedDecimal(s, 2)).join(', ')} nats/token；大于 0 = 演讲）`,
    chartLabel: 'LoRA 训练过程中的损失',
    sets: { train: '训练', 'held-out': '留出', 'voice sample': '语气样本：k/n 读起来像演讲' } as Record<string, string>,
    xAxis: '步数',
    yAxis: '损失（nats/token）',
    noSteps: '还没有训练步。',
    lossDescription: (f: LossFigures) =>
      `留出损失在 ${f.steps} 步中从每词元 ${decimal(f.first, 3)} nats 变为 ${decimal(f.last, 3)} nats；最近一次训练损失${f.train !== undefined ? ` ${decimal(f.train, 3)}` : '尚未测得'}。`,
    voicesDescription: (voices: VoiceCount[]) =>
      `读起来像演讲的语气样本：${voices.map((v) => `第 ${v.step} 步 ${v.samples} 个中 ${v.speech} 个`).join('，')}。`,
  },
});
