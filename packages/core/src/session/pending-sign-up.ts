/**
 * Sign-ups waiting to be signed in by `autoSignIn`: their username and the Session Cognito
 * returned. Written by signUp / confirmSignUp, taken once by autoSignIn. Kept per app client
 * (an Auth and its `withStore` views share them) and per username, so a server's concurrent
 * sign-ups do not mix.
 * @module
 */
import type { Engine } from '../engine.js';
import type { AutoSignInOptions } from '../types.js';

interface PendingSignUp {
  readonly username: string;
  /** The latest Session of SignUp or ConfirmSignUp. */
  session: string | undefined;
  /** True once ConfirmSignUp succeeded (or SignUp auto-confirmed). */
  confirmed: boolean;
  readonly options: AutoSignInOptions;
}

// Keyed by the userPool object, which an Auth and its views share; insertion order = age.
const PENDING = new WeakMap<object, Map<string, PendingSignUp>>();

function pendingOf(engine: Engine): Map<string, PendingSignUp> {
  let map = PENDING.get(engine.userPool);
  if (!map) PENDING.set(engine.userPool, (map = new Map()));
  return map;
}

/** @internal signUp asked for autoSignIn. */
export function rememberSignUp(engine: Engine, username: string, session: string | undefined, confirmed: boolean, options: AutoSignInOptions): void {
  const map = pendingOf(engine);
  map.delete(username);
  map.set(username, { username, session, confirmed, options });
}

/** @internal ConfirmSignUp succeeded: true when an autoSignIn now waits for this user. */
export function signUpConfirmed(engine: Engine, username: string, session: string | undefined): boolean {
  const pending = pendingOf(engine).get(username);
  if (!pending) return false;
  pending.session = session ?? pending.session;
  pending.confirmed = true;
  return true;
}

/** @internal The Session to send with ConfirmSignUp, when this user's sign-up is pending. */
export function pendingSession(engine: Engine, username: string): string | undefined {
  return pendingOf(engine).get(username)?.session;
}

/**
 * @internal Takes a confirmed sign-up (once): the named user's, or without a name the most
 * recently confirmed one.
 */
export function takeSignUp(engine: Engine, username?: string): PendingSignUp | undefined {
  const map = pendingOf(engine);
  let pending: PendingSignUp | undefined;
  if (username !== undefined) pending = map.get(username);
  else for (const p of map.values()) if (p.confirmed) pending = p;
  if (!pending?.confirmed) return undefined;
  map.delete(pending.username);
  return pending;
}
