/**
 * The public types of nextstep's core: steps, answers, plugins, hooks, transport.
 *
 * This file is the contract between core, the step plugins, the apps and third parties.
 * Change a shape here only with a reason, and update every package that uses it.
 * @module
 */
import type {
  AsyncSeriesWaterfallHook,
  HookMap,
  SyncBailHook,
  SyncHook,
} from './hooks/index.js';

// ---------------------------------------------------------------------------------------
// Steps: what the app sees (Amplify JS v6 field names and signInStep strings)
// ---------------------------------------------------------------------------------------

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

/** The next step of a sign-in: one member per step type. */
export type NextStep =
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE'; codeDeliveryDetails?: CodeDeliveryDetails }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE'; codeDeliveryDetails?: CodeDeliveryDetails }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION'; allowedMFATypes: MfaType[] }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION'; allowedMFATypes: MfaType[] }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP'; totpSetupDetails: TotpSetupDetails }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP' }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE'; additionalInfo: Record<string, string> }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED'; missingAttributes: string[] }
  | { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION'; availableChallenges: FirstFactor[] }
  | { signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }
  | { signInStep: 'RESET_PASSWORD'; codeDeliveryDetails?: CodeDeliveryDetails }
  | { signInStep: 'CONFIRM_SIGN_UP' }
  | { signInStep: 'DONE'; tokens: AuthTokens }
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
export interface SignInOutput {
  isSignedIn: boolean;
  nextStep: NextStep;
}

// ---------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------

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
  } & CallControl; // p15 (issue #15): signal, timeoutMs
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
  /** Cancels the Cognito calls of this answer; the flow stays at its step when Cognito's state allows. */
  signal?: AbortSignal; // p15 (issue #15)
  /** Time for each Cognito call of this answer, in ms (default: createAuth's `timeoutMs`). */
  timeoutMs?: number; // p15 (issue #15)
}

/** Input of `auth.confirmSignIn`, as Amplify JS v6 spells it. */
export interface ConfirmSignInInput {
  challengeResponse: string;
  options?: ConfirmSignInOptions;
}

/** An answer to a step: a string for most steps, raw responses for an unclaimed challenge. */
export type StepAnswer = string | { challengeResponses: Record<string, string> };

// ---------------------------------------------------------------------------------------
// Engine internals exposed to plugins
// ---------------------------------------------------------------------------------------

/** What `hooks.challenge` receives: one answer of Cognito that needs a step. */
export interface ChallengeInput {
  /** ChallengeName, or the exception name for RESET_PASSWORD / CONFIRM_SIGN_UP. */
  challengeName: string;
  parameters: Record<string, string>;
  /** USER_AUTH's top-level AvailableChallenges, when given. */
  availableChallenges?: string[];
}

/**
 * A step as the engine keeps it: JSON-serialisable, so a flow can be saved and resumed.
 * `type` is a {@link SignInStepName} or a name a third-party plugin defines.
 */
export interface StepDescriptor {
  type: string;
  challengeName: string;
  parameters: Record<string, string>;
  availableChallenges?: string[];
  /** Step-specific facts the mapper derived (e.g. `{ allowedMFATypes: ['TOTP'] }`). */
  data: Record<string, unknown>;
}

