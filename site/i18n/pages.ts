// The words of the site's own pages outside the lessons (/widgets/ and its docs pages, /model/, /bench/), in both
// editions. The chrome around them is ui.ts; widgets keep their words in their own folders.
import { count, largeCount } from '../widgets/_kit/format.ts';
import type { TokenSet, TokenSetId } from '../data/token-sets.ts';
import { bilingual } from './text.ts';

/** The held-out token sets (site/data/token-sets.ts) described in Chinese; their names are in token-sets.ts. */
const TOKEN_SET_DESCRIPTIONS_ZH: Record<TokenSetId, (s: TokenSet) => string> = {
  mobyValidationAll: () =>
    '《白鲸记》（Moby Dick）的留出章节（每十章取一章，见 node/corpus.ts），全部使用：训练脚本的验证损失。',
  mobyValidation16k: () => '第 10、20、…、130 章（训练时留出）的前 16,384 个词元。',
  mobyValidation2048: () => '《白鲸记》留出章节的前 2,048 个词元：FlexGen 的压缩表格。',
  mobyValidation1024: () => '《白鲸记》留出章节的前 1,024 个词元：LLM in a Flash 的消融实验（稠密损失）。',
  loraMobyWindows: (s) =>
    `在《白鲸记》留出章节上均匀分布的若干窗口${s.tokens ? `（共 ${count(s.tokens)} 个词元）` : ''}：LoRA 表格中的 Moby Dick 一列。`,
  loraSotuWindows: () => '在留出的国情咨文（2010、2015、2020 年）上取同样数量的窗口：LoRA 表格。',
  trainerSotuWindows: () =>
    '在留出的国情咨文的前 40,000 个字符上取 8 个各 64 词元的窗口：浏览器内 LoRA 训练器的留出曲线，在你的浏览器中计算（因此不存储在这里）。窗口比 LoRA 表格的更少、更短，所以起始损失不同。',
};

