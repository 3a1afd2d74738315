/** What apps pass to `signIn` and `confirm`. @module */
import type { FirstFactor } from './steps.js';
import type { CallControl } from '../guard/call-control.js'; // p15 (issue #15)

/** Cognito auth flows nextstep can start. */
export type AuthFlowType =
  | 'USER_SRP_AUTH'
  | 'USER_PASSWORD_AUTH'
  | 'CUSTOM_WITH_SRP'
  | 'CUSTOM_WITHOUT_SRP'
  | 'USER_AUTH';

/** Input of `auth.signIn`, as Amplify JS v6 spells it. */
export interface SignInInput {
  /** The username (or an alias: email, phone number). */
  username: string;
  /** The password; not needed for passwordless first factors. */
  password?: string;
  /** Auth flow, first factor, metadata and call control. */
  options?: {
    /** USER_SRP_AUTH when omitted. */
    authFlowType?: AuthFlowType;
    /** With USER_AUTH: the first factor to try; without it Cognito may offer a selection. */
    preferredChallenge?: FirstFactor;
    /** Passed to your Cognito Lambda triggers as ClientMetadata. */
    clientMetadata?: Record<string, string>;
  } & CallControl; // p15 (issue #15): signal, timeoutMs
}

/** Options of an answer (Amplify's `confirmSignIn` options). */
export interface ConfirmSignInOptions {
  /** Attributes to send with NEW_PASSWORD_REQUIRED, e.g. `{ name: 'Ada' }`. */
  userAttributes?: Record<string, string>;
  /** Passed to your Cognito Lambda triggers as ClientMetadata. */
  clientMetadata?: Record<string, string>;
  /** Device name given to VerifySoftwareToken during TOTP setup. */
  friendlyDeviceName?: string;
  /** Credentials supplied again, for steps that restart a sign-in (e.g. resending an SMS code). */
  password?: string;
  /** Cancels the Cognito calls of this answer; the flow stays at its step when Cognito's state allows. */
  signal?: AbortSignal; // p15 (issue #15)
  /** Time for each Cognito call of this answer, in ms (default: createAuth's `timeoutMs`). */
  timeoutMs?: number; // p15 (issue #15)
}

/** Input of `auth.confirmSignIn`, as Amplify JS v6 spells it. */
export interface ConfirmSignInInput {
  /** The answer to the step: a code, a new password, a selection. */
  challengeResponse: string;
  /** Attributes, metadata and call control of the answer. */
  options?: ConfirmSignInOptions;
}

/** An answer to a step: a string for most steps, raw responses for an unclaimed challenge. */
export type StepAnswer = string | {
  /** Cognito ChallengeResponses, sent as given (core adds USERNAME and SECRET_HASH). */
  challengeResponses: Record<string, string>;
};
