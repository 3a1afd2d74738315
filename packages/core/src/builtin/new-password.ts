/**
 * NEW_PASSWORD_REQUIRED → CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED: the answer is the new
 * password; `options.userAttributes` must give every attribute Cognito requires.
 * @module
 */
import { validationError } from '../fail.js';
import { parseJsonList } from '../mfa-table.js';
import { answerText } from '../validate.js';
import type { NextstepPlugin } from '../types.js';
import { BUILTIN_API, descriptor } from './env.js';

const STEP = 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED';
const PREFIX = 'userAttributes.';

/** Built-in plugin for the new-password step. */
export function newPasswordPlugin(): NextstepPlugin {
  const name = '@nextstep/core/new-password';
  return {
    name,
    api: BUILTIN_API,
    steps: [
      {
        type: STEP,
        handler: {
          plugin: name,
          view: (ctx) => ({ signInStep: STEP, missingAttributes: [...((ctx.step.data.missingAttributes as string[]) ?? [])] }),
          validate(answer, ctx) {
            answerText(answer, 'new password');
            const given = ctx.options.userAttributes ?? {};
            const missing = ((ctx.step.data.missingAttributes as string[]) ?? []).filter(
              (attr) => typeof given[attr] !== 'string' || given[attr]!.trim() === '',
            );
            if (missing.length > 0) {
              throw validationError(
                'MissingRequiredAttributes',
                `Give these user attributes with the new password: ${missing.join(', ')}.`,
                { missingAttributes: missing },
              );
            }
          },
          async answer(answer, ctx) {
            const responses: Record<string, string> = { NEW_PASSWORD: answer as string };
            for (const [attr, value] of Object.entries(ctx.options.userAttributes ?? {})) {
              responses[PREFIX + attr] = value;
            }
            return { kind: 'respond', challengeResponses: responses };
          },
        },
      },
    ],
    apply({ hooks }) {
      hooks.challenge.for('NEW_PASSWORD_REQUIRED').tap(name, (input) =>
        descriptor(input, STEP, {
          missingAttributes: parseJsonList(input.parameters.requiredAttributes).map((a) =>
            a.startsWith(PREFIX) ? a.slice(PREFIX.length) : a,
          ),
        }),
      );
    },
  };
}
