// Lesson 9 (everything at once): the lesson's facts, typed, from the build-time ladder and union sweep
// (site/data/capstone.ts, lib/capstone measured in Node on the build machine). Numbers stay numbers; the table's
// cells go through the kit's formatters.
import { bytes, decimal, duration, percent, times } from '../../site/widgets/_kit/format.ts';
import { type CapstoneMeasurements, type RunFigures, capstoneMeasurements } from '../../site/data/capstone.ts';
import {
  type BrowserLadder,
  checkBrowserLadder,
  isPersistent,
  LADDER_GOAL,
  ladderRows,
  opfsReadMs,
  rungName,
  shapeOf,
} from '../../site/i18n/capstone-ladder.ts';
import { fastestShape } from '../../lib/capstone/measure.ts';
import referenceFile from '../../site/data/bench-reference.json';
import { withBase } from '../../site/base-url.ts';

/** Milliseconds per token of a run, all parts of its split. */
const msPerToken = (r: RunFigures) => Object.values(r.split).reduce((a, b) => a + Math.max(0, b), 0);

export function capstoneFactsOf(m: CapstoneMeasurements) {
  const rung = (id: string) => {
    const r = m.rungs.find((x) => x.id === id);
    if (!r) throw new Error(`capstone facts: the ladder has no rung "${id}"`);
    return r;
  };
  const plain = rung('plain').run;
  const last = m.rungs.at(-1)!.run;
  const point = (shape: string) => m.union.find((p) => p.shape === shape);
  const widest = m.union.reduce((a, p) => (p.rowsPerPass > a.rowsPerPass ? p : a));
  return {
    m,
    /** A rung's tokens/s over the rung above's. */
    step: (id: string) => rung(id).stepGain,
    /** A rung's bytes per token over the rung above's (how much less it read). */
    bytesDrop: (id: string) => {
      const i = m.rungs.findIndex((r) => r.id === id);
      return m.rungs[i - 1].run.bytesPerToken / rung(id).run.bytesPerToken;
    },
    plain,
    exact: rung('exact').run,
    bundled: rung('bundled').run,
    int4: rung('int4').run,
    chain: rung('chain'),
    tree: rung('tree'),
    last,
    /** Every rung wrote the same greedy text (exact sparsity throughout). */
    sameText: m.rungs.every((r) => r.run.text === plain.text),
    /** Share of the plain rung's time per token spent in storage reads (from the page cache here). */
    plainReadShare: Math.max(0, plain.split.reads) / msPerToken(plain),
    /** Bytes per token of the last rung against the plain rung's. */
    bytesCut: plain.bytesPerToken / last.bytesPerToken,
    plainPoint: point('plain'),
    widest,
    best: point(m.bestShape)!,
    rows: m.rungs.map((r) => ({
      label: rungName(r, shapeOf(r.label)),
      tokensPerSecond: decimal(r.run.tokensPerSecond, 1),
      bytes: bytes(r.run.bytesPerToken),
      reads: decimal(r.run.readsPerToken, 1),
      tokensPerPass: decimal(r.run.tokensPerPass, 2),
      readMs: `${decimal(r.run.split.reads, 3)} ms`,
      step: times(r.stepGain),
      alone: times(r.aloneGain),
    })),
    unionRows: m.union.map((p) => ({
      shape: p.shape,
      rows: decimal(p.rowsPerPass, 2),
      perRow: decimal(p.neuronsPerRow, 1),
      perPass: decimal(p.neuronsPerPass, 1),
      share: percent(p.neuronsPerPass / m.nFfn),
      tokensPerPass: decimal(p.run.tokensPerPass, 2),
      tokensPerSecond: decimal(p.run.tokensPerSecond, 1),
    })),
  };
}

export type CapstoneFacts = ReturnType<typeof capstoneFactsOf>;

/** Lesson 9's ladders as Chromium measured them on OPFS (`npm run bench -- --save`, site/data/bench-reference.json),
 *  each rung checked against the lessons' models. */
