/**
 * What an error does to a sign-in: which errors end the flow, and how Cognito's "invalid
 * session" answers become session errors.
 * @module
 */
import type { AuthError } from './errors.js';
import { sessionInvalid } from './fail.js';

/** Service errors after which the sign-in cannot go on from the same step. */
const FATAL_SERVICE_ERRORS = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'ResourceNotFoundException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
  'InvalidUserPoolConfigurationException',
  'UnexpectedCognitoResponse',
]);

/** True when an error ends the flow instead of leaving it at its step. */
export function isFatal(error: AuthError): boolean {
  return ['session', 'config', 'unclaimed'].includes(error.kind) || (error.kind === 'service' && FATAL_SERVICE_ERRORS.has(error.name));
}

/**
 * Cognito's "Invalid session ..." answers (used, dead or expired sessions) and a custom-auth
 * failAuthentication become session errors that keep Cognito's name and message
 * (`NotAuthorizedException`), as Amplify apps expect. Only an expiry core sees before any
 * call is named `SignInSessionExpired`.
 */
export function sessionErrorOf(error: AuthError, challengeName: string | undefined): AuthError {
  if (error.name !== 'NotAuthorizedException' || error.kind === 'session') return error;
  const metadata = { serviceErrorName: error.name, ...(challengeName ? { challengeName } : {}) };
  if (/session/i.test(error.message) || challengeName === 'CUSTOM_CHALLENGE') return sessionInvalid(error, metadata);
  return error;
}
