/**
 * Request and response shapes of the Cognito user pools operations core and its plugins
 * call, as the AWS JSON 1.1 wire carries them (Cognito's API reference). Core's own
 * declarations, so its types need no AWS SDK; `operations.test-d.ts` pins them to the
 * SDK's model so they cannot drift. Import them as `Cognito.<Name>` from `@nextstep/core`.
 * @module
 */

/**
 * A challenge name. The documented ones are listed; any other string is allowed because
 * Cognito adds challenges and core surfaces the ones it does not know.
 */
export type ChallengeName =
  | 'SMS_MFA'
  | 'EMAIL_OTP'
  | 'SOFTWARE_TOKEN_MFA'
  | 'SELECT_MFA_TYPE'
  | 'MFA_SETUP'
  | 'PASSWORD_VERIFIER'
  | 'CUSTOM_CHALLENGE'
  | 'SELECT_CHALLENGE'
  | 'DEVICE_SRP_AUTH'
  | 'DEVICE_PASSWORD_VERIFIER'
  | 'ADMIN_NO_SRP_AUTH'
  | 'NEW_PASSWORD_REQUIRED'
  | 'SMS_OTP'
  | 'PASSWORD'
  | 'WEB_AUTHN'
  | 'PASSWORD_SRP'
  | (string & {});

/** An `InitiateAuth` flow; any other string is allowed for flows Cognito adds later. */
export type AuthFlow =
  | 'USER_SRP_AUTH'
  | 'REFRESH_TOKEN_AUTH'
  | 'REFRESH_TOKEN'
  | 'CUSTOM_AUTH'
  | 'ADMIN_NO_SRP_AUTH'
  | 'USER_PASSWORD_AUTH'
  | 'ADMIN_USER_PASSWORD_AUTH'
  | 'USER_AUTH'
  | (string & {});

/** A point in time: epoch seconds on the JSON wire, a `Date` from the AWS SDK's deserializer. */
export type Timestamp = number | Date;

/** A free-form JSON value (Cognito's document type: passkey options and credentials). */
export type JsonDocument = null | boolean | number | string | JsonDocument[] | { [key: string]: JsonDocument };

/** A user or device attribute. */
export interface Attribute {
  /** The attribute's name, e.g. `email` or `custom:plan`. */
  Name: string;
  /** Its value. */
  Value?: string;
}

/** Where Cognito sent a code. */
export interface CodeDeliveryDetails {
  /** The masked destination, e.g. `+*******4114`. */
  Destination?: string;
  /** The channel. */
  DeliveryMedium?: 'SMS' | 'EMAIL';
  /** The attribute the destination came from, e.g. `phone_number`. */
  AttributeName?: string;
}

/** The tokens of a finished sign-in or refresh. */
export interface AuthenticationResult {
  /** The access token. */
  AccessToken?: string;
  /** The access token's lifetime in seconds. */
  ExpiresIn?: number;
  /** `Bearer`. */
  TokenType?: string;
  /** The refresh token (absent from a refresh without rotation). */
  RefreshToken?: string;
  /** The ID token. */
  IdToken?: string;
  /** Set when this device may be remembered (`ConfirmDevice`). */
  NewDeviceMetadata?: NewDeviceMetadata;
}

/** The keys of a device Cognito offers to remember. */
export interface NewDeviceMetadata {
  /** The device's key. */
  DeviceKey?: string;
  /** The device group key, for the device's SRP verifier. */
  DeviceGroupKey?: string;
}

/** Context for Cognito's threat protection. */
export interface UserContextData {
  /** The end user's IP address. */
  IpAddress?: string;
  /** The encoded device fingerprint collected by Amazon's script. */
  EncodedData?: string;
}

/** The Amazon Pinpoint endpoint for analytics. */
export interface AnalyticsMetadata {
  /** The endpoint ID. */
  AnalyticsEndpointId?: string;
}

/** One MFA factor's setting for the user. */
export interface MfaSettings {
  /** Turns the factor on or off. */
  Enabled?: boolean;
  /** Makes it the preferred factor. */
  PreferredMfa?: boolean;
}

