// MODEL.md for public/models/lora-sotu-v<n> from its card.json (written by scripts/train-lora.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function writeLoraCard(c: any): string {
  const runName = (r: any) => (r.kind === 'lora' ? `r = ${r.rank}` : 'full');
  const n = (x: number) => x.toLocaleString('en-US');
  const fmt = (s: string) => '`' + JSON.stringify(s).slice(1, -1).replace(/`/g, "'") + '`';
  const voice = (x: any) => (x.voice ? `${Math.round(100 * x.voice.speechShare)}%` : '—');
  const hasVoice = Boolean(c.baseline.voice);
  const rows = [
    `| base model (target-v1) | — (its ${n(c.baseParameters)} weights stay frozen) | — | ${c.baseline.validationLoss.sotu} | ${c.baseline.validationLoss.mobyDick} |${hasVoice ? ` ${voice(c.baseline)} |` : ''} — | — |`,
    ...c.runs.map(
      (r: any) =>
        `| ${r.kind === 'lora' ? `LoRA r = ${r.rank}` : `full fine-tune${r.steps && r.steps !== c.steps ? `, ${r.steps} steps (shortened)` : ''}`} | ${n(r.trainableParameters)} (${((100 * r.trainableParameters) / c.baseParameters).toFixed(2)}%) | ${r.fileBytes ? n(r.fileBytes) + ' B' : 'not shipped'} | **${r.validationLoss.sotu}** | ${r.validationLoss.mobyDick} |${hasVoice ? ` ${voice(r)} |` : ''} ${r.stepsPerSecond} | ${r.wallSeconds} s |`,
    ),
  ];
  const sampleRows = [
    { name: 'base', samples: c.baseline.samples },
    ...c.runs.map((r: any) => ({ name: runName(r), samples: r.samples })),
  ];
  const words: string[] = c.voice?.probeWords ?? [];
  const wordRows = hasVoice
    ? [
        `| run | ${words.map((w) => `p(${w})`).join(' | ')} |`,
        `|---|${words.map(() => '---').join('|')}|`,
        ...[
          { name: 'base', voice: c.baseline.voice },
          ...c.runs.map((r: any) => ({ name: runName(r), voice: r.voice })),
        ].map((r) => `| ${r.name} | ${words.map((w) => r.voice.words[w].toPrecision(2)).join(' | ')} |`),
      ]
    : [];
  const voiceSection = hasVoice
    ? `
## Voice

A bigram log-likelihood-ratio classifier trained on the two corpora's training splits (lib/lora/voice.ts) labels
each sampled continuation "speech" or "novel" (on held-out ${c.voice.classifierAccuracy.chunkTokens}-token chunks it is right
${(100 * c.voice.classifierAccuracy.speech).toFixed(1)}% of the time on speeches and ${(100 * c.voice.classifierAccuracy.novel).toFixed(1)}% on the novel): ${c.voice.prompts.length} neutral prompts x seeds
${c.voice.seeds.join(', ')}, temperature ${c.voice.temperature}, ${c.voice.tokens} new tokens; the table above gives the share
labelled speech. The probability of a few words after the neutral prompts (mean over the prompts; a word our
tokenizer splits is the product of its pieces):

${wordRows.join('\n')}

### Sampled continuations (first seed, first four prompts)

| run | ${c.voice.prompts
        .slice(0, 4)
        .map((p: string) => fmt(p))
        .join(' | ')} |
|---|${c.voice.prompts
        .slice(0, 4)
        .map(() => '---')
        .join('|')}|
${[{ name: 'base', voice: c.baseline.voice }, ...c.runs.map((r: any) => ({ name: runName(r), voice: r.voice }))]
  .map(
    (r) =>
      `| ${r.name} | ${c.voice.prompts
        .slice(0, 4)
        .map((p: string) => {
          const s = r.voice.samples.find((x: any) => x.prompt === p && x.seed === c.voice.seeds[0]);
          return `${fmt(s.text)} (${s.label})`;
        })
        .join(' | ')} |`,
  )
  .join('\n')}
`
    : '';
  return `# ${c.name}

LoRA adapters (Hu et al., arXiv 2106.09685) for [${c.base}](../target-v1/MODEL.md) that move its voice from *Moby Dick*
to the State of the Union addresses of 2009–2021${c.runs.some((r: any) => r.kind !== 'lora') ? ', with a full fine-tune on the same batches for comparison' : ''}. Each
adapter changes ${c.lora.targetsDescription ?? "W_q and W_v in all four layers (the paper's main setting, §4.2)"} by ΔW = (α/r)·A·B, α = ${c.lora.alpha};
the base weights stay frozen. Files: \`r<r>.lora\` (format in lib/lora/file.ts; loaded by \`loadAdapter\` /
\`AdapterSet.load\`), card.json (this card as data, with the loss curves), and the corpus at public/${c.corpus.file}.

| | |
|---|---|
| command | \`${c.command}\` |
| base | ${c.base}, weights fingerprint ${c.baseFingerprint} (an adapter refuses to load on other weights) |
| data | ${c.corpus.name}; training ${n(c.corpus.trainTokens)} tokens; held out: the addresses of ${c.corpus.heldOutYears.join(', ')} (${n(c.corpus.validationTokens)} tokens) |
| training | ${c.steps} steps of ${c.batch} windows x ${c.blockSize} tokens (${n(c.tokensPerRun)} tokens) per run, the same seeded batches for every run; Adam (0.9, 0.95), warm-up then cosine; LoRA peak learning rate ${c.lora.peakLr}, full fine-tune ${c.runs.find((r: any) => r.kind !== 'lora')?.peakLr ?? '—'}; init ${c.lora.init} |
| validation | ${c.heldOut.windows} windows of ${c.blockSize} tokens (${n(c.heldOut.tokensEach)} tokens) spread evenly over each corpus's held-out text |
| machine | ${c.machine}, tfjs ${c.backend}; the machine was shared with other jobs, so times are upper bounds |
| wall time | ${Math.round(c.runs.reduce((s: number, r: any) => s + r.wallSeconds, 0))} s for all ${c.runs.length} runs (training, evaluation and samples) |

| run | trainable parameters | file | validation loss, SOTU (nats/token) | validation loss, *Moby Dick* |${hasVoice ? ' labelled speech |' : ''} steps/s | wall time |
|---|---|---|---|---|${hasVoice ? '---|' : ''}---|---|
${rows.join('\n')}

## Greedy samples

${c.sampleTokens} new tokens, temperature 0, ${c.samplesBackend} backend.

| run | ${c.baseline.samples.map((s: any) => fmt(s.prompt)).join(' | ')} |
|---|${c.baseline.samples.map(() => '---').join('|')}|
${sampleRows.map((r) => `| ${r.name} | ${r.samples.map((s: any) => fmt(s.text)).join(' | ')} |`).join('\n')}
${voiceSection}`;
}
