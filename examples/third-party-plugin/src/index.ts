/**
 * `nextstep-plugin-security-question`: an example of a third-party nextstep plugin. It
 * claims a challenge Cognito does not have, `SECURITY_QUESTION`, and shows it to the app as
 * its own typed step, `CONFIRM_SIGN_IN_WITH_SECURITY_QUESTION`, with the question as a field.
 * It uses only `@nextstep/core/plugin`, the versioned plugin contract.
 * @module
 */
import { answerText, definePlugin, PLUGIN_API_VERSION, validationError } from '@nextstep/core/plugin';
import type { NextstepPlugin, StepHandler } from '@nextstep/core/plugin';

/** The Cognito challenge this plugin answers. */
export const SECURITY_QUESTION_CHALLENGE = 'SECURITY_QUESTION';
/** The step the app sees. */
export const SECURITY_QUESTION_STEP = 'CONFIRM_SIGN_IN_WITH_SECURITY_QUESTION';

/** The step the app sees: the question to ask the user. */
export interface SecurityQuestionStep {
  signInStep: typeof SECURITY_QUESTION_STEP;
  /** The question, from the challenge's `question` parameter. */
  question: string;
}

/** Options of {@link securityQuestion}. */
export interface SecurityQuestionOptions {
  /** Shortest answer accepted locally (default 2): shorter ones cost no Cognito call. */
  minLength?: number;
}

const NAME = 'nextstep-plugin-security-question';

/**
 * The plugin. Answers are trimmed and lower-cased before they are sent, so the app can
 * pass what the user typed.
 *
 * @example
 * ```ts
 * const auth = createAuth({ userPool, plugins: [securityQuestion()], defaultHandler: surfaceUnclaimed });
 * let out = await auth.signIn({ username, password });
 * if (!out.isSignedIn && out.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_SECURITY_QUESTION') {
 *   out = await out.confirm(await ask(out.nextStep.question));
 * }
 * ```
 */
export function securityQuestion(options: SecurityQuestionOptions = {}): NextstepPlugin<SecurityQuestionStep> {
  const minLength = options.minLength ?? 2;
  const normalise = (answer: unknown): string => {
    const text = answerText(typeof answer === 'string' ? answer : undefined, 'answer to the security question').toLowerCase();
    if (text.length < minLength) {
      throw validationError('SecurityAnswerTooShort', `The answer must have at least ${minLength} characters.`);
    }
    return text;
  };
  const handler: StepHandler<SecurityQuestionStep> = {
    plugin: NAME,
    view: (ctx) => ({ signInStep: SECURITY_QUESTION_STEP, question: ctx.step.parameters.question ?? '' }),
    validate: (answer) => void normalise(answer),
    answer: async (answer) => ({
      kind: 'respond',
      challengeName: SECURITY_QUESTION_CHALLENGE,
      challengeResponses: { ANSWER: normalise(answer) },
    }),
  };
  return definePlugin<SecurityQuestionStep>({
    name: NAME,
    version: '0.1.0',
    api: PLUGIN_API_VERSION,
    steps: [{ type: SECURITY_QUESTION_STEP, handler }],
    apply({ hooks }) {
      // Core does not know this challenge: map it to the plugin's step.
      hooks.challenge.for(SECURITY_QUESTION_CHALLENGE).tap(NAME, (input) => ({
        type: SECURITY_QUESTION_STEP,
        challengeName: input.challengeName,
        parameters: input.parameters,
        data: {},
      }));
    },
  });
}
