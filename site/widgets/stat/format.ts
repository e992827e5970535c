// How <Stat> writes its number, shared with plainStat: the second number of a sentence from the same source is
// printed without a badge (one badge per source per sentence), in exactly the form its badged twin would take.

export interface StatNumber {
  value: number | string;
  unit?: string;
  source: 'measured' | 'paper' | 'modelled';
  digits?: number;
}

/** The value as <Stat> shows it, unit included: "61.7%", "2.25 GB/s" (a no-break space before a word unit). */
export function statText({ value, unit = '', source, digits }: StatNumber): string {
  // "—" stands for a number not available in this build (e.g. a model not trained yet): shown without its unit.
  const u = value === '—' ? '' : unit;
  let shown: string;
  if (typeof value === 'number') {
    let v = value;
    if (u === '%' && Math.abs(v) <= 1) v *= 100;
    const d = digits ?? (source === 'paper' ? undefined : 3);
    shown = d === undefined ? String(v) : String(+v.toPrecision(d));
    if (Math.abs(v) >= 10000) shown = Number(shown).toLocaleString('en-US');
  } else {
    shown = value;
  }
  const tight = u === '%' || u === '×' || u === '';
  return tight ? `${shown}${u}` : `${shown}\u00a0${u}`;
}

/** A number in a sentence that already carries a badge for its source: same text as <Stat>, no badge. */
export const plainStat = statText;
