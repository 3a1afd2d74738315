/**
 * `createAuth`: checks the configuration and the plugins, builds the hooks, applies core's
 * built-in plugins then the app's, and returns an {@link Auth} that starts and resumes flows.
 * @module
 */
import { builtinPlugins } from './builtin/index.js';
import { AuthError, isAuthError } from './errors.js';
import { scopedTransport, type Engine } from './engine.js';
import * as account from './account.js';
import { configError, validationError } from './fail.js';
import { Flow } from './flow.js';
import type { SignInResult } from './sign-in-result.js';
import {
  AsyncSeriesWaterfallHook,
  HookMap,
  SyncBailHook,
  SyncHook,
} from './hooks/index.js';
import { isInstalled, registerPlugins } from './plugin-check.js';
import { readSnapshot } from './snapshot.js';
import { checkSignInOptions, type CallControl, type CognitoCallFailure, type CognitoClient } from './guard/index.js'; // p15 (issue #15)
import { isTimeout } from './transport/call-options.js'; // p15
import { defaultTransport } from '#default-transport';
import { CORE_VERSION } from './version.js';
import { AUTH_FLOWS, FIRST_FACTORS, PASSWORD_FLOWS } from './sign-in-names.js';
// sessions (#10)
import { memoryStore } from './session/memory-store.js';
import { registerAuth } from './session/registry.js';
import type { SessionInfo, TokenStore } from './session/types.js';
import type {
  AppStep,
  AuthFlowType,
  AuthHooks,
  AuthOptions,
  ChallengeInput,
  CodeDeliveryDetails,
  CognitoCall,
  CognitoCallResult,
  CognitoCallRecovery,
  SignInCompletion,
  CognitoTransport,
  ConfirmResetPasswordInput,
  ConfirmSignInInput,
  ConfirmSignUpInput,
  ConfirmSignUpOutput,
  FirstFactor,
  FlowInfo,
  FlowSnapshot,
  Logger,
  NextStep,
  ResendSignUpCodeInput,
  ResetPasswordInput,
  ResetPasswordOutput,
  SignInInput,
  SignInOutput,
  SignUpInput,
  SignUpOutput,
  StepDescriptor,
  StepHandler,
  StepView,
  NextstepPlugin,
  UserPoolConfig,
} from './types.js';

const DEFAULT_SESSION_VALIDITY_MS = 3 * 60_000;
const SILENT: Logger = Object.freeze({ debug() {} });

/** A fresh, frozen set of hooks. */
function createHooks(): AuthHooks {
  return Object.freeze({
    challenge: new HookMap(() => new SyncBailHook<[ChallengeInput, FlowInfo], StepDescriptor | undefined>(['input', 'flow'])),
    step: new HookMap(() => new SyncBailHook<[StepDescriptor, FlowInfo], StepHandler | undefined>(['step', 'flow'])),
    request: new AsyncSeriesWaterfallHook<[CognitoCall]>(['call']),
    response: new AsyncSeriesWaterfallHook<[CognitoCallResult]>(['result']),
    callFailed: new SyncHook<[CognitoCallFailure]>(['failure']), // p15 (issue #15)
    callRecover: new AsyncSeriesWaterfallHook<[CognitoCallRecovery]>(['recovery']), // #11
    completing: new AsyncSeriesWaterfallHook<[SignInCompletion]>(['completion']),
    flowStarted: new SyncHook<[FlowInfo]>(['flow']),
    stepEntered: new SyncHook<[FlowInfo, NextStep]>(['flow', 'nextStep']),
    signedIn: new SyncHook<[FlowInfo]>(['flow']),
    flowFailed: new SyncHook<[FlowInfo, AuthError]>(['flow', 'error']),
    // sessions (#10)
    tokenRefreshed: new SyncHook<[SessionInfo]>(['session']),
    refreshFailed: new SyncHook<[SessionInfo, AuthError]>(['session', 'error']),
    signedOut: new SyncHook<[SessionInfo, { global: boolean; revoked: boolean }]>(['session', 'result']),
  });
}