/** What a step handler may read and do while the flow is at its step. */
export interface StepContext {
  readonly step: StepDescriptor;
  /** The USERNAME to answer with (USER_ID_FOR_SRP after SRP). */
  readonly username: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** The current Cognito Session (undefined for exception-driven steps). */
  readonly session: string | undefined;
  /** Per-step state the handler owns; saved by `flow.toJSON()`, so keep it JSON. */
  readonly state: Record<string, unknown>;
  /** Cognito, with SECRET_HASH and the request/response hooks applied (typed for the operations core knows). */
  readonly cognito: CognitoClient;
  /** SECRET_HASH for a username, or undefined when the client has no secret. */
  secretHash(username: string): Promise<string | undefined>;
  /** Secrets held in memory only for this flow (never serialised), e.g. the password. */
  readonly secrets: FlowSecrets;
  /**
   * Facts about the flow (no secrets): username as typed, auth flow, pool and client.
   * Core always sets it; optional only so hand-built contexts in plugin unit tests compile.
   */
  readonly flow?: FlowInfo;
  /**
   * The Auth instance's clock (epoch ms): sign with it, e.g. SRP timestamps and TOTP windows.
   * Core always sets it; optional for the same reason as `flow`.
   */
  readonly now?: () => number;
  readonly logger: Logger;
  /** The options of the answer being processed (empty while entering). */
  readonly options: ConfirmSignInOptions;
  /**
   * The sign-in's ClientMetadata (`signIn`'s `options.clientMetadata`), frozen. Core sends
   * `options.clientMetadata ?? clientMetadata` with every RespondToAuthChallenge; a plugin
   * that answers Cognito itself should do the same. Optional for the same reason as `flow`.
   */
  readonly clientMetadata?: Readonly<Record<string, string>>;
  /** Replaces the flow's Session (after AssociateSoftwareToken / VerifySoftwareToken). */
  setSession(session: string): void;
  /** Restarts the sign-in with the flow's original input (and the given password), e.g. to get a new SMS code. */
  restart(password?: string): Promise<StepOutcome>;
}

/**
 * What a flow holds in memory only: never serialised by `flow.toJSON()`, never logged.
 * Handlers may keep their own in-memory secrets here under their own keys.
 */
export interface FlowSecrets {
  /** The password given to `signIn` (or to a later answer), for steps that need it again. */
  password?: string;
  /** The tokens of a finished sign-in. */
  tokens?: AuthTokens;
  [key: string]: unknown;
}

/** What answering a step leads to. */
export type StepOutcome =
  /**
   * Core calls RespondToAuthChallenge, adding USERNAME, SECRET_HASH and the Session.
   * `clientMetadata` is merged over the ClientMetadata core sends anyway (the answer's
   * `options.clientMetadata`, else the sign-in's); its keys win.
   */
  | {
      kind: 'respond';
      challengeName?: string;
      challengeResponses: Record<string, string>;
      clientMetadata?: Record<string, string>;
    }
  /** The handler called Cognito itself; core continues from this answer. */
  | { kind: 'response'; response: CognitoAuthResponse }
  /** A local move to another step, no Cognito call (e.g. MFA setup selection → TOTP setup). */
  | { kind: 'step'; step: StepDescriptor };

/** How a claimed step behaves. Returned by a `hooks.step` tap. */
export interface StepHandler {
  /** The plugin's name, for messages and for the default handler's reports. */
  readonly plugin: string;
  /** Side effects when the flow enters the step (e.g. AssociateSoftwareToken); store results in `ctx.state`. */
  enter?(ctx: StepContext): Promise<void> | void;
  /** The app-facing fields of the step, from the descriptor and `ctx.state` (pure: called again after resume). */
  view(ctx: StepContext): NextStep;
  /** When true, core answers the step at once without asking the app (e.g. PASSWORD_VERIFIER). */
  auto?(ctx: StepContext): boolean;
  /** Local validation; throw an {@link AuthError} of kind `validation`. Runs before any network call. */
  validate?(answer: StepAnswer | undefined, ctx: StepContext): void;
  /** Turns the answer into Cognito calls or a local move. */
  answer(answer: StepAnswer | undefined, ctx: StepContext): Promise<StepOutcome>;
}

// ---------------------------------------------------------------------------------------
// Transport
// ---------------------------------------------------------------------------------------

/** The part of Cognito's answers that drives a sign-in. */
export interface CognitoAuthResponse {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AvailableChallenges?: string[];
  AuthenticationResult?: {
    AccessToken?: string;
    IdToken?: string;
    RefreshToken?: string;
    ExpiresIn?: number;
    TokenType?: string;
    NewDeviceMetadata?: { DeviceKey?: string; DeviceGroupKey?: string };
  };
}

// --- p15 (issue #15): any Cognito operation, typed where core knows it; per-call options.
export type { CognitoOperation, CognitoOperationMap, KnownCognitoOperation, CognitoInput, CognitoOutput } from './transport/operations.js';
export type { TransportSendOptions } from './transport/call-options.js';
export type { CallControl, CognitoClient, CognitoCallFailure } from './guard/call-control.js';
import type { CognitoOperation } from './transport/operations.js';
import type { TransportSendOptions } from './transport/call-options.js';
import type { CallControl, CognitoClient, CognitoCallFailure } from './guard/call-control.js';
// --- end p15

