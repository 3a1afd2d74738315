/** One section of `npm run bench`: a table, printed as markdown, plus notes (ratios, caveats). */
export interface BenchSection {
  title: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}
