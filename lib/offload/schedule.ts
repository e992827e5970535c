// Schedules over FlexGen's computation grid [§4.1, Fig. 3]: rows are GPU batches, columns are (token, layer) pairs;
// a square is one GPU batch through one layer at one token. A square needs every square to its left in its row.
//   row-by-row:        finish one batch's generation, then the next (DeepSpeed and Accelerate): weights reload per square;
//   column-by-column:  one column across every batch: each weight load serves all batches, but all their KV caches live at once;
//   zig-zag block:     column-by-column inside a block of `block` batches, then the next block (FlexGen, Alg. 1).
// simulate() walks an order and counts what moves and what must be held.

export interface Square {
  batch: number;
  token: number;
  layer: number;
}

export interface Grid {
  /** GPU batches (rows). */
  batches: number;
  /** Generated tokens (the first is the prefill). */
  tokens: number;
  layers: number;
}

export type ScheduleKind = 'row' | 'column' | 'zigzag';

function checkGrid(g: Grid, block?: number): void {
  for (const [k, v] of Object.entries(g))
    if (!Number.isInteger(v) || v < 1 || v > 4096)
      throw new Error(`grid ${k} must be a whole number in 1..4096, got ${v}`);
  if (block !== undefined && (!Number.isInteger(block) || block < 1 || block > g.batches))
    throw new Error(`zig-zag block must be a whole number of batches in 1..${g.batches}, got ${block}`);
}

/** The order in which a schedule visits the squares. */
export function scheduleOrder(kind: ScheduleKind, g: Grid, block = g.batches): Square[] {
  checkGrid(g, kind === 'zigzag' ? block : undefined);
  const out: Square[] = [];
  if (kind === 'row') {
    for (let batch = 0; batch < g.batches; batch++)
      for (let token = 0; token < g.tokens; token++)
        for (let layer = 0; layer < g.layers; layer++) out.push({ batch, token, layer });
    return out;
  }
  const size = kind === 'column' ? g.batches : block;
  for (let start = 0; start < g.batches; start += size) {
    const end = Math.min(start + size, g.batches);
    for (let token = 0; token < g.tokens; token++)
      for (let layer = 0; layer < g.layers; layer++)
        for (let batch = start; batch < end; batch++) out.push({ batch, token, layer });
  }
  return out;
}

export interface ScheduleCounts {
  squares: number;
  /** Times a layer's weights are loaded (whenever the layer differs from the previous square's). */
  weightLoads: number;
  /** Activations stored and reloaded because the next square of their row did not run next (a store and a load each). */
  activationTransfers: number;
  /** Cached tokens read by attention, summed over squares (prompt length `prompt` + tokens generated so far), per sequence. */
  kvTokenReads: number;
  /** Most rows in progress at once (started, not finished): their KV caches and activations must be held. */
  peakLiveRows: number;
  /** Most cached token-layers held at once, per sequence of a batch. */
  peakKvTokenLayers: number;
}

/** Walks an order (its first `steps` squares; default all) and counts weight loads, activation and KV traffic, and what must be held at once. */
export function simulate(order: Square[], g: Grid, prompt = 0, steps = order.length): ScheduleCounts {
  const next = new Map<number, number>(); // batch -> index of its next square in row order
  const cached = new Array(g.batches).fill(0); // token-layers of KV held per batch
  const perRow = g.tokens * g.layers;
  let weightLoads = 0,
    activationTransfers = 0,
    kvTokenReads = 0,
    live = 0,
    peakLiveRows = 0,
    held = 0,
    peakKv = 0;
  let lastLayer = -1;
  if (!(Number.isInteger(steps) && steps >= 0 && steps <= order.length))
    throw new Error(`steps must be a whole number in 0..${order.length}, got ${steps}`);
  for (let i = 0; i < steps; i++) {
    const sq = order[i];
    const pos = sq.token * g.layers + sq.layer;
    if ((next.get(sq.batch) ?? 0) !== pos)
      throw new Error(
        `square (batch ${sq.batch}, token ${sq.token}, layer ${sq.layer}) runs before the squares to its left`,
      );
    if (sq.layer !== lastLayer) weightLoads++;
    lastLayer = sq.layer;
    if (pos === 0) {
      live++;
      cached[sq.batch] = prompt * g.layers;
      held += prompt * g.layers;
    }
    kvTokenReads += prompt + sq.token;
    cached[sq.batch] += 1;
    held += 1; // this token's keys and values at this layer
    peakKv = Math.max(peakKv, held);
    peakLiveRows = Math.max(peakLiveRows, live);
    next.set(sq.batch, pos + 1);
    if (pos + 1 === perRow) {
      live--;
      held -= cached[sq.batch];
      cached[sq.batch] = 0;
      continue;
    }
    const following = i + 1 < steps ? order[i + 1] : undefined;
    const stays = following && following.batch === sq.batch && following.token * g.layers + following.layer === pos + 1;
    if (!stays) activationTransfers++;
  }
  if (steps === order.length && order.length !== g.batches * perRow)
    throw new Error(`the order covers ${order.length} of ${g.batches * perRow} squares`);
  return { squares: steps, weightLoads, activationTransfers, kvTokenReads, peakLiveRows, peakKvTokenLayers: peakKv };
}

/** Weight loads of a zig-zag schedule in closed form: one per layer per token per block (row-by-row is block 1 only when layers > 1). */
export function zigzagWeightLoads(g: Grid, block: number): number {
  return Math.ceil(g.batches / block) * g.tokens * g.layers;
}

/**
 * The counts in fp16 bytes for a model shape and GPU batch size: layer weights loaded, activations parked and
 * reloaded (one decode step's [gbs, h1] each way), cache bytes read by attention, and the most cache held at once.
 */
export function countsInBytes(c: ScheduleCounts, m: { h1: number; h2: number }, gbs: number) {
  const layer = 8 * m.h1 * m.h1 + 4 * m.h1 * m.h2;
  const kvPerTokenLayer = 4 * gbs * m.h1; // K and V of one token at one layer, fp16, for a GPU batch
  return {
    weightBytes: c.weightLoads * layer,
    activationBytes: c.activationTransfers * 2 * (2 * gbs * m.h1),
    kvReadBytes: c.kvTokenReads * kvPerTokenLayer,
    peakKvBytes: c.peakKvTokenLayers * kvPerTokenLayer,
  };
}
