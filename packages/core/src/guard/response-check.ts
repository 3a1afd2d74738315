/**
 * Cognito's answers checked field by field where they enter core, so a wrong type from a
 * broken proxy, a hostile server or a custom transport ends in a typed
 * `UnexpectedCognitoResponse` naming the field, never in a TypeError deeper in.
 * @module
 */
import { AuthError } from '../errors.js';

const MAX_TEXT = 64 * 1024;
const MAX_PARAMETERS = 100;
const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const NAME = /^[A-Za-z][\w-]{0,127}$/;
// 3072-bit SRP values are 768 hex digits; allow leading zeros, refuse megabytes.
const MAX_SRP_HEX = 1024;

/** The error for a field of Cognito's answer that core cannot use. */
export function unexpectedField(operation: string, field: string, why: string): AuthError {
  return new AuthError('UnexpectedCognitoResponse', `${operation}: Cognito's answer has ${why} in ${field}.`, {
    kind: 'service',
    recoverySuggestion: 'Sign in again; if it persists, check what answers at the user pool endpoint.',
    metadata: { operation, field },
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function text(op: string, field: string, value: unknown, max = MAX_TEXT): void {
  if (typeof value !== 'string') throw unexpectedField(op, field, 'a value that is not a string');
  if (value.length > max) throw unexpectedField(op, field, 'a string too long');
}

function optionalText(op: string, obj: Record<string, unknown>, key: string, prefix: string): void {
  if (obj[key] !== undefined && obj[key] !== null) text(op, `${prefix}${key}`, obj[key]);
}

function stringRecord(op: string, field: string, value: unknown): void {
  if (!isObject(value)) throw unexpectedField(op, field, 'a value that is not an object');
  const entries = Object.entries(value);
  if (entries.length > MAX_PARAMETERS) throw unexpectedField(op, field, 'too many entries');
  for (const [k, v] of entries) {
    // Cognito sends strings; moto sends some lists (MFAS_CAN_SETUP) as JSON lists of strings,
    // which core's list readers take as they are.
    if (Array.isArray(v) && v.length <= MAX_PARAMETERS) v.forEach((x, i) => text(op, `${field}.${k}[${i}]`, x, 1024));
    else text(op, `${field}.${k}`, v);
  }
}

/** An SRP value core cannot compute with: `SrpError`, as the SRP code names it, with the field. */
function srpField(operation: string, key: string, why: string): AuthError {
  return new AuthError('SrpError', `SRP: ${key} in Cognito's PASSWORD_VERIFIER has ${why}.`, {
    kind: 'service',
    recoverySuggestion: 'Start the sign-in again; if it persists, the server answered an invalid SRP challenge.',
    metadata: { operation, field: `ChallengeParameters.${key}` },
  });
}

/** PASSWORD_VERIFIER's SRP values: present, hex (base64 for SECRET_BLOCK), of sane size. */
function srpParameters(op: string, p: Record<string, unknown>): void {
  const unexpectedField = (operation: string, field: string, why: string) => srpField(operation, field.replace('ChallengeParameters.', ''), why);
  const hex = (key: string) => {
    const v = p[key];
    if (typeof v !== 'string' || v === '') throw unexpectedField(op, `ChallengeParameters.${key}`, 'no value');
    if (!HEX.test(v)) throw unexpectedField(op, `ChallengeParameters.${key}`, 'a value that is not hex');
    if (v.length > MAX_SRP_HEX) throw unexpectedField(op, `ChallengeParameters.${key}`, 'a value too long');
    if (/^0+$/.test(v)) throw unexpectedField(op, `ChallengeParameters.${key}`, 'a zero value');
  };
  hex('SRP_B');
  hex('SALT');
  const block = p.SECRET_BLOCK;
  if (typeof block !== 'string' || block === '') throw unexpectedField(op, 'ChallengeParameters.SECRET_BLOCK', 'no value');
  if (!BASE64.test(block)) throw unexpectedField(op, 'ChallengeParameters.SECRET_BLOCK', 'a value that is not base64');
}

/**
 * Checks the fields of a Cognito answer that core reads; throws `UnexpectedCognitoResponse`
 * (kind `service`, `metadata.field`) for the first one it cannot use. Fields core does not
 * read pass untouched.
 */
export function checkCognitoAnswer(operation: string, output: unknown): asserts output is Record<string, any> {
  if (!isObject(output)) throw unexpectedField(operation, 'the answer', 'a value that is not an object');
  const o = output;
  if (o.ChallengeName !== undefined && o.ChallengeName !== null) {
    text(operation, 'ChallengeName', o.ChallengeName);
    if (!NAME.test(o.ChallengeName as string)) throw unexpectedField(operation, 'ChallengeName', 'an invalid name');
  }
  optionalText(operation, o, 'Session', '');
  if (o.ChallengeParameters !== undefined && o.ChallengeParameters !== null) stringRecord(operation, 'ChallengeParameters', o.ChallengeParameters);
  if (o.AvailableChallenges !== undefined && o.AvailableChallenges !== null) {
    if (!Array.isArray(o.AvailableChallenges)) throw unexpectedField(operation, 'AvailableChallenges', 'a value that is not a list');
    if (o.AvailableChallenges.length > MAX_PARAMETERS) throw unexpectedField(operation, 'AvailableChallenges', 'too many entries');
    o.AvailableChallenges.forEach((v, i) => text(operation, `AvailableChallenges[${i}]`, v, 128));
  }
  if (o.AuthenticationResult !== undefined && o.AuthenticationResult !== null) {
    const r = o.AuthenticationResult;
    if (!isObject(r)) throw unexpectedField(operation, 'AuthenticationResult', 'a value that is not an object');
    for (const key of ['AccessToken', 'IdToken', 'RefreshToken', 'TokenType']) optionalText(operation, r, key, 'AuthenticationResult.');
    if (r.ExpiresIn !== undefined && r.ExpiresIn !== null && !(typeof r.ExpiresIn === 'number' && Number.isFinite(r.ExpiresIn))) {
      throw unexpectedField(operation, 'AuthenticationResult.ExpiresIn', 'a value that is not a number');
    }
    if (r.NewDeviceMetadata !== undefined && r.NewDeviceMetadata !== null) {
      if (!isObject(r.NewDeviceMetadata)) throw unexpectedField(operation, 'AuthenticationResult.NewDeviceMetadata', 'a value that is not an object');
      for (const key of ['DeviceKey', 'DeviceGroupKey']) optionalText(operation, r.NewDeviceMetadata, key, 'AuthenticationResult.NewDeviceMetadata.');
    }
  }
  if (o.CodeDeliveryDetails !== undefined && o.CodeDeliveryDetails !== null) {
    const d = o.CodeDeliveryDetails;
    if (!isObject(d)) throw unexpectedField(operation, 'CodeDeliveryDetails', 'a value that is not an object');
    for (const key of ['DeliveryMedium', 'Destination', 'AttributeName']) optionalText(operation, d, key, 'CodeDeliveryDetails.');
  }
  for (const key of ['UserSub', 'SecretCode', 'Status', 'Username']) optionalText(operation, o, key, '');
  if (o.UserConfirmed !== undefined && o.UserConfirmed !== null && typeof o.UserConfirmed !== 'boolean') {
    throw unexpectedField(operation, 'UserConfirmed', 'a value that is not a boolean');
  }
  if (o.ChallengeName === 'PASSWORD_VERIFIER' || o.ChallengeName === 'DEVICE_PASSWORD_VERIFIER') {
    srpParameters(operation, isObject(o.ChallengeParameters) ? o.ChallengeParameters : {});
  }
}
