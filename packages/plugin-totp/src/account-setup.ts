/**
 * TOTP setup outside a sign-in, for a signed-in user (Amplify JS v6's `setUpTOTP` and
 * `verifyTOTPSetup`): AssociateSoftwareToken and VerifySoftwareToken with the stored
 * session's access token (refreshed as needed).
 * @module
 */
import { checkCode } from '@nextstep/core/plugin';
import { AuthError, withAccessToken, type Auth, type TotpSetupDetails, type UserSelector } from '@nextstep/core';
import { buildSetupUri } from './setup-uri.js';

/**
 * Starts adding an authenticator app for the signed-in user: resolves to the shared secret
 * and `getSetupUri(appName, accountName?)` (the account defaults to the username). Finish
 * with {@link verifyTOTPSetup}, then make TOTP preferred with `updateMFAPreference`.
 */
export async function setUpTOTP(auth: Auth, options: UserSelector = {}): Promise<TotpSetupDetails> {
  const { output, session: record } = await withAccessToken(auth, options, 'AssociateSoftwareToken', {});
  const sharedSecret = output.SecretCode;
  if (typeof sharedSecret !== 'string' || sharedSecret === '') {
    throw new AuthError('UnexpectedCognitoResponse', 'AssociateSoftwareToken answered without a secret.', { kind: 'service' });
  }
  return {
    sharedSecret,
    getSetupUri: (appName: string, accountName?: string) => buildSetupUri(sharedSecret, appName, accountName ?? record.username),
  };
}

/** Input of {@link verifyTOTPSetup}. */
export interface VerifyTOTPSetupInput extends UserSelector {
  /** The 6-digit code the authenticator app shows. */
  code: string;
  /** Options of the verification. */
  options?: {
    /** The device name given to VerifySoftwareToken. */
    friendlyDeviceName?: string;
  };
}

/**
 * Verifies the authenticator app with a code it shows (VerifySoftwareToken). A wrong code
 * rejects with Cognito's `EnableSoftwareTokenMFAException` / `CodeMismatchException` and
 * may be retried.
 */
export async function verifyTOTPSetup(auth: Auth, input: VerifyTOTPSetupInput): Promise<void> {
  const code = checkCode(input?.code, [6], 'code', 'EmptyVerifyTOTPSetupCode');
  const { output } = await withAccessToken(auth, input, 'VerifySoftwareToken', {
    UserCode: code,
    ...(input.options?.friendlyDeviceName ? { FriendlyDeviceName: input.options.friendlyDeviceName } : {}),
  });
  if (output.Status !== undefined && output.Status !== 'SUCCESS') {
    throw new AuthError('EnableSoftwareTokenMFAException', 'The authenticator app could not be verified.', { kind: 'service' });
  }
}