/**
 * The small interface core talks to Cognito through. The default is the AWS SDK bare
 * client with per-command imports; tests and browsers may supply another.
 * Failures reject with an {@link AuthError} whose `name` is Cognito's exception name.
 */
export interface CognitoTransport {
  send(operation: CognitoOperation, input: Record<string, unknown>, options?: TransportSendOptions): Promise<Record<string, any>>;
}

// ---------------------------------------------------------------------------------------
// Errors, logging
// ---------------------------------------------------------------------------------------

/** Where an error came from. */
export type AuthErrorKind =
  | 'validation' // local check failed, nothing was sent
  | 'service' // Cognito answered with an exception; `name` is Cognito's
  | 'session' // the Cognito session expired or died: sign in again
  | 'config' // createAuth options or plugins are wrong
  | 'unclaimed' // the failUnclaimed default handler refused a step
  | 'network'; // no answer from the endpoint

/** Minimal structured logger; core never passes secrets to it. */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
  error?(message: string, data?: Record<string, unknown>): void;
}

// AuthError is a class (runtime value): see errors.ts. Re-declared here only as a type.
import type { AuthError } from './errors.js';
export type { AuthError };

// ---------------------------------------------------------------------------------------
// Plugins and hooks
// ---------------------------------------------------------------------------------------

/** Read-only facts about a flow, given to hooks (no secrets, no Session). */
export interface FlowInfo {
  readonly id: string;
  readonly username: string;
  readonly authFlow: AuthFlowType;
  readonly userPoolId: string;
  readonly clientId: string;
}

/** A Cognito call as the request/response hooks see it. Tap to add ClientMetadata, trace, measure. */
export interface CognitoCall {
  operation: CognitoOperation;
  input: Record<string, unknown>;
  flow?: FlowInfo;
}

/** A Cognito answer as the response hook sees it. */
export interface CognitoCallResult extends CognitoCall {
  output: Record<string, any>;
  durationMs: number;
}

/** The hooks of an Auth instance, frozen, one per line, webpack-style. */
export interface AuthHooks {
  /** Cognito ChallengeName (or exception name) → step descriptor. Bail: first mapping wins. */
  readonly challenge: HookMap<SyncBailHook<[ChallengeInput, FlowInfo], StepDescriptor | undefined>>;
  /** Step type → handler. Bail: the claiming plugin returns its handler. */
  readonly step: HookMap<SyncBailHook<[StepDescriptor, FlowInfo], StepHandler | undefined>>;
  /** Before every Cognito call; may change the input. */
  readonly request: AsyncSeriesWaterfallHook<[CognitoCall]>;
  /** After every successful Cognito call; may change the output. */
  readonly response: AsyncSeriesWaterfallHook<[CognitoCallResult]>;
  /** After every failed Cognito call: the operation, the error's name and kind, the duration (never the input). */
  readonly callFailed: SyncHook<[CognitoCallFailure]>; // p15 (issue #15)
  /** A flow began (signIn). */
  readonly flowStarted: SyncHook<[FlowInfo]>;
  /** The flow entered a step the app sees. */
  readonly stepEntered: SyncHook<[FlowInfo, NextStep]>;
  /** The flow reached DONE. */
  readonly signedIn: SyncHook<[FlowInfo]>;
  /** The flow ended with an error that the app must handle (session dead, fatal service error). */
  readonly flowFailed: SyncHook<[FlowInfo, AuthError]>;
}

/** A step type a plugin claims; `stage` marks a deliberate overlap with another claim. */
export type StepClaim = string | { step: string; stage: number };

/**
 * A nextstep plugin, webpack-style: a factory returns `{ name, apply }`.
 * `claims` and `core` are checked by `createAuth` before `apply` runs.
 */
export interface NextstepPlugin {
  /** The package name, e.g. `@nextstep/plugin-totp`. */
  readonly name: string;
  /** The plugin's own version, for messages. */
  readonly version?: string;
  /** Semver range of `@nextstep/core` the plugin works with, e.g. `^0.1.0`. */
  readonly core: string;
  /** Step types whose handling the plugin claims. */
  readonly claims: readonly StepClaim[];
  /** Tap the hooks. Tap with the plugin's name. */
  apply(host: PluginHost): void;
}

