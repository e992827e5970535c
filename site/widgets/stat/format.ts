// How <Stat> writes its number, shared with plainStat: the second number of a sentence from the same source is
// printed without a badge (one badge per source per sentence), in exactly the form its badged twin would take.

/**
 * Units are printed as given, except the two ways of writing a percentage, which say which scale the value is on:
 * "share" is a share of 1 (0.006 → "0.6%"), "percent" is already a percent (0.6 → "0.6%"). A bare "%" is refused:
 * the scale is never guessed from the value.
 */
export interface StatNumber {
  value: number | string;
  unit?: string;
  source: 'measured' | 'paper' | 'modelled';
  digits?: number;
}

/** Why a bare "%" is refused; <Stat> shows the same words when it fails the build. */
export const PERCENT_UNIT_HELP =
  'unit "%" is ambiguous: use unit "share" for a share of 1 (0.006 → 0.6%) or "percent" for a percent (0.6 → 0.6%)';

/** The value as <Stat> shows it, unit included: "61.7%", "2.25 GB/s" (a no-break space before a word unit). */
export function statText({ value, unit = '', source, digits }: StatNumber): string {
  if (unit === '%') throw new Error(`statText: ${PERCENT_UNIT_HELP}; received value ${JSON.stringify(value)}`);
  if (unit === 'share' && typeof value === 'string' && value !== '—')
    throw new Error(`statText: unit "share" needs a number; a preformatted string takes "percent" (got ${value})`);
  const isPercent = unit === 'share' || unit === 'percent';
  // "—" stands for a number not available in this build (e.g. a model not trained yet): shown without its unit.
  const u = value === '—' ? '' : isPercent ? '%' : unit;
  let shown: string;
  if (typeof value === 'number') {
    const v = unit === 'share' ? value * 100 : value;
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
