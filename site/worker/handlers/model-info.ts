// `model.info`: loads a model (if needed) and describes it; the page shows this once the weights are in.
import { defineHandler } from '../protocol.ts';
import { getModel, type ModelName } from '../models.ts';
import type { GPTConfig } from '../../../lib/config.ts';
import type { Registered } from './index.ts';

export const modelInfo = defineHandler(
  async (p: { model: ModelName }, ctx): Promise<{ name: string; config: GPTConfig; parameters: number }> => {
    const model = await getModel(p.model, ctx);
    return { name: model.name, config: model.config, parameters: model.parameterCount };
  },
);

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'model.info': modelInfo };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
