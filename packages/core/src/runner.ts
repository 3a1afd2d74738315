/**
 * `runSignIn`: drives a flow to DONE by asking one prompter per step. Terminal apps, tests
 * and UIs use it. It retries a step after a recoverable error (a wrong code) with
 * `lastError`, and orchestrates CONFIRM_SIGN_UP and RESET_PASSWORD (sends the code first).
 * @module
 */
import type { Auth } from './auth.js';
import { AuthError, isAuthError } from './errors.js';
import type { Flow } from './flow.js';
import type { CodeDeliveryDetails, ConfirmSignInOptions, NextStep, SignInInput, StepAnswer } from './types.js';

/** What a prompter gives: the answer, optionally with `confirmSignIn` options. */
export type PromptAnswer = StepAnswer | {
  /** The answer to the step. */
  answer: StepAnswer;
  /** Options of the answer (`confirmSignIn` options). */
  options?: ConfirmSignInOptions;
};

/** What a prompter knows besides the step. */
export interface PromptContext {
  /** The flow being driven. */
  flow: Flow;
  /** 1 on the first ask of this step, then 2, 3, ... after recoverable errors. */
  attempt: number;
  /** The error of the previous attempt at this step. */
  lastError?: AuthError;
}

/** Asks the user (or a test, or a UI) for one step's answer. */
export type StepPrompt<S extends NextStep = NextStep> = (step: S, context: PromptContext) => PromptAnswer | Promise<PromptAnswer>;

/** One prompt per step the app expects; a step without a prompt ends the run with `NoPrompterForStep`. */
export type Prompter = {
  [K in Exclude<NextStep['signInStep'], 'DONE'>]?: StepPrompt<Extract<NextStep, {
    /** The step's name. */
    signInStep: K;
  }>>;
};

/** Options of {@link runSignIn}. */
export interface RunSignInOptions {
  /** Asks per step before giving up on recoverable errors (3 by default). */
  maxAttempts?: number;
  /** At CONFIRM_SIGN_UP, have Cognito send a code first (true by default). */
  sendSignUpCode?: boolean;
  /** At RESET_PASSWORD, start the reset (Cognito sends a code) first (true by default). */
  sendResetCode?: boolean;
}

function isWrapped(reply: PromptAnswer): reply is { answer: StepAnswer; options?: ConfirmSignInOptions } {
  return typeof reply === 'object' && reply !== null && 'answer' in reply;
}

/**
 * Signs in with `input`, asking `prompter` for every step until DONE; resolves to the
 * signed-in flow. Throws the AuthError that ended the flow, or the last recoverable one
 * after `maxAttempts` tries at one step.
 */
export async function runSignIn(
  auth: Auth<any>,
  input: SignInInput,
  prompter: Prompter,
  options: RunSignInOptions = {},
): Promise<Flow> {
  const maxAttempts = options.maxAttempts ?? 3;
  const flow = await auth.signIn(input);
  let attempt = 1;
  let lastError: AuthError | undefined;
  let delivery: CodeDeliveryDetails | undefined;
  while (!flow.isSignedIn) {
    let step = flow.nextStep;
    const key = step.signInStep as Exclude<NextStep['signInStep'], 'DONE'>;
    if (attempt === 1 && key === 'CONFIRM_SIGN_UP' && options.sendSignUpCode !== false) {
      delivery = await auth.resendSignUpCode({ username: flow.username });
    }
    if (attempt === 1 && key === 'RESET_PASSWORD' && options.sendResetCode !== false) {
      const out = await auth.resetPassword({ username: flow.username });
      delivery = 'codeDeliveryDetails' in out.nextStep ? out.nextStep.codeDeliveryDetails : undefined;
    }
    if (key === 'RESET_PASSWORD' && delivery) step = { ...step, codeDeliveryDetails: delivery } as typeof step;
    const prompt = prompter[key] as StepPrompt | undefined;
    if (!prompt) {
      throw new AuthError('NoPrompterForStep', `The prompter has no entry for step ${key}.`, {
        kind: 'config',
        metadata: { signInStep: key },
      });
    }
    const reply = await prompt(step, { flow, attempt, ...(lastError ? { lastError } : {}) });
    const { answer, options: answerOptions } = isWrapped(reply) ? reply : { answer: reply, options: undefined };
    try {
      await flow.confirm(answer, answerOptions ?? {});
      attempt = 1;
      lastError = undefined;
      delivery = undefined;
    } catch (err) {
      if (!isAuthError(err) || flow.status !== 'active' || attempt >= maxAttempts) throw err;
      attempt += 1;
      lastError = err;
    }
  }
  return flow;
}
