/**
 * A sign-in as a value: its Cognito Session, its current step and that step's handler.
 * Flows share nothing but their Auth instance's configuration, so any number run at once.
 * @module
 */
import { AuthError, isAuthError } from './errors.js';
import { checkAnswerShape } from './answer-check.js';
import { callCognito, scopedTransport, type CallScope, type Engine } from './engine.js';
import { isFatal, sessionErrorOf } from './error-policy.js';
import { sessionExpired, toAuthError, validationError } from './fail.js';
import { offeredDescriptor } from './builtin/env.js';
import { initiateAuthInput } from './initiate.js';
import { pluginForStep } from './mfa-table.js';
import { SNAPSHOT_FORMAT } from './snapshot.js';
import { tokensOf } from './tokens.js';
import type { SignInResult } from './sign-in-result.js';
import { saveSignIn } from './session/save.js'; // sessions (#10)
import { checkConfirmOptions, sanitizeError, secretsOf, type CallControl, type CognitoClient } from './guard/index.js'; // p15 (issue #15)
import { afterRetriedAnswer, answerMayBeLost, withFlowState } from './guard/flow-state.js'; // p15 (issue #15)
import type {
  AuthFlowType,
  AuthTokens,
  ChallengeInput,
  CognitoAuthResponse,
  CognitoTransport,
  ConfirmSignInOptions,
  FirstFactor,
  FlowInfo,
  FlowSecrets,
  FlowSnapshot,
  FlowStatus,
  NextStep,
  SignInOutput,
  StepAnswer,
  StepContext,
  StepDescriptor,
  StepHandler,
  StepOutcome,
  StepView,
} from './types.js';

/** What a call to Cognito leads to: its answer, or the step its exception became. */
type CallOutcome = Extract<StepOutcome, { kind: 'response' | 'step' }>;

/** Automatic steps in a row before core suspects a loop. */
const MAX_AUTO_HOPS = 25;

const DONE_STEP: StepDescriptor = Object.freeze({ type: 'DONE', challengeName: '', parameters: {}, data: {} }) as StepDescriptor;
const STARTING_STEP: StepDescriptor = { type: 'SIGN_IN_STARTING', challengeName: '', parameters: {}, data: {} };

/** @internal What a flow is built from. */
export interface FlowInit {
  id: string;
  username: string;
  answerUsername?: string;
  authFlow: AuthFlowType;
  password?: string;
  /** Copied and frozen by the flow. */
  clientMetadata?: Readonly<Record<string, string>> | undefined;
  preferredChallenge?: FirstFactor | undefined;
  /** sessions (#10): autoSignIn's sign-up Session, sent once with USER_AUTH. */
  signUpSession?: string;
}

/**
 * One sign-in. `auth.signIn` returns it at its first step; `confirm` answers the step and
 * resolves to the flow at the next one, typed as a {@link SignInResult}. `isSignedIn` and
 * `nextStep` read the flow's state, so `const { isSignedIn, nextStep } = await auth.signIn(...)`
 * works as in Amplify.
 */
export class Flow<S extends StepView = NextStep> {
  readonly #engine: Engine;
  readonly #clientMetadata: Readonly<Record<string, string>> | undefined;
  readonly #preferredChallenge: FirstFactor | undefined;
  readonly #secrets: FlowSecrets = {};
  readonly #info: FlowInfo;
  #answerUsername: string;
  #session: string | undefined;
  #expiresAt: number | undefined;
  #status: FlowStatus = 'active';
  #step: StepDescriptor = STARTING_STEP;
  #state: Record<string, unknown> = {};
  #handler: StepHandler | undefined;
  #busy = false;
  #error: AuthError | undefined;
  #cognito: CognitoClient | undefined;
  readonly #scope: CallScope;
  /** The signal / timeout of the public call in progress (p15, issue #15). */
  #control: CallControl | undefined;
  /** The last answer's reply was lost: Cognito may have processed it (p15, issue #15). */
  #lostAnswer = false;
  #result: Record<string, any> | undefined; // the AuthenticationResult, for hooks.completing

