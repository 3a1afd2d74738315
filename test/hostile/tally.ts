// Counts hostile cases per group for the closing note: how many ended in a typed AuthError
// or a handled step, and how many left the flow answerable where Cognito would.
import { isAuthError } from '@nextstep/core';

export type Outcome = 'typed-error' | 'handled-step' | 'untyped';

interface Row {
  group: string;
  outcome: Outcome;
  answerable?: boolean;
}

const rows: Row[] = [];

/** Classifies what a call settled to: a flow/step, a typed AuthError, or anything else. */
export function outcomeOf(settled: { ok: true } | { ok: false; error: unknown }): Outcome {
  if (settled.ok) return 'handled-step';
  return isAuthError(settled.error) && !['TypeError', 'SyntaxError', 'RangeError', 'ReferenceError'].includes(settled.error.name) ? 'typed-error' : 'untyped';
}

export function record(group: string, outcome: Outcome, answerable?: boolean): void {
  rows.push({ group, outcome, ...(answerable === undefined ? {} : { answerable }) });
}

export function summary(): string {
  const groups = [...new Set(rows.map((r) => r.group))];
  return groups
    .map((g) => {
      const rs = rows.filter((r) => r.group === g);
      const good = rs.filter((r) => r.outcome !== 'untyped').length;
      const judged = rs.filter((r) => r.answerable !== undefined);
      const answerable = judged.filter((r) => r.answerable).length;
      return `${g}: ${rs.length} cases, ${good} typed AuthError or handled step${judged.length ? `, ${answerable}/${judged.length} answerable where Cognito would be` : ''}`;
    })
    .join('\n');
}

export async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
