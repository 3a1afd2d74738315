/** One section of `npm run bench`: a table, printed as markdown, plus notes (ratios, caveats). */
export interface BenchSection {
  title: string;
  rows: Record<string, string | number>[];
  notes?: string[];
  /** The section's headline figures, each beside its peer from the same run (the README's table). */
  summary?: SummaryRow[];
}

/** One headline figure: ours, the peer's, and ours / peer's, measured in the same run. */
export interface SummaryRow {
  figure: string;
  nextstep: string;
  peer: string;
  ratio: string;
}

/** `p / q` as the README prints ratios, e.g. `0.08×`. */
export function ratio(p: number, q: number, digits = 2): string {
  return `${(p / q).toFixed(digits)}×`;
}
