// Every number a widget prints goes through one of these, so one quantity always reads the same way:
//   bytes     binary units, as memory is counted: 1024 → "1 KiB", 2621440 → "2.5 MiB"
//   shares    stored as fractions in [0, 1], printed as percents: 0.4567 → "45.7%"
//   times     stored in milliseconds, printed in µs, ms or s: 0.0041 → "4.1 µs", 12.3 → "12.3 ms"
//   counts    grouped by thousands: 1048576 → "1,048,576"
//   ratios    with a times sign: 3.24 → "3.24×"
//   bandwidth decimal, as papers and vendors state it: 1e9 bytes/s → "1 GB/s"
// A value that is not a finite number prints as "–" (never "NaN").
import type { Lang } from '../../i18n/lang.ts';

const DASH = '–';
const ok = (v: number) => typeof v === 'number' && Number.isFinite(v);

/** Significant digits without trailing zeros: sig(0.012345, 2) → 0.012. */
export function sig(v: number, digits = 3): number {
  return v === 0 ? 0 : +v.toPrecision(digits);
}

/** A share in [0, 1] as a percent: 0.4567 → "45.7%"; tiny non-zero shares keep two significant digits ("0.012%"). */
export function percent(share: number, digits = 1): string {
  if (!ok(share)) return DASH;
  const v = share * 100;
  if (v !== 0 && Math.abs(v) < 10 ** -digits) return `${sig(v, 2)}%`;
  return `${+v.toFixed(digits) + 0}%`;
}

/** A change in percentage points' style for shares: +0.0025 → "+0.25%", -0.01 → "−1%". */
export function signedPercent(share: number, digits = 2): string {
  if (!ok(share)) return DASH;
  const s = percent(Math.abs(share), digits);
  return share > 0 ? `+${s}` : share < 0 ? `−${s}` : s;
}

/** A count grouped by thousands: 1048576 → "1,048,576". */
export function count(n: number): string {
  return ok(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 2 }) : DASH;
}

/**
 * A large count as prose writes it, three significant digits: in millions in English (2151234 → "2.15 million"), in
 * 万 (10⁴) or 亿 (10⁸) in Chinese (→ "215 万"; 123456789 → "1.23 亿"). Below a million (English) or 10,000 (Chinese)
 * the plain count.
 */
export function largeCount(n: number, lang: Lang = 'en'): string {
  if (!ok(n)) return count(n);
  const a = Math.abs(n);
  if (lang === 'en') return a < 1e6 ? count(n) : `${+(n / 1e6).toPrecision(3)} million`;
  if (a < 1e4) return count(n);
  return a >= 1e8 ? `${+(n / 1e8).toPrecision(3)} 亿` : `${+(n / 1e4).toPrecision(3)} 万`;
}

