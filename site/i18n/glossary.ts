// The glossary (术语表): one entry per technical term, in both editions. The Chinese lessons give a term's English
// beside its first use and link that use here (/zh/glossary/#<id>); the English glossary page shows the same table.
// `lesson` is the lesson (its order number) that introduces the term.

export interface Term {
  /** Anchor on the glossary pages: the English term as a slug. */
  id: string;
  en: string;
  zh: string;
  lesson: number;
  def: { en: string; zh: string };
}

export const GLOSSARY: readonly Term[] = [
  {
    id: 'vector-matrix-product',
    en: 'vector–matrix product',
    zh: '向量–矩阵乘法',
    lesson: 1,
    def: {
      en: 'y = xW for one input row x: each weight is read once and used in one multiply-add.',
      zh: '一行输入 x 与矩阵 W 相乘得到 y = xW：每个权重只读一次、只参与一次乘加。',
    },
  },
  {
    id: 'arithmetic-intensity',
    en: 'arithmetic intensity',
    zh: '算术强度',
    lesson: 1,
    def: {
      en: 'Floating-point operations per byte moved from memory; below the machine’s ratio of compute to bandwidth, a kernel is memory-bound.',
      zh: '每从内存搬运一个字节所做的浮点运算次数；低于机器的算力与带宽之比时，内核受内存带宽限制。',
    },
  },
  {
    id: 'roofline',
    en: 'roofline',
    zh: '屋顶线模型',
    lesson: 1,
    def: {
      en: 'The attainable FLOP rate as the lesser of peak compute and bandwidth × arithmetic intensity.',
      zh: '可达到的浮点速率取峰值算力与“带宽 × 算术强度”二者中的较小者。',
    },
  },
  {
    id: 'memory-bound',
    en: 'memory-bound',
    zh: '访存受限',
    lesson: 1,
    def: {
      en: 'Limited by how fast bytes arrive, not by arithmetic: decoding one token at batch size 1 is the classic case.',
      zh: '速度取决于数据到达的快慢而非运算：批大小为 1 时逐个生成词元就是典型情形。',
    },
  },
  {
    id: 'compute-bound',
    en: 'compute-bound',
    zh: '计算受限',
    lesson: 1,
    def: {
      en: 'Limited by arithmetic: the weights are already close (in cache), so more multiply-adds cost more time.',
      zh: '速度取决于运算本身：权重已在近处（缓存中），多做乘加就多花时间。',
    },
  },
  {
    id: 'feed-forward-network',
    en: 'feed-forward network (FFN)',
    zh: '前馈网络（FFN）',
    lesson: 1,
    def: {
      en: 'The block’s two linear layers with an activation between them: h = ReLU(x W_up), out = h W_down.',
      zh: 'Transformer 块中夹着激活函数的两层线性变换：h = ReLU(x W_up)，out = h W_down。',
    },
  },
  {
    id: 'neuron',
    en: 'neuron',
    zh: '神经元',
    lesson: 2,
    def: {
      en: 'One FFN hidden unit: a column of W_up and the matching row of W_down, read or skipped together.',
      zh: 'FFN 的一个隐藏单元：W_up 的一列与 W_down 的对应一行，二者一起读取或一起跳过。',
    },
  },
  {
    id: 'activation-sparsity',
    en: 'activation sparsity',
    zh: '激活稀疏性',
    lesson: 2,
    def: {
      en: 'Most FFN neurons output zero after the ReLU for a given token, so their weights need not be read.',
      zh: '对某个词元而言，大多数 FFN 神经元经过 ReLU 后输出为零，因此无需读取它们的权重。',
    },
  },
  {
    id: 'hot-neuron',
    en: 'hot neuron',
    zh: '热神经元',
    lesson: 2,
    def: {
      en: 'A neuron that fires for many tokens; PowerInfer keeps the hot ones on the GPU.',
      zh: '对许多词元都会激活的神经元；PowerInfer 把热神经元放在 GPU 上。',
    },
  },
  {
    id: 'cold-neuron',
    en: 'cold neuron',
    zh: '冷神经元',
    lesson: 2,
    def: {
      en: 'A neuron that fires rarely and depends on the input; PowerInfer computes cold neurons on the CPU.',
      zh: '很少激活、是否激活取决于输入的神经元；PowerInfer 在 CPU 上计算冷神经元。',
    },
  },
  {
    id: 'power-law',
    en: 'power-law distribution',
    zh: '幂律分布',
    lesson: 2,
    def: {
      en: 'A few neurons account for most activations: the skew that makes a small hot set worth caching.',
      zh: '少数神经元贡献了大部分激活：正是这种偏斜让缓存一小部分热神经元变得划算。',
    },
  },
  {
    id: 'predictor',
    en: 'predictor',
    zh: '预测器',
    lesson: 2,
    def: {
      en: 'A small network that guesses, from a layer’s input, which FFN neurons will fire, before they are computed.',
      zh: '根据一层的输入、在计算之前猜测哪些 FFN 神经元会被激活的小网络。',
    },
  },
  {
    id: 'recall',
    en: 'recall',
    zh: '召回率',
    lesson: 2,
    def: {
      en: 'The share of neurons that really fire which the predictor also selects.',
      zh: '真正激活的神经元中被预测器选中的比例。',
    },
  },
  {
    id: 'neuron-aware-operator',
    en: 'neuron-aware operator',
    zh: '神经元感知算子',
    lesson: 2,
    def: {
      en: 'A kernel that computes only the selected neurons’ rows or columns instead of a whole dense matrix.',
      zh: '只计算被选中神经元所在行或列、而不是整个稠密矩阵的内核。',
    },
  },
  {
    id: 'offloading',
    en: 'offloading',
    zh: '卸载',
    lesson: 2,
    def: {
      en: 'Keeping weights (or the KV cache) in a slower, larger memory and bringing them in when needed.',
      zh: '把权重（或 KV 缓存）放在更慢但更大的存储中，需要时再调入。',
    },
  },
  {
    id: 'batch-size',
    en: 'batch size',
    zh: '批大小',
    lesson: 3,
    def: {
      en: 'How many sequences share one pass over the weights; a larger batch fires the union of their neurons.',
      zh: '一次读取权重时同时处理的序列数；批越大，被激活的是各序列神经元的并集。',
    },
  },
  {
    id: 'neuron-cache',
    en: 'neuron cache',
    zh: '神经元缓存',
    lesson: 3,
    def: {
      en: 'PowerInfer-2’s DRAM cache of neuron weights, split into a region for hot and one for cold neurons.',
      zh: 'PowerInfer-2 在内存中缓存神经元权重的区域，分为热神经元区与冷神经元区。',
    },
  },
  {
    id: 'neuron-cluster',
    en: 'neuron cluster',
    zh: '神经元簇',
    lesson: 3,
    def: {
      en: 'A group of neurons scheduled as one unit of work (dense on the NPU, sparse on CPU cores).',
      zh: '作为一个计算单元调度的一组神经元（在 NPU 上稠密计算，在 CPU 核上稀疏计算）。',
    },
  },
  {
    id: 'npu',
    en: 'NPU',
    zh: 'NPU（神经网络处理器）',
    lesson: 3,
    def: {
      en: 'A phone’s neural processing unit: fast on dense matrix work, poor at irregular sparse work.',
      zh: '手机上的神经网络处理器：擅长稠密矩阵运算，不擅长不规则的稀疏运算。',
    },
  },
  {
    id: 'ufs',
    en: 'UFS storage',
    zh: 'UFS 存储',
    lesson: 3,
    def: {
      en: 'A phone’s flash storage: fast for large reads, far slower per byte for small random reads.',
      zh: '手机的闪存：大块读取很快，小块随机读取按字节算要慢得多。',
    },
  },
  {
    id: 'pipeline',
    en: 'pipeline',
    zh: '流水线',
    lesson: 3,
    def: {
      en: 'Overlapping reads with computation so that one waits less for the other.',
      zh: '让读取与计算重叠进行，彼此少等待。',
    },
  },
  {
    id: 'flash-memory',
    en: 'flash memory',
    zh: '闪存',
    lesson: 4,
    def: {
      en: 'Non-volatile storage (SSD, phone storage) with far more capacity than DRAM and far less bandwidth.',
      zh: '非易失存储（SSD、手机存储），容量远大于内存（DRAM），带宽却低得多。',
    },
  },
  {
    id: 'dram',
    en: 'DRAM',
    zh: '内存（DRAM）',
    lesson: 4,
    def: {
      en: 'The device’s working memory: what a model must fit in unless parts of it are read from storage.',
      zh: '设备的工作内存：模型除非部分从存储读取，否则必须全部装入其中。',
    },
  },
  {
    id: 'windowing',
    en: 'windowing',
    zh: '窗口化',
    lesson: 4,
    def: {
      en: 'Keeping the neurons used by the last k tokens in DRAM, so each new token loads only the difference.',
      zh: '把最近 k 个词元用过的神经元留在内存中，新词元只需加载差额部分。',
    },
  },
  {
    id: 'row-column-bundling',
    en: 'row-column bundling',
    zh: '行列捆绑',
    lesson: 4,
    def: {
      en: 'Storing neuron i’s up-projection column and down-projection row side by side, so one read fetches both.',
      zh: '把第 i 个神经元的上投影列与下投影行相邻存放，一次读取即可取回二者。',
    },
  },
  {
    id: 'read-throughput',
    en: 'read throughput',
    zh: '读取吞吐量',
    lesson: 4,
    def: {
      en: 'Bytes per second a storage device delivers; it grows with the size of each read.',
      zh: '存储设备每秒交付的字节数；随每次读取的块大小增大而提高。',
    },
  },
  {
    id: 'kv-cache',
    en: 'KV cache',
    zh: 'KV 缓存',
    lesson: 5,
    def: {
      en: 'The keys and values of past tokens, kept so each new token attends to them without recomputing them.',
      zh: '保存过去词元的键和值，让新词元做注意力时无需重新计算它们。',
    },
  },
  {
    id: 'throughput',
    en: 'throughput',
    zh: '吞吐量',
    lesson: 5,
    def: {
      en: 'Tokens produced per second over a whole batch; FlexGen trades latency for it.',
      zh: '整个批次每秒产生的词元数；FlexGen 以延迟换取吞吐量。',
    },
  },
  {
    id: 'latency',
    en: 'latency',
    zh: '延迟',
    lesson: 5,
    def: {
      en: 'Time until one request’s tokens arrive.',
      zh: '单个请求的词元到达所需的时间。',
    },
  },
  {
    id: 'zig-zag-block-schedule',
    en: 'zig-zag block schedule',
    zh: '之字形块调度',
    lesson: 5,
    def: {
      en: 'FlexGen’s order over the grid of layers × batches: one layer’s weights serve many batches before the next loads.',
      zh: 'FlexGen 在“层 × 批次”网格上的遍历次序：一层的权重先服务多个批次，再加载下一层。',
    },
  },
  {
    id: 'linear-program',
    en: 'linear program',
    zh: '线性规划',
    lesson: 5,
    def: {
      en: 'An optimisation with a linear objective and linear constraints; FlexGen chooses where tensors live with one.',
      zh: '目标与约束都是线性的优化问题；FlexGen 用它决定各类张量放在哪里。',
    },
  },
  {
    id: 'quantization',
    en: 'quantization',
    zh: '量化',
    lesson: 6,
    def: {
      en: 'Storing weights (or activations) with fewer bits, each value rounded to one of a few levels.',
      zh: '用更少的比特存储权重（或激活），每个值被舍入到少数几个量化级之一。',
    },
  },
  {
    id: 'round-to-nearest',
    en: 'round-to-nearest (RTN)',
    zh: '就近舍入（RTN）',
    lesson: 6,
    def: {
      en: 'The plain baseline: scale each group to the integer grid and round every weight to the nearest level.',
      zh: '最朴素的基线：把每组权重缩放到整数网格上，再把每个权重舍入到最近的量化级。',
    },
  },
  {
    id: 'group-size',
    en: 'group size',
    zh: '分组大小',
    lesson: 6,
    def: {
      en: 'How many consecutive weights share one scale (and zero point), e.g. 128.',
      zh: '共用一个缩放因子（及零点）的连续权重个数，例如 128。',
    },
  },
  {
    id: 'salient-channel',
    en: 'salient channel',
    zh: '显著通道',
    lesson: 6,
    def: {
      en: 'An input channel whose activations are large, so rounding errors in its weights cost the most.',
      zh: '激活值很大的输入通道，其权重的舍入误差代价最大。',
    },
  },
  {
    id: 'activation-outlier',
    en: 'activation outlier',
    zh: '激活离群值',
    lesson: 6,
    def: {
      en: 'A channel whose activations are many times the typical magnitude; large models grow a few of them.',
      zh: '激活幅度是通常水平许多倍的通道；大模型会长出少量这样的通道。',
    },
  },
  {
    id: 'activation-aware-scaling',
    en: 'activation-aware scaling',
    zh: '激活感知缩放',
    lesson: 6,
    def: {
      en: 'AWQ’s move: scale salient channels’ weights up by s before rounding and their inputs down by 1/s.',
      zh: 'AWQ 的做法：舍入前把显著通道的权重放大 s 倍，并把对应输入缩小为 1/s。',
    },
  },
  {
    id: 'mixed-precision',
    en: 'mixed precision',
    zh: '混合精度',
    lesson: 6,
    def: {
      en: 'Keeping some weights at higher precision than the rest; AWQ reaches the same effect without it.',
      zh: '让部分权重保持比其余权重更高的精度；AWQ 不用它也能达到同样效果。',
    },
  },
  {
    id: 'perplexity',
    en: 'perplexity',
    zh: '困惑度',
    lesson: 6,
    def: {
      en: 'exp of the mean loss per token on held-out text: lower means the model predicts the text better.',
      zh: '留出文本上每个词元平均损失的指数：越低说明模型对文本预测得越好。',
    },
  },
  {
    id: 'fine-tuning',
    en: 'fine-tuning',
    zh: '微调',
    lesson: 7,
    def: {
      en: 'Training a pretrained model further on new data; a full fine-tune changes every weight.',
      zh: '在新数据上继续训练预训练模型；全量微调会改动所有权重。',
    },
  },
  {
    id: 'lora',
    en: 'LoRA (low-rank adaptation)',
    zh: '低秩适配（LoRA）',
    lesson: 7,
    def: {
      en: 'Freezing W and learning a low-rank update ΔW = BA with two thin matrices.',
      zh: '冻结 W，只学习由两个细长矩阵构成的低秩更新 ΔW = BA。',
    },
  },
  {
    id: 'rank',
    en: 'rank',
    zh: '秩',
    lesson: 7,
    def: {
      en: 'The inner dimension r of LoRA’s B (d × r) and A (r × k): it bounds what the update can express.',
      zh: 'LoRA 中 B（d × r）与 A（r × k）的内维 r：它限定了更新能表达的内容。',
    },
  },
  {
    id: 'adapter',
    en: 'adapter',
    zh: '适配器',
    lesson: 7,
    def: {
      en: 'The small trained update (here B and A per adapted matrix), stored and loaded apart from the base model.',
      zh: '训练得到的小型更新（这里是每个被适配矩阵的 B 与 A），与基础模型分开存储和加载。',
    },
  },
  {
    id: 'merging',
    en: 'merging',
    zh: '合并',
    lesson: 7,
    def: {
      en: 'Adding BA into W once, so the adapted model costs nothing extra per token.',
      zh: '把 BA 一次性加到 W 中，使适配后的模型每个词元不再有额外开销。',
    },
  },
  {
    id: 'speculative-decoding',
    en: 'speculative decoding',
    zh: '投机解码',
    lesson: 8,
    def: {
      en: 'A small draft model guesses tokens and the large model checks them, keeping exactly what it would write.',
      zh: '小的草稿模型先猜词元，大模型再验证，最终保留的恰是大模型自己会写出的内容。',
    },
  },
  {
    id: 'draft-model',
    en: 'draft model',
    zh: '草稿模型',
    lesson: 8,
    def: {
      en: 'The small, fast model that proposes guesses (draft-v1 here).',
      zh: '负责提出猜测的小而快的模型（这里是 draft-v1）。',
    },
  },
  {
    id: 'target-model',
    en: 'target model',
    zh: '目标模型',
    lesson: 8,
    def: {
      en: 'The large model whose output must not change (target-v1 here).',
      zh: '输出必须保持不变的大模型（这里是 target-v1）。',
    },
  },
  {
    id: 'token-tree',
    en: 'token tree',
    zh: '令牌树',
    lesson: 8,
    def: {
      en: 'Several guessed continuations sharing prefixes, arranged as a tree and checked together.',
      zh: '共享前缀的多条猜测续写，排成一棵树并一起验证。',
    },
  },
  {
    id: 'tree-attention',
    en: 'tree attention',
    zh: '树注意力',
    lesson: 8,
    def: {
      en: 'An attention mask in which each tree node sees only its ancestors and the verified prefix.',
      zh: '一种注意力掩码：树中每个节点只看见它的祖先和已验证的前缀。',
    },
  },
  {
    id: 'verification',
    en: 'verification',
    zh: '验证',
    lesson: 8,
    def: {
      en: 'One target pass over the whole tree that accepts the longest path the target agrees with.',
      zh: '目标模型对整棵树做一次前向计算，接受它认同的最长路径。',
    },
  },
  {
    id: 'tokens-per-pass',
    en: 'tokens per target pass',
    zh: '每次目标前向的词元数',
    lesson: 8,
    def: {
      en: 'Accepted guesses plus the target’s own token, per verification pass: the factor speculation can gain.',
      zh: '每次验证所接受的猜测数加上目标模型自己的一个词元：投机解码所能带来的倍数。',
    },
  },
  {
    id: 'token',
    en: 'token',
    zh: '词元',
    lesson: 1,
    def: {
      en: 'The unit a language model reads and writes (our models use byte-level BPE tokens).',
      zh: '语言模型读写的单位（我们的模型使用字节级 BPE 词元）。',
    },
  },
  {
    id: 'decoding',
    en: 'decoding',
    zh: '解码',
    lesson: 1,
    def: {
      en: 'Generating text one token at a time, each step one forward pass over the weights.',
      zh: '逐个生成词元；每一步都要对全部权重做一次前向计算。',
    },
  },
  {
    id: 'prefill',
    en: 'prefill',
    zh: '预填充',
    lesson: 3,
    def: {
      en: 'Running the whole prompt through the model in one pass before decoding: a large batch of tokens.',
      zh: '解码之前让整段提示词一次性通过模型：相当于一大批词元。',
    },
  },
  {
    id: 'hit-rate',
    en: 'hit rate',
    zh: '命中率',
    lesson: 3,
    def: {
      en: 'The share of the neurons a token needs that are already in the DRAM cache, so need no read from flash.',
      zh: '一个词元所需的神经元中已在内存缓存里、无需从闪存读取的比例。',
    },
  },
  {
    id: 'co-activation',
    en: 'co-activation',
    zh: '共激活',
    lesson: 3,
    def: {
      en: 'Two neurons firing for the same token; how often they do decides whether storing them together pays.',
      zh: '两个神经元对同一个词元同时激活；同时激活的频繁程度决定了把它们存在一起是否划算。',
    },
  },
  {
    id: 'multiply-add',
    en: 'multiply-add',
    zh: '乘加',
    lesson: 1,
    def: {
      en: 'One multiplication and one addition (two floating-point operations): the unit of work in y = xW.',
      zh: '一次乘法加一次加法（两次浮点运算）：y = xW 中的基本工作单位。',
    },
  },
  {
    id: 'ridge-point',
    en: 'ridge point',
    zh: '脊点',
    lesson: 1,
    def: {
      en: 'The arithmetic intensity where the roofline turns: peak compute divided by memory bandwidth.',
      zh: '屋顶线拐弯处的算术强度：峰值算力除以内存带宽。',
    },
  },
  {
    id: 'greedy-decoding',
    en: 'greedy decoding',
    zh: '贪心解码',
    lesson: 8,
    def: {
      en: 'Always writing the most probable next token: the same text every time, which makes equalities testable.',
      zh: '每一步都写出概率最高的下一个词元：每次结果相同，因此可以检验等价性。',
    },
  },
  {
    id: 'speculative-sampling',
    en: 'speculative sampling',
    zh: '投机采样',
    lesson: 8,
    def: {
      en: 'Accepting or resampling the draft’s guesses so that every token still follows the target’s distribution.',
      zh: '对草稿模型的猜测进行接受或重新采样，使每个词元仍然服从目标模型的分布。',
    },
  },
  {
    id: 'expansion-configuration',
    en: 'expansion configuration',
    zh: '扩展配置',
    lesson: 8,
    def: {
      en: 'SpecInfer’s ⟨k₁, …, k_m⟩: at step i every node of the tree so far gets kᵢ children.',
      zh: 'SpecInfer 的 ⟨k₁, …, k_m⟩：第 i 步时，树中已有的每个节点各长出 kᵢ 个子节点。',
    },
  },
  {
    id: 'residual-stream',
    en: 'residual stream',
    zh: '残差流',
    lesson: 7,
    def: {
      en: 'The vector each block reads from and adds its output to, carried from the embedding to the head.',
      zh: '每个块从中读取输入、又把输出加回去的向量，从嵌入层一直传到输出头。',
    },
  },
  {
    id: 'cost-model',
    en: 'cost model',
    zh: '代价模型',
    lesson: 5,
    def: {
      en: 'FlexGen’s estimate of a block’s time from byte counts, bandwidths and compute speeds, with transfers overlapped with compute; it ranks placement policies.',
      zh: 'FlexGen 根据字节数、带宽和计算速度估算一个块的耗时（传输与计算相互重叠）；用来给放置策略排序。',
    },
  },
  {
    id: 'cpu-delegation',
    en: 'CPU delegation',
    zh: 'CPU 委托',
    lesson: 5,
    def: {
      en: 'Computing decode attention on the CPU, where the KV cache lives, so that only the query and the output cross PCIe instead of the whole cache.',
      zh: '在 KV 缓存所在的 CPU 上计算解码阶段的注意力，这样经过 PCIe 的只有查询和输出，而不是整个缓存。',
    },
  },
  {
    id: 'calibration',
    en: 'calibration',
    zh: '校准',
    lesson: 6,
    def: {
      en: 'Running a small sample of text through the model to measure its activations before quantizing; AWQ chooses its scales on it.',
      zh: '量化之前让一小段文本流经模型、测量其激活；AWQ 据此选择缩放因子。',
    },
  },
  {
    id: 'clipping',
    en: 'clipping',
    zh: '裁剪',
    lesson: 6,
    def: {
      en: 'Shrinking a quantization group’s range inside its min–max where that lowers the output error: a few extreme values are cut, the rest get a finer step.',
      zh: '在能降低输出误差时，把量化组的范围收窄到最小–最大值以内：少数极端值被截断，其余值得到更细的步长。',
    },
  },
];
