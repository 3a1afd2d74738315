/**
 * The default Cognito transport: the AWS SDK v3 bare client with per-command imports, so a
 * bundle carries only the commands core uses. These operations are unsigned: no AWS
 * credentials are needed or looked up.
 * @module
 */
import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
// sessions (#10): until the transports send any operation
import {
  GetTokensFromRefreshTokenCommand,
  RevokeTokenCommand,
  GlobalSignOutCommand,
  ChangePasswordCommand,
  UpdateUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  VerifyUserAttributeCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  // devices and passkeys (#11)
  ConfirmDeviceCommand,
  UpdateDeviceStatusCommand,
  ListDevicesCommand,
  GetDeviceCommand,
  ForgetDeviceCommand,
  StartWebAuthnRegistrationCommand,
  CompleteWebAuthnRegistrationCommand,
  ListWebAuthnCredentialsCommand,
  DeleteWebAuthnCredentialCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthError } from '../errors.js';
import type { CognitoOperation, CognitoTransport } from '../types.js';
import { toAuthError } from './errors.js';

/** Options of {@link createSdkTransport}. */
export interface SdkTransportOptions {
  /** The pool's region, e.g. `us-east-1` (see `regionFromPoolId`). */
  region: string;
  /** Another endpoint than Cognito's, e.g. the emulator's `http://127.0.0.1:9229`. */
  endpoint?: string;
  /** Attempts per call including the first, with the SDK's standard retry (throttling is retried). Default 3. */
  maxAttempts?: number;
}

// One constructor per operation; each is imported on its own so tree-shaking drops the rest.
const COMMANDS = {
  InitiateAuth: InitiateAuthCommand,
  RespondToAuthChallenge: RespondToAuthChallengeCommand,
  AssociateSoftwareToken: AssociateSoftwareTokenCommand,
  VerifySoftwareToken: VerifySoftwareTokenCommand,
  SetUserMFAPreference: SetUserMFAPreferenceCommand,
  GetUser: GetUserCommand,
  SignUp: SignUpCommand,
  ConfirmSignUp: ConfirmSignUpCommand,
  ResendConfirmationCode: ResendConfirmationCodeCommand,
  ForgotPassword: ForgotPasswordCommand,
  ConfirmForgotPassword: ConfirmForgotPasswordCommand,
  // sessions (#10)
  GetTokensFromRefreshToken: GetTokensFromRefreshTokenCommand,
  RevokeToken: RevokeTokenCommand,
  GlobalSignOut: GlobalSignOutCommand,
  ChangePassword: ChangePasswordCommand,
  UpdateUserAttributes: UpdateUserAttributesCommand,
  GetUserAttributeVerificationCode: GetUserAttributeVerificationCodeCommand,
  VerifyUserAttribute: VerifyUserAttributeCommand,
  DeleteUserAttributes: DeleteUserAttributesCommand,
  DeleteUser: DeleteUserCommand,
  // devices and passkeys (#11)
  ConfirmDevice: ConfirmDeviceCommand,
  UpdateDeviceStatus: UpdateDeviceStatusCommand,
  ListDevices: ListDevicesCommand,
  GetDevice: GetDeviceCommand,
  ForgetDevice: ForgetDeviceCommand,
  StartWebAuthnRegistration: StartWebAuthnRegistrationCommand,
  CompleteWebAuthnRegistration: CompleteWebAuthnRegistrationCommand,
  ListWebAuthnCredentials: ListWebAuthnCredentialsCommand,
  DeleteWebAuthnCredential: DeleteWebAuthnCredentialCommand,
} satisfies Record<CognitoOperation, unknown>;

type AnyCommand = new (input: never) => Parameters<CognitoIdentityProviderClient['send']>[0];

function configError(message: string): AuthError {
  return new AuthError('InvalidTransportConfig', message, { kind: 'config' });
}

/**
 * Creates a {@link CognitoTransport} over `@aws-sdk/client-cognito-identity-provider`.
 * Failures reject with an {@link AuthError}: kind `service` with Cognito's exception name and
 * message (metadata: httpStatusCode, requestId), or kind `network` when no answer came.
 */
export function createSdkTransport(options: SdkTransportOptions): CognitoTransport {
  const { region, endpoint, maxAttempts = 3 } = options ?? ({} as SdkTransportOptions);
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw configError('The transport needs an AWS region such as "us-east-1".');
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw configError('The endpoint must be an http(s) URL, e.g. "http://127.0.0.1:9229".');
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw configError('maxAttempts must be a whole number ≥ 1.');

  const client = new CognitoIdentityProviderClient({
    region,
    maxAttempts,
    retryMode: 'standard',
    ...(endpoint !== undefined ? { endpoint } : {}),
  });

  return {
    async send(operation, input) {
      const Command = (COMMANDS as Record<string, AnyCommand | undefined>)[operation];
      if (Command === undefined || !Object.hasOwn(COMMANDS, operation)) {
        throw new AuthError('UnsupportedOperation', `The transport does not send "${String(operation)}".`, { kind: 'validation' });
      }
      if (input === null || typeof input !== 'object') {
        throw new AuthError('InvalidRequest', `${operation}: the input must be an object.`, { kind: 'validation' });
      }
      let output: Record<string, unknown>;
      try {
        output = (await client.send(new Command(input as never))) as unknown as Record<string, unknown>;
      } catch (error) {
        throw toAuthError(error, operation, endpoint);
      }
      // Cognito's JSON only: drop the SDK's $metadata.
      const { $metadata: _metadata, ...rest } = output;
      return rest;
    },
  };
}