function checkUserPool(userPool: UserPoolConfig | undefined): UserPoolConfig {
  if (!userPool || typeof userPool !== 'object') throw configError('InvalidUserPoolConfig', 'createAuth needs userPool.');
  if (typeof userPool.userPoolId !== 'string' || !/^[\w-]+_[0-9A-Za-z]+$/.test(userPool.userPoolId)) {
    throw configError('InvalidUserPoolId', 'userPool.userPoolId must look like "us-east-1_AbC123".');
  }
  if (typeof userPool.clientId !== 'string' || userPool.clientId.trim() === '') {
    throw configError('InvalidClientId', 'userPool.clientId is empty.');
  }
  if (userPool.clientSecret !== undefined && (typeof userPool.clientSecret !== 'string' || userPool.clientSecret === '')) {
    throw configError('InvalidClientSecret', 'userPool.clientSecret, when given, must be a non-empty string.');
  }
  return Object.freeze({ ...userPool });
}

/** Local checks of signIn's input (nothing is sent when one fails); returns its call control. */
function checkSignIn(input: SignInInput): CallControl | undefined {
  // p15 (issue #15): option types, nulls included; a missing input is refused there (EmptySignInUsername).
  const control = checkSignInOptions(input);
  if (typeof input.username !== 'string' || input.username.trim() === '') {
    throw validationError('EmptySignInUsername', 'The username is empty.');
  }
  const authFlow = input.options?.authFlowType ?? 'USER_SRP_AUTH';
  if (!AUTH_FLOWS.includes(authFlow)) {
    throw validationError('InvalidAuthFlowType', `Unknown authFlowType; use one of ${AUTH_FLOWS.join(', ')}.`);
  }
  const preferred = input.options?.preferredChallenge;
  if (preferred !== undefined) {
    if (authFlow !== 'USER_AUTH') {
      throw validationError('InvalidPreferredChallenge', 'preferredChallenge only applies to authFlowType USER_AUTH.');
    }
    if (!FIRST_FACTORS.includes(preferred)) {
      throw validationError('InvalidPreferredChallenge', `Unknown preferredChallenge; use one of ${FIRST_FACTORS.join(', ')}.`);
    }
  }
  const password = input.password;
  if (password !== undefined && typeof password !== 'string') {
    throw validationError('InvalidSignInPassword', 'The password must be a string.');
  }
  const needsPassword =
    PASSWORD_FLOWS.has(authFlow) ||
    (authFlow === 'USER_AUTH' && (preferred === 'PASSWORD' || preferred === 'PASSWORD_SRP'));
  if (needsPassword && !password) throw validationError('EmptySignInPassword', 'The password is empty.');
  if (authFlow === 'CUSTOM_WITHOUT_SRP' && password) {
    throw validationError(
      'CustomAuthSignInPassword',
      'CUSTOM_WITHOUT_SRP sends no password; use CUSTOM_WITH_SRP.',
    );
  }
  // clientMetadata: checked by checkSignInOptions above.
  return control;
}

/** sessions (#10): a store has the four functions. */
function checkStore(store: TokenStore | undefined): void {
  if (!store || (['get', 'set', 'remove', 'list'] as const).some((k) => typeof store[k] !== 'function')) {
    throw configError('InvalidTokenStore', 'A token store has get, set, remove and list functions.');
  }
}

/**
 * A configured sign-in framework: one per user pool app client. Flows it starts are
 * independent values; `confirmSignIn` without a flow answers the latest one (Amplify style).
 */
export class Auth<S extends StepView = NextStep> {
  /** The hooks, frozen: tap them from plugins (or directly, for tracing). */
  readonly hooks: AuthHooks;
  /** The version of @nextstep/core. */
  readonly coreVersion: string = CORE_VERSION;
  readonly #engine: Engine;
  #latest: Flow<S> | undefined;
  #cognito: CognitoClient | undefined;

