/**
 * The sign-up waiting to be signed in by `autoSignIn` (one per Auth): its username and the
 * Session Cognito returned. Written by signUp / confirmSignUp, taken once by autoSignIn.
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

const PENDING = new WeakMap<Engine, PendingSignUp>();

/** @internal signUp asked for autoSignIn. */
export function rememberSignUp(engine: Engine, username: string, session: string | undefined, confirmed: boolean, options: AutoSignInOptions): void {
  PENDING.set(engine, { username, session, confirmed, options });
}

/** @internal ConfirmSignUp succeeded: true when an autoSignIn now waits for this user. */
export function signUpConfirmed(engine: Engine, username: string, session: string | undefined): boolean {
  const pending = PENDING.get(engine);
  if (!pending || pending.username !== username) return false;
  pending.session = session ?? pending.session;
  pending.confirmed = true;
  return true;
}

/** @internal The Session to send with ConfirmSignUp, when this user's sign-up is pending. */
export function pendingSession(engine: Engine, username: string): string | undefined {
  const pending = PENDING.get(engine);
  return pending && pending.username === username ? pending.session : undefined;
}

/** @internal Takes the confirmed sign-up (once). */
export function takeSignUp(engine: Engine): PendingSignUp | undefined {
  const pending = PENDING.get(engine);
  if (!pending?.confirmed) return undefined;
  PENDING.delete(engine);
  return pending;
}
