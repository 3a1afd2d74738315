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
  /** The access token (a JWT) for Cognito user calls and your APIs. */
  accessToken: string;
  /** The ID token (a JWT with the user's attributes), when Cognito returned one. */
  idToken?: string;
  /** The refresh token, when Cognito returned one. */
  refreshToken?: string;
  /** Lifetime of the access token in seconds, as Cognito reports it. */
  expiresIn?: number;
  /** Cognito's TokenType, `Bearer`. */
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
  /** The step's name. */
  signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE';
  /** Where the SMS code went. */
  codeDeliveryDetails?: CodeDeliveryDetails;
}
/** `CONFIRM_SIGN_IN_WITH_TOTP_CODE` (from `@nextstep/plugin-totp`). */
export interface TotpCodeStep {
  /** The step's name. */
  signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE';
}
/** `CONTINUE_SIGN_IN_WITH_TOTP_SETUP` (from `@nextstep/plugin-totp`). */
export interface TotpSetupStep {
  /** The step's name. */
  signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP';
  /** The secret and setup URI for the authenticator app. */
  totpSetupDetails: TotpSetupDetails;
}
/** `CONFIRM_SIGN_IN_WITH_EMAIL_CODE` (from `@nextstep/plugin-email`). */
export interface EmailCodeStep {
  /** The step's name. */
  signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE';
  /** Where the email code went. */
  codeDeliveryDetails?: CodeDeliveryDetails;
}
/** `CONTINUE_SIGN_IN_WITH_EMAIL_SETUP` (from `@nextstep/plugin-email`). */
export interface EmailSetupStep {
  /** The step's name. */
  signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP';
}
/** `CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE` (from `@nextstep/plugin-custom-challenge`). */
export interface CustomChallengeStep {
  /** The step's name. */
  signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE';
  /** Cognito's ChallengeParameters from your Define/Create Auth Challenge triggers. */
  additionalInfo: Record<string, string>;
}
/** `DONE`: signed in. */
export interface DoneStep {
  /** The step's name. */
  signInStep: 'DONE';
  /** The tokens of the session. */
  tokens: AuthTokens;
}

/** The steps core itself handles: every app sees these. */
export type CoreStep =
  | {
    /** Pick an MFA type: answer with one of `allowedMFATypes`. */
    signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION';
    /** The MFA types Cognito offers. */
    allowedMFATypes: MfaType[];
  }
  | {
    /** Pick an MFA type to set up. */
    signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION';
    /** The MFA types that can be set up. */
    allowedMFATypes: MfaType[];
  }
  | {
    /** Answer with a new password (NEW_PASSWORD_REQUIRED). */
    signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED';
    /** Required attributes the user must give with the new password. */
    missingAttributes: string[];
  }
  | {
    /** Pick a first factor (USER_AUTH SELECT_CHALLENGE). */
    signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION';
    /** The first factors Cognito offers. */
    availableChallenges: FirstFactor[];
  }
  | {
    /** Answer with the password. */
    signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD';
  }
  | {
    /** The user must reset their password (PasswordResetRequiredException). */
    signInStep: 'RESET_PASSWORD';
    /** Where the reset code went, when one was sent. */
    codeDeliveryDetails?: CodeDeliveryDetails;
  }
  | {
    /** The user is not confirmed yet (UserNotConfirmedException): answer with the sign-up code. */
    signInStep: 'CONFIRM_SIGN_UP';
  }
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
  /** The step's name. */
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
  /** True when `nextStep` is `DONE`. */
  isSignedIn: boolean;
  /** What the app does next. */
  nextStep: S;
}
