// Pins core's own Cognito shapes (cognito-types.ts) to the AWS SDK's model (a devDependency
// only): same fields at every depth, same required ones, and every SDK value fits ours. An
// SDK update that adds or changes a field fails here, naming the operation.
import type * as Sdk from '@aws-sdk/client-cognito-identity-provider';
import { expectTypeOf, test } from 'vitest';
import type { CognitoOperationMap } from './operations.js';

/** The SDK's request and response per operation (`{}`: no output shape). */
interface SdkMap {
  InitiateAuth: [Sdk.InitiateAuthRequest, Sdk.InitiateAuthResponse];
  RespondToAuthChallenge: [Sdk.RespondToAuthChallengeRequest, Sdk.RespondToAuthChallengeResponse];
  AssociateSoftwareToken: [Sdk.AssociateSoftwareTokenRequest, Sdk.AssociateSoftwareTokenResponse];
  VerifySoftwareToken: [Sdk.VerifySoftwareTokenRequest, Sdk.VerifySoftwareTokenResponse];
  SetUserMFAPreference: [Sdk.SetUserMFAPreferenceRequest, Sdk.SetUserMFAPreferenceResponse];
  GetUser: [Sdk.GetUserRequest, Sdk.GetUserResponse];
  SignUp: [Sdk.SignUpRequest, Sdk.SignUpResponse];
  ConfirmSignUp: [Sdk.ConfirmSignUpRequest, Sdk.ConfirmSignUpResponse];
  ResendConfirmationCode: [Sdk.ResendConfirmationCodeRequest, Sdk.ResendConfirmationCodeResponse];
  ForgotPassword: [Sdk.ForgotPasswordRequest, Sdk.ForgotPasswordResponse];
  ConfirmForgotPassword: [Sdk.ConfirmForgotPasswordRequest, Sdk.ConfirmForgotPasswordResponse];
  GetTokensFromRefreshToken: [Sdk.GetTokensFromRefreshTokenRequest, Sdk.GetTokensFromRefreshTokenResponse];
  RevokeToken: [Sdk.RevokeTokenRequest, Sdk.RevokeTokenResponse];
  GlobalSignOut: [Sdk.GlobalSignOutRequest, Sdk.GlobalSignOutResponse];
  ChangePassword: [Sdk.ChangePasswordRequest, Sdk.ChangePasswordResponse];
  ConfirmDevice: [Sdk.ConfirmDeviceRequest, Sdk.ConfirmDeviceResponse];
  ForgetDevice: [Sdk.ForgetDeviceRequest, {}];
  ListDevices: [Sdk.ListDevicesRequest, Sdk.ListDevicesResponse];
  UpdateUserAttributes: [Sdk.UpdateUserAttributesRequest, Sdk.UpdateUserAttributesResponse];
  GetUserAttributeVerificationCode: [Sdk.GetUserAttributeVerificationCodeRequest, Sdk.GetUserAttributeVerificationCodeResponse];
  DeleteUserAttributes: [Sdk.DeleteUserAttributesRequest, Sdk.DeleteUserAttributesResponse];
  VerifyUserAttribute: [Sdk.VerifyUserAttributeRequest, Sdk.VerifyUserAttributeResponse];
  DeleteUser: [Sdk.DeleteUserRequest, {}];
  UpdateDeviceStatus: [Sdk.UpdateDeviceStatusRequest, Sdk.UpdateDeviceStatusResponse];
  GetDevice: [Sdk.GetDeviceRequest, Sdk.GetDeviceResponse];
  StartWebAuthnRegistration: [Sdk.StartWebAuthnRegistrationRequest, Sdk.StartWebAuthnRegistrationResponse];
  CompleteWebAuthnRegistration: [Sdk.CompleteWebAuthnRegistrationRequest, Sdk.CompleteWebAuthnRegistrationResponse];
  ListWebAuthnCredentials: [Sdk.ListWebAuthnCredentialsRequest, Sdk.ListWebAuthnCredentialsResponse];
  DeleteWebAuthnCredential: [Sdk.DeleteWebAuthnCredentialRequest, Sdk.DeleteWebAuthnCredentialResponse];
}
type Ops = keyof SdkMap;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
/** Named fields only: drops our answers' `Record<string, any>` and the SDK's `$metadata`. */
type Named<T> = { [K in keyof T as string extends K ? never : K extends '$metadata' ? never : K]: T[K] };
/** A free-form JSON type (ours or the SDK's document type): compared as a whole. */
type IsDocument<T> = null extends T ? (boolean extends T ? true : false) : false;

