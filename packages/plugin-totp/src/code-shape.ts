import { AuthError } from '@nextstep/core';

/**
 * Checks locally that an answer can be a one-time code of one of the allowed lengths, so a
 * typo costs no Cognito call (and no failed-attempt count). The code itself never reaches
 * the message.
 */
export function checkCode(answer: unknown, lengths: readonly number[], what: string): string {
  if (typeof answer !== 'string' || answer.trim() === '') {
    throw new AuthError('EmptyConfirmationCode', `Enter the ${what}.`, {
      kind: 'validation',
      recoverySuggestion: `Type the ${describe(lengths)} code you received.`,
    });
  }
  const code = answer.trim();
  if (!/^\d+$/.test(code) || !lengths.includes(code.length)) {
    throw new AuthError('InvalidConfirmationCode', `The ${what} must be ${describe(lengths)}.`, {
      kind: 'validation',
      recoverySuggestion: 'Check the code and type it again, digits only.',
      metadata: { expectedLengths: [...lengths], receivedLength: code.length },
    });
  }
  return code;
}

function describe(lengths: readonly number[]): string {
  return `${lengths.join(' or ')} digits`;
}
