import { AuthError } from '@nextstep/core/plugin';
import type { ConfirmSignInOptions, StepAnswer } from '@nextstep/core/plugin';

/** The response key that marks an answer as a resend request rather than a code. */
const RESEND_KEY = 'nextstep:resend';

/**
 * The answer that asks the SMS plugin for a new code instead of confirming one.
 * Prefer {@link resendSmsCode}; this constant exists for prompters that only return answers.
 */
export const RESEND_SMS_CODE: StepAnswer = /* @__PURE__ */ Object.freeze({
  // Pure and with a literal key (RESEND_KEY), so bundlers drop it from apps that never use it.
  challengeResponses: /* @__PURE__ */ Object.freeze({ 'nextstep:resend': 'SMS' }),
}) as StepAnswer;

/** True when an answer is {@link RESEND_SMS_CODE} (or an equal object, e.g. after JSON). */
export function isResendRequest(answer: StepAnswer | undefined): boolean {
  return typeof answer === 'object' && answer !== null && answer.challengeResponses?.[RESEND_KEY] === 'SMS';
}

/** The part of a flow {@link resendSmsCode} needs: its `confirm`. */
export interface ConfirmableFlow<R> {
  /** Answers the flow's step (`flow.confirm`). */
  confirm(answer: StepAnswer, options?: ConfirmSignInOptions): Promise<R>;
}

/** Credentials for {@link resendSmsCode}. */
export interface ResendSmsCodeOptions {
  /**
   * The password, supplied again. Required when the code came after a password (SMS_MFA),
   * unless the flow still holds it in memory; not used for passwordless SMS_OTP.
   */
  password?: string;
}

/**
 * Gets a new SMS code for a flow waiting at `CONFIRM_SIGN_IN_WITH_SMS_CODE`.
 *
 * Cognito has no "resend" for sign-in codes, so this **starts the sign-in again**: a new
 * InitiateAuth with the flow's original input (and the password for SMS_MFA), which makes
 * Cognito send a new SMS and issue a new Session. The old code and the old Session stop
 * working. It costs one InitiateAuth (plus the SRP round trip for USER_SRP_AUTH) and one SMS;
 * if the sign-in asks other questions before the SMS code (e.g. MFA selection), the flow
 * stops at those again.
 *
 * @returns whatever `flow.confirm` returns (the flow, now at the next step).
 * @throws AuthError `PasswordRequiredForResend` (kind `validation`) when SMS_MFA needs the
 * password and none is available; `NotOnSmsCodeStep` when the flow is at another step.
 */
export function resendSmsCode<R>(flow: ConfirmableFlow<R>, options: ResendSmsCodeOptions = {}): Promise<R> {
  return flow.confirm(RESEND_SMS_CODE, options.password === undefined ? {} : { password: options.password });
}

/** The validation error when a resend of an SMS_MFA code lacks the password. */
export function passwordRequired(): AuthError {
  return new AuthError(
    'PasswordRequiredForResend',
    'A new SMS code needs the password again: Cognito sends a new code only when the sign-in starts over.',
    { kind: 'validation', recoverySuggestion: 'Ask the user for the password and call resendSmsCode(flow, { password }).' },
  );
}
