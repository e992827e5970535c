// Statistics shared across lib: one definition of each, so two measurements of "the median" agree.

/** The median: the middle value, or the mean of the two middle values for an even count; NaN for none. */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  const s = Array.from(values).sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
