/**
 * Builders for core's own errors, so every throw site names its error the same way.
 * @module
 */
import { AuthError, isAuthError } from './errors.js';
import { safeCause } from './transport/errors.js';
import { safeNameOf } from './guard/redact.js';

/** A local check failed; nothing was sent. */
export function validationError(name: string, message: string, metadata?: Record<string, unknown>): AuthError {
  return new AuthError(name, message, { kind: 'validation', metadata });
}

/** createAuth options or plugins are wrong. */
export function configError(name: string, message: string, metadata?: Record<string, unknown>): AuthError {
  return new AuthError(name, message, { kind: 'config', metadata });
}

const SIGN_IN_AGAIN = 'Sign in again: the sign-in session cannot continue.';

/** The flow's Cognito session expired by core's own clock: nothing was sent. */
export function sessionExpired(cause?: unknown, metadata?: Record<string, unknown>): AuthError {
  return new AuthError('SignInSessionExpired', 'The sign-in session has expired.', {
    kind: 'session',
    recoverySuggestion: SIGN_IN_AGAIN,
    cause,
    metadata,
  });
}

/**
 * Cognito no longer accepts the session (expired, used once, or ended by a custom-auth
 * failAuthentication). Keeps Cognito's name and message (`NotAuthorizedException`), as
 * Amplify apps expect, with kind `session`.
 */
export function sessionInvalid(cause: AuthError, metadata?: Record<string, unknown>): AuthError {
  // Keeps what the transport learnt (e.g. earlierAttemptMayHaveReachedCognito after a lost answer).
  const merged = cause.metadata || metadata ? { ...cause.metadata, ...metadata } : undefined;
  return new AuthError(cause.name, cause.message, {
    kind: 'session',
    recoverySuggestion: SIGN_IN_AGAIN,
    cause,
    metadata: merged,
  });
}

/**
 * Turns anything thrown into an AuthError. Foreign errors keep their name but neither their
 * message nor their cause (a custom transport's, hook's or plugin's error might echo a
 * request body): the cause is cut down to the name and a Node error code.
 */
export function toAuthError(err: unknown): AuthError {
  if (isAuthError(err)) return err;
  return new AuthError(safeNameOf(err), 'An unexpected error happened while talking to Cognito.', { kind: 'network', cause: safeCause(err) });
}