export const PAGES = bilingual({
  en: {
    widgets: {
      title: 'Widgets',
      description: 'The interactive figures lessons are built from: props, URL parameters and how to embed them.',
      intro:
        'The interactive figures the lessons are built from. Each page lists a widget’s props (which are also its URL parameters), shows it live, and says how to embed it. To write a lesson with them, see',
      introAfter: ' in the repository.',
      /** Between a widget's name and its description in the list. */
      nameSep: ': ',
    },
    docs: {
      title: (name: string) => `${name} (widget)`,
      import: 'Import',
      usage: 'Usage',
      usageIntro: 'With every default, live (its URL parameters here start with',
      usageKey: ', the',
      usageAfter: 'this example is given):',
      props: 'Props and URL parameters',
      propsIntro1: 'Every prop is also a URL parameter,',
      propsIntro2: '(with the widget’s',
      propsIntro3: ', default',
      propsIntro4: '), and every row can be hidden with',
      propsIntro5: '. A bad prop fails the build; a bad URL value is ignored or clamped with a note.',
      propsOf: (name: string) => `Props of ${name}`,
      columns: { prop: 'Prop', allowed: 'Allowed', default: 'Default', url: 'URL', hide: 'Hide with' },
      aliases: (names: string) => ` (old URL names still read: ${names})`,
      urlPrefix: 'URL prefix',
      urlKeyAllowed: 'lowercase letters, digits and "-"; give each copy on a page its own',
      lessons: 'Lessons that use it',
      noLesson: 'No lesson uses it yet.',
      /** After a lesson that is not yet in this edition (never in English: every lesson is). */
      notTranslated: '',
      embed: 'Embed it',
      embedNone1: 'Once a lesson uses it, its figure can be embedded alone from',
      embedNone2: '.',
      embedIntro1: 'One figure alone, for slides or a course platform: state and',
      embedIntro2: 'go in the query, and',
      embedIntro3: 'or',
      embedIntro4:
        'follows the host’s theme. Each figure’s “Share or embed” panel writes this snippet with its current settings.',
      iframeTitle: (name: string, lesson: string) => `${name} from ${lesson}`,
    },
    model: {
      title: 'Meet the model',
      description:
        "The two small GPT-style models behind this site's live figures: how big they are, how they were trained, how good they are, and a playground to run them.",
      lede1:
        'Every live figure on this site that runs a language model runs one of two small GPT-style models, trained from scratch for this site on one book,',
      lede2:
        '. They are tiny next to the models the lessons are about, which is the point: small enough to download in a moment and to run, token by token, in your browser, yet built the same way as the big ones.',
      noModel: 'No model has been trained yet: public/models/ has no card.json. Run',
      twoModels: 'The two models',
      targetIs: ' is the model the lessons study. ',
      draftIs: (sameTokenizer: boolean, ratio: string, draftParams: string, targetParams: string) =>
        ` ${sameTokenizer ? 'has the same tokenizer and reads the same text, but' : 'reads the same text but'} is ${ratio}× smaller (${draftParams} parameters against ${targetParams}): a cheap model that can guess tokens for the bigger one to check, as in speculative decoding.`,
      onlyOne: (names: string) => `Only ${names} has a model card so far; the other model is still training.`,
      tableLabel: 'Table of both models',
      tableCaption: 'Both models, from their card.json',
      rows: {
        architecture: 'Architecture',
        context: 'Context',
        vocabulary: 'Vocabulary',
        parameters: 'Parameters',
        tokensSeen: 'Tokens seen',
        trainingTime: 'Training time',
        command: 'Command',
        validationLoss: 'Validation loss',
        bigram: 'Bigram baseline',
        card: 'Model card',
      },
      architecture: (layers: number, heads: number, width: number, neurons: number) =>
        `${layers} layers, ${heads} heads, width ${width}, FFN of ${neurons} ReLU neurons`,
      tokens: (n: number | string) => `${n} tokens`,
      vocabulary: (size: number, merges: number) => `${size} tokens (256 bytes + ${merges} merges)`,
      parameters: (n: string, megabytes: string) => `${n} (${megabytes} MB of float32)`,
      tokensSeen: (tokens: string, steps: string, passes: string | undefined) =>
        `${tokens} in ${steps} steps${passes ? ` (about ${passes} passes over the training text)` : ''}`,
      trainingTime: (duration: string, machine: string, backend: string) =>
        `${duration} on ${machine} (${backend} backend)`,
      /** After the loss in bold. */
      lossCell: (bitsPerByte: string, perplexity: string) =>
        ` nats/token, ${bitsPerByte} bits/byte, perplexity ${perplexity}`,
      bigramCell: (loss: string, bitsPerByte: string) => `${loss} nats/token, ${bitsPerByte} bits/byte`,
      lossIntro:
        'Loss is measured on chapters the models never trained on (every tenth chapter, all of them: the first row of the',
      tokenSetsLink: 'token sets',
      lossMeaning: (loss: string, name: string) =>
        ` below). A loss of ${loss} nats per token means ${name} gives the right next token, on average, a probability of about e`,
      /** After e^−loss: the probability, then bits per byte against the bigram baseline. */
      lossBits: (p: string, name: string, bits: string, savedPercent: number, bigramBits: string) =>
        ` ≈ ${p}. Bits per byte divide by how many bytes a token covers, so tokenizers can be compared: ${name} needs ${bits} bits for each byte of unseen Melville, ${savedPercent >= 0 ? `${savedPercent}% fewer` : `${-savedPercent}% more`} than the bigram baseline, which predicts each token from the one before it alone (${bigramBits} bits/byte).`,
      draftBits: (bits: string) => ` The smaller draft-v1 needs ${bits} bits/byte.`,
      tokenSetsTitle: 'Which text a loss is measured on',
      tokenSetsIntro:
        "target-v1's float32 loss appears on several pages with different values, because each measurement reads a different slice of held-out text (a loss is a mean over the tokens it reads, and short slices differ). The model is the same. Every loss on the site names its slice; these are all of them.",
      tokenSetsLabel: 'Token sets',
      tokenSetsCaption:
        "Held-out token sets and target-v1's float32 loss on each (nats per token), from the files named.",
      tokenSetsColumns: {
        set: 'token set',
        tokens: 'tokens',
        loss: 'target-v1 loss',
        what: 'what it is',
        usedOn: 'used on',
      },
      tokenSet: (s: TokenSet) => ({ name: s.names.en, description: s.description }),
      inYourBrowser: 'computed in your browser',
      source: 'Source:',
      training: 'Training',
      lossCaption: (baseline: boolean) =>
        `Training loss (lines, averaged over 10 steps) and validation loss (dots), in nats per token, against the tokens seen so far${baseline ? '; the dashed line is the bigram baseline' : ''}.`,
      /** The loss curves in a sentence: where training starts (a uniform guess) and where validation ends. */
      curve: (
        vocab: number,
        lnVocab: string,
        starts: readonly (readonly [string, string])[],
        ends: readonly (readonly [string, string, number])[],
      ) =>
        `Training starts near ln ${vocab} = ${lnVocab} nats/token, a uniform guess over the ${vocab} tokens (${starts.map(([m, l]) => `${m} ${l}`).join(', ')}). Final validation loss on the whole held-out text: ${ends.map(([m, l, tokens]) => `${m} ${l} after ${largeCount(tokens)} tokens`).join('; ')}.`,
      chart: {
        label: 'Training and validation loss against tokens seen',
        x: 'tokens seen (millions)',
        y: 'loss (nats/token)',
        baseline: 'bigram baseline',
      },
      tokensTitle: 'What the model reads: byte-level BPE tokens',
      tokensIntro: (merges: number | undefined) =>
        `The model never sees letters. Text is first turned into its UTF-8 bytes, 256 possible values, so any text at all can be written down, whatever its language or emoji. Byte-pair encoding (BPE) then makes the sequence shorter: while building the tokenizer, it found the pair of neighbouring symbols that occurs most often in the training text, gave that pair a new number, and repeated, ${merges ?? 'a few hundred'} times. Each new number is a token. Common words and word pieces become single tokens, usually with the space before them included; rare words fall apart into smaller pieces, down to single bytes if need be.`,
      splitLabel: (example: string, tokens: number) => `"${example}" split into ${tokens} tokens`,
      tokenTitle: (id: number) => `token ${id}`,
      /** After the example sentence in quotes. */
      splitCaption: (bytes: number, tokens: number, name: string) =>
        ` is ${bytes} bytes but ${tokens} tokens for ${name}'s tokenizer; "·" marks a space.`,
      nextToken: (vocab: number) =>
        `The model's whole job is to look at the tokens so far and give a probability to each of the ${vocab} tokens that could come next. Generating text is repeating that: pick a token from those probabilities, append it, ask again.`,
      gibberishTitle: 'Why it writes Melville-flavoured gibberish',
      gibberish: (trainBytes: number | undefined, name: string, passes: string | undefined, context: number) =>
        `A model learns only what its training text shows it, as far as its size allows. These two have read one novel (${trainBytes ? `${largeCount(trainBytes)} bytes of it, ` : ''}every chapter but each tenth)${passes ? `, ${name} about ${passes} times over` : ''}. That is enough to learn spelling, common words, punctuation and the rhythm of Melville's sentences, so the book's favourite words (whale, sea, ship, Ahab) come easily. It is nowhere near enough to learn what the words mean or to keep a thought going, and with a context of ${context} tokens it cannot look back more than a few sentences anyway. So the continuation sounds like the book, locally, and means nothing. The greedy sample below always takes the single most likely token, which is also why it tends to loop.`,
      /** Before the link to the model card. */
      sampleCaption: (name: string, tokens: number, backend: string) =>
        `${name}, greedy (temperature 0), ${tokens} new tokens after the prompt in bold, decoded on the ${backend} backend as recorded in its`,
      modelCardLink: 'model card',
      period: '.',
      /** Between file names in a list. */
      comma: ', ',
      /** An English sentence quoted. */
      quoted: (s: string) => `"${s}"`,
      tryIt: 'Try it',
      tryIntro:
        "The playground runs the model in a background worker of this page with TensorFlow.js. The weights are downloaded once and kept in your browser's cache, so the next visit reads them from there. Raise the temperature for wilder text, set it to 0 to always take the most likely token, and pick any generated token to see what else the model considered at that step. The worker picks the backend that is fastest on your device (a short probe, remembered by your browser) and says why below;",
      benchLink: 'Speed on your device',
      tryAfter: ' times both models on any backend beside the project’s recorded figures.',
      filesIntro: 'Each model folder also holds the raw files:',
      filesWeights: 'with its binary shard,',
      filesTraining: '(the full loss log) and',
      filesAfter: ', which this page is built from.',
    },
    bench: {
      title: 'Speed on your device',
      description: "How fast this site's models decode in your browser, beside the project's recorded figures.",
      intro:
        "This page times the site's two models in your browser's model worker, the way the widgets use them: prefill of a 128-token context, greedy decoding from 64 to 128 tokens with and without the KV cache, and the requests of the model-backed widgets. Pick a backend. Nothing runs until you do, and a run takes from a few seconds to a few minutes.",
      runOn: (backend: string) => `Run on ${backend}`,
      idle: 'Nothing runs until you choose a backend.',
      rooflineTitle: "Your device's roofline",
      rooflineIntro:
        "How close each engine gets to what your device can do. A probe of about two seconds measures the compute roof (GFLOP/s of the lean engine's WebAssembly SIMD matrix-vector kernel on weights that stay in cache) and the memory roof (GB/s streaming a 96 MB matrix); then target-v1's decode passes (one token and a tree pass; tfjs, the lean engine in plain JavaScript and in SIMD; fp32 and int4 weights) are placed at their arithmetic intensity. Lesson 1 explains how to read it. It runs on its own button, whatever backend you pick below.",
      decoding: 'Decoding',
      decodingLabel: 'Decoding speeds, scrollable',
      decodingCaption: 'Tokens per second (higher is faster). Rows marked “reference” were recorded by',
      /** Around the recorded machine's name (English, as recorded). */
      recordedOn: ' on ',
      recordedDate: (date: string) => `, ${date}`,
      decodingColumns: ['where', 'model', 'prefill', 'decode, KV cache', 'decode, re-forward'],
      reference: (where: string) => `reference: ${where}`,
      noReference: 'No reference figures are recorded in this build (run',
      noReferenceAfter: ').',
      chartCaption:
        'Decoding speed with the KV cache, tokens per second: your device (when you have run it) beside the reference runs. The table above has the same numbers.',
      widgetsTitle: "The widgets' requests",
      widgetsLabel: 'Widget timings, scrollable',
      widgetsCaption: "Seconds for each model-backed widget's request with its default settings (lower is faster).",
      widgetsColumns: ['where', 'widget', 'seconds'],
      lessonsTitle: "The lessons' measurements",
      lessonsIntro:
        'A run also times two things the lessons measure: the int4 against fp32 matrix-vector race of the AWQ lesson (plain JavaScript, so the same on every backend), and, on wasm and cpu,',
      lessonsIntroAfter: (tokens: number) =>
        ` writing ${tokens} tokens with its FFN weights read from this browser's Origin Private File System under each rung of the LLM in a Flash ablation (exact active sets, window k = 5).`,
      raw: 'Raw results (JSON)',
      // Written by the page's script during and after a run.
      starting: (backend: string) => `Starting the worker (${backend} first)…`,
      measuringOpfs: 'Measuring OPFS reads…',
      flashRung: (id: string, tokens: number) => `LLM in a Flash, ${id}: generating ${tokens} tokens from OPFS…`,
      scrollable: (caption: string) => `${caption}, scrollable`,
      awqCaption: 'AWQ: int4 against fp32',
      awqAbout:
        'y = x·W for one token, fastest milliseconds per product in plain JavaScript; int4 weights are in groups of 64, unpacked inside the loop.',
      awqColumns: ['matrix', 'fp32 ms', 'int4 ms', 'int4 speed-up', 'fp32 weights', 'int4 weights'],
      opfs: 'the Origin Private File System',
      memory: (why: string) => `memory (${why})`,
      flashCaption: 'LLM in a Flash: each rung on this device',
      flashAbout: (tokens: number, where: string) =>
        `target-v1 wrote ${tokens} tokens with its FFN read from ${where}, under each rung of the paper's Table 2 (exact active sets, window k = 5). Means per token; the I/O is priced on the paper's M1 Max and on the curve this run measured.`,
      flashColumns: [
        'policy',
        'read per token',
        'reads per token',
        'DRAM held',
        'I/O, M1 Max',
        'I/O, this device',
        'tokens/s',
        'same text as in memory',
      ],
      yes: 'yes',
      no: 'no',
      capstoneRunning: "Lesson 9's ladder: every switch in turn, from OPFS…",
      capstoneCaption: "Lesson 9's ladder: each switch added in turn, against the lessons' models",
      capstoneAbout: (tokens: number, prompt: string, repeats: number) =>
        `target-v1 wrote ${tokens} greedy tokens after "${prompt}" on each rung, every rung the same text, the fastest of ${repeats} runs after one left out (warm-up; other jobs on the machine only slow a run down); its FFN read from the Origin Private File System. Step: tokens per second over the rung above, measured, and as the lessons' own models predict it from the rung's counts alone (each read call priced on the OPFS read curve of the same run, lesson 4; the plain rung's other time paid once per target pass, lesson 8). A rung more than 25% off says where the time went.`,
      capstoneColumns: [
        'where',
        'rung',
        'tokens/s',
        'read per token',
        'reads per token',
        'tokens per pass',
        'step, measured',
        'step, models',
        'within 25%',
        'why not',
      ],
      unknownBackend: (name: string, backends: string) => `Unknown backend "${name}"; choose one of ${backends} above.`,
      yourBrowser: (backend: string) => `your browser, ${backend}`,
      /** A bar of the chart: the reader's run, and a recorded one. */
      you: (backend: string) => `you, ${backend}`,
      recorded: (where: string) => `recorded ${where}`,
      fellBack: (requested: string, backend: string) => ` ${requested} could not start, so it ran on ${backend}.`,
      done: (backend: string, fell: string) => `Done on ${backend}.${fell} Your rows are at the end of each table.`,
      failed: (message: string) => `The benchmark failed: ${message}`,
      chart: {
        label: 'Decoding speed with the KV cache, tokens per second',
        x: 'tokens per second (KV cache)',
      },
    },
  },
  zh: {
    widgets: {
      title: '交互组件',
      description: '组成各课程的交互图：属性、URL 参数，以及如何嵌入。',
      intro:
        '各课程由这些交互图搭建而成。每个页面列出一个交互组件的属性（它们同时也是 URL 参数），展示它的实时效果，并说明如何嵌入。若要用它们编写课程，请参阅仓库中的',
      introAfter: '。',
      nameSep: '：',
    },
    docs: {
      title: (name: string) => `${name}（交互组件）`,
      import: '导入',
      usage: '用法',
      usageIntro: '全部取默认值的实时示例（这里它的 URL 参数以',
      usageKey: '开头，即这个示例所用的',
      usageAfter: '）：',
      props: '属性与 URL 参数',
      propsIntro1: '每个属性同时也是一个 URL 参数：',
      propsIntro2: '（前缀是该交互组件的',
      propsIntro3: '，默认为',
      propsIntro4: '）；每一行都可以用',
      propsIntro5: '隐藏。错误的属性会让构建失败；错误的 URL 值会被忽略或截断到范围内，并附上说明。',
      propsOf: (name: string) => `${name} 的属性`,
      columns: { prop: '属性', allowed: '取值', default: '默认值', url: 'URL', hide: '隐藏方式' },
      aliases: (names: string) => `（分享链接中的旧 URL 名称仍可读取：${names}）`,
      urlPrefix: 'URL 前缀',
      urlKeyAllowed: '小写字母、数字和“-”；同一页面上的每个副本各用一个',
      lessons: '使用它的课程',
      noLesson: '还没有课程使用它。',
      notTranslated: '（英文版，中文版尚未完成）',
      embed: '嵌入',
      embedNone1: '一旦有课程使用它，它的图就可以单独从',
      embedNone2: '嵌入。',
      embedIntro1: '单独嵌入一张图，用于幻灯片或课程平台：状态和',
      embedIntro2: '写在查询字符串里，',
      embedIntro3: '或',
      embedIntro4: '跟随宿主页面的主题。每张图的“分享或嵌入”面板都会按当前设置生成这段代码。',
      iframeTitle: (name: string, lesson: string) => `《${lesson}》中的 ${name}`,
    },
    model: {
      title: '认识模型',
      description:
        '本站实时图背后的两个小型 GPT 式模型：它们有多大、如何训练、效果如何，以及一个可以运行它们的试验场。',
      lede1:
        '本站每一张运行语言模型的实时图，运行的都是两个小型 GPT 式模型之一。它们是专为本站从零训练的，训练数据只有一本书：',
      lede2:
        '（《白鲸记》）。与课程讨论的那些模型相比，它们小得微不足道，而这正是用意所在：小到转眼就能下载，能在你的浏览器里逐个词元地运行，构造方式却与大模型相同。',
      noModel: '还没有训练好的模型：public/models/ 中没有 card.json。请运行',
      twoModels: '两个模型',
      targetIs: ' 是课程所研究的模型。',
      draftIs: (sameTokenizer: boolean, ratio: string, draftParams: string, targetParams: string) =>
        ` ${sameTokenizer ? '使用同一个分词器、读同样的文本，但' : '读同样的文本，但'}规模小 ${ratio}×（${draftParams} 个参数，对比 ${targetParams} 个）：这是一个廉价的模型，可以替大模型猜测词元、交给大模型核对，正如投机解码中那样。`,
      onlyOne: (names: string) => `目前只有 ${names} 有模型卡片；另一个模型仍在训练中。`,
      tableLabel: '两个模型的对照表',
      tableCaption: '两个模型，数据取自各自的 card.json',
      rows: {
        architecture: '结构',
        context: '上下文',
        vocabulary: '词表',
        parameters: '参数量',
        tokensSeen: '已见词元',
        trainingTime: '训练时间',
        command: '命令',
        validationLoss: '验证损失',
        bigram: '二元语法基线',
        card: '模型卡片',
      },
      architecture: (layers: number, heads: number, width: number, neurons: number) =>
        `${layers} 层，${heads} 个注意力头，宽度 ${width}，FFN 含 ${neurons} 个 ReLU 神经元`,
      tokens: (n: number | string) => `${n} 个词元`,
      vocabulary: (size: number, merges: number) => `${size} 个词元（256 个字节 + ${merges} 次合并）`,
      parameters: (n: string, megabytes: string) => `${n}（float32 下 ${megabytes} MB）`,
      tokensSeen: (tokens: string, steps: string, passes: string | undefined) =>
        `${steps} 步共 ${tokens} 个词元${passes ? `（约把训练文本过了 ${passes} 遍）` : ''}`,
      trainingTime: (duration: string, machine: string, backend: string) =>
        `${duration}，在 ${machine} 上（${backend} 后端）`,
      lossCell: (bitsPerByte: string, perplexity: string) =>
        ` 奈特/词元，${bitsPerByte} 比特/字节，困惑度 ${perplexity}`,
      bigramCell: (loss: string, bitsPerByte: string) => `${loss} 奈特/词元，${bitsPerByte} 比特/字节`,
      lossIntro: '损失是在模型从未训练过的章节上测得的（每十章取一章，全部使用：即下文',
      tokenSetsLink: '词元集',
      lossMeaning: (loss: string, name: string) =>
        `表格的第一行）。每词元 ${loss} 奈特的损失意味着：平均而言，${name} 给正确的下一个词元的概率约为 e`,
      lossBits: (p: string, name: string, bits: string, savedPercent: number, bigramBits: string) =>
        ` ≈ ${p}。每字节比特数把损失除以一个词元覆盖的字节数，因此不同的分词器可以相互比较：对于没见过的梅尔维尔文本，${name} 每个字节需要 ${bits} 比特，比二元语法基线${savedPercent >= 0 ? `少 ${savedPercent}%` : `多 ${-savedPercent}%`}；该基线只根据前一个词元来预测下一个词元（${bigramBits} 比特/字节）。`,
      draftBits: (bits: string) => `较小的 draft-v1 需要 ${bits} 比特/字节。`,
      tokenSetsTitle: '损失是在哪段文本上测得的',
      tokenSetsIntro:
        'target-v1 的 float32 损失出现在好几个页面上，数值各不相同，因为每次测量读取的是留出文本的不同片段（损失是所读词元的平均值，较短的片段之间会有差异）。模型是同一个。本站的每个损失都注明了它的片段；下表列出了全部片段。',
      tokenSetsLabel: '词元集',
      tokenSetsCaption: '留出词元集，以及 target-v1 在每个词元集上的 float32 损失（奈特/词元），数据取自所列文件。',
      tokenSetsColumns: {
        set: '词元集',
        tokens: '词元数',
        loss: 'target-v1 损失',
        what: '内容',
        usedOn: '使用页面',
      },
      tokenSet: (s: TokenSet) => ({ name: s.names.zh, description: TOKEN_SET_DESCRIPTIONS_ZH[s.id](s) }),
      inYourBrowser: '在你的浏览器中计算',
      source: '来源：',
      training: '训练',
      lossCaption: (baseline: boolean) =>
        `训练损失（折线，每 10 步取平均）与验证损失（圆点），单位为奈特/词元，横轴为已见词元数${baseline ? '；虚线是二元语法基线' : ''}。`,
      curve: (
        vocab: number,
        lnVocab: string,
        starts: readonly (readonly [string, string])[],
        ends: readonly (readonly [string, string, number])[],
      ) =>
        `训练开始时损失接近 ln ${vocab} = ${lnVocab} 奈特/词元，即在 ${vocab} 个词元上均匀猜测（${starts.map(([m, l]) => `${m} ${l}`).join('，')}）。在全部留出文本上的最终验证损失：${ends.map(([m, l, tokens]) => `${m} 见过 ${largeCount(tokens, 'zh')}个词元后为 ${l}`).join('；')}。`,
      chart: {
        label: '训练损失与验证损失随已见词元数的变化',
        x: '已见词元数（百万）',
        y: '损失（奈特/词元）',
        baseline: '二元语法基线',
      },
      tokensTitle: '模型读什么：字节级 BPE 词元',
      tokensIntro: (merges: number | undefined) =>
        `模型从来看不到字母。文本先被转换成 UTF-8 字节，共 256 种取值，因此任何文本都能写下来，不论是什么语言，还是表情符号。字节对编码（BPE）再把序列变短：构建分词器时，它找出训练文本中最常相邻出现的一对符号，给这一对一个新编号，如此重复 ${merges ?? '几百'} 次。每个新编号就是一个词元。常见的词和词的片段成为单个词元，通常连同前面的空格一起；罕见的词则拆成更小的片段，必要时一直拆到单个字节。`,
      splitLabel: (example: string, tokens: number) => `“${example}”被切分为 ${tokens} 个词元`,
      tokenTitle: (id: number) => `词元 ${id}`,
      splitCaption: (bytes: number, tokens: number, name: string) =>
        ` 有 ${bytes} 个字节，但在 ${name} 的分词器下只有 ${tokens} 个词元；“·”表示空格。`,
      nextToken: (vocab: number) =>
        `模型的全部工作，就是看着目前为止的词元，给接下来可能出现的 ${vocab} 个词元各一个概率。生成文本就是不断重复这件事：按这些概率选一个词元，接到末尾，再问一次。`,
      gibberishTitle: '为什么它写出的是梅尔维尔腔调的胡话',
      gibberish: (trainBytes: number | undefined, name: string, passes: string | undefined, context: number) =>
        `模型只能学到训练文本给它看的东西，而且受限于自身的规模。这两个模型读过一部小说（${trainBytes ? `其中 ${largeCount(trainBytes, 'zh')}字节，` : ''}除每十章留出的一章外的所有章节）${passes ? `，${name} 大约读了 ${passes} 遍` : ''}。这足以学会拼写、常用词、标点和梅尔维尔句子的节奏，所以书里最爱用的词（whale、sea、ship、Ahab）信手拈来。但要学会词的含义、把一个想法延续下去，这远远不够；而且上下文只有 ${context} 个词元，它本来也回看不了几句话。所以续写的内容在局部听起来像这本书，却毫无意义。下面的贪心样本总是选取概率最高的那一个词元，这也是它容易陷入循环的原因。`,
      sampleCaption: (name: string, tokens: number, backend: string) =>
        `${name}，贪心解码（温度 0），在粗体提示词之后生成 ${tokens} 个新词元，在 ${backend} 后端上解码，记录于它的`,
      modelCardLink: '模型卡片',
      period: '。',
      comma: '、',
      quoted: (s: string) => `“${s}”`,
      tryIt: '动手试试',
      tryIntro:
        '试验场在本页的后台 worker 中用 TensorFlow.js 运行模型。权重只下载一次并保存在浏览器缓存中，下次访问直接从缓存读取。调高温度，文本会更放肆；设为 0，则总是选取概率最高的词元；点选任意一个生成的词元，可以看到模型在那一步还考虑过哪些词元。worker 会选用在你的设备上最快的后端（经过一次简短的探测，由浏览器记住），并在下方说明原因；',
      benchLink: '你的设备上的速度',
      tryAfter: '一页会在任意后端上为两个模型计时，并与项目记录的数据并列。',
      filesIntro: '每个模型文件夹里还有原始文件：',
      filesWeights: '及其二进制分片，',
      filesTraining: '（完整的损失日志）和',
      filesAfter: '，本页就是由它们生成的。',
    },
    bench: {
      title: '你的设备上的速度',
      description: '本站的模型在你的浏览器中解码有多快，并与项目记录的数据并列。',
      intro:
        '本页在浏览器的模型 worker 中为本站的两个模型计时，方式与交互组件使用它们时相同：128 个词元上下文的预填充，有 KV 缓存和没有 KV 缓存时从 64 到 128 个词元的贪心解码，以及依赖模型的交互组件的请求。请选择一个后端。选择之前什么都不会运行；一次运行需要几秒到几分钟。',
      runOn: (backend: string) => `在 ${backend} 上运行`,
      idle: '选择后端之前什么都不会运行。',
      rooflineTitle: '你的设备的屋顶线',
      rooflineIntro:
        '各个引擎离你的设备的能力上限有多近。一次约两秒的探测测出算力屋顶（精简引擎的 WebAssembly SIMD 矩阵–向量内核在权重留在缓存中时的 GFLOP/s）和内存屋顶（流式读取一个 96 MB 矩阵的 GB/s）；然后把 target-v1 的解码前向（单个词元与一次树前向；tfjs、纯 JavaScript 与 SIMD 版精简引擎；fp32 与 int4 权重）按各自的算术强度放到图上。第 1 课讲解如何读这张图。它有自己的按钮，与下面选择的后端无关。',
      decoding: '解码',
      decodingLabel: '解码速度（可横向滚动）',
      decodingCaption: '每秒词元数（越高越快）。标为“参考”的行由以下命令记录：',
      recordedOn: '，机器为 ',
      recordedDate: (date: string) => `，日期 ${date}`,
      decodingColumns: ['运行环境', '模型', '预填充', '解码（KV 缓存）', '解码（重新前向）'],
      reference: (where: string) => `参考：${where}`,
      noReference: '本次构建中没有记录参考数据（请运行',
      noReferenceAfter: '）。',
      chartCaption: '使用 KV 缓存时的解码速度，单位为词元/秒：你的设备（运行之后）与参考运行并列。上表是同样的数字。',
      widgetsTitle: '交互组件的请求',
      widgetsLabel: '交互组件计时（可横向滚动）',
      widgetsCaption: '每个依赖模型的交互组件在默认设置下一次请求所用的秒数（越低越快）。',
      widgetsColumns: ['运行环境', '交互组件', '秒'],
      lessonsTitle: '课程中的测量',
      lessonsIntro:
        '一次运行还会为课程测量的两件事计时：AWQ 一课中 int4 与 fp32 的矩阵–向量乘法竞速（纯 JavaScript，因此在各个后端上都一样）；以及在 wasm 和 cpu 上，',
      lessonsIntroAfter: (tokens: number) =>
        ` 在 LLM in a Flash 消融实验的每一级策略下（精确激活集，窗口 k = 5），从这个浏览器的 Origin Private File System 读取 FFN 权重并生成 ${tokens} 个词元。`,
      raw: '原始结果（JSON）',
      starting: (backend: string) => `正在启动 worker（先尝试 ${backend}）…`,
      measuringOpfs: '正在测量 OPFS 读取…',
      flashRung: (id: string, tokens: number) => `LLM in a Flash，${id}：正在从 OPFS 生成 ${tokens} 个词元…`,
      scrollable: (caption: string) => `${caption}（可横向滚动）`,
      awqCaption: 'AWQ：int4 对比 fp32',
      awqAbout: '一个词元的 y = x·W，纯 JavaScript 下每次乘法的最快毫秒数；int4 权重按 64 个一组，在循环内解包。',
      awqColumns: ['矩阵', 'fp32 ms', 'int4 ms', 'int4 加速比', 'fp32 权重', 'int4 权重'],
      opfs: 'Origin Private File System',
      memory: (why: string) => `内存（${why}）`,
      flashCaption: 'LLM in a Flash：每一级策略在这台设备上的表现',
      flashAbout: (tokens: number, where: string) =>
        `target-v1 在论文表 2 的每一级策略下（精确激活集，窗口 k = 5）从 ${where} 读取 FFN 并生成了 ${tokens} 个词元。数值为每个词元的平均值；I/O 时间分别按论文的 M1 Max 和本次运行测得的曲线计算。`,
      flashColumns: [
        '策略',
        '每词元读取量',
        '每词元读取次数',
        '内存占用',
        'I/O，M1 Max',
        'I/O，本设备',
        '词元/秒',
        '与内存中生成的文本相同',
      ],
      yes: '是',
      no: '否',
      capstoneRunning: '第 9 课的阶梯：依次打开每个开关，从 OPFS 读取…',
      capstoneCaption: '第 9 课的阶梯：依次加上每个开关，并与课程模型的预测对照',
      capstoneAbout: (tokens: number, prompt: string, repeats: number) =>
        `target-v1 在每一级上接着“${prompt}”贪心生成 ${tokens} 个词元，每一级的文本都相同，先跑一次热身（不计），再取 ${repeats} 次运行中最快的一次（机器上的其他任务只会拖慢一次运行）；FFN 从 Origin Private File System 读取。“每级加速”是相对上一级的每秒词元数之比：一列是实测，一列是课程自己的模型仅凭这一级的计数给出的预测（每次读取按同一次运行测得的 OPFS 读取曲线计价，见第 4 课；朴素一级读取以外的时间每次目标模型前向付一次，见第 8 课）。偏离超过 25% 的一级会说明时间花在了哪里。`,
      capstoneColumns: [
        '运行环境',
        '级',
        '词元/秒',
        '每词元读取量',
        '每词元读取次数',
        '每次前向的词元数',
        '每级加速（实测）',
        '每级加速（模型）',
        '在 25% 以内',
        '原因',
      ],
      unknownBackend: (name: string, backends: string) => `未知的后端“${name}”；请在上方从 ${backends} 中选择一个。`,
      yourBrowser: (backend: string) => `你的浏览器，${backend}`,
      you: (backend: string) => `你（${backend}）`,
      recorded: (where: string) => `记录值 ${where}`,
      fellBack: (requested: string, backend: string) => `${requested} 无法启动，因此改在 ${backend} 上运行。`,
      done: (backend: string, fell: string) => `已在 ${backend} 上完成。${fell}你的结果在每个表格的末尾。`,
      failed: (message: string) => `基准测试失败：${message}`,
      chart: {
        label: '使用 KV 缓存时的解码速度，词元/秒',
        x: '词元/秒（KV 缓存）',
      },
    },
  },
});