/** A remembered device. */
export interface Device {
  /** The device's key. */
  DeviceKey?: string;
  /** Its attributes, e.g. `device_name`. */
  DeviceAttributes?: Attribute[];
  /** When it was registered. */
  DeviceCreateDate?: Timestamp;
  /** When it last changed. */
  DeviceLastModifiedDate?: Timestamp;
  /** When it last signed in. */
  DeviceLastAuthenticatedDate?: Timestamp;
}

/** A registered passkey. */
export interface WebAuthnCredential {
  /** The credential's ID. */
  CredentialId: string;
  /** Its display name. */
  FriendlyCredentialName: string;
  /** The relying party it belongs to. */
  RelyingPartyId: string;
  /** `platform` or `cross-platform`. */
  AuthenticatorAttachment?: string;
  /** How the authenticator is reached, e.g. `internal`, `usb`. */
  AuthenticatorTransports: string[];
  /** When it was registered. */
  CreatedAt: Timestamp;
}

/** Fields that pass through to the pool's Lambda triggers. */
export interface WithClientMetadata {
  /** Key-value pairs for the Lambda triggers. */
  ClientMetadata?: Record<string, string>;
}

/** Fields of the calls an app client makes without a token. */
export interface ClientCall extends WithClientMetadata {
  /** The app client's ID. */
  ClientId: string;
  /** Analytics metadata. */
  AnalyticsMetadata?: AnalyticsMetadata;
  /** Threat-protection context. */
  UserContextData?: UserContextData;
}

/** Fields of the token-less calls about one user. */
export interface UserClientCall extends ClientCall {
  /** The username (or alias) the call is about. */
  Username: string;
  /** The secret hash, for an app client with a secret. */
  SecretHash?: string;
}

/** Fields of the calls made with the signed-in user's access token. */
export interface WithAccessToken {
  /** The user's access token. */
  AccessToken: string;
}

/** The answer of `InitiateAuth` and `RespondToAuthChallenge`. */
export interface ChallengeResponse {
  /** The next challenge; absent once signed in. */
  ChallengeName?: ChallengeName;
  /** The Session for the next answer (single use). */
  Session?: string;
  /** The challenge's parameters; lists and objects inside are JSON text. */
  ChallengeParameters?: Record<string, string>;
  /** The tokens, once signed in. */
  AuthenticationResult?: AuthenticationResult;
  /** USER_AUTH: the first factors the user may choose. */
  AvailableChallenges?: ChallengeName[];
}

/** `InitiateAuth` request. */
export interface InitiateAuthRequest extends ClientCall {
  /** The flow. */
  AuthFlow: AuthFlow;
  /** The flow's parameters, e.g. `USERNAME`, `SRP_A`, `SECRET_HASH`. */
  AuthParameters?: Record<string, string>;
  /** A sign-up Session, for the sign-in that follows a confirmed sign-up. */
  Session?: string;
}
/** `InitiateAuth` response. */
export type InitiateAuthResponse = ChallengeResponse;

/** `RespondToAuthChallenge` request. */
export interface RespondToAuthChallengeRequest extends ClientCall {
  /** The challenge answered. */
  ChallengeName: ChallengeName;
  /** The Session of the challenge. */
  Session?: string;
  /** The answers, e.g. `USERNAME`, `SMS_MFA_CODE`. */
  ChallengeResponses?: Record<string, string>;
}
/** `RespondToAuthChallenge` response. */
export type RespondToAuthChallengeResponse = ChallengeResponse;

/** `AssociateSoftwareToken` request: a sign-in Session or an access token. */
export interface AssociateSoftwareTokenRequest {
  /** The user's access token. */
  AccessToken?: string;
  /** The Session of an `MFA_SETUP` challenge. */
  Session?: string;
}
/** `AssociateSoftwareToken` response. */
export interface AssociateSoftwareTokenResponse {
  /** The authenticator secret (base32). */
  SecretCode?: string;
  /** The Session for `VerifySoftwareToken`. */
  Session?: string;
}

