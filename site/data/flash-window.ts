// Build time only (Node): which FFN neurons of the measured model fire, token by token, on the lesson's short prompt,
// for the sliding-window widget (FlashWindow). Small: per layer and token, the list of active neuron indices.
import { activeNeurons, profileActivations } from '../../lib/sparsity/index.ts';
import { HEATMAP_PROMPT, loadMeasuredModel, measuredModelName } from './measured.ts';

export interface WindowTrace {
  model: string;
  prompt: string;
  nLayer: number;
  nFfn: number;
  /** The prompt's tokens as text. */
  tokens: string[];
  /** [layer][token] active neuron indices, ascending. */
  active: number[][][];
}

let cached: Promise<WindowTrace | null> | undefined;

export function flashWindowTrace(): Promise<WindowTrace | null> {
  return (cached ??= (async () => {
    const model = await loadMeasuredModel();
    if (!model) return null;
    const ids = model.tokenizer.encode(HEATMAP_PROMPT);
    const { trace } = profileActivations(model, ids, { maxTokens: ids.length });
    const { nLayer, nFfn } = model.config;
    return {
      model: measuredModelName() ?? model.name,
      prompt: HEATMAP_PROMPT,
      nLayer,
      nFfn,
      tokens: ids.map((id) => model.tokenizer.tokenText(id)),
      active: Array.from({ length: nLayer }, (_, l) =>
        Array.from({ length: ids.length }, (_, t) => activeNeurons(trace, t, l)),
      ),
    };
  })());
}
