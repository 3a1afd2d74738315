/** Plugins, their step registrations, hooks, and the app step union inferred from them. @module */
import type { AsyncSeriesWaterfallHook, HookMap, SyncBailHook, SyncHook } from '../hooks/index.js';
import type { CoreStep, NextStep, SignInStepName, StepView, UnclaimedChallengeStep } from './steps.js';
import type { AuthFlowType } from './inputs.js';
import type { ChallengeInput, StepDescriptor, StepHandler } from './handlers.js';
import type { CognitoCallFailure, CognitoOperation, CognitoTransport } from './transport.js';
import type { AuthTokens } from './steps.js';
import type { AuthError, Logger } from './errors.js';
import type { SessionInfo } from '../session/types.js'; // sessions (#10)

/** Read-only facts about a flow, given to hooks (no secrets, no Session). */
export interface FlowInfo {
  /** The flow's id. */
  readonly id: string;
  /** The username as given to `signIn`. */
  readonly username: string;
  /** The Cognito auth flow. */
  readonly authFlow: AuthFlowType;
  /** The user pool. */
  readonly userPoolId: string;
  /** The app client. */
  readonly clientId: string;
}

/** A Cognito call as the request/response hooks see it. Tap to add ClientMetadata, trace, measure. */
export interface CognitoCall {
  /** The Cognito operation name, e.g. `InitiateAuth`. */
  operation: CognitoOperation;
  /** The request body (may hold secrets: never log it). */
  input: Record<string, unknown>;
  /** The flow the call belongs to, when it is a flow's. */
  flow?: FlowInfo;
  /** The stored session a call is made for (refresh), when it is not a flow's. */
  session?: SessionInfo;
}

/** A Cognito answer as the response hook sees it. */
export interface CognitoCallResult extends CognitoCall {
  /** Cognito's answer (may hold tokens: never log it). */
  output: Record<string, any>;
  /** How long the call took, in ms. */
  durationMs: number;
}

/**
 * A Cognito call that failed, as the `callRecover` hook sees it. A tap that sets `retry`
 * has core send that input instead, once (through SECRET_HASH and the transport, not the
 * request hook again): e.g. the same answer without a DEVICE_KEY Cognito no longer knows.
 */
export interface CognitoCallRecovery extends CognitoCall {
  /** Why the call failed. */
  readonly error: AuthError;
  /** Set it to send this input instead, once. */
  retry?: Record<string, unknown>;
}

/**
 * A flow that got its tokens, as the `completing` hook sees it: before they are stored and
 * `signedIn` fires. `result` is Cognito's AuthenticationResult (e.g. NewDeviceMetadata);
 * `cognito` calls through the Auth's call path. A tap's error fails the sign-in, so a tap
 * that does optional work catches its own.
 */
export interface SignInCompletion {
  /** The flow that signed in. */
  readonly flow: FlowInfo;
  /** The new tokens. */
  readonly tokens: AuthTokens;
  /** Cognito's AuthenticationResult as received. */
  readonly result: Readonly<Record<string, any>>;
  /** Calls Cognito through the Auth's call path (hooks, SECRET_HASH, transport). */
  readonly cognito: CognitoTransport;
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
  /** After every failed Cognito call: the operation, the error's name and kind, the duration (never the input). */
  readonly callFailed: SyncHook<[CognitoCallFailure]>; // p15 (issue #15)
  /**
   * After a Cognito call failed, with its input: a tap may ask for one retry with a changed
   * input (#11). For tracing use `callFailed`, which never sees the input.
   */
  readonly callRecover: AsyncSeriesWaterfallHook<[CognitoCallRecovery]>;
  /** A flow got its tokens; async, before they are stored and `signedIn` fires. */
  readonly completing: AsyncSeriesWaterfallHook<[SignInCompletion]>;
  /** A flow began (signIn). */
  readonly flowStarted: SyncHook<[FlowInfo]>;
  /** The flow entered a step the app sees. */
  readonly stepEntered: SyncHook<[FlowInfo, NextStep]>;
  /** The flow reached DONE. */
  readonly signedIn: SyncHook<[FlowInfo]>;
  /** The flow ended with an error that the app must handle (session dead, fatal service error). */
  readonly flowFailed: SyncHook<[FlowInfo, AuthError]>;
  // --- sessions (#10) ---
  /** A stored session's tokens were refreshed. */
  readonly tokenRefreshed: SyncHook<[SessionInfo]>;
  /** A refresh failed: a `SessionEndedError` when for good (the session is gone), else the passing error. */
  readonly refreshFailed: SyncHook<[SessionInfo, AuthError]>;
  /** A session left the store: signOut (revoked says whether Cognito confirmed) or deleteUser. */
  readonly signedOut: SyncHook<[SessionInfo, {
    /** True for a global sign-out (every device). */
    global: boolean;
    /** True when Cognito confirmed the revocation. */
    revoked: boolean }]>;
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
  /** The hooks to tap. */
  readonly hooks: PluginHooks;
  /** The plugin API version of this core. */
  readonly api: number;
  /** The Auth's logger (never pass it secrets). */
  readonly logger: Logger;
}

/**
 * Receives every step no plugin claimed and decides: surface it, fail, or answer it.
 * Required by `createAuth`'s type: see `surfaceUnclaimed` and `failUnclaimed`.
 */
export interface DefaultHandler {
  /** The handler's name, for messages. */
  readonly name: string;
  /** Gives the handler for an unclaimed step; `info` says which step type and plugin it would be. */
  handle(step: StepDescriptor, info: { stepType?: string; suggestedPlugin?: string }): StepHandler;
}
