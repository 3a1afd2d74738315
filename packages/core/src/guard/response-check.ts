/**
 * Cognito's answers checked field by field where they enter core, so a wrong type from a
 * broken proxy, a hostile server or a custom transport ends in a typed
 * `UnexpectedCognitoResponse` naming the field, never in a TypeError deeper in.
 * @module
 */
import { AuthError } from '../errors.js';
import { checkWith, is, list, opt, record, shape, text, type Check } from './shape.js';

// 3072-bit SRP values are 768 hex digits; allow leading zeros, refuse megabytes.
const MAX_SRP_HEX = 1024;

/** The error for a field of Cognito's answer that core cannot use. */
export function unexpectedField(operation: string, field: string): AuthError {
  return new AuthError('UnexpectedCognitoResponse', `${operation}: Cognito's answer has an invalid ${field}.`, {
    kind: 'service',
    recoverySuggestion: 'Sign in again; if it persists, check what answers at the user pool endpoint.',
    metadata: { operation, field },
  });
}

// Absent and null fields pass (some proxies send nulls).
const maybe = (check: Check) => opt(check, 1);
const str = maybe(text());

/** The fields core reads, in the order they are checked. */
const ANSWER = shape({
  ChallengeName: maybe(is((v) => typeof v === 'string' && /^[A-Za-z][\w-]{0,127}$/.test(v))),
  Session: str,
  // Strings, or lists of strings as moto sends some.
  ChallengeParameters: maybe(record((v, f) => (Array.isArray(v) ? list(text(0, 1024)) : text())(v, f), 100)),
  AvailableChallenges: maybe(list(text(0, 128))),
  AuthenticationResult: maybe(
    shape({ AccessToken: str, IdToken: str, RefreshToken: str, TokenType: str, ExpiresIn: maybe(is(Number.isFinite)), NewDeviceMetadata: maybe(shape({ DeviceKey: str, DeviceGroupKey: str })) }),
  ),
  CodeDeliveryDetails: maybe(shape({ DeliveryMedium: str, Destination: str, AttributeName: str })),
  UserSub: str,
  SecretCode: str,
  Status: str,
  Username: str,
  UserConfirmed: maybe(is((v) => typeof v === 'boolean')),
});

/** An SRP value core cannot compute with: `SrpError`, as the SRP code names it, with the field. */
function srpField(operation: string, key: string): AuthError {
  return new AuthError('SrpError', `SRP: ${key} in Cognito's PASSWORD_VERIFIER is missing or invalid.`, {
    kind: 'service',
    recoverySuggestion: 'Start the sign-in again; if it persists, the server answered an invalid SRP challenge.',
    metadata: { operation, field: `ChallengeParameters.${key}` },
  });
}

/** PASSWORD_VERIFIER's SRP values: present, non-zero hex of sane size; SECRET_BLOCK base64. */
function srpParameters(op: string, p: Record<string, unknown>): void {
  for (const key of ['SRP_B', 'SALT']) {
    const v = p[key];
    if (typeof v !== 'string' || !/^[0-9a-fA-F]+$/.test(v) || v.length > MAX_SRP_HEX || /^0+$/.test(v)) throw srpField(op, key);
  }
  if (typeof p.SECRET_BLOCK !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(p.SECRET_BLOCK)) throw srpField(op, 'SECRET_BLOCK');
}

/**
 * Checks the fields of a Cognito answer that core reads; throws `UnexpectedCognitoResponse`
 * (kind `service`, `metadata.field`) for the first one it cannot use, or `SrpError` for an
 * unusable PASSWORD_VERIFIER. Fields core does not read pass untouched.
 */
export function checkCognitoAnswer(operation: string, output: unknown): asserts output is Record<string, any> {
  // Only the top-level object check fails with the empty path: the answer itself is no object.
  checkWith(ANSWER, output, (field) => unexpectedField(operation, field || 'the answer'));
  // ANSWER made the answer an object and ChallengeParameters an object, null or absent.
  const { ChallengeName, ChallengeParameters } = output as Record<string, any>;
  if (ChallengeName === 'PASSWORD_VERIFIER' || ChallengeName === 'DEVICE_PASSWORD_VERIFIER') {
    srpParameters(operation, ChallengeParameters ?? {});
  }
}
