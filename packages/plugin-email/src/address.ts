import { AuthError } from '@nextstep/core';

/**
 * Checks locally that an answer looks like an email address Cognito will accept for
 * EMAIL_OTP setup: one `@`, a non-empty local part, a dotted domain, no spaces, at most
 * 254 characters. Deliberately not a full RFC 5322 parser: the code Cognito sends is the real
 * proof. The address never appears in the message (it is personal data).
 */
export function checkEmailAddress(answer: unknown): string {
  if (typeof answer !== 'string' || answer.trim() === '') {
    throw new AuthError('EmptyChallengeResponse', 'Enter an email address.', {
      kind: 'validation',
      recoverySuggestion: 'Type the address where the sign-in codes should go.',
    });
  }
  const address = answer.trim();
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const ok =
    address.length <= 254 &&
    at > 0 &&
    local.length <= 64 &&
    !/\s/.test(address) &&
    !local.includes('@') &&
    /^[^.@][^@]*\.[A-Za-z0-9-]{2,}$/.test(domain) &&
    !domain.includes('..');
  if (!ok) {
    throw new AuthError('InvalidEmailAddress', 'That does not look like an email address.', {
      kind: 'validation',
      recoverySuggestion: 'Check the address, e.g. name@example.com.',
    });
  }
  return address;
}
