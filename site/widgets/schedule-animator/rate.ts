// Rates for the FlexGen widgets (shared by PolicySolver and TradeoffCurve): offloaded throughput is often below one token per second, and the kit's
// perSecond rounds to whole tokens, so small rates keep three significant digits here ("0.171 tokens/s").
import { perSecond, sig } from '../_kit/format.ts';

export function tokensPerSecond(v: number): string {
  return Number.isFinite(v) && Math.abs(v) < 100 ? `${sig(v, 3)} tokens/s` : perSecond(v);
}
