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

/** What a step handler may read while the flow is at its step. Every member is always set. */
export interface StepContext {
  readonly step: StepDescriptor;
  /** The USERNAME to answer with (USER_ID_FOR_SRP after SRP). */
  readonly username: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** The current Cognito Session (undefined for exception-driven steps). Core owns it: see {@link StepContext.cognito}. */
  readonly session: string | undefined;
  /** Per-step state the handler owns; saved by `flow.toJSON()`, so keep it JSON. */
  readonly state: Record<string, unknown>;
  /**
   * Cognito for this flow. Core fills in what every call needs, in one place: ClientId,
   * USERNAME, SECRET_HASH, the Session (RespondToAuthChallenge) and ClientMetadata (the
   * answer's `options.clientMetadata`, else the sign-in's). A Session Cognito returns
   * becomes the flow's Session.
   */
  readonly cognito: CognitoTransport;
  /** Secrets held in memory only for this flow (never serialised), e.g. the password. */
  readonly secrets: FlowSecrets;
  /** Facts about the flow (no secrets): username as typed, auth flow, pool and client. */
  readonly flow: FlowInfo;
  /** The Auth instance's clock (epoch ms): sign with it, e.g. SRP timestamps and TOTP windows. */
  now(): number;
  readonly logger: Logger;
  /** The options of the answer being processed (empty while entering). */
  readonly options: ConfirmSignInOptions;
  /** The sign-in's ClientMetadata (`signIn`'s `options.clientMetadata`), frozen; undefined when none was given. */
  readonly clientMetadata: Readonly<Record<string, string>> | undefined;
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

/**
 * What answering a step leads to. A handler says what should happen; core does it (nothing
 * calls back into the flow).
 */
export type StepOutcome =
  /**
   * Answer the challenge: core calls RespondToAuthChallenge, adding USERNAME, SECRET_HASH,
   * the Session and ClientMetadata. `clientMetadata` is merged over the ClientMetadata core
   * sends anyway (the answer's `options.clientMetadata`, else the sign-in's); its keys win.
   */
  | {
      kind: 'respond';
      challengeName?: string;
      challengeResponses: Record<string, string>;
      clientMetadata?: Record<string, string>;
    }
  /** The step is already answered by this response (the handler called Cognito through `ctx.cognito`). */
  | { kind: 'response'; response: CognitoAuthResponse }
  /** A local move to another step, no Cognito call (e.g. MFA setup selection → TOTP setup). */
  | { kind: 'step'; step: StepDescriptor }
  /**
   * Start the sign-in again with its original input (e.g. for a new SMS code, or after
   * confirming the account); `password` replaces the one held, when given.
   */
  | { kind: 'restart'; password?: string };

/** How a step behaves: what it shows, what it checks, what an answer leads to. */
export interface StepHandler<V extends StepView = StepView> {
  /** The plugin's name, for messages and for the default handler's reports. */
  readonly plugin: string;
  /** Side effects when the flow enters the step (e.g. AssociateSoftwareToken); store results in `ctx.state`. */
  enter?(ctx: StepContext): Promise<void> | void;
  /** The app-facing fields of the step, from the descriptor and `ctx.state` (pure: called again after resume). */
  view(ctx: StepContext): V;
  /** When true, core answers the step at once without asking the app (e.g. PASSWORD_VERIFIER). */
  auto?(ctx: StepContext): boolean;
  /** Local validation; throw an {@link AuthError} of kind `validation`. Runs before any network call. */
  validate?(answer: StepAnswer | undefined, ctx: StepContext): void;
  /** Turns the answer into an outcome core carries out. */
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

/** Cognito operations core calls, unsigned. Inputs and outputs are Cognito's JSON. */
export type CognitoOperation =
  | 'InitiateAuth'
  | 'RespondToAuthChallenge'
  | 'AssociateSoftwareToken'
  | 'VerifySoftwareToken'
  | 'SetUserMFAPreference'
  | 'GetUser'
  | 'SignUp'
  | 'ConfirmSignUp'
  | 'ResendConfirmationCode'
  | 'ForgotPassword'
  | 'ConfirmForgotPassword';

/**
 * The small interface core talks to Cognito through. The default is the AWS SDK bare
 * client with per-command imports; tests and browsers may supply another.
 * Failures reject with an {@link AuthError} whose `name` is Cognito's exception name.
 */
export interface CognitoTransport {
  send(operation: CognitoOperation, input: Record<string, unknown>): Promise<Record<string, any>>;
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
  /** Step type → handler, filled from the plugins' `steps` (stage order). Bail: the first handler wins. */
  readonly step: HookMap<SyncBailHook<[StepDescriptor, FlowInfo], StepHandler | undefined>>;
  /** Before every Cognito call; may change the input. */
  readonly request: AsyncSeriesWaterfallHook<[CognitoCall]>;
  /** After every successful Cognito call; may change the output. */
  readonly response: AsyncSeriesWaterfallHook<[CognitoCallResult]>;
  /** A flow began (signIn). */
  readonly flowStarted: SyncHook<[FlowInfo]>;
  /** The flow entered a step the app sees. */
  readonly stepEntered: SyncHook<[FlowInfo, NextStep]>;
  /** The flow reached DONE. */
  readonly signedIn: SyncHook<[FlowInfo]>;
  /** The flow ended with an error that the app must handle (session dead, fatal service error). */
  readonly flowFailed: SyncHook<[FlowInfo, AuthError]>;
}

/**
 * One step a plugin handles: the only way a plugin registers a handler, and the only source
 * of what is "installed" (e.g. which MFA types selection offers).
 */
export interface StepRegistration {
  /** The step type (a {@link SignInStepName} or the plugin's own). */
  readonly type: string;
  /**
   * The handler, or a function choosing one per step (returning undefined passes the step
   * on to the next registration, else to the default handler).
   */
  readonly handler: StepHandler<any> | ((step: StepDescriptor, flow: FlowInfo) => StepHandler<any> | undefined);
  /**
   * Set it to handle a step another plugin handles too, deliberately: a lower stage runs
   * first (core's built-ins are at stage 0), so `-10` replaces, `10` runs after. Two
   * registrations of one type without a stage are a configuration error.
   */
  readonly stage?: number;
}

/**
 * A nextstep plugin, a plain object (usually from a factory). `steps` are registered by
 * `createAuth` after it checked every plugin; `apply` may tap the other hooks.
 *
 * `V` is the union of the steps the plugin shows the app; `createAuth` adds it to the
 * app's step union (see {@link AppStep}). Left at its default (any step), the plugin adds
 * nothing to the union: its steps are not typed. Declare it with `definePlugin`.
 */
export interface NextstepPlugin<V extends StepView = StepView> {
  /** The package name, e.g. `@nextstep/plugin-totp`. */
  readonly name: string;
  /** The plugin's own version, for messages. */
  readonly version?: string;
  /** The plugin API version the plugin is written for (`PLUGIN_API_VERSION` of `@nextstep/core/plugin`). */
  readonly api: number;
  /** The steps the plugin handles, each once. */
  readonly steps: readonly StepRegistration[];
  /** Taps the other hooks (challenge mapping, request/response, events). */
  apply?(host: PluginHost): void;
  /** Type only (never set): the steps this plugin shows the app. */
  readonly '~steps'?: V;
}

/** The steps each plugin of a list declares (`StepView` for a plugin that declares none). */
type DeclaredSteps<P extends readonly NextstepPlugin<any>[]> = P[number] extends infer X
  ? X extends NextstepPlugin<infer V>
    ? V
    : never
  : never;

/** The typed steps a list of plugins shows the app (plugins that declare none add nothing). */
export type PluginSteps<P extends readonly NextstepPlugin<any>[]> = DeclaredSteps<P> extends infer V
  ? V extends StepView
    ? string extends V['signInStep']
      ? never
      : V
    : never
  : never;

/**
 * The step union an app sees: core's steps, its plugins' steps and `UNCLAIMED_CHALLENGE`.
 * When some plugin does not declare its steps (typed as plain `NextstepPlugin`), every
 * Amplify step ({@link NextStep}) is in the union, since any of them may come.
 */
export type AppStep<P extends readonly NextstepPlugin<any>[]> =
  | PluginSteps<P>
  | (StepView extends DeclaredSteps<P> ? NextStep : CoreStep | UnclaimedChallengeStep);

/** The hooks a plugin's `apply` may tap: every hook but `step` (steps are registered through `steps`). */
export type PluginHooks = Omit<AuthHooks, 'step'>;

/** What `apply` receives. */
export interface PluginHost {
  readonly hooks: PluginHooks;
  /** The plugin API version of this core. */
  readonly api: number;
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
export interface AuthOptions<P extends readonly NextstepPlugin<any>[] = readonly NextstepPlugin<any>[]> {
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
  };
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
  options?: { clientMetadata?: Record<string, string>; forceAliasCreation?: boolean };
}

/** Output of `auth.confirmSignUp` (Amplify JS v6). */
export interface ConfirmSignUpOutput {
  isSignUpComplete: true;
  nextStep: { signUpStep: 'DONE' };
}

/** Input of `auth.resendSignUpCode` (Amplify JS v6). */
export interface ResendSignUpCodeInput {
  username: string;
  options?: { clientMetadata?: Record<string, string> };
}

/** Input of `auth.resetPassword` (Amplify JS v6). */
export interface ResetPasswordInput {
  username: string;
  options?: { clientMetadata?: Record<string, string> };
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
  options?: { clientMetadata?: Record<string, string> };
}
