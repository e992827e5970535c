// `offload.solve`: FlexGen's policy search (lib/offload) for one OPT model on a T4-like machine: the placement LP
// solved by HiGHS (its .wasm served from our origin, public/highs/highs.wasm), for one (gbs, nb) or the whole search.
import { getHighs } from '../../../lib/offload/policy-search.ts';
import { solveRequest, type SolveAnswer, type SolveRequest } from '../../../lib/offload/solve-request.ts';
import { defineHandler } from '../protocol.ts';
import type { Registered } from './index.ts';

export const offloadSolve = defineHandler(async (p: SolveRequest, ctx): Promise<SolveAnswer> => {
  ctx.progress(ctx.text.loadingLp);
  const highs = await getHighs(
    `${self.location.origin}${import.meta.env.BASE_URL.replace(/\/?$/, '/')}highs/highs.wasm`,
  );
  ctx.progress(p.gbs !== undefined ? ctx.text.solvingLp : ctx.text.searchingBatches);
  return solveRequest(highs, p);
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'offload.solve': offloadSolve };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