/** A count with its noun, singular for one: plural(1, 'batch', 'batches') → "1 batch", plural(3, …) → "3 batches". */
export function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Bytes in binary units (KiB = 1024 B): 24 → "24 B", 417792 → "408 KiB", 4194304 → "4 MiB". */
export function bytes(b: number): string {
  if (!ok(b)) return DASH;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = b;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${u === 0 ? Math.round(v) : sig(v, Math.abs(v) < 10 ? 2 : 3)} ${units[u]}`;
}

/**
 * A bandwidth in decimal units, as papers and vendors state them (1 GB/s = 10⁹ bytes per second):
 * 1e9 → "1 GB/s", 4.5e8 → "450 MB/s", 67.2e9 → "67.2 GB/s".
 */
export function bandwidth(bytesPerSecond: number): string {
  if (!ok(bytesPerSecond)) return DASH;
  const units = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s'];
  let v = bytesPerSecond;
  let u = 0;
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000;
    u += 1;
  }
  return `${sig(v)} ${units[u]}`;
}

/** A duration given in milliseconds: 0.0041 → "4.1 µs", 1.234 → "1.23 ms", 2345 → "2.35 s". */
export function duration(ms: number): string {
  if (!ok(ms)) return DASH;
  if (ms === 0) return '0 ms';
  const a = Math.abs(ms);
  if (a < 1) return `${sig(ms * 1000)} µs`;
  if (a < 1000) return `${sig(ms)} ms`;
  return `${sig(ms / 1000)} s`;
}

/** A plain decimal with a fixed number of digits after the point: decimal(1.5) → "1.50", decimal(2.345, 1) → "2.3". */
export function decimal(v: number, digits = 2): string {
  return ok(v) ? (Math.round(v * 10 ** digits) / 10 ** digits + 0).toFixed(digits) : DASH;
}

/**
 * An axis tick as a plain number, never with an SI suffix (d3's "100m" reads as 100 million): 0.1 → "0.1",
 * 0.001 → "0.001", 2500 → "2,500", 1e6 → "1,000,000". Pass it as Plot's tickFormat for ratio and rate axes.
 */
export function tick(v: number): string {
  if (!ok(v)) return DASH;
  return sig(v, 3).toLocaleString('en-US', { maximumFractionDigits: 12 });
}

/** A ratio: 3.2412 → "3.24×". */
export function times(x: number, digits = 3): string {
  return ok(x) ? `${sig(x, digits)}×` : DASH;
}

/** A rate per second: 123.4 → "123 tokens/s". */
export function perSecond(v: number, unit = 'tokens'): string {
  if (v === Infinity) return `∞ ${unit}/s`;
  return ok(v) ? `${count(Math.round(v))} ${unit}/s` : DASH;
}

/** A token as a chip shows it: spaces as "·", line breaks as "↵", tabs as "⇥", so every byte is visible ("∅" if empty). */
export function tokenChip(text: string): string {
  return text.replace(/ /g, '·').replace(/\r?\n/g, '↵').replace(/\t/g, '⇥').replace(/\r/g, '␍') || '∅';
}

/** A readable form of one token for captions: its chip text in double quotes: " the\n" → "·the↵" (quoted). */
export function token(text: string): string {
  return `"${tokenChip(text)}"`;
}

/** A token quoted for prose: ' whale', with line breaks written as \n. */
export function tokenQuote(text: string): string {
  return `'${text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** A probability for people: 0.3141 → "0.31", 0.0042 → "0.004", 0 → "0". */
export function probability(p: number): string {
  if (!(p > 0)) return '0';
  if (p >= 0.01) return p.toFixed(2);
  return String(+p.toPrecision(1));
}

/** A change with its sign, fixed digits: signedDecimal(0.01234, 4) → "+0.0123", -0.5 → "−0.50" (a real minus). */
export function signedDecimal(v: number, digits = 2): string {
  if (!ok(v)) return DASH;
  return `${v < 0 ? '−' : '+'}${decimal(Math.abs(v), digits)}`;
}

/** A loss in nats per token, as every widget prints one: 3.41723 → "3.4172 nats/token". */
export function nats(loss: number, digits = 4, lang: Lang = 'en'): string {
  return ok(loss) ? `${decimal(loss, digits)} ${lang === 'zh' ? '奈特/词元' : 'nats/token'}` : DASH;
}

/** A number in text with at most `digits` decimals, trailing zeros dropped: 1.5 → "1.5", 0.125 → "0.13", -2 → "−2". */
export function short(v: number, digits = 2): string {
  return ok(v) ? numberValue(v, digits).replace('-', '−') : DASH;
}

/**
 * A number as a value for machines: an <input type="number">'s value, TeX source, a data- attribute. At most
 * `digits` decimals, trailing zeros dropped, ASCII minus: 1.5 → "1.5", -2.25 → "-2.25" ("" if not finite).
 */
export function numberValue(v: number, digits = 2): string {
  if (!ok(v)) return '';
  const f = 10 ** digits;
  return String(Math.round(v * f) / f + 0);
}
