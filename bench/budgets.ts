// Bundle budgets (bench/budgets.json): which set is enforced, and the check of one entry.
import { readFileSync } from 'node:fs';

export interface Budgets {
  enforce: 'ceilings' | 'goals';
  goals: Record<string, number>;
  ceilings: Record<string, number>;
}

/** Reads bench/budgets.json; BUNDLE_BUDGET=goals|ceilings overrides its `enforce`. */
export function loadBudgets(file = new URL('./budgets.json', import.meta.url)): Budgets {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Budgets;
  const override = process.env.BUNDLE_BUDGET;
  if (override !== undefined && override !== 'goals' && override !== 'ceilings') throw new Error(`BUNDLE_BUDGET must be "goals" or "ceilings", not "${override}"`);
  const enforce = (override as Budgets['enforce'] | undefined) ?? raw.enforce;
  if (enforce !== 'goals' && enforce !== 'ceilings') throw new Error(`budgets.json: enforce must be "goals" or "ceilings"`);
  return { enforce, goals: raw.goals ?? {}, ceilings: raw.ceilings ?? {} };
}

/** The enforced budget of an entry: its goal when goals are enforced and it has one, else its ceiling. */
export function budgetOf(b: Budgets, entry: string): number | undefined {
  return (b.enforce === 'goals' ? b.goals[entry] : undefined) ?? b.ceilings[entry];
}

/** One entry against its budgets: a cell for the table and, when over, a failure line. */
export function checkBudget(b: Budgets, entry: string, gzip: number): { cell: string; goalCell: string; failure?: string } {
  const limit = budgetOf(b, entry);
  const goal = b.goals[entry];
  const goalCell = goal === undefined ? '' : gzip <= goal ? `${goal} ✓` : `${goal} (+${gzip - goal})`;
  if (limit === undefined) return { cell: '', goalCell };
  if (gzip <= limit) return { cell: `${limit} ✓`, goalCell };
  return { cell: `${limit} OVER`, goalCell, failure: `FAIL: "${entry}" is ${gzip} B gzip, ${gzip - limit} B over its budget of ${limit} B (${b.enforce}, bench/budgets.json).` };
}
