/**
 * Ready-made default handlers: the app picks one (the type requires it), so a step nobody
 * claims becomes a handled step (surface it) or a clear error (fail), never a crash.
 *
 * Both are `@__PURE__`: the handler an app does not name is left out of its bundle.
 * @module
 */
import { AuthError } from './errors.js';
import type { DefaultHandler, StepDescriptor, StepHandler, UnclaimedChallengeStep } from './types.js';

/**
 * Surfaces an unclaimed step to the app as `UNCLAIMED_CHALLENGE`, with Cognito's raw
 * challenge name and parameters. The app answers it raw: a string is sent as `ANSWER`;
 * `{ challengeResponses }` is sent as given (USERNAME, SECRET_HASH and the Session are added).
 */
export const surfaceUnclaimed: DefaultHandler = /* @__PURE__ */ Object.freeze({
  name: 'surfaceUnclaimed',
  handle(step: StepDescriptor, info: { stepType?: string; suggestedPlugin?: string }): StepHandler {
    return {
      plugin: 'surfaceUnclaimed',
      view(): UnclaimedChallengeStep {
        return {
          signInStep: 'UNCLAIMED_CHALLENGE',
          challengeName: step.challengeName,
          challengeParameters: { ...step.parameters },
          ...(info.stepType ? { stepType: info.stepType } : {}),
          ...(info.suggestedPlugin ? { suggestedPlugin: info.suggestedPlugin } : {}),
        };
      },
      async answer(answer) {
        const challengeResponses =
          typeof answer === 'string' ? { ANSWER: answer } : { ...answer?.challengeResponses };
        return { kind: 'respond', challengeName: step.challengeName, challengeResponses };
      },
    };
  },
});

/**
 * Fails the flow with an {@link AuthError} of kind `unclaimed` (name `UnclaimedChallenge`)
 * naming the challenge and, when core knows it, the plugin that would handle it.
 */
export const failUnclaimed: DefaultHandler = /* @__PURE__ */ Object.freeze({
  name: 'failUnclaimed',
  handle(step: StepDescriptor, info: { stepType?: string; suggestedPlugin?: string }): StepHandler {
    const what = info.stepType ? `challenge ${step.challengeName} (step ${info.stepType})` : `challenge ${step.challengeName}`;
    throw new AuthError('UnclaimedChallenge', `No plugin handles Cognito ${what}.`, {
      kind: 'unclaimed',
      recoverySuggestion: info.suggestedPlugin
        ? `Install ${info.suggestedPlugin} and add it to createAuth's plugins.`
        : 'Add a plugin for this challenge, or use the surfaceUnclaimed default handler.',
      metadata: {
        challengeName: step.challengeName,
        ...(info.stepType ? { stepType: info.stepType } : {}),
        ...(info.suggestedPlugin ? { suggestedPlugin: info.suggestedPlugin } : {}),
      },
    });
  },
});
