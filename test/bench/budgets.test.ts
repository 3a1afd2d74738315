import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { budgetOf, checkBudget, loadBudgets } from '../../bench/budgets.js';

function file(content: unknown): URL {
  const dir = mkdtempSync(join(tmpdir(), 'budgets-'));
  const path = join(dir, 'budgets.json');
  writeFileSync(path, JSON.stringify(content));
  return pathToFileURL(path);
}
const sample = { enforce: 'ceilings', goals: { core: 100 }, ceilings: { core: 120, other: 50 } };

afterEach(() => {
  delete process.env.BUNDLE_BUDGET;
});

describe('bundle budgets', () => {
  it('enforces the ceilings today and the goals once switched', () => {
    const today = loadBudgets(file(sample));
    expect(budgetOf(today, 'core')).toBe(120);
    expect(checkBudget(today, 'core', 110).failure).toBeUndefined();
    expect(checkBudget(today, 'core', 121).failure).toMatch(/1 B over its budget of 120/);
    const later = loadBudgets(file({ ...sample, enforce: 'goals' }));
    expect(budgetOf(later, 'core')).toBe(100);
    expect(checkBudget(later, 'core', 110).failure).toMatch(/10 B over/);
    // An entry without a goal keeps its ceiling.
    expect(budgetOf(later, 'other')).toBe(50);
    expect(budgetOf(later, 'unlisted')).toBeUndefined();
  });

  it('BUNDLE_BUDGET overrides the file, and nonsense is refused', () => {
    process.env.BUNDLE_BUDGET = 'goals';
    expect(loadBudgets(file(sample)).enforce).toBe('goals');
    process.env.BUNDLE_BUDGET = 'loose';
    expect(() => loadBudgets(file(sample))).toThrow(/BUNDLE_BUDGET/);
    delete process.env.BUNDLE_BUDGET;
    expect(() => loadBudgets(file({ ...sample, enforce: 'never' }))).toThrow(/enforce/);
  });

  it('the committed budgets.json loads, and every goal is below its ceiling', () => {
    const b = loadBudgets();
    expect(b.enforce).toBe('ceilings');
    for (const [entry, goal] of Object.entries(b.goals)) expect(goal).toBeLessThanOrEqual(b.ceilings[entry]!);
  });
});
