// Bundling by co-activation, the paper's negative result [LLM in a Flash, arXiv 2312.11514 v3, §3.2 and App. D]:
// store each neuron next to its "closest friend", the neuron that fires with it most often, so one read brings both.
// It backfired because a few very hot neurons are almost everyone's closest friend, so they were read over and over.
// Here we find each neuron's closest friend on a real trace and count what a token would read with such bundles.
import type { ActivationTrace } from '../sparsity/trace.ts';
import { activeNeurons } from '../sparsity/trace.ts';

/** The layer's hottest neurons, as a share of its FFN: the set `friendIsHot` looks for friends in. */
export const HOT_SHARE = 0.05;

export interface FriendLayer {
  /** [nFfn] each neuron's closest friend (−1 if it never fired). */
  friend: Int32Array;
  /** [nFfn] of the tokens where the neuron fired, the share where its friend fired too. */
  friendShare: Float32Array;
  /** Share of neurons that fired at all whose friend fires with them at least 95% of the time. */
  share95: number;
  /** How many neurons name the most-named friend, and that friend's own firing rate. */
  topFriendInDegree: number;
  topFriendFrequency: number;
  /** Distinct neurons that are somebody's closest friend. */
  distinctFriends: number;
  /** Share of neurons whose friend is among the layer's HOT_SHARE hottest neurons. */
  friendIsHot: number;
}

export interface FriendBundling {
  layers: FriendLayer[];
  /** Per token, summed over layers: neurons that fired (= reads with row-column bundles, one neuron per read). */
  activePerToken: number;
  /** Per token, summed over layers: reads with friend bundles (each read brings a neuron and its friend, 2 neurons). */
  friendReadsPerToken: number;
  /** Bytes read with friend bundles ÷ bytes read with row-column bundles (same active sets, no window). */
  bytesRatio: number;
  /** Share of friend-bundle reads whose friend half was wasted: not needed, or already read this token. */
  wastedFriendShare: number;
  /** Mean times per token (summed over layers) the most-named friend is read. */
  topFriendReadsPerToken: number;
}

/**
 * Closest friends per layer over the whole trace, then each token's reads if every neuron were stored with its
 * friend: go through the active neurons in index order; a neuron not yet in hand costs one read of two neurons.
 */
export function friendBundling(tr: ActivationTrace): FriendBundling {
  const { nFfn: F, nLayer: L, tokens: T } = tr;
  if (T === 0) throw new Error('friendBundling: the trace is empty');
  const layers: FriendLayer[] = [];
  let active = 0,
    reads = 0,
    wasted = 0,
    topReads = 0;
  for (let l = 0; l < L; l++) {
    const co = new Float64Array(F * F); // [F, F] tokens where both fired
    const fired = new Float64Array(F);
    const sets: number[][] = [];
    for (let t = 0; t < T; t++) {
      const a = activeNeurons(tr, t, l);
      sets.push(a);
      for (const i of a) {
        fired[i]++;
        for (const j of a) co[i * F + j]++;
      }
    }
    const friend = new Int32Array(F).fill(-1),
      friendShare = new Float32Array(F);
    for (let i = 0; i < F; i++) {
      if (fired[i] === 0) continue;
      let best = -1,
        bestCo = -1;
      for (let j = 0; j < F; j++)
        if (j !== i && co[i * F + j] > bestCo) {
          bestCo = co[i * F + j];
          best = j;
        }
      friend[i] = best;
      friendShare[i] = bestCo / fired[i];
    }
    const live = Array.from({ length: F }, (_, i) => i).filter((i) => fired[i] > 0);
    const inDeg = new Int32Array(F);
    for (const i of live) inDeg[friend[i]]++;
    let top = 0;
    for (let j = 1; j < F; j++) if (inDeg[j] > inDeg[top]) top = j;
    const hot = new Set(
      Array.from({ length: F }, (_, i) => i)
        .sort((a, b) => fired[b] - fired[a] || a - b)
        .slice(0, Math.max(1, Math.round(F * HOT_SHARE))),
    );
    const n = Math.max(1, live.length);
    layers.push({
      friend,
      friendShare,
      share95: live.filter((i) => friendShare[i] >= 0.95).length / n,
      topFriendInDegree: inDeg[top],
      topFriendFrequency: fired[top] / T,
      distinctFriends: new Set(live.map((i) => friend[i])).size,
      friendIsHot: live.filter((i) => hot.has(friend[i])).length / n,
    });
    for (const a of sets) {
      const need = new Set(a),
        got = new Set<number>();
      for (const i of a) {
        if (got.has(i)) continue; // came in as an earlier neuron's friend
        reads++;
        got.add(i);
        const f = friend[i];
        if (f === top) topReads++;
        if (!need.has(f) || got.has(f)) wasted++;
        got.add(f);
      }
      active += a.length;
    }
  }
  return {
    layers,
    activePerToken: active / T,
    friendReadsPerToken: reads / T,
    bytesRatio: (2 * reads) / Math.max(1, active),
    wastedFriendShare: wasted / Math.max(1, reads),
    topFriendReadsPerToken: topReads / T,
  };
}
