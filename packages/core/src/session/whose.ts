/**
 * Which user a session call works on. Never "the latest user" on a server: an Auth with
 * `sessions: 'many'` needs the user id, unless it is a per-request view (`withStore`).
 * @module
 */
import { AuthError } from '../errors.js';
import type { Engine } from '../engine.js';
import { validationError } from '../fail.js';
import { validSession } from './refresh.js';
import type { StoredSession, UserSelector } from './types.js';

/** The user id the call names, or the store's only user; undefined when nobody is signed in. */
export async function whose(engine: Engine, selector: UserSelector | undefined): Promise<string | undefined> {
  const named = selector?.userId;
  if (named !== undefined) {
    if (typeof named !== 'string' || named.trim() === '') throw validationError('InvalidUserId', 'userId must be a non-empty string (the user\u2019s sub).');
    return named;
  }
  const { mode, scoped, store } = engine.session;
  if (mode === 'many' && !scoped) {
    throw validationError('UserIdRequired', 'This Auth holds many users (sessions: "many"): pass userId, or use auth.withStore(store) per request.');
  }
  const ids = await store.list();
  if (ids.length > 1) throw validationError('AmbiguousUser', 'The store holds several users: pass userId.');
  return ids[0];
}

/** Amplify's error for a call that needs a signed-in user. */
export function unauthenticated(): AuthError {
  return new AuthError('UserUnAuthenticatedException', 'User needs to be authenticated to call this API.', {
    kind: 'validation',
    recoverySuggestion: 'Sign in before calling this API again.',
  });
}

/** The named (or only) user's session with valid tokens; UserUnAuthenticatedException when none. */
export async function requireSession(engine: Engine, selector: UserSelector | undefined, force = false): Promise<StoredSession> {
  const userId = await whose(engine, selector);
  const record = userId === undefined ? undefined : await validSession(engine, userId, force);
  if (!record) throw unauthenticated();
  return record;
}
