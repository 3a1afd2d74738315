/**
 * Local checks shared by core's steps and available to plugins: they throw an
 * {@link AuthError} of kind `validation` before anything is sent.
 * @module
 */
import { AuthError } from './errors.js';
import { validationError } from './fail.js';
import type { StepAnswer } from './types.js';

/** The answer as a trimmed string; throws when it is not a non-empty string. */
export function answerText(answer: StepAnswer | undefined, what = 'answer'): string {
  if (typeof answer !== 'string' || answer.trim() === '') {
    throw validationError('EmptyChallengeResponse', `The ${what} is empty.`);
  }
  return answer.trim();
}

/**
 * Checks a one-time code: digits only, `minLength`..`maxLength` long (6 to 8 by default,
 * Cognito's MFA, OTP and confirmation codes). Returns the trimmed code. `emptyName` names
 * the error for an empty code (Amplify's names differ per operation).
 */
export function assertCode(
  answer: StepAnswer | undefined,
  what = 'code',
  minLength = 6,
  maxLength = 8,
  emptyName = 'EmptyConfirmationCode',
): string {
  if (answer === undefined || (typeof answer === 'string' && answer.trim() === '')) {
    throw validationError(emptyName, `The ${what} is empty.`);
  }
  if (typeof answer !== 'string') throw validationError('InvalidConfirmationCode', `The ${what} must be a string of digits.`);
  const code = answer.trim();
  if (!/^\d+$/.test(code) || code.length < minLength || code.length > maxLength) {
    const length = minLength === maxLength ? `${minLength}` : `${minLength} to ${maxLength}`;
    throw validationError('InvalidConfirmationCode', `The ${what} must be ${length} digits.`);
  }
  return code;
}

/**
 * Checks that an answer can be a one-time code of one of the allowed `lengths`, so a typo
 * costs no Cognito call (and no failed-attempt count). Returns the trimmed code; the code
 * itself never reaches the message. Used by the SMS, TOTP and email plugins.
 */
export function checkCode(answer: unknown, lengths: readonly number[], what: string): string {
  const describe = `${lengths.join(' or ')} digits`;
  if (typeof answer !== 'string' || answer.trim() === '') {
    throw new AuthError('EmptyConfirmationCode', `Enter the ${what}.`, {
      kind: 'validation',
      recoverySuggestion: `Type the ${describe} code you received.`,
    });
  }
  const code = answer.trim();
  if (!/^\d+$/.test(code) || !lengths.includes(code.length)) {
    throw new AuthError('InvalidConfirmationCode', `The ${what} must be ${describe}.`, {
      kind: 'validation',
      recoverySuggestion: 'Check the code and type it again, digits only.',
      metadata: { expectedLengths: [...lengths], receivedLength: code.length },
    });
  }
  return code;
}
