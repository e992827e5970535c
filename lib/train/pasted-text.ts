// A reader's own text to train on (the LoRA trainer in the browser): how much it needs, how much it uses, and the end
// it keeps aside to measure held-out loss. No tfjs here, so the widget that states these limits can import them.

export const PASTED_TEXT = {
  /** Fewer characters than this are refused. */
  minChars: 2000,
  /** Characters past this are dropped, with a note. */
  maxChars: 200_000,
  /** The end of the text kept aside for the held-out loss, as a share of it. */
  heldOutShare: 0.1,
};

/**
 * Splits pasted text (trimmed, cut to PASTED_TEXT.maxChars with a note) into its training part and its last
 * heldOutShare. Throws a reader-facing Error when it is shorter than PASTED_TEXT.minChars.
 */
export function splitPastedText(raw: string): { train: string; validation: string; notes: string[] } {
  const { minChars, maxChars, heldOutShare } = PASTED_TEXT;
  const chars = (n: number) => n.toLocaleString('en-US');
  let t = raw.trim();
  if (t.length < minChars)
    throw new Error(
      `Paste at least ${chars(minChars)} characters of text (you pasted ${chars(t.length)}); the last ${heldOutShare * 100}% is kept aside to measure held-out loss.`,
    );
  const notes: string[] = [];
  if (t.length > maxChars) {
    notes.push(`Your text has ${chars(t.length)} characters; the first ${chars(maxChars)} are used.`);
    t = t.slice(0, maxChars);
  }
  const cut = Math.floor(t.length * (1 - heldOutShare));
  return { train: t.slice(0, cut), validation: t.slice(cut), notes };
}
