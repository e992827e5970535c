// `phone.batch`: the union of active FFN neurons as the batch grows (B sampled continuations of one prompt, decoded
// together), with which neurons, ranked hottest first by the text's profile, so the page can price any hot/cold
// split. Used by the BatchUnion widget; the arithmetic is site/widgets/batch-union-model.ts.
import { defineHandler } from '../protocol.ts';
import { phoneProfile, type PhonePayload } from './phone-profile.ts';
import { runBatch, type BatchRun, type BatchValues } from '../../widgets/batch-union-model.ts';

export interface PhoneBatchPayload extends PhonePayload, Pick<BatchValues, 'batch' | 'steps' | 'temp' | 'seed'> {
  prompt: string;
}

export const phoneBatch = defineHandler(async (p: PhoneBatchPayload, ctx): Promise<BatchRun> => {
  const { model, profile } = await phoneProfile(p, ctx);
  const prompt = String(p.prompt ?? '').slice(-2000);
  if (prompt.trim() === '') throw new Error('The prompt is empty.');
  ctx.progress(`Decoding ${p.batch} continuation${p.batch > 1 ? 's' : ''} together for ${p.steps} steps…`);
  return runBatch(model, prompt, profile.layers.map((l) => l.hotOrder), p);
});