/** `VerifySoftwareToken` request. */
export interface VerifySoftwareTokenRequest extends AssociateSoftwareTokenRequest {
  /** The first code from the authenticator app. */
  UserCode: string;
  /** A name for the authenticator. */
  FriendlyDeviceName?: string;
}
/** `VerifySoftwareToken` response. */
export interface VerifySoftwareTokenResponse {
  /** Whether the code was right. */
  Status?: 'SUCCESS' | 'ERROR';
  /** The Session to answer `MFA_SETUP` with. */
  Session?: string;
}

/** `SetUserMFAPreference` request. */
export interface SetUserMFAPreferenceRequest extends WithAccessToken {
  /** SMS MFA. */
  SMSMfaSettings?: MfaSettings;
  /** TOTP MFA. */
  SoftwareTokenMfaSettings?: MfaSettings;
  /** Email MFA. */
  EmailMfaSettings?: MfaSettings;
  /** Passkeys as MFA. */
  WebAuthnMfaSettings?: {
    /** Turns it on or off. */
    Enabled?: boolean;
  };
}

/** `GetUser` request. */
export type GetUserRequest = WithAccessToken;
/** `GetUser` response. */
export interface GetUserResponse {
  /** The username. */
  Username: string;
  /** The user's attributes. */
  UserAttributes: Attribute[];
  /** Legacy SMS MFA settings. */
  MFAOptions?: {
    /** The channel. */
    DeliveryMedium?: 'SMS' | 'EMAIL';
    /** The attribute it uses. */
    AttributeName?: string;
  }[];
  /** The preferred MFA factor, e.g. `SOFTWARE_TOKEN_MFA`. */
  PreferredMfaSetting?: string;
  /** The enabled MFA factors. */
  UserMFASettingList?: string[];
}

/** `SignUp` request. */
export interface SignUpRequest extends UserClientCall {
  /** The password (absent for passwordless sign-up). */
  Password?: string;
  /** The new user's attributes. */
  UserAttributes?: Attribute[];
  /** Data for the pre sign-up trigger only. */
  ValidationData?: Attribute[];
}
/** `SignUp` response. */
export interface SignUpResponse {
  /** True when no confirmation is needed. */
  UserConfirmed: boolean;
  /** Where the confirmation code went. */
  CodeDeliveryDetails?: CodeDeliveryDetails;
  /** The new user's `sub`. */
  UserSub: string;
  /** A Session for signing in after confirmation. */
  Session?: string;
}

/** `ConfirmSignUp` request. */
export interface ConfirmSignUpRequest extends UserClientCall {
  /** The code Cognito sent. */
  ConfirmationCode: string;
  /** Moves an alias (email, phone) already used by another user to this one. */
  ForceAliasCreation?: boolean;
  /** The Session `SignUp` returned. */
  Session?: string;
}
/** `ConfirmSignUp` response. */
export interface ConfirmSignUpResponse {
  /** A Session for the sign-in that follows. */
  Session?: string;
}

/** `ResendConfirmationCode` and `ForgotPassword` request. */
export type ResendConfirmationCodeRequest = UserClientCall;
/** An answer naming where a code went. */
export interface CodeDeliveryResponse {
  /** Where the code went. */
  CodeDeliveryDetails?: CodeDeliveryDetails;
}

/** `ConfirmForgotPassword` request. */
export interface ConfirmForgotPasswordRequest extends UserClientCall {
  /** The code from `ForgotPassword`. */
  ConfirmationCode: string;
  /** The new password. */
  Password: string;
}

/** `GetTokensFromRefreshToken` request. */
export interface GetTokensFromRefreshTokenRequest extends WithClientMetadata {
  /** The refresh token. */
  RefreshToken: string;
  /** The app client's ID. */
  ClientId: string;
  /** The app client's secret, when it has one. */
  ClientSecret?: string;
  /** The remembered device's key. */
  DeviceKey?: string;
}
/** `GetTokensFromRefreshToken` response. */
export interface GetTokensFromRefreshTokenResponse {
  /** The new tokens, with a new refresh token. */
  AuthenticationResult?: AuthenticationResult;
}

/** `RevokeToken` request. */
export interface RevokeTokenRequest {
  /** The refresh token to revoke. */
  Token: string;
  /** The app client's ID. */
  ClientId: string;
  /** The app client's secret, when it has one. */
  ClientSecret?: string;
  /** `LINKED` also revokes the SSO session the token came through; `NONE` (default) does not. */
  RevokeAssociatedSessions?: 'LINKED' | 'NONE';
}

