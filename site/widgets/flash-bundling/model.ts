// FlashBundling's data: per token (summed over layers, no window, true active sets), the reads and bytes of three
// layouts — up column and down row apart, row-column bundles, and bundles of each neuron with its closest friend.
// From the build-time analysis in site/data/flash.json (lib/flash/coactivation.ts). No DOM; the words are in text.ts.

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

/** The three layouts: up column and down row apart, row-column bundles, closest-friend bundles. */
export type Layout = 'apart' | 'bundled' | 'friends';

export interface LayoutRow {
  layout: Layout;
  reads: number;
  bytes: number;
}

export function layoutRows(f: FriendsData, neuronBytes: number): LayoutRow[] {
  const a = f.activePerToken;
  return [
    { layout: 'apart', reads: 2 * a, bytes: a * neuronBytes },
    { layout: 'bundled', reads: a, bytes: a * neuronBytes },
    { layout: 'friends', reads: f.friendReadsPerToken, bytes: 2 * f.friendReadsPerToken * neuronBytes },
  ];
}
