/**
 * Local checks shared by core's steps and available to plugins: they throw an
 * {@link AuthError} of kind `validation` before anything is sent.
 * @module
 */
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
