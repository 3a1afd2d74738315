/** The steps an app sees: Amplify JS v6 field names and `signInStep` strings. @module */
import type { AppStep } from './plugins.js';

/** An MFA factor, named as Amplify JS v6 names them. */
export type MfaType = 'SMS' | 'TOTP' | 'EMAIL';

/** A first factor offered by USER_AUTH (choice-based sign-in). */
export type FirstFactor = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

/** Where a code was sent, masked as Cognito masks it. */
export interface CodeDeliveryDetails {
  /** `SMS` or `EMAIL` (Cognito's CODE_DELIVERY_DELIVERY_MEDIUM). */
  deliveryMedium?: 'SMS' | 'EMAIL' | (string & {});
  /** Masked destination, e.g. `+*******4114` or `j***@e***`. */
  destination?: string;
  /** The user attribute the code went to, when Cognito says. */
  attributeName?: string;
}

/** What an authenticator app needs to add the account. */
export interface TotpSetupDetails {
  /** The base32 secret Cognito generated (AssociateSoftwareToken's SecretCode). */
  sharedSecret: string;
  /** `otpauth://totp/<appName>:<account>?secret=...&issuer=<appName>`; account defaults to the username. */
  getSetupUri(appName: string, accountName?: string): URL;
}

/** The tokens of a finished sign-in. */
export interface AuthTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  /** Lifetime of the access token in seconds, as Cognito reports it. */
  expiresIn?: number;
  tokenType?: string;
}

/** Step names shared with Amplify JS v6, plus nextstep's unclaimed step. */
export type SignInStepName =
  | 'CONFIRM_SIGN_IN_WITH_SMS_CODE'
  | 'CONFIRM_SIGN_IN_WITH_TOTP_CODE'
  | 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE'
  | 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION'
  | 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION'
  | 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP'
  | 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP'
  | 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE'
  | 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED'
  | 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION'
  | 'CONFIRM_SIGN_IN_WITH_PASSWORD'
  | 'RESET_PASSWORD'
  | 'CONFIRM_SIGN_UP'
  | 'DONE'
  | 'UNCLAIMED_CHALLENGE';

/** What every step the app sees has: its name (Amplify JS v6's `signInStep`). */
export interface StepView {
  /** The step's name; plugins may add names of their own. */
  readonly signInStep: string;
}

/** `CONFIRM_SIGN_IN_WITH_SMS_CODE` (from `@nextstep/plugin-sms`). */
export interface SmsCodeStep {
  signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE';
  codeDeliveryDetails?: CodeDeliveryDetails;
}
/** `CONFIRM_SIGN_IN_WITH_TOTP_CODE` (from `@nextstep/plugin-totp`). */
export interface TotpCodeStep {
  signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE';
}
/** `CONTINUE_SIGN_IN_WITH_TOTP_SETUP` (from `@nextstep/plugin-totp`). */
export interface TotpSetupStep {
  signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP';
  totpSetupDetails: TotpSetupDetails;
}
/** `CONFIRM_SIGN_IN_WITH_EMAIL_CODE` (from `@nextstep/plugin-email`). */
export interface EmailCodeStep {
  signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE';
  codeDeliveryDetails?: CodeDeliveryDetails;
}
/** `CONTINUE_SIGN_IN_WITH_EMAIL_SETUP` (from `@nextstep/plugin-email`). */
export interface EmailSetupStep {
  signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP';
}
/** `CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE` (from `@nextstep/plugin-custom-challenge`). */
export interface CustomChallengeStep {
  signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE';
  additionalInfo: Record<string, string>;
}
/** `DONE`: signed in. */
export interface DoneStep {
  signInStep: 'DONE';
  tokens: AuthTokens;
}

/** The steps core itself handles: every app sees these. */
export type CoreStep =
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION'; allowedMFATypes: MfaType[] }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION'; allowedMFATypes: MfaType[] }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED'; missingAttributes: string[] }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION'; availableChallenges: FirstFactor[] }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }
  | { signInStep: 'RESET_PASSWORD'; codeDeliveryDetails?: CodeDeliveryDetails }
  | { signInStep: 'CONFIRM_SIGN_UP' }
  | DoneStep;

/**
 * Every step Amplify JS v6 names, plus `UNCLAIMED_CHALLENGE`. An app gets a narrower union
 * from `createAuth`: core's steps, its plugins' steps and `UNCLAIMED_CHALLENGE` (see {@link AppStep}).
 */
export type NextStep =
  | CoreStep
  | SmsCodeStep
  | TotpCodeStep
  | TotpSetupStep
  | EmailCodeStep
  | EmailSetupStep
  | CustomChallengeStep
  | UnclaimedChallengeStep;

/**
 * A step no plugin claimed, surfaced to the app by the `surfaceUnclaimed` default handler.
 * The app answers it raw: a string becomes `ANSWER`, or give `{ challengeResponses }`.
 */
export interface UnclaimedChallengeStep {
  signInStep: 'UNCLAIMED_CHALLENGE';
  /** Cognito's ChallengeName (or the exception name that led here). */
  challengeName: string;
  /** Cognito's ChallengeParameters, as sent (strings). */
  challengeParameters: Record<string, string>;
  /** The step type core mapped the challenge to, when it knows one (e.g. `CONFIRM_SIGN_IN_WITH_SMS_CODE`). */
  stepType?: string;
  /** The package that would claim this step, when known (e.g. `@nextstep/plugin-sms`). */
  suggestedPlugin?: string;
}

/** What `signIn` / `confirmSignIn` resolve to: Amplify JS v6's shape. */
export interface SignInOutput<S extends StepView = NextStep> {
  isSignedIn: boolean;
  nextStep: S;
}
