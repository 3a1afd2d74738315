/**
 * UsernameConfiguration.CaseSensitive: with false, Cognito matches user names and alias
 * attributes (email, phone number, preferred_username) in any case, so "Alice" signs in as
 * "alice" and cannot sign up beside her. Names are kept as first given.
 */
import type { Pool } from './model.js';

/** Whether the pool matches names in any case (CaseSensitive false; Cognito's API default is true). */
export function caseInsensitive(pool: Pool): boolean {
  return (pool.settings.kept.UsernameConfiguration as { CaseSensitive?: unknown } | undefined)?.CaseSensitive === false;
}

/** Whether two names (or alias values) are the same in this pool. */
export function sameName(pool: Pool, a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return a === b || (caseInsensitive(pool) && a.toLowerCase() === b.toLowerCase());
}
