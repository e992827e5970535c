// Plain data for SpecTree: the running counters. The words that tell a step are in text.ts.

export interface Totals {
  passes: number;
  tokens: number;
}
