/**
 * The typed error of a session that cannot be refreshed any more.
 * @module
 */
import { AuthError, isAuthError } from '../errors.js';
import type { SessionEndReason } from './types.js';

/**
 * A refresh failed for good (refresh token revoked or expired, user deleted or disabled):
 * the session is already removed from the store; sign in again. `name` stays Cognito's
 * (`NotAuthorizedException`, `UserNotFoundException`), kind is `session`.
 */
export class SessionEndedError extends AuthError {
  /** Why the session ended. */
  readonly reason: SessionEndReason;

  constructor(cause: AuthError, reason: SessionEndReason) {
    super(cause.name, `The session ended (${reason}); sign in again.`, {
      kind: 'session',
      cause,
      recoverySuggestion: 'Sign in again.',
      metadata: { sessionEnded: true, reason, ...(cause.metadata ? { serviceError: cause.metadata } : {}) },
    });
    this.reason = reason;
  }
}

/** True when a session call failed because the session ended (also across package copies). */
export function isSessionEnded(error: unknown): error is SessionEndedError {
  return error instanceof SessionEndedError || (isAuthError(error) && error.kind === 'session' && error.metadata?.sessionEnded === true);
}

/** The reason a refresh failure is final, or undefined when it may pass (network, throttling). */
export function endReason(error: AuthError): SessionEndReason | undefined {
  if (error.name === 'NoRefreshToken') return 'expired';
  if (error.name === 'RefreshedAnotherUser') return 'invalid';
  if (error.kind !== 'service') return undefined;
  if (error.name === 'UserNotFoundException') return 'user-deleted';
  // A refresh token rotated out (after its grace period) and used again.
  if (error.name === 'RefreshTokenReuseException') return 'revoked';
  if (error.name !== 'NotAuthorizedException') return undefined;
  if (/does not exist/i.test(error.message)) return 'user-deleted';
  if (/disabled/i.test(error.message)) return 'user-disabled';
  if (/revoked/i.test(error.message)) return 'revoked';
  if (/expired/i.test(error.message)) return 'expired';
  return 'invalid';
}
