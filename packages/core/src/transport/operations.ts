/**
 * The Cognito user pools operations core knows, with their request and response shapes
 * (the AWS SDK's model types, imported as types only: no SDK code enters a bundle through
 * this file). Transports send any other operation name too, as untyped JSON.
 * @module
 */
import type * as Cognito from '@aws-sdk/client-cognito-identity-provider';

/** A Cognito answer without the SDK's `$metadata`; extra fields stay readable. */
type Answer<T> = Omit<T, '$metadata'> & Record<string, any>;

/**
 * Request and response shapes of the operations core and its plugins call. Keys are
 * Cognito's operation names (the `X-Amz-Target` suffix).
 */
export interface CognitoOperationMap {
  InitiateAuth: { input: Cognito.InitiateAuthRequest; output: Answer<Cognito.InitiateAuthResponse> };
  RespondToAuthChallenge: { input: Cognito.RespondToAuthChallengeRequest; output: Answer<Cognito.RespondToAuthChallengeResponse> };
  AssociateSoftwareToken: { input: Cognito.AssociateSoftwareTokenRequest; output: Answer<Cognito.AssociateSoftwareTokenResponse> };
  VerifySoftwareToken: { input: Cognito.VerifySoftwareTokenRequest; output: Answer<Cognito.VerifySoftwareTokenResponse> };
  SetUserMFAPreference: { input: Cognito.SetUserMFAPreferenceRequest; output: Answer<Cognito.SetUserMFAPreferenceResponse> };
  GetUser: { input: Cognito.GetUserRequest; output: Answer<Cognito.GetUserResponse> };
  SignUp: { input: Cognito.SignUpRequest; output: Answer<Cognito.SignUpResponse> };
  ConfirmSignUp: { input: Cognito.ConfirmSignUpRequest; output: Answer<Cognito.ConfirmSignUpResponse> };
  ResendConfirmationCode: { input: Cognito.ResendConfirmationCodeRequest; output: Answer<Cognito.ResendConfirmationCodeResponse> };
  ForgotPassword: { input: Cognito.ForgotPasswordRequest; output: Answer<Cognito.ForgotPasswordResponse> };
  ConfirmForgotPassword: { input: Cognito.ConfirmForgotPasswordRequest; output: Answer<Cognito.ConfirmForgotPasswordResponse> };
  GetTokensFromRefreshToken: { input: Cognito.GetTokensFromRefreshTokenRequest; output: Answer<Cognito.GetTokensFromRefreshTokenResponse> };
  RevokeToken: { input: Cognito.RevokeTokenRequest; output: Answer<Cognito.RevokeTokenResponse> };
  GlobalSignOut: { input: Cognito.GlobalSignOutRequest; output: Answer<Cognito.GlobalSignOutResponse> };
  ChangePassword: { input: Cognito.ChangePasswordRequest; output: Answer<Cognito.ChangePasswordResponse> };
  ConfirmDevice: { input: Cognito.ConfirmDeviceRequest; output: Answer<Cognito.ConfirmDeviceResponse> };
  ForgetDevice: { input: Cognito.ForgetDeviceRequest; output: Record<string, any> };
  ListDevices: { input: Cognito.ListDevicesRequest; output: Answer<Cognito.ListDevicesResponse> };
  UpdateUserAttributes: { input: Cognito.UpdateUserAttributesRequest; output: Answer<Cognito.UpdateUserAttributesResponse> };
  // sessions (#10): the attribute calls of the session layer
  GetUserAttributeVerificationCode: { input: Cognito.GetUserAttributeVerificationCodeRequest; output: Answer<Cognito.GetUserAttributeVerificationCodeResponse> };
  DeleteUserAttributes: { input: Cognito.DeleteUserAttributesRequest; output: Answer<Cognito.DeleteUserAttributesResponse> };
  VerifyUserAttribute: { input: Cognito.VerifyUserAttributeRequest; output: Answer<Cognito.VerifyUserAttributeResponse> };
  DeleteUser: { input: Cognito.DeleteUserRequest; output: Record<string, any> };
  // devices and passkeys (#11): plugin-device and plugin-webauthn
  UpdateDeviceStatus: { input: Cognito.UpdateDeviceStatusRequest; output: Answer<Cognito.UpdateDeviceStatusResponse> };
  GetDevice: { input: Cognito.GetDeviceRequest; output: Answer<Cognito.GetDeviceResponse> };
  StartWebAuthnRegistration: { input: Cognito.StartWebAuthnRegistrationRequest; output: Answer<Cognito.StartWebAuthnRegistrationResponse> };
  CompleteWebAuthnRegistration: { input: Cognito.CompleteWebAuthnRegistrationRequest; output: Answer<Cognito.CompleteWebAuthnRegistrationResponse> };
  ListWebAuthnCredentials: { input: Cognito.ListWebAuthnCredentialsRequest; output: Answer<Cognito.ListWebAuthnCredentialsResponse> };
  DeleteWebAuthnCredential: { input: Cognito.DeleteWebAuthnCredentialRequest; output: Answer<Cognito.DeleteWebAuthnCredentialResponse> };
}

/** An operation core knows the shapes of. */
export type KnownCognitoOperation = keyof CognitoOperationMap;

/**
 * Any operation of the Cognito user pools API (`AWSCognitoIdentityProviderService.<name>`):
 * the known ones by name, any other as a string.
 */
export type CognitoOperation = KnownCognitoOperation | (string & {});

/** The request of a known operation; any JSON object for another. */
export type CognitoInput<Op extends string> = Op extends KnownCognitoOperation ? CognitoOperationMap[Op]['input'] : Record<string, unknown>;

/** The answer of a known operation; any JSON object for another. */
export type CognitoOutput<Op extends string> = Op extends KnownCognitoOperation ? CognitoOperationMap[Op]['output'] : Record<string, any>;

// Cognito's operation names are PascalCase words; anything else (`toString`, a path, a
// header-breaking string) is refused before a request is built.
const OPERATION_NAME = /^[A-Z][A-Za-z0-9]{1,63}$/;

/** True when `value` can be a Cognito operation name. */
export function isOperationName(value: unknown): value is CognitoOperation {
  return typeof value === 'string' && OPERATION_NAME.test(value);
}