  /** @internal Use `auth.signIn` or `auth.resumeFlow`. */
  constructor(engine: Engine, init: FlowInit) {
    this.#engine = engine;
    this.#answerUsername = init.answerUsername ?? init.username;
    this.#clientMetadata = init.clientMetadata ? Object.freeze({ ...init.clientMetadata }) : undefined;
    this.#preferredChallenge = init.preferredChallenge;
    if (init.password !== undefined) this.#secrets.password = init.password;
    // The flow's id, username and auth flow are read from here.
    this.#info = Object.freeze({
      id: init.id,
      username: init.username,
      authFlow: init.authFlow,
      userPoolId: engine.userPool.userPoolId,
      clientId: engine.userPool.clientId,
    });
    this.#scope = this.#scopeWith(this.#clientMetadata);
  }

  /** @internal Starts the sign-in: InitiateAuth, then every automatic step, up to the first step the app answers. */
  static async start<S extends StepView>(engine: Engine, init: FlowInit, control?: CallControl): Promise<SignInResult<S>> {
    const flow = new Flow<S>(engine, init);
    flow.#control = control; // p15 (issue #15)
    flow.#debug('flow started', { authFlow: init.authFlow });
    engine.hooks.flowStarted.call(flow.#info);
    try {
      await flow.#advance(await flow.#initiate(init.signUpSession)); // sessions (#10)
    } catch (err) {
      const error = flow.#failure(err, secretsOf(init.password, flow.#session), 'The sign-in failed.');
      throw flow.#fail(withFlowState(error, false)); // p15: a failed signIn leaves no flow to answer
    } finally {
      flow.#control = undefined; // p15
    }
    return flow as SignInResult<S>;
  }

  /** @internal Rebuilds a flow from `toJSON()`'s snapshot; `auth.resumeFlow` checks the snapshot first. */
  static resume<S extends StepView>(engine: Engine, snapshot: FlowSnapshot): SignInResult<S> {
    const flow = new Flow<S>(engine, {
      id: snapshot.id,
      username: snapshot.username,
      answerUsername: snapshot.answerUsername,
      authFlow: snapshot.authFlow,
      clientMetadata: snapshot.clientMetadata,
      preferredChallenge: snapshot.preferredChallenge,
    });
    flow.#session = snapshot.session;
    flow.#expiresAt = snapshot.expiresAt;
    flow.#step = structuredClone(snapshot.step);
    flow.#state = structuredClone(snapshot.state);
    flow.#debug('flow resumed', { step: flow.#step.type });
    flow.#failIfExpired();
    try {
      flow.#handler = flow.#resolve(flow.#step);
    } catch (err) {
      throw flow.#fail(toAuthError(err));
    }
    return flow as SignInResult<S>;
  }

  /** A random id, stable across `toJSON` / `resumeFlow`. */
  get id(): string {
    return this.#info.id;
  }

  /** The username as given to `signIn`. */
  get username(): string {
    return this.#info.username;
  }

  /** The Cognito auth flow this sign-in uses. */
  get authFlow(): AuthFlowType {
    return this.#info.authFlow;
  }

  /** `active` while waiting for an answer, `done` once signed in, `failed` after a fatal error. */
  get status(): FlowStatus {
    return this.#status;
  }

  /** The error that ended the flow, when `status` is `failed`. */
  get error(): AuthError | undefined {
    return this.#error;
  }

  /** Facts about the flow for hooks and logs (no secrets). */
  get info(): FlowInfo {
    return this.#info;
  }

  /** True once the flow reached DONE. */
  get isSignedIn(): boolean {
    return this.#status === 'done';
  }

  /** The step the app answers next (Amplify JS v6's `nextStep`). */
  get nextStep(): S {
    if (!this.#handler) throw validationError('SignInNotStarted', 'The sign-in has not reached a step yet.');
    return this.#handler.view(this.#context({})) as S;
  }

  /** The tokens, once signed in (in memory only: `toJSON()` leaves them out). */
  get tokens(): AuthTokens | undefined {
    return this.#secrets.tokens;
  }

  /**
   * Cognito through the flow's Auth instance (transport, request/response hooks with this
   * flow's info, SECRET_HASH), e.g. for account calls with `tokens.accessToken` once signed in.
   */
  get cognito(): CognitoClient {
    // p15 (issue #15): typed for the operations core knows; per-call signal / timeoutMs.
    return (this.#cognito ??= Object.freeze(scopedTransport(this.#engine, this.#scope)) as CognitoClient);
  }

  /** Epoch ms when the Cognito session expires; undefined when the flow holds no session. */
  get expiresAt(): number | undefined {
    return this.#expiresAt;
  }

  /** Milliseconds left before the Cognito session expires (never negative; Infinity without a session). */
  remainingMs(): number {
    if (this.#expiresAt === undefined) return this.#status === 'active' ? Infinity : 0;
    return Math.max(0, this.#expiresAt - this.#engine.now());
  }

  /** A frozen `{ isSignedIn, nextStep }` snapshot (Amplify JS v6's SignInOutput). */
  output(): SignInOutput<S> {
    return Object.freeze({ isSignedIn: this.isSignedIn, nextStep: this.nextStep });
  }

  /**
   * Answers the current step. Local checks run first (nothing is sent when they fail).
   * Resolves to this flow at its next step. A recoverable error (a wrong code) leaves the
   * flow at the same step, answerable again; a fatal one (expired session) ends it.
   */
  async confirm(answer: StepAnswer, options: ConfirmSignInOptions = {}): Promise<SignInResult<S>> {
    if (this.#status === 'done') throw validationError('SignInAlreadyComplete', 'This sign-in is already complete.');
    if (this.#status === 'failed') {
      throw validationError('SignInFlowEnded', 'This sign-in has ended; start a new one.', {
        cause: this.#error?.name,
      });
    }
    if (this.#busy) throw validationError('SignInFlowBusy', 'An answer to this step is still being processed.');
    this.#failIfExpired();
    checkAnswerShape(answer);
    const control = checkConfirmOptions(options); // p15 (issue #15)
    const handler = this.#handler!;
    const ctx = this.#context(options ?? {});
    handler.validate?.(answer, ctx);
    this.#busy = true;
    this.#control = control; // p15
    const before = this.#step;
    try {
      await this.#advance(await handler.answer(answer, ctx), ctx.options);
      this.#lostAnswer = false; // p15
    } catch (err) {
      // p15 (issue #15): nothing of the answer, password or Session reachable from the error.
      const secrets = secretsOf(answer, options?.password, options?.userAttributes, this.#secrets.password, this.#secrets.tokens, this.#session);
      const error = this.#failure(err, secrets, 'The answer failed.');
      this.#debug('answer failed', { step: before.type, error: error.name });
      if (this.#step !== before || isFatal(error)) throw this.#fail(withFlowState(error, false));
      throw withFlowState(error, true);
    } finally {
      this.#busy = false;
      this.#control = undefined; // p15
    }
    return this as unknown as SignInResult<S>;
  }

  /**
   * A JSON snapshot to resume with `auth.resumeFlow`, in clear: it holds the Cognito
   * Session, the step's parameters and plugin state (at TOTP setup, the shared secret), the
   * username and client metadata, but no password and no tokens. Keep it in memory, or
   * seal it (`createKeyring`, `serverFlows`) before it goes to any store.
   */
  toJSON(): FlowSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      id: this.#info.id,
      username: this.#info.username,
      answerUsername: this.#answerUsername,
      authFlow: this.#info.authFlow,
      userPoolId: this.#info.userPoolId,
      clientId: this.#info.clientId,
      ...(this.#session !== undefined ? { session: this.#session } : {}),
      ...(this.#expiresAt !== undefined ? { expiresAt: this.#expiresAt } : {}),
      status: this.#status,
      step: structuredClone(this.#step),
      state: structuredClone(this.#state),
      ...(this.#clientMetadata ? { clientMetadata: { ...this.#clientMetadata } } : {}),
      ...(this.#preferredChallenge ? { preferredChallenge: this.#preferredChallenge } : {}),
    };
  }

  // -------------------------------------------------------------------------------------

  /** Fails the flow with SessionExpired once its Cognito session has expired. */
  #failIfExpired(): void {
    if (this.#expiresAt !== undefined && this.#engine.now() >= this.#expiresAt) {
      throw this.#fail(sessionExpired(undefined, { step: this.#step.type }));
    }
  }

  /** A debug line about this flow: its id first, then `fields` (never secrets). */
  #debug(message: string, fields: Record<string, unknown> = {}): void {
    this.#engine.logger.debug(message, { flowId: this.#info.id, ...fields });
  }

  /**
   * A failed call's error as the app sees it (p15, issue #15): nothing of `secrets` in it,
   * the retry after a lost answer said so, the Cognito name mapped for the current step.
   * Notes whether this answer's reply was lost.
   */
  #failure(err: unknown, secrets: ReturnType<typeof secretsOf>, message: string): AuthError {
    const sanitized = afterRetriedAnswer(sanitizeError(toAuthError(err), secrets, { message }), this.#lostAnswer);
    this.#lostAnswer = answerMayBeLost(sanitized);
    return sessionErrorOf(sanitized, this.#step.challengeName || undefined);
  }

  /** Drops the flow's secrets but `keep`. */
  #dropSecrets(keep?: string): void {
    for (const key of Object.keys(this.#secrets)) if (key !== keep) delete this.#secrets[key];
  }

  /** Ends the flow, drops its secrets, fires flowFailed; returns the error to throw. */
  #fail(error: AuthError): AuthError {
    if (this.#status === 'failed') return error;
    this.#status = 'failed';
    this.#error = error;
    this.#clearSession();
    this.#dropSecrets();
    this.#debug('flow failed', { step: this.#step.type, error: error.name, kind: error.kind });
    this.#engine.hooks.flowFailed.call(this.#info, error);
    return error;
  }

  /** The one writer of the Session: every Session Cognito returns to this flow's calls lands here. */
  #setSession(session: string): void {
    if (this.#status !== 'active') return;
    this.#session = session;
    // Every Session Cognito hands out lives for the client's AuthSessionValidity.
    this.#expiresAt = this.#engine.now() + this.#engine.sessionValidityMs;
  }

  #clearSession(): void {
    this.#session = undefined;
    this.#expiresAt = undefined;
  }

  /** What the call path fills in for this flow's calls. */
  #scopeWith(clientMetadata: Readonly<Record<string, string>> | undefined): CallScope {
    return {
      flow: this.#info,
      username: () => this.#answerUsername,
      session: () => this.#session,
      clientMetadata,
      onSession: (session) => this.#setSession(session),
    };
  }

  /** The flow's scope, or one with the answer's own clientMetadata. */
  #scopeFor(options: ConfirmSignInOptions): CallScope {
    return options.clientMetadata ? this.#scopeWith(options.clientMetadata) : this.#scope;
  }

  #context(options: ConfirmSignInOptions): StepContext {
    const flow = this;
    const engine = this.#engine;
    const scope = this.#scopeFor(options);
    return {
      step: this.#step,
      get username() {
        return flow.#answerUsername;
      },
      userPoolId: this.#info.userPoolId,
      clientId: this.#info.clientId,
      get session() {
        return flow.#session;
      },
      state: this.#state,
      cognito: scopedTransport(engine, scope, () => this.#control) as StepContext['cognito'], // p15: the answer's signal / timeout
      secrets: this.#secrets,
      logger: engine.logger,
      options,
      clientMetadata: this.#clientMetadata,
      flow: this.#info,
      now: engine.now,
    };
  }

  /** Step type → handler: the claiming plugin's, else the default handler's. */
  #resolve(step: StepDescriptor): StepHandler {
    const claimed = this.#engine.hooks.step.get(step.type)?.call(step, this.#info);
    if (claimed) return claimed;
    const stepType =
      step.type !== step.challengeName ? step.type : typeof step.data.stepType === 'string' ? step.data.stepType : undefined;
    const suggested =
      (stepType ? pluginForStep(stepType) : undefined) ??
      (typeof step.data.suggestedPlugin === 'string' ? step.data.suggestedPlugin : undefined);
    return this.#engine.defaultHandler.handle(step, {
      ...(stepType ? { stepType } : {}),
      ...(suggested ? { suggestedPlugin: suggested } : {}),
    });
  }

  /** Cognito challenge (or exception) → step descriptor, through hooks.challenge. */
  #map(input: ChallengeInput): StepDescriptor {
    const mapped = this.#engine.hooks.challenge.get(input.challengeName)?.call(input, this.#info);
    return mapped ?? offeredDescriptor(input, input.challengeName);
  }

  /**
   * InitiateAuth with the flow's input; UserNotConfirmed / PasswordResetRequired become steps.
   * sessions (#10): the first one may carry autoSignIn's sign-up Session (usable once).
   */
  async #initiate(signUpSession?: string): Promise<StepOutcome> {
    const input = await initiateAuthInput({
      username: this.#info.username,
      authFlow: this.#info.authFlow,
      preferredChallenge: this.#preferredChallenge,
      secrets: this.#secrets,
    });
    if (signUpSession) input.Session = signUpSession;
    return this.#call('InitiateAuth', input, this.#scope);
  }

  /**
   * InitiateAuth or RespondToAuthChallenge: Cognito's answer, or the step its exception
   * becomes. A RespondToAuthChallenge error is read as a session error of `challengeName`.
   */
  async #call(operation: 'InitiateAuth' | 'RespondToAuthChallenge', input: Record<string, unknown>, scope: CallScope, challengeName?: string): Promise<CallOutcome> {
    try {
      const response = (await callCognito(this.#engine, operation, input, scope, this.#control)) as CognitoAuthResponse; // p15: control
      return { kind: 'response', response };
    } catch (err) {
      const error = operation === 'RespondToAuthChallenge' ? sessionErrorOf(toAuthError(err), challengeName) : err;
      const step = this.#exceptionStep(error);
      if (step) return { kind: 'step', step };
      throw error;
    }
  }

  /**
   * UserNotConfirmedException / PasswordResetRequiredException become steps (through
   * hooks.challenge under the exception name). With SRP, Cognito raises them only after the
   * password claim, from RespondToAuthChallenge.
   */
  #exceptionStep(err: unknown): StepDescriptor | undefined {
    if (!isAuthError(err) || (err.name !== 'UserNotConfirmedException' && err.name !== 'PasswordResetRequiredException')) {
      return undefined;
    }
    this.#clearSession();
    this.#answerUsername = this.#info.username;
    return this.#map({ challengeName: err.name, parameters: {} });
  }

  /** A `restart` outcome: InitiateAuth again with the original input. */
  #restart(password: string | undefined): Promise<StepOutcome> {
    if (password !== undefined) this.#secrets.password = password;
    this.#answerUsername = this.#info.username;
    this.#debug('flow restarted');
    return this.#initiate();
  }

  /** A `respond` outcome: RespondToAuthChallenge; the call path adds USERNAME, SECRET_HASH, Session, ClientMetadata. */
  #respond(outcome: Extract<StepOutcome, { kind: 'respond' }>, options: ConfirmSignInOptions): Promise<CallOutcome> {
    const challengeName = outcome.challengeName ?? this.#step.challengeName;
    const input: Record<string, unknown> = { ChallengeName: challengeName, ChallengeResponses: { ...outcome.challengeResponses } };
    if (outcome.clientMetadata) input.ClientMetadata = { ...(options.clientMetadata ?? this.#clientMetadata), ...outcome.clientMetadata };
    return this.#call('RespondToAuthChallenge', input, this.#scopeFor(options), challengeName);
  }

  /** Cognito's answer → the next descriptor (DONE with tokens, or a mapped challenge). */
  #fromResponse(response: CognitoAuthResponse): StepDescriptor {
    // Calls through the scope reported their Session already; a handler's own response may not have.
    if (response.Session && response.Session !== this.#session) this.#setSession(response.Session);
    const tokens = tokensOf(response);
    if (tokens) {
      this.#secrets.tokens = tokens;
      this.#result = response.AuthenticationResult;
      return DONE_STEP;
    }
    if (!response.ChallengeName) {
      throw new AuthError('UnexpectedCognitoResponse', 'Cognito answered with neither tokens nor a challenge.', {
        kind: 'service',
      });
    }
    const parameters = { ...response.ChallengeParameters }; // a copy ({} when absent)
    if (parameters.USER_ID_FOR_SRP) this.#answerUsername = parameters.USER_ID_FOR_SRP;
    return this.#map({
      challengeName: response.ChallengeName,
      parameters,
      ...(response.AvailableChallenges ? { availableChallenges: [...response.AvailableChallenges] } : {}),
    });
  }

  /** Enters the next step and answers automatic steps until one needs the app (or DONE). */
  async #advance(first: StepOutcome, options: ConfirmSignInOptions = {}): Promise<void> {
    let outcome = first;
    for (let hops = 0; ; hops++) {
      if (hops > MAX_AUTO_HOPS) {
        throw new AuthError('SignInLoop', 'Too many automatic steps in a row; a plugin may be looping.', { kind: 'config' });
      }
      if (outcome.kind === 'respond') {
        outcome = await this.#respond(outcome, options);
        if (outcome.kind === 'step') continue; // the step an exception became: entered on the next hop
      }
      if (outcome.kind === 'restart') {
        outcome = await this.#restart(outcome.password);
        continue;
      }
      const step = outcome.kind === 'response' ? this.#fromResponse(outcome.response) : outcome.step;

      this.#step = step;
      this.#state = {};
      const handler = this.#resolve(step);
      this.#handler = handler;
      const ctx = this.#context({});
      await handler.enter?.(ctx);
      this.#debug('step', { step: step.type, challengeName: step.challengeName || undefined });
      if (step.type === 'DONE') {
        this.#status = 'done';
        this.#clearSession();
        // Signed in: the flow keeps only the tokens in memory.
        this.#dropSecrets('tokens');
        const tokens = this.#secrets.tokens;
        const result = this.#result ?? {};
        this.#result = undefined;
        if (tokens && this.#engine.hooks.completing.isUsed()) {
          await this.#engine.hooks.completing.promise({ flow: this.#info, tokens, result, cognito: scopedTransport(this.#engine) });
        }
        // sessions (#10): the tokens go to the Auth's store before signedIn fires.
        if (tokens) await saveSignIn(this.#engine, this.#info, tokens);
        this.#engine.hooks.signedIn.call(this.#info);
        return;
      }
      if (handler.auto?.(ctx)) {
        outcome = await handler.answer(undefined, ctx);
        continue;
      }
      this.#engine.hooks.stepEntered.call(this.#info, handler.view(ctx) as NextStep);
      return;
    }
  }
}
