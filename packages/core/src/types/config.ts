/** createAuth options, flow snapshots, and the account operations' inputs and outputs. @module */
import type { CodeDeliveryDetails, FirstFactor } from './steps.js';
import type { AuthFlowType } from './inputs.js';
import type { StepDescriptor } from './handlers.js';
import type { CallControl, CognitoTransport } from './transport.js';
import type { Logger } from './errors.js';
import type { TokenStore } from '../session/types.js'; // sessions (#10)
import type { DefaultHandler, NextstepPlugin } from './plugins.js';

/** The Cognito user pool and app client a {@link NextstepPlugin} host signs in to. */
export interface UserPoolConfig {
  /** e.g. `us-east-1_AbC123`. */
  userPoolId: string;
  /** The app client id. */
  clientId: string;
  /** The app client secret, for clients that have one: core adds SECRET_HASH to every call that needs it. */
  clientSecret?: string;
  /** Another endpoint than AWS's, e.g. the emulator's `http://127.0.0.1:9229`. */
  endpoint?: string;
  /** Defaults to the region in the pool id. */
  region?: string;
}

/** Options of `createAuth`. `defaultHandler` is required: pick `surfaceUnclaimed` or `failUnclaimed`. */
export interface AuthOptions<P extends readonly NextstepPlugin<any>[] = readonly NextstepPlugin<any>[]> {
  /** The pool and app client to sign in to. */
  userPool: UserPoolConfig;
  /** Step plugins, e.g. `[totp(), sms()]`; their steps join the app's step union. */
  plugins?: P;
  /** Receives every step no plugin claims. Required. */
  defaultHandler: DefaultHandler;
  /** How core talks to Cognito; the AWS SDK bare client by default. */
  transport?: CognitoTransport;
  /** Debug logging; core never passes secrets to it. Silent by default. */
  logger?: Logger;
  /** Epoch milliseconds; `Date.now` by default. Used for session expiry. */
  clock?: () => number;
  /** The app client's AuthSessionValidity in ms (Cognito's default: 3 minutes). */
  sessionValidityMs?: number;
  /** Choose the MFA type without asking when exactly one installed type is offered. */
  autoSelectSingleMfa?: boolean;
  /** Time for each Cognito call, retries included, in ms (default 20 000); each public call may give its own `timeoutMs`. */
  timeoutMs?: number; // p15 (issue #15)
  // --- sessions (#10) ---
  /** Where sessions go at DONE; an in-memory store by default. See `webStorageStore`, `cookieStore`. */
  store?: TokenStore;
  /**
   * `one` (default): one user at a time (browsers, terminal apps); session calls name no user.
   * `many` (servers): every session call names its user (`userId`) or runs on `auth.withStore(store)`.
   */
  sessions?: 'one' | 'many';
  /** The app client rotates refresh tokens: refresh with GetTokensFromRefreshToken (the new refresh token replaces the old). */
  refreshTokenRotation?: boolean;
}

/** Where a flow is: waiting for an answer, signed in, or ended by an error. */
export type FlowStatus = 'active' | 'done' | 'failed';

/**
 * A flow saved by `flow.toJSON()`: plain JSON, no password, no tokens; it holds the Cognito
 * Session and the step's state, so keep it as carefully as a session cookie.
 */
export interface FlowSnapshot {
  /** Snapshot format tag; `auth.resumeFlow` refuses other formats. */
  readonly format: 'nextstep.flow/1';
  /** The flow's id, stable across save and resume. */
  readonly id: string;
  /** The username as given to `signIn`. */
  readonly username: string;
  /** The USERNAME answers carry (USER_ID_FOR_SRP after SRP). */
  readonly answerUsername: string;
  /** The Cognito auth flow the flow started with. */
  readonly authFlow: AuthFlowType;
  /** The user pool the flow belongs to; `auth.resumeFlow` on another pool or client refuses it. */
  readonly userPoolId: string;
  /** The app client the flow belongs to. */
  readonly clientId: string;
  /** Cognito's Session string for the next answer; absent when none is held. */
  readonly session?: string;
  /** Epoch ms when the Cognito session expires; absent when no session is held. */
  readonly expiresAt?: number;
  /** Whether the flow is waiting, signed in, or failed. */
  readonly status: FlowStatus;
  /** The step the flow is on. */
  readonly step: StepDescriptor;
  /** The step handler's saved state. */
  readonly state: Record<string, unknown>;
  /** ClientMetadata sent with every call of the flow. */
  readonly clientMetadata?: Record<string, string>;
  /** The first factor asked for (USER_AUTH's PREFERRED_CHALLENGE), if any. */
  readonly preferredChallenge?: FirstFactor;
}

