/**
 * What `auth.signIn` and `flow.confirm` resolve to, typed so that each result narrows on its
 * own: a value per await, not a live view.
 * @module
 */
import type { Flow } from './flow.js';
import type { AuthTokens, DoneStep, NextStep, StepView } from './types.js';

/** A flow waiting for an answer: `nextStep` is one of the app's steps, but not DONE. */
export type ActiveSignIn<S extends StepView = NextStep> = Flow<S> & {
  /** Not signed in yet. */
  readonly isSignedIn: false;
  /** The step to answer. */
  readonly nextStep: Exclude<S, DoneStep>;
};

/** A flow that reached DONE: `tokens` is set. */
export type SignedIn<S extends StepView = NextStep> = Flow<S> & {
  /** Signed in. */
  readonly isSignedIn: true;
  /** The DONE step. */
  readonly nextStep: DoneStep;
  /** The tokens of the session. */
  readonly tokens: AuthTokens;
};

/**
 * What `auth.signIn` and `flow.confirm` resolve to: the flow at its step, typed by
 * `isSignedIn`. Take the result of each `confirm`, so TypeScript narrows afresh after every await:
 *
 * ```ts
 * let out = await auth.signIn({ username, password });
 * while (!out.isSignedIn) out = await out.confirm(await ask(out.nextStep));
 * out.tokens.accessToken;
 * ```
 */
export type SignInResult<S extends StepView = NextStep> = ActiveSignIn<S> | SignedIn<S>;