/**
 * Each widget's one-line description in Chinese; the English is the doc comment above its export in
 * site/widgets/index.ts (tests/widgets/pages-zh.test.ts checks that the two lists name the same widgets).
 */
export const WIDGET_DESCRIPTIONS_ZH: Readonly<Record<string, string>> = {
  VecMatViews:
    '一个 1×3 的 x 乘 3×6 的 W 得到 y = xW，分三种视角（逐元素、按行、按列）一步步展示，并给出跳过零值的代价。',
  VecMatScale:
    '在模型 worker 中按真实规模计算 y = xW：读取 W 的每一行，与只读取非零输入对应的行相比，分别计时（tfjs 与普通循环）。',
  ModelPlayground: '本站的一个模型在 worker 中逐个词元地续写提示词，并显示每一步概率最高的 5 个候选。',
  Stat: '正文中的一个数字，附带说明其来源的标记：在我们的模型上测得、引自论文（附出处），或由模型推算。',
  BatchUnion: '批处理如何让我们模型上的激活稀疏性消失（被激活神经元的并集随批大小的变化），并给出稠密与稀疏的划分。',
  NeuronCacheSim: 'PowerInfer-2 的分段神经元缓存在内存预算下重放我们模型的激活；闪存读取时间为模拟值。',
  PipelineGantt: 'PowerInfer-2 的五阶段 FFN 流水线甘特图，比较矩阵级与神经元簇级调度，基于我们模型中被激活的簇。',
  NeuronHeatmap: '对读者输入的提示词，每个词元、每一层有哪些 FFN 神经元被激活；每个词元可跳过的 W_down 行。',
  HotColdCurve: '热神经元与冷神经元：激活占比曲线、GPU 预算下的三种放置方式（模型推算），以及热神经元集合的重合度。',
  PredictorQuality: '激活预测器在各阈值下的召回率与所计算的神经元数之比，以及它在损失上的代价（取自其说明卡）。',
  FfnRace: '一个词元的稠密与稀疏 FFN，在 worker 中分别用 tfjs gather 和纯 JS 神经元内核计时。',
  FlashStorage: '读取吞吐量随每次读取大小的变化：构建机器的、读者的（OPFS，实时测量）和论文中 M1 Max 的。',
  FlashStepper: '我们的模型在 LLM in a Flash 的各种策略下从存储读取 FFN 并生成文本，统计每一次读取。',
  FlashWindow: '窗口化：最近 k 个词元留在内存中的神经元、下一个词元需要加载的部分，以及我们模型上的 Δ_load(k)。',
  FlashBundling: '我们模型上的捆绑：上/下投影分开存放、行列捆绑、最亲密伙伴捆绑（论文中的负面结果）。',
  LoraRank:
    'LoRA 的秩的算术：我们的模型和 GPT-3 175B 的可训练参数量、适配器文件大小与 Adam 内存，随所选矩阵和 r 变化。',
  LoraTrain: '在读者的浏览器中对 target-v1 做 LoRA 微调：可暂停、继续、停止（保留适配器），显示损失曲线、样本与速度。',
  LoraAdapters:
    '随站附带的 LoRA 适配器（以及读者自己的）：按名称切换，合并或不合并，同一提示词；比较合并与未合并的词元和速度。',
  LoraSpectrum: 'LoRA 更新的样子：ΔW 的奇异值，以及两个适配器之间按论文公式 4 计算的子空间相似度热图。',
  ScheduleAnimator:
    'FlexGen 的网格按逐行、之字形或逐列遍历：权重加载次数、存活的 KV 缓存，以及模型推算的 OPT-175B 速度。',
  PolicySolver: 'FlexGen 的策略搜索（worker 中的 HiGHS 线性规划），在一台类似 T4 的机器上，可调节容量与带宽。',
  TradeoffCurve: 'OPT-30B/175B 的吞吐量与延迟：代价模型的前沿与论文表 2 中的数据点。',
  CompressionLoss: '我们的模型在权重和 KV 缓存采用 4/3 比特分组量化时的损失，以及节省的字节数（实测）。',
  SpecPasses:
    '我们这对模型上的令牌树：草稿模型 top-k 命中率（缩小版的表 1），以及各种树形下每次目标前向的词元数，均为实测。',
  SpecSampling:
    '单个节点上的投机采样：目标模型与草稿模型的概率柱，一次抽样及其残差，以及 10,000 次运行与目标分布的对比。',
  SpecRace: '在读者的浏览器中对同一提示词做普通贪心解码与投机贪心解码：文本完全相同，比较两者每秒的词元数。',
  SpecTree: '由 draft-v1 起草、target-v1 在一次树掩码前向中验证的令牌树：节点、掩码网格、被接受的路径，逐步展示。',
  QuantizeIt:
    '在 worker 中亲手量化 target-v1（比特数、分组大小、RTN / 保留 1% / AWQ）：留出集损失、贪心样本、文件大小。',
  AlphaSlider: 'AWQ 在 target-v1 的一层上搜索 α：输出误差随 α 的变化，以及各分组步长如何改变。',
  ErrorMicroscope: '数轴上的一个量化分组，其中一个权重放大 s 倍，以及 10,000 个分组的蒙特卡洛实验（AWQ 公式 2–3）。',
  Int4Race: 'int4 与 fp32 矩阵–向量乘法，小矩阵（在缓存中）与大矩阵（4096 × 4096），在读者的浏览器中计时。',
  Roofline: '读者的屋顶线模型：在浏览器中测得的算力屋顶与内存屋顶，以及 target-v1 的解码前向在图上的位置。',
  CapstoneDecoder:
    '搭建你自己的解码器（第 9 课）：lib/capstone 的各个开关在 worker 中运行 target-v1，FFN 放在 OPFS 上；流式输出词元、时间拆分、你的各次运行。',
};