/** Input of `auth.signUp` (Amplify JS v6). */
export interface SignUpInput {
  /** The username to register. */
  username: string;
  /** The new user's password. */
  password: string;
  /** Attributes, metadata, auto sign-in and call control. */
  options?: {
    /** e.g. `{ email: 'ada@example.com' }`. */
    userAttributes?: Record<string, string>;
    /** Passed to the PreSignUp trigger as ValidationData. */
    validationData?: Record<string, string>;
    /** Passed to your Cognito Lambda triggers as ClientMetadata. */
    clientMetadata?: Record<string, string>;
    /** sessions (#10): sign in after confirmSignUp with `autoSignIn()`, as Amplify. */
    autoSignIn?: boolean | AutoSignInOptions;
  } & CallControl; // p15: signal, timeoutMs
}

/** sessions (#10): options of sign-up's `autoSignIn`. */
export interface AutoSignInOptions {
  /** Passed to your Cognito Lambda triggers as ClientMetadata. */
  clientMetadata?: Record<string, string>;
}

/** Output of `auth.signUp` (Amplify JS v6). */
export interface SignUpOutput {
  /** True when the user is confirmed already (no code needed). */
  isSignUpComplete: boolean;
  /** Cognito's UserSub. */
  userId?: string;
  /** What to do next: confirm with a code, nothing, or call `autoSignIn`. */
  nextStep:
    | {
      /** Confirm with the code Cognito sent: `confirmSignUp`. */
      signUpStep: 'CONFIRM_SIGN_UP';
      /** Where the code went. */
      codeDeliveryDetails?: CodeDeliveryDetails;
    }
    | {
      /** Signed up and confirmed. */
      signUpStep: 'DONE';
    }
    | {
      /** Call `autoSignIn(auth)` to sign in. */
      signUpStep: 'COMPLETE_AUTO_SIGN_IN';
    }; // sessions (#10)
}

/** Input of `auth.confirmSignUp` (Amplify JS v6). */
export interface ConfirmSignUpInput {
  /** The username that signed up. */
  username: string;
  /** The code Cognito sent. */
  confirmationCode: string;
  /** Metadata and call control. */
  options?: {
    /** Passed to your Cognito Lambda triggers as ClientMetadata. */
    clientMetadata?: Record<string, string>;
    /** Cognito's ForceAliasCreation: move an alias (email, phone) already used by another user to this one. */
    forceAliasCreation?: boolean;
  } & CallControl; // p15: signal, timeoutMs
}

/** Output of `auth.confirmSignUp` (Amplify JS v6). */
export interface ConfirmSignUpOutput {
  /** Always true: the user is confirmed. */
  isSignUpComplete: true;
  /** `COMPLETE_AUTO_SIGN_IN` when signUp asked for autoSignIn: call `autoSignIn(auth)`. */
  nextStep: {
    /** Confirmed; nothing more to do. */
    signUpStep: 'DONE';
  } | {
    /** Call `autoSignIn(auth)` to sign in. */
    signUpStep: 'COMPLETE_AUTO_SIGN_IN';
  };
}

/** Input of `auth.resendSignUpCode` (Amplify JS v6). */
export interface ResendSignUpCodeInput {
  /** The user to send the code to again. */
  username: string;
  /** Metadata and call control. */
  options?: {
    /** Passed to your Cognito Lambda triggers as ClientMetadata. */
    clientMetadata?: Record<string, string>;
  } & CallControl; // p15: signal, timeoutMs
}

/** Input of `auth.resetPassword` (Amplify JS v6). */
export interface ResetPasswordInput {
  /** The user whose password to reset. */
  username: string;
  /** Metadata and call control. */
  options?: {
    /** Passed to your Cognito Lambda triggers as ClientMetadata. */
    clientMetadata?: Record<string, string>;
  } & CallControl; // p15: signal, timeoutMs
}

/** Output of `auth.resetPassword` (Amplify JS v6). */
export interface ResetPasswordOutput {
  /** False until the new password is set. */
  isPasswordReset: boolean;
  /** Confirm with the code Cognito sent, or nothing to do. */
  nextStep:
    | {
      /** Call `confirmResetPassword` with the code. */
      resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE';
      /** Where the code went. */
      codeDeliveryDetails?: CodeDeliveryDetails;
    }
    | {
      /** The password is reset. */
      resetPasswordStep: 'DONE';
    };
}

/** Input of `auth.confirmResetPassword` (Amplify JS v6). */
export interface ConfirmResetPasswordInput {
  /** The user whose password is being reset. */
  username: string;
  /** The code Cognito sent. */
  confirmationCode: string;
  /** The new password. */
  newPassword: string;
  /** Metadata and call control. */
  options?: {
    /** Passed to your Cognito Lambda triggers as ClientMetadata. */
    clientMetadata?: Record<string, string>;
  } & CallControl; // p15: signal, timeoutMs
}
