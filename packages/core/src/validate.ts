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

/** "6 digits", "6 or 8 digits", "6 to 8 digits". */
function describeLengths(lengths: readonly number[]): string {
  const sorted = [...lengths].sort((a, b) => a - b);
  const contiguous = sorted.length > 2 && sorted.every((n, i) => i === 0 || n === sorted[i - 1]! + 1);
  return `${contiguous ? `${sorted[0]} to ${sorted.at(-1)}` : sorted.join(' or ')} digits`;
}

/**
 * The one code checker: an answer must be a one-time code of one of the allowed `lengths`
 * (digits only), so a typo costs no Cognito call (and no failed-attempt count). Returns the
 * trimmed code; the code itself never reaches the message. `emptyName` names the error for a
 * missing code (Amplify's names differ per operation); a malformed one is
 * `InvalidConfirmationCode`.
 */
export function checkCode(answer: unknown, lengths: readonly number[], what: string, emptyName = 'EmptyConfirmationCode'): string {
  const describe = describeLengths(lengths);
  if (answer === undefined || answer === null || (typeof answer === 'string' && answer.trim() === '')) {
    throw new AuthError(emptyName, `Enter the ${what}.`, {
      kind: 'validation',
      recoverySuggestion: `Type the ${describe} code you received.`,
    });
  }
  const code = typeof answer === 'string' ? answer.trim() : '';
  if (!/^\d+$/.test(code) || !lengths.includes(code.length)) {
    throw new AuthError('InvalidConfirmationCode', `The ${what} must be ${describe}.`, {
      kind: 'validation',
      recoverySuggestion: 'Check the code and type it again, digits only.',
      metadata: { expectedLengths: [...lengths], receivedLength: code.length },
    });
  }
  return code;
}

/** Cognito's confirmation and reset codes: 6 to 8 digits. */
export const CONFIRMATION_CODE_LENGTHS: readonly number[] = [6, 7, 8];
