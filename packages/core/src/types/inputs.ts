/** What apps pass to `signIn` and `confirm`. @module */
import type { FirstFactor } from './steps.js';

/** Cognito auth flows nextstep can start. */
export type AuthFlowType =
  | 'USER_SRP_AUTH'
  | 'USER_PASSWORD_AUTH'
  | 'CUSTOM_WITH_SRP'
  | 'CUSTOM_WITHOUT_SRP'
  | 'USER_AUTH';

/** Input of `auth.signIn`, as Amplify JS v6 spells it. */
export interface SignInInput {
  username: string;
  password?: string;
  options?: {
    /** USER_SRP_AUTH when omitted. */
    authFlowType?: AuthFlowType;
    /** With USER_AUTH: the first factor to try; without it Cognito may offer a selection. */
    preferredChallenge?: FirstFactor;
    clientMetadata?: Record<string, string>;
  };
}

/** Options of an answer (Amplify's `confirmSignIn` options). */
export interface ConfirmSignInOptions {
  /** Attributes to send with NEW_PASSWORD_REQUIRED, e.g. `{ name: 'Ada' }`. */
  userAttributes?: Record<string, string>;
  clientMetadata?: Record<string, string>;
  /** Device name given to VerifySoftwareToken during TOTP setup. */
  friendlyDeviceName?: string;
  /** Credentials supplied again, for steps that restart a sign-in (e.g. resending an SMS code). */
  password?: string;
}

/** Input of `auth.confirmSignIn`, as Amplify JS v6 spells it. */
export interface ConfirmSignInInput {
  challengeResponse: string;
  options?: ConfirmSignInOptions;
}

/** An answer to a step: a string for most steps, raw responses for an unclaimed challenge. */
export type StepAnswer = string | { challengeResponses: Record<string, string> };
