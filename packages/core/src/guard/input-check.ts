/**
 * Local checks of the options apps pass to public calls, `null`s included: each ends in a
 * typed validation AuthError before anything is sent.
 * @module
 */
import { validationError as invalid } from '../fail.js';
import { checkControl, type CallControl } from './call-control.js';
import { isObject } from './shape.js';

const MAX_ENTRIES = 200;

/** Throws unless `value` is undefined or an object mapping names to strings. */
export function checkStringMap(value: unknown, name: string, what: string): void {
  if (value === undefined) return;
  const entries = isObject(value) && Object.entries(value);
  if (entries && entries.length > MAX_ENTRIES) throw invalid(name, `${what} has too many entries.`);
  if (!entries || entries.some(([, v]) => typeof v !== 'string')) throw invalid(name, `${what} must map names to strings.`);
}

function checkOptionsObject(options: unknown, where: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (!isObject(options)) throw invalid('InvalidOptions', `${where}: options must be an object.`);
  return options;
}

function checkOptionalString(value: unknown, name: string, what: string): void {
  if (value !== undefined && typeof value !== 'string') throw invalid(name, `${what} must be a string.`);
}

/** signIn's `options`: returns its call control (signal, timeoutMs). */
export function checkSignInOptions(input: unknown): CallControl | undefined {
  if (input === null || typeof input !== 'object') throw invalid('EmptySignInUsername', 'The username is empty.');
  const options = checkOptionsObject((input as { options?: unknown }).options, 'signIn');
  checkOptionalString(options.authFlowType, 'InvalidAuthFlowType', 'authFlowType');
  checkOptionalString(options.preferredChallenge, 'InvalidPreferredChallenge', 'preferredChallenge');
  checkStringMap(options.clientMetadata, 'InvalidClientMetadata', 'clientMetadata');
  return checkControl(options, 'signIn');
}

/** The options of an answer (`confirm` / `confirmSignIn`): returns its call control. */
export function checkConfirmOptions(options: unknown): CallControl | undefined {
  if (options === null) return undefined;
  const o = checkOptionsObject(options, 'confirmSignIn');
  checkStringMap(o.userAttributes, 'InvalidUserAttributes', 'userAttributes');
  checkStringMap(o.clientMetadata, 'InvalidClientMetadata', 'clientMetadata');
  checkOptionalString(o.friendlyDeviceName, 'InvalidFriendlyDeviceName', 'friendlyDeviceName');
  checkOptionalString(o.password, 'InvalidSignInPassword', 'password');
  return checkControl(o, 'confirmSignIn');
}

/** The options of signUp, confirmSignUp, resendSignUpCode, resetPassword, confirmResetPassword. */
export function checkAccountOptions(input: unknown, where: string): CallControl | undefined {
  if (input === null || typeof input !== 'object') return undefined; // the username check names it
  const o = checkOptionsObject((input as { options?: unknown }).options, where);
  checkStringMap(o.clientMetadata, 'InvalidClientMetadata', 'clientMetadata');
  checkStringMap(o.userAttributes, 'InvalidUserAttributes', 'userAttributes');
  checkStringMap(o.validationData, 'InvalidValidationData', 'validationData');
  if (o.forceAliasCreation !== undefined && typeof o.forceAliasCreation !== 'boolean') {
    throw invalid('InvalidForceAliasCreation', 'forceAliasCreation must be true or false.');
  }
  return checkControl(o, where);
}
