/**
 * SELECT_CHALLENGE → CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION (USER_AUTH without a
 * preferred challenge). PASSWORD and PASSWORD_SRP use the held password, or ask for it.
 * @module
 */
import { validationError } from '../fail.js';
import { parseJsonList } from '../mfa-table.js';
import type { FirstFactor, NextstepPlugin, StepAnswer, StepContext } from '../types.js';
import { BUILTIN_API, descriptor, offeredDescriptor } from './env.js';
import { passwordResponses } from './password.js';

const STEP = 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION';

function available(ctx: StepContext): FirstFactor[] {
  return [...((ctx.step.data.availableChallenges as FirstFactor[]) ?? [])];
}

function chosen(answer: StepAnswer | undefined, ctx: StepContext): FirstFactor {
  const offered = available(ctx);
  const factor = typeof answer === 'string' ? (answer.trim().toUpperCase() as FirstFactor) : undefined;
  if (!factor || !offered.includes(factor)) {
    throw validationError('FirstFactorNotOffered', `Choose one of the offered first factors: ${offered.join(', ')}.`, {
      availableChallenges: offered,
    });
  }
  return factor;
}

/** Built-in plugin for first-factor selection. */
export function firstFactorPlugin(): NextstepPlugin {
  const name = '@nextstep/core/first-factor';
  return {
    name,
    api: BUILTIN_API,
    steps: [
      {
        type: STEP,
        handler: {
          plugin: name,
          view: (ctx) => ({ signInStep: STEP, availableChallenges: available(ctx) }),
          validate: (answer, ctx) => void chosen(answer, ctx),
          async answer(answer, ctx) {
            const factor = chosen(answer, ctx);
            if (factor === 'PASSWORD' || factor === 'PASSWORD_SRP') {
              const password = ctx.options.password ?? ctx.secrets.password;
              if (password !== undefined && password !== '') return passwordResponses(ctx, factor, password);
              return { kind: 'step', step: descriptor(ctx.step, 'CONFIRM_SIGN_IN_WITH_PASSWORD', { factor }) };
            }
            return { kind: 'respond', challengeResponses: { ANSWER: factor } };
          },
        },
      },
    ],
    apply({ hooks }) {
      hooks.challenge.for('SELECT_CHALLENGE').tap(name, (input) =>
        offeredDescriptor(input, STEP, {
          availableChallenges: input.availableChallenges ?? parseJsonList(input.parameters.AVAILABLE_CHALLENGES),
        }),
      );
    },
  };
}