/** `ChangePassword` request. */
export interface ChangePasswordRequest extends WithAccessToken {
  /** The current password (absent for a user without one). */
  PreviousPassword?: string;
  /** The new password. */
  ProposedPassword: string;
}

/** `ConfirmDevice` request. */
export interface ConfirmDeviceRequest extends WithAccessToken {
  /** The device's key. */
  DeviceKey: string;
  /** The device's SRP verifier. */
  DeviceSecretVerifierConfig?: {
    /** base64 of g^x mod N. */
    PasswordVerifier?: string;
    /** base64 of the salt. */
    Salt?: string;
  };
  /** A name for the device. */
  DeviceName?: string;
}
/** `ConfirmDevice` response. */
export interface ConfirmDeviceResponse {
  /** True when the user must be asked whether to remember the device. */
  UserConfirmationNecessary?: boolean;
}

/** `ForgetDevice` and `GetDevice` request. */
export interface DeviceRequest {
  /** The device's key. */
  DeviceKey: string;
  /** The user's access token. */
  AccessToken?: string;
}

/** `ListDevices` request. */
export interface ListDevicesRequest extends WithAccessToken {
  /** The page size. */
  Limit?: number;
  /** The token of the next page. */
  PaginationToken?: string;
}
/** `ListDevices` response. */
export interface ListDevicesResponse {
  /** The devices. */
  Devices?: Device[];
  /** The token of the next page. */
  PaginationToken?: string;
}

/** `UpdateUserAttributes` request. */
export interface UpdateUserAttributesRequest extends WithAccessToken, WithClientMetadata {
  /** The attributes to set. */
  UserAttributes: Attribute[];
}
/** `UpdateUserAttributes` response. */
export interface UpdateUserAttributesResponse {
  /** Where the codes for attributes that need verification went. */
  CodeDeliveryDetailsList?: CodeDeliveryDetails[];
}

/** `GetUserAttributeVerificationCode` request. */
export interface GetUserAttributeVerificationCodeRequest extends WithAccessToken, WithClientMetadata {
  /** The attribute to verify, e.g. `email`. */
  AttributeName: string;
}

/** `DeleteUserAttributes` request. */
export interface DeleteUserAttributesRequest extends WithAccessToken {
  /** The attributes to remove. */
  UserAttributeNames: string[];
}

/** `VerifyUserAttribute` request. */
export interface VerifyUserAttributeRequest extends WithAccessToken {
  /** The attribute being verified. */
  AttributeName: string;
  /** The code Cognito sent. */
  Code: string;
}

/** `UpdateDeviceStatus` request. */
export interface UpdateDeviceStatusRequest extends WithAccessToken {
  /** The device's key. */
  DeviceKey: string;
  /** The new status. */
  DeviceRememberedStatus?: 'remembered' | 'not_remembered';
}

/** `GetDevice` response. */
export interface GetDeviceResponse {
  /** The device. */
  Device: Device;
}

/** `StartWebAuthnRegistration` response. */
export interface StartWebAuthnRegistrationResponse {
  /** The options for `navigator.credentials.create` (JSON). */
  CredentialCreationOptions: JsonDocument;
}

/** `CompleteWebAuthnRegistration` request. */
export interface CompleteWebAuthnRegistrationRequest extends WithAccessToken {
  /** The authenticator's RegistrationResponseJSON. */
  Credential: JsonDocument;
}

/** `ListWebAuthnCredentials` request. */
export interface ListWebAuthnCredentialsRequest extends WithAccessToken {
  /** The token of the next page. */
  NextToken?: string;
  /** The page size. */
  MaxResults?: number;
}
/** `ListWebAuthnCredentials` response. */
export interface ListWebAuthnCredentialsResponse {
  /** The passkeys. */
  Credentials: WebAuthnCredential[];
  /** The token of the next page. */
  NextToken?: string;
}

/** `DeleteWebAuthnCredential` request. */
export interface DeleteWebAuthnCredentialRequest extends WithAccessToken {
  /** The passkey's ID. */
  CredentialId: string;
}
