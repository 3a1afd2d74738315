/** Cognito as core talks to it: operations, answers, the transport interface. @module */
import type { AuthError } from './errors.js';

/** The part of Cognito's answers that drives a sign-in. */
export interface CognitoAuthResponse {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AvailableChallenges?: string[];
  AuthenticationResult?: {
    AccessToken?: string;
    IdToken?: string;
    RefreshToken?: string;
    ExpiresIn?: number;
    TokenType?: string;
    NewDeviceMetadata?: { DeviceKey?: string; DeviceGroupKey?: string };
  };
}

/** Cognito operations core calls, unsigned. Inputs and outputs are Cognito's JSON. */
export type CognitoOperation =
  | 'InitiateAuth'
  | 'RespondToAuthChallenge'
  | 'AssociateSoftwareToken'
  | 'VerifySoftwareToken'
  | 'SetUserMFAPreference'
  | 'GetUser'
  | 'SignUp'
  | 'ConfirmSignUp'
  | 'ResendConfirmationCode'
  | 'ForgotPassword'
  | 'ConfirmForgotPassword'
  // --- sessions (#10): refresh, sign-out and account calls with an access token ---
  | 'GetTokensFromRefreshToken'
  | 'RevokeToken'
  | 'GlobalSignOut'
  | 'ChangePassword'
  | 'UpdateUserAttributes'
  | 'GetUserAttributeVerificationCode'
  | 'VerifyUserAttribute'
  | 'DeleteUserAttributes'
  | 'DeleteUser'
  // --- devices and passkeys (#11), until the transports send any operation (p15) ---
  | 'ConfirmDevice'
  | 'UpdateDeviceStatus'
  | 'ListDevices'
  | 'GetDevice'
  | 'ForgetDevice'
  | 'StartWebAuthnRegistration'
  | 'CompleteWebAuthnRegistration'
  | 'ListWebAuthnCredentials'
  | 'DeleteWebAuthnCredential';

/**
 * The small interface core talks to Cognito through. The default is the AWS SDK bare
 * client with per-command imports; tests and browsers may supply another.
 * Failures reject with an {@link AuthError} whose `name` is Cognito's exception name.
 */
export interface CognitoTransport {
  send(operation: CognitoOperation, input: Record<string, unknown>): Promise<Record<string, any>>;
}