export function browserFactsOf(ladders: BrowserLadder[]) {
  return ladders.map((l) => {
    const c = checkBrowserLadder(l);
    const last = l.rungs.at(-1)!.run;
    return {
      ladder: l,
      persistent: isPersistent(l),
      /** The machine's 1-minute load average when the recording ended (older recordings have none). */
      loadAtEnd: l.loadAverage?.[0],
      check: c,
      /** One 1 KiB scattered read on this ladder's OPFS curve, ms. */
      smallReadMs: opfsReadMs(l),
      /** The last rung's time per token outside reads, and its reads, ms. */
      lastRestMs: 1000 / last.tokensPerSecond - last.split.reads,
      lastReadMs: last.split.reads,
      outside: c.rungs.filter((r) => r.outside).map((r) => r.id),
      /** A rung's check (its step measured and modelled, and where its time went). */
      step: (id: string) => {
        const r = c.rungs.find((x) => x.id === id);
        if (!r) throw new Error(`capstone facts: the browser ladder has no rung "${id}"`);
        return r;
      },
      /** The fastest rung, and its tokens/s over the plain rung's. */
      best: (() => {
        const b = l.rungs.reduce((a, r) => (r.run.tokensPerSecond > a.run.tokensPerSecond ? r : a));
        return { name: rungName(b, shapeOf(b.label)), over: b.run.tokensPerSecond / l.rungs[0].run.tokensPerSecond };
      })(),
      rows: { en: ladderRows(l, 'en'), zh: ladderRows(l, 'zh') },
      /** The tree sweep beside the ladder (every other switch on), its fastest shape, and its table's cells. */
      sweepBest: l.sweep?.length ? fastestShape(l.sweep) : undefined,
      /** Where the time goes, against the goal: the plain rung's ms a token and its share in reads, the budget a
       *  token has at LADDER_GOAL× plain, and the sweep's fastest shape over the plain rung. */
      plainMs: 1000 / l.rungs[0].run.tokensPerSecond,
      plainReadShare: Math.max(0, l.rungs[0].run.split.reads) / (1000 / l.rungs[0].run.tokensPerSecond),
      budgetMs: 1000 / l.rungs[0].run.tokensPerSecond / LADDER_GOAL,
      sweepOverPlain: l.sweep?.length
        ? fastestShape(l.sweep).run.tokensPerSecond / l.rungs[0].run.tokensPerSecond
        : undefined,
      sweepRows: (l.sweep ?? []).map((p) => ({
        shape: p.shape,
        tokensPerSecond: decimal(p.run.tokensPerSecond, 1),
        tokensPerPass: decimal(p.run.tokensPerPass, 2),
        reads: decimal(p.run.readsPerToken, 1),
        bytes: bytes(p.run.bytesPerToken),
      })),
    };
  });
}

/** The recorded browser ladders: the off-the-record profile's (a private window's OPFS) and the persistent one's. */
export const browser = browserFactsOf((referenceFile as unknown as { capstone?: BrowserLadder[] }).capstone ?? []);
function recorded(persistent: boolean) {
  const b = browser.find((x) => x.persistent === persistent);
  if (!b)
    throw new Error(
      `capstone facts: site/data/bench-reference.json has no ${persistent ? 'persistent' : 'off-the-record'} browser ladder; run npm exec -- node scripts/bench-capstone.ts --browser --save`,
    );
  return b;
}
/** Off the record (a private window's OPFS, in the browser process) and persistent (an ordinary window's, on disk). */
export const privateLadder = recorded(false);
export const diskLadder = recorded(true);
export { LADDER_GOAL };

/** The lesson's facts, measured once per build (or read from the disk cache). */
export async function capstoneFacts(): Promise<CapstoneFacts> {
  return capstoneFactsOf(await capstoneMeasurements());
}

/** The lesson's facts, as the MDX places them. */
export const f = await capstoneFacts();

/** The address of another lesson of the course, under the site's base. */
export const lesson = (n: string, slug: string) => withBase(`/lessons/${n}-${slug}/`);

export { bytes, decimal, duration, percent, times };
