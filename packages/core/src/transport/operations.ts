/**
 * The Cognito user pools operations core knows, with their request and response shapes
 * (core's own declarations in cognito-types.ts: the published types need no AWS SDK).
 * Transports send any other operation name too, as untyped JSON.
 * @module
 */
import type * as Cognito from './cognito-types.js';

/** A Cognito answer; fields Cognito adds later stay readable. Empty answers are `{}`. */
type Answer<T = {}> = T & Record<string, any>;

/**
 * Request and response shapes of the operations core and its plugins call. Keys are
 * Cognito's operation names (the `X-Amz-Target` suffix).
 */
export interface CognitoOperationMap {
  /** `InitiateAuth`: Starts a sign-in flow (USER_SRP_AUTH, USER_PASSWORD_AUTH, USER_AUTH, REFRESH_TOKEN_AUTH, CUSTOM_AUTH). */
  InitiateAuth: {
    /** The request. */
    input: Cognito.InitiateAuthRequest;
    /** The answer. */
    output: Answer<Cognito.InitiateAuthResponse>;
  };
  /** `RespondToAuthChallenge`: Answers the challenge Cognito returned for a flow in progress. */
  RespondToAuthChallenge: {
    /** The request. */
    input: Cognito.RespondToAuthChallengeRequest;
    /** The answer. */
    output: Answer<Cognito.RespondToAuthChallengeResponse>;
  };
  /** `AssociateSoftwareToken`: Starts TOTP setup: returns the authenticator secret for a session or access token. */
  AssociateSoftwareToken: {
    /** The request. */
    input: Cognito.AssociateSoftwareTokenRequest;
    /** The answer. */
    output: Answer<Cognito.AssociateSoftwareTokenResponse>;
  };
  /** `VerifySoftwareToken`: Finishes TOTP setup by checking a first code from the authenticator app. */
  VerifySoftwareToken: {
    /** The request. */
    input: Cognito.VerifySoftwareTokenRequest;
    /** The answer. */
    output: Answer<Cognito.VerifySoftwareTokenResponse>;
  };
  /** `SetUserMFAPreference`: Enables or disables MFA factors for the signed-in user and sets the preferred one. */
  SetUserMFAPreference: {
    /** The request. */
    input: Cognito.SetUserMFAPreferenceRequest;
    /** The answer. */
    output: Answer;
  };
  /** `GetUser`: Reads the signed-in user: username, attributes and MFA settings. */
  GetUser: {
    /** The request. */
    input: Cognito.GetUserRequest;
    /** The answer. */
    output: Answer<Cognito.GetUserResponse>;
  };
  /** `SignUp`: Registers a new user in the pool. */
  SignUp: {
    /** The request. */
    input: Cognito.SignUpRequest;
    /** The answer. */
    output: Answer<Cognito.SignUpResponse>;
  };
  /** `ConfirmSignUp`: Confirms a registration with the code Cognito sent. */
  ConfirmSignUp: {
    /** The request. */
    input: Cognito.ConfirmSignUpRequest;
    /** The answer. */
    output: Answer<Cognito.ConfirmSignUpResponse>;
  };
  /** `ResendConfirmationCode`: Sends the sign-up confirmation code again. */
  ResendConfirmationCode: {
    /** The request. */
    input: Cognito.ResendConfirmationCodeRequest;
    /** The answer. */
    output: Answer<Cognito.CodeDeliveryResponse>;
  };
  /** `ForgotPassword`: Starts a password reset: Cognito sends a code. */
  ForgotPassword: {
    /** The request. */
    input: Cognito.ResendConfirmationCodeRequest;
    /** The answer. */
    output: Answer<Cognito.CodeDeliveryResponse>;
  };
  /** `ConfirmForgotPassword`: Sets a new password with the code from `ForgotPassword`. */
  ConfirmForgotPassword: {
    /** The request. */
    input: Cognito.ConfirmForgotPasswordRequest;
    /** The answer. */
    output: Answer;
  };
  /** `GetTokensFromRefreshToken`: Exchanges a refresh token for new tokens (with refresh token rotation). */
  GetTokensFromRefreshToken: {
    /** The request. */
    input: Cognito.GetTokensFromRefreshTokenRequest;
    /** The answer. */
    output: Answer<Cognito.GetTokensFromRefreshTokenResponse>;
  };
  /** `RevokeToken`: Revokes a refresh token and the tokens issued from it. */
  RevokeToken: {
    /** The request. */
    input: Cognito.RevokeTokenRequest;
    /** The answer. */
    output: Answer;
  };
  /** `GlobalSignOut`: Signs the user out of every device: revokes all their refresh tokens. */
  GlobalSignOut: {
    /** The request. */
    input: Cognito.WithAccessToken;
    /** The answer. */
    output: Answer;
  };
  /** `ChangePassword`: Changes the signed-in user's password. */
  ChangePassword: {
    /** The request. */
    input: Cognito.ChangePasswordRequest;
    /** The answer. */
    output: Answer;
  };
  /** `ConfirmDevice`: Remembers a device: registers its SRP verifier with Cognito. */
  ConfirmDevice: {
    /** The request. */
    input: Cognito.ConfirmDeviceRequest;
    /** The answer. */
    output: Answer<Cognito.ConfirmDeviceResponse>;
  };
  /** `ForgetDevice`: Forgets a remembered device. */
  ForgetDevice: {
    /** The request. */
    input: Cognito.DeviceRequest;
    /** The answer. */
    output: Answer;
  };
  /** `ListDevices`: Lists the user's remembered devices. */
  ListDevices: {
    /** The request. */
    input: Cognito.ListDevicesRequest;
    /** The answer. */
    output: Answer<Cognito.ListDevicesResponse>;
  };
  /** `UpdateUserAttributes`: Changes attributes of the signed-in user. */
  UpdateUserAttributes: {
    /** The request. */
    input: Cognito.UpdateUserAttributesRequest;
    /** The answer. */
    output: Answer<Cognito.UpdateUserAttributesResponse>;
  };
  // sessions (#10): the attribute calls of the session layer
  /** `GetUserAttributeVerificationCode`: Sends a code to verify an attribute (email or phone number). */
  GetUserAttributeVerificationCode: {
    /** The request. */
    input: Cognito.GetUserAttributeVerificationCodeRequest;
    /** The answer. */
    output: Answer<Cognito.CodeDeliveryResponse>;
  };
  /** `DeleteUserAttributes`: Removes attributes from the signed-in user. */
  DeleteUserAttributes: {
    /** The request. */
    input: Cognito.DeleteUserAttributesRequest;
    /** The answer. */
    output: Answer;
  };
  /** `VerifyUserAttribute`: Verifies an attribute with the code Cognito sent. */
  VerifyUserAttribute: {
    /** The request. */
    input: Cognito.VerifyUserAttributeRequest;
    /** The answer. */
    output: Answer;
  };
  /** `DeleteUser`: Deletes the signed-in user. */
  DeleteUser: {
    /** The request. */
    input: Cognito.WithAccessToken;
    /** The answer. */
    output: Answer;
  };
  // devices and passkeys (#11): plugin-device and plugin-webauthn
  /** `UpdateDeviceStatus`: Marks a device remembered or not remembered. */
  UpdateDeviceStatus: {
    /** The request. */
    input: Cognito.UpdateDeviceStatusRequest;
    /** The answer. */
    output: Answer;
  };
  /** `GetDevice`: Reads one device of the user. */
  GetDevice: {
    /** The request. */
    input: Cognito.DeviceRequest;
    /** The answer. */
    output: Answer<Cognito.GetDeviceResponse>;
  };
  /** `StartWebAuthnRegistration`: Starts passkey registration: returns the credential creation options. */
  StartWebAuthnRegistration: {
    /** The request. */
    input: Cognito.WithAccessToken;
    /** The answer. */
    output: Answer<Cognito.StartWebAuthnRegistrationResponse>;
  };
  /** `CompleteWebAuthnRegistration`: Finishes passkey registration with the authenticator's credential. */
  CompleteWebAuthnRegistration: {
    /** The request. */
    input: Cognito.CompleteWebAuthnRegistrationRequest;
    /** The answer. */
    output: Answer;
  };
  /** `ListWebAuthnCredentials`: Lists the user's passkeys. */
  ListWebAuthnCredentials: {
    /** The request. */
    input: Cognito.ListWebAuthnCredentialsRequest;
    /** The answer. */
    output: Answer<Cognito.ListWebAuthnCredentialsResponse>;
  };
  /** `DeleteWebAuthnCredential`: Deletes one of the user's passkeys. */
  DeleteWebAuthnCredential: {
    /** The request. */
    input: Cognito.DeleteWebAuthnCredentialRequest;
    /** The answer. */
    output: Answer;
  };
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
