// `model.info`: loads a model (if needed) and describes it; the page shows this once the weights are in.
import { defineHandler } from '../protocol.ts';
import { getModel, type ModelName } from '../models.ts';
import type { GPTConfig } from '../../../lib/config.ts';

export const modelInfo = defineHandler(
  async (p: { model: ModelName }, ctx): Promise<{ name: string; config: GPTConfig; parameters: number }> => {
    const model = await getModel(p.model, ctx);
    return { name: model.name, config: model.config, parameters: model.parameterCount };
  },
);