/**
 * The SDK's type as the wire has it: its required members are typed `X | undefined` for
 * compatibility, but Cognito always sends them.
 */
type Wire<T> = T extends Date
  ? T
  : T extends readonly (infer E)[]
    ? Wire<E>[]
    : T extends object
      ? string extends keyof T
        ? T
        : { [K in RequiredKeys<Named<T>>]: Wire<Exclude<Named<T>[K], undefined>> } & { [K in Exclude<keyof Named<T>, RequiredKeys<Named<T>>>]?: Wire<Named<T>[K]> }
      : T;

/** Every field at every depth, with whether it is required; values reduced to `leaf`. */
type Skeleton<T> =
  IsDocument<T> extends true
    ? 'document'
    : T extends Date | string | number | boolean
      ? 'leaf'
      : T extends readonly (infer E)[]
        ? Skeleton<E>[]
        : T extends object
          ? { [K in keyof Named<T>]-?: [K extends RequiredKeys<Named<T>> ? 'required' : 'optional', Skeleton<Exclude<Named<T>[K], undefined>>] }
          : 'leaf';

type Ours<Op extends Ops, I extends 0 | 1> = I extends 0 ? CognitoOperationMap[Op]['input'] : Named<CognitoOperationMap[Op]['output']>;
/** The operations where ours and the SDK's differ in fields or required fields. */
type FieldDrift<I extends 0 | 1> = { [Op in Ops]: Equal<Skeleton<Ours<Op, I>>, Skeleton<Wire<SdkMap[Op][I]>>> extends true ? never : Op }[Ops];
/** The operations where an SDK value does not fit ours. */
type Misfit<I extends 0 | 1> = { [Op in Ops]: Wire<SdkMap[Op][I]> extends Ours<Op, I> ? never : Op }[Ops];

/** Fails to compile naming the operations when `Names` is not `never`. */
const none = <Names extends never>(): Names[] => [];

test('the typed operations are the ones compared with the SDK', () => {
  expectTypeOf<keyof CognitoOperationMap>().toEqualTypeOf<Ops>();
});

test('requests: the SDK fields at every depth, the same required ones, SDK values fit', () => {
  expectTypeOf(none<FieldDrift<0>>()).toEqualTypeOf<never[]>();
  expectTypeOf(none<Misfit<0>>()).toEqualTypeOf<never[]>();
});

test('responses: the SDK fields at every depth, the same required ones, SDK values fit', () => {
  expectTypeOf(none<FieldDrift<1>>()).toEqualTypeOf<never[]>();
  expectTypeOf(none<Misfit<1>>()).toEqualTypeOf<never[]>();
});

test('the check itself sees a missing, an extra and a wrongly required field', () => {
  type Base = { A: string; B?: { C: number } };
  expectTypeOf<Equal<Skeleton<Base>, Skeleton<{ A: string }>>>().toEqualTypeOf<false>();
  expectTypeOf<Equal<Skeleton<Base>, Skeleton<Base & { D?: string }>>>().toEqualTypeOf<false>();
  expectTypeOf<Equal<Skeleton<Base>, Skeleton<{ A: string; B?: { C?: number } }>>>().toEqualTypeOf<false>();
  expectTypeOf<Equal<Skeleton<Base>, Skeleton<Wire<{ A: string | undefined; B?: { C: number | undefined } }>>>>().toEqualTypeOf<true>();
});