/** What `apply` receives. */
export interface PluginHost {
  readonly hooks: AuthHooks;
  readonly coreVersion: string;
  readonly logger: Logger;
}

/**
 * Receives every step no plugin claimed and decides: surface it, fail, or answer it.
 * Required by `createAuth`'s type: see `surfaceUnclaimed` and `failUnclaimed`.
 */
export interface DefaultHandler {
  readonly name: string;
  handle(step: StepDescriptor, info: { stepType?: string; suggestedPlugin?: string }): StepHandler;
}

// ---------------------------------------------------------------------------------------
// Configuration, flows, account operations
// ---------------------------------------------------------------------------------------

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
export interface AuthOptions {
  userPool: UserPoolConfig;
  /** Step plugins, e.g. `[totp(), sms()]`. */
  plugins?: readonly NextstepPlugin[];
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
}

/** Where a flow is: waiting for an answer, signed in, or ended by an error. */
export type FlowStatus = 'active' | 'done' | 'failed';

/**
 * A flow saved by `flow.toJSON()`: plain JSON, no password, no tokens; it holds the Cognito
 * Session and the step's state, so keep it as carefully as a session cookie.
 */
export interface FlowSnapshot {
  readonly format: 'nextstep.flow/1';
  readonly id: string;
  /** The username as given to `signIn`. */
  readonly username: string;
  /** The USERNAME answers carry (USER_ID_FOR_SRP after SRP). */
  readonly answerUsername: string;
  readonly authFlow: AuthFlowType;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly session?: string;
  /** Epoch ms when the Cognito session expires; absent when no session is held. */
  readonly expiresAt?: number;
  readonly status: FlowStatus;
  readonly step: StepDescriptor;
  readonly state: Record<string, unknown>;
  readonly clientMetadata?: Record<string, string>;
  readonly preferredChallenge?: FirstFactor;
}

/** Input of `auth.signUp` (Amplify JS v6). */
export interface SignUpInput {
  username: string;
  password: string;
  options?: {
    /** e.g. `{ email: 'ada@example.com' }`. */
    userAttributes?: Record<string, string>;
    validationData?: Record<string, string>;
    clientMetadata?: Record<string, string>;
  } & CallControl; // p15: signal, timeoutMs
}

/** Output of `auth.signUp` (Amplify JS v6). */
export interface SignUpOutput {
  isSignUpComplete: boolean;
  /** Cognito's UserSub. */
  userId?: string;
  nextStep: { signUpStep: 'CONFIRM_SIGN_UP'; codeDeliveryDetails?: CodeDeliveryDetails } | { signUpStep: 'DONE' };
}

/** Input of `auth.confirmSignUp` (Amplify JS v6). */
export interface ConfirmSignUpInput {
  username: string;
  confirmationCode: string;
  options?: { clientMetadata?: Record<string, string>; forceAliasCreation?: boolean } & CallControl; // p15: signal, timeoutMs
}

/** Output of `auth.confirmSignUp` (Amplify JS v6). */
export interface ConfirmSignUpOutput {
  isSignUpComplete: true;
  nextStep: { signUpStep: 'DONE' };
}

/** Input of `auth.resendSignUpCode` (Amplify JS v6). */
export interface ResendSignUpCodeInput {
  username: string;
  options?: { clientMetadata?: Record<string, string> } & CallControl; // p15: signal, timeoutMs
}

/** Input of `auth.resetPassword` (Amplify JS v6). */
export interface ResetPasswordInput {
  username: string;
  options?: { clientMetadata?: Record<string, string> } & CallControl; // p15: signal, timeoutMs
}

/** Output of `auth.resetPassword` (Amplify JS v6). */
export interface ResetPasswordOutput {
  isPasswordReset: boolean;
  nextStep:
    | { resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE'; codeDeliveryDetails?: CodeDeliveryDetails }
    | { resetPasswordStep: 'DONE' };
}

/** Input of `auth.confirmResetPassword` (Amplify JS v6). */
export interface ConfirmResetPasswordInput {
  username: string;
  confirmationCode: string;
  newPassword: string;
  options?: { clientMetadata?: Record<string, string> } & CallControl; // p15: signal, timeoutMs
}
