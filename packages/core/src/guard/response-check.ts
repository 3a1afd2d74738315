/**
 * Cognito's answers checked field by field where they enter core, so a wrong type from a
 * broken proxy, a hostile server or a custom transport ends in a typed
 * `UnexpectedCognitoResponse` naming the field, never in a TypeError deeper in.
 * @module
 */
import { AuthError } from '../errors.js';

const MAX_TEXT = 64 * 1024;
const MAX_ENTRIES = 100;
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

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The shape of the fields core reads: `s` a string, `n` a challenge name, `#` a finite
 * number, `b` a boolean, `l` a list of strings, `p` ChallengeParameters (strings, or lists
 * of strings as moto sends some), an object a nested shape. Absent and null fields pass.
 */
type Rule = 's' | 'n' | '#' | 'b' | 'l' | 'p' | { readonly [key: string]: Rule };
const ANSWER: Rule = {
  ChallengeName: 'n',
  Session: 's',
  ChallengeParameters: 'p',
  AvailableChallenges: 'l',
  AuthenticationResult: { AccessToken: 's', IdToken: 's', RefreshToken: 's', TokenType: 's', ExpiresIn: '#', NewDeviceMetadata: { DeviceKey: 's', DeviceGroupKey: 's' } },
  CodeDeliveryDetails: { DeliveryMedium: 's', Destination: 's', AttributeName: 's' },
  UserSub: 's',
  SecretCode: 's',
  Status: 's',
  Username: 's',
  UserConfirmed: 'b',
};

const text = (v: unknown, max = MAX_TEXT) => typeof v === 'string' && v.length <= max;

function check(op: string, field: string, value: unknown, rule: Rule): void {
  if (value === undefined || value === null) return;
  const bad = () => unexpectedField(op, field);
  if (typeof rule === 'object') {
    if (!isObject(value)) throw bad();
    for (const key of Object.keys(rule)) check(op, field ? `${field}.${key}` : key, value[key], rule[key]!);
    return;
  }
  if (rule === 'l' || rule === 'p') {
    const entries = rule === 'l' ? (Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v] as const) : undefined) : isObject(value) ? Object.entries(value).map(([k, v]) => [`.${k}`, v] as const) : undefined;
    if (!entries || entries.length > MAX_ENTRIES) throw bad();
    for (const [key, v] of entries) {
      if (rule === 'p' && Array.isArray(v) && v.length <= MAX_ENTRIES) {
        v.forEach((x, i) => {
          if (!text(x, 1024)) throw unexpectedField(op, `${field}${key}[${i}]`);
        });
      } else if (!text(v, rule === 'l' ? 128 : MAX_TEXT)) throw unexpectedField(op, `${field}${key}`);
    }
    return;
  }
  const ok = rule === 's' ? text(value) : rule === 'n' ? typeof value === 'string' && /^[A-Za-z][\w-]{0,127}$/.test(value) : rule === '#' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'boolean';
  if (!ok) throw bad();
}

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
  if (!isObject(output)) throw unexpectedField(operation, 'the answer');
  check(operation, '', output, ANSWER);
  if (output.ChallengeName === 'PASSWORD_VERIFIER' || output.ChallengeName === 'DEVICE_PASSWORD_VERIFIER') {
    srpParameters(operation, isObject(output.ChallengeParameters) ? output.ChallengeParameters : {});
  }
}
