/**
 * Wrong-code counting for ConfirmSignUp, ConfirmForgotPassword and VerifyUserAttribute.
 * Cognito stops guessing: after {@link MAX_CODE_ATTEMPTS} wrong codes the code is spent —
 * LimitExceededException "Attempt limit exceeded, please try after some time." for
 * {@link LIMIT_WINDOW_MS}, ExpiredCodeException afterwards, the right code included —
 * until a new code is sent (ResendConfirmationCode, ForgotPassword, GetUserAttributeVerificationCode).
 */
import { timingSafeEqual } from 'node:crypto';
import { CognitoError, errors } from './errors.js';
import type { PendingCode } from './model.js';

/** Wrong codes a pending code takes before it is spent. */
export const MAX_CODE_ATTEMPTS = 5;
/** How long a spent code answers LimitExceededException. */
export const LIMIT_WINDOW_MS = 15 * 60_000;

function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks `given` against a pending code at `now`, counting a wrong one. */
export function checkPendingCode(pending: PendingCode | undefined, given: string, now: number): void {
  if (!pending) throw errors.codeMismatch('Invalid verification code provided, please try again.');
  if (pending.spentAt !== undefined) {
    if (now - pending.spentAt < LIMIT_WINDOW_MS) throw new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    throw errors.expiredCode();
  }
  if (!sameCode(pending.code, given)) {
    pending.failedAttempts = (pending.failedAttempts ?? 0) + 1;
    if (pending.failedAttempts >= MAX_CODE_ATTEMPTS) {
      pending.spentAt = now;
      throw new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    }
    throw errors.codeMismatch('Invalid verification code provided, please try again.');
  }
  if (pending.expiresAt <= now) throw errors.expiredCode();
}
