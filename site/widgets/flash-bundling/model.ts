// FlashBundling's data: per token (summed over layers, no window, true active sets), the reads and bytes of three
// layouts — up column and down row apart, row-column bundles, and bundles of each neuron with its closest friend.
// From the build-time analysis in site/data/flash.json (lib/flash/coactivation.ts). No DOM.
import { bytes, count, percent, times } from '../_kit/format.ts';

export interface FriendsData {
  activePerToken: number;
  friendReadsPerToken: number;
  bytesRatio: number;
  wastedFriendShare: number;
  topFriendReadsPerToken: number;
  layers: {
    share95: number;
    topFriendInDegree: number;
    topFriendFrequency: number;
    distinctFriends: number;
    friendIsHot: number;
  }[];
}

export interface LayoutRow {
  layout: string;
  reads: number;
  bytes: number;
}

export function layoutRows(f: FriendsData, neuronBytes: number): LayoutRow[] {
  const a = f.activePerToken;
  return [
    { layout: 'up and down apart', reads: 2 * a, bytes: a * neuronBytes },
    { layout: 'row-column bundles', reads: a, bytes: a * neuronBytes },
    { layout: 'closest-friend bundles', reads: f.friendReadsPerToken, bytes: 2 * f.friendReadsPerToken * neuronBytes },
  ];
}

export function summaryText(f: FriendsData, neuronBytes: number): string {
  const [sep, rc, fr] = layoutRows(f, neuronBytes);
  return `Per token on our model: ${count(Math.round(sep.reads))} reads of ${bytes(neuronBytes / 2)} with up and down apart; row-column bundles read the same ${bytes(rc.bytes)} in ${count(Math.round(rc.reads))} reads; closest-friend bundles read ${bytes(fr.bytes)} (${times(f.bytesRatio)}) in ${count(Math.round(fr.reads))} reads, and ${percent(f.wastedFriendShare)} of their friend halves are wasted.`;
}