  /** @internal Use {@link createAuth}. */
  constructor(engine: Engine) {
    this.#engine = engine;
    this.hooks = engine.hooks;
    registerAuth(this, engine, (flow: Flow<S>) => (this.#latest = flow)); // sessions (#10)
  }

  // --- sessions (#10) ---
  /**
   * A view of this Auth whose sessions live in `store` (e.g. this request's `cookieStore`):
   * sign-ins through it store their tokens there, and session calls on it work on that
   * store's user. Hooks and plugins are shared; flows are not.
   */
  withStore(store: TokenStore): Auth {
    checkStore(store);
    return new Auth({ ...this.#engine, session: { ...this.#engine.session, store, scoped: true } });
  }

  /** The token store sessions go to. */
  get store(): TokenStore {
    return this.#engine.session.store;
  }
  // --- end sessions ---

  /** The pool and client this instance signs in to (no secret). */
  get userPool(): {
    /** The user pool id. */
    userPoolId: string;
    /** The app client id. */
    clientId: string;
  } {
    return { userPoolId: this.#engine.userPool.userPoolId, clientId: this.#engine.userPool.clientId };
  }

  /**
   * Cognito through this instance's transport, with its request/response hooks and
   * SECRET_HASH applied: for calls outside a sign-in step, e.g. SetUserMFAPreference with a
   * signed-in user's access token (see `markTotpPreferred` in `@nextstep/plugin-totp`).
   * Failures reject with an {@link AuthError} named as Cognito names the exception.
   */
  get cognito(): CognitoClient {
    // p15 (issue #15): per-call signal / timeoutMs (checked by the scoped transport); typed for the operations core knows.
    return (this.#cognito ??= Object.freeze(scopedTransport(this.#engine)) as CognitoClient);
  }

  /** The latest flow started or resumed here, if any. */
  get currentFlow(): Flow<S> | undefined {
    return this.#latest;
  }

  /**
   * Starts a sign-in (USER_SRP_AUTH unless `options.authFlowType` says otherwise) and
   * resolves to the flow at its first step for the app, or DONE.
   */
  async signIn(input: SignInInput): Promise<SignInResult<S>> {
    const control = checkSignIn(input); // p15 (issue #15): with its signal / timeout
    const options = input.options ?? {};
    const flowPromise = Flow.start<S>(this.#engine, {
      id: globalThis.crypto.randomUUID().toLowerCase(), // flat: Node concatenates it (a ~600 B rope kept per flow)
      username: input.username,
      authFlow: options.authFlowType ?? 'USER_SRP_AUTH',
      ...(input.password ? { password: input.password } : {}),
      // The flow keeps its own frozen copy of clientMetadata.
      clientMetadata: options.clientMetadata,
      preferredChallenge: options.preferredChallenge,
    }, control);
    const flow = await flowPromise;
    this.#latest = flow;
    return flow;
  }

  /**
   * Answers the latest flow's step (Amplify JS v6's `confirmSignIn`). Refused on an Auth
   * created with `sessions: 'many'` (servers: "latest" would be another user's flow); there,
   * answer `flow.confirm(...)`, `serverFlows(auth).answer(flowId, ...)`, or use a per-request
   * view from `auth.withStore(store)`, whose latest flow is that request's.
   */
  async confirmSignIn(input: ConfirmSignInInput): Promise<SignInOutput<S>> {
    // servers (#14): no global "latest flow" when many users sign in at once.
    const { mode, scoped } = this.#engine.session;
    if (mode === 'many' && !scoped) {
      throw validationError(
        'FlowIdRequired',
        'This Auth signs in many users at once (sessions: "many"): answer by flow, with flow.confirm(answer) or serverFlows(auth).answer(flowId, answer), or per request through auth.withStore(store).',
      );
    }
    const flow = this.#latest;
    if (!flow) throw validationError('NoSignInFlow', 'There is no sign-in to answer; call signIn first.');
    await flow.confirm(input?.challengeResponse, input?.options ?? {});
    return flow.output();
  }

  /**
   * Continues a flow saved with `flow.toJSON()` (also as JSON text), here or in another
   * process, until its Cognito session expires. The password is not in the snapshot.
   */
  resumeFlow(snapshot: FlowSnapshot | string): SignInResult<S> {
    const s = readSnapshot(snapshot);
    const { userPoolId, clientId } = this.#engine.userPool;
    if (s.userPoolId !== userPoolId || s.clientId !== clientId) {
      throw validationError('FlowSnapshotMismatch', 'This flow belongs to another user pool or app client.');
    }
    if (s.status !== 'active') {
      throw validationError('FlowNotResumable', `This flow is ${s.status === 'done' ? 'already signed in' : 'ended'}; start a new sign-in.`);
    }
    const flow = Flow.resume<S>(this.#engine, s);
    // p15 (issue #15): a snapshot whose step data its handler cannot read is refused here, typed.
    try {
      void flow.nextStep;
    } catch (err) {
      if (isAuthError(err)) throw err;
      throw validationError('InvalidFlowSnapshot', "This is not a flow snapshot from flow.toJSON(): its step cannot be shown.", { field: 'step' });
    }
    this.#latest = flow;
    return flow;
  }

  /** Registers a user (Amplify JS v6's `signUp`). */
  signUp(input: SignUpInput): Promise<SignUpOutput> {
    return account.signUp(this.#engine, input);
  }

  /** Confirms a registration with the emailed or texted code. */
  confirmSignUp(input: ConfirmSignUpInput): Promise<ConfirmSignUpOutput> {
    return account.confirmSignUp(this.#engine, input);
  }

  /** Sends the sign-up confirmation code again. */
  resendSignUpCode(input: ResendSignUpCodeInput): Promise<CodeDeliveryDetails> {
    return account.resendSignUpCode(this.#engine, input);
  }

  /** Starts a password reset: Cognito sends a code. */
  resetPassword(input: ResetPasswordInput): Promise<ResetPasswordOutput> {
    return account.resetPassword(this.#engine, input);
  }

  /** Sets the new password with the reset code. */
  confirmResetPassword(input: ConfirmResetPasswordInput): Promise<void> {
    return account.confirmResetPassword(this.#engine, input);
  }
}

/** sessions (#10): the store and user mode from createAuth's options. */
function sessionConfig(options: AuthOptions) {
  if (options.store !== undefined) checkStore(options.store);
  if (options.sessions !== undefined && options.sessions !== 'one' && options.sessions !== 'many') {
    throw configError('InvalidSessionsMode', 'sessions must be "one" or "many".');
  }
  return { store: options.store ?? memoryStore(), mode: options.sessions ?? 'one', scoped: false, rotation: options.refreshTokenRotation === true } as const;
}

/**
 * Creates the framework for one user pool app client. Plugins are checked (claims, core
 * range) before any `apply`; problems throw an {@link AuthError} of kind `config`.
 *
 * ```ts
 * const auth = createAuth({ userPool: { userPoolId, clientId }, plugins: [totp()], defaultHandler: surfaceUnclaimed });
 * const flow = await auth.signIn({ username, password });
 * ```
 */
export function createAuth<const P extends readonly NextstepPlugin<any>[] = []>(options: AuthOptions<P>): Auth<AppStep<P>> {
  if (!options || typeof options !== 'object') throw configError('InvalidAuthOptions', 'createAuth needs options.');
  const userPool = checkUserPool(options.userPool);
  const defaultHandler = options.defaultHandler;
  if (!defaultHandler || typeof defaultHandler.handle !== 'function') {
    throw configError(
      'MissingDefaultHandler',
      'createAuth needs a defaultHandler: surfaceUnclaimed, failUnclaimed, or your own.',
    );
  }
  if (options.plugins !== undefined && !Array.isArray(options.plugins)) {
    throw configError('InvalidPluginConfiguration', 'plugins must be an array.');
  }
  const validity = options.sessionValidityMs ?? DEFAULT_SESSION_VALIDITY_MS;
  if (!isTimeout(validity)) {
    throw configError('InvalidSessionValidity', 'sessionValidityMs must be a positive number of milliseconds.');
  }
  if (options.timeoutMs !== undefined && !isTimeout(options.timeoutMs)) {
    throw configError('InvalidTimeout', 'timeoutMs must be a positive number of milliseconds.'); // p15 (issue #15)
  }
  const logger = options.logger ?? SILENT;
  const hooks = createHooks();

  const builtins = builtinPlugins({
    installed: (step) => isInstalled(hooks, step),
    autoSelectSingleMfa: options.autoSelectSingleMfa === true,
  });
  const plugins: readonly NextstepPlugin<any>[] = [...builtins, ...((options.plugins ?? []) as readonly NextstepPlugin<any>[])];
  registerPlugins(plugins, hooks, logger, builtins.length);

  const engine: Engine = {
    hooks,
    userPool,
    transport: options.transport ?? defaultTransport(userPool),
    logger,
    now: options.clock ?? (() => Date.now()),
    sessionValidityMs: validity,
    defaultHandler,
    session: sessionConfig(options), // sessions (#10)
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}), // p15
  };
  logger.debug('auth created', { plugins: plugins.map((p) => p.name), defaultHandler: defaultHandler.name });
  return new Auth<AppStep<P>>(engine);
}
