/** DONE: the tokens, read from the flow's memory. @module */
import { validationError } from '../fail.js';
import type { NextstepPlugin } from '../types.js';
import { BUILTIN_API } from './env.js';

/** Built-in plugin for the DONE step. */
export function donePlugin(): NextstepPlugin {
  const name = '@nextstep/core/done';
  return {
    name,
    api: BUILTIN_API,
    steps: [
      {
        type: 'DONE',
        handler: {
          plugin: name,
          view(ctx) {
            const tokens = ctx.secrets.tokens;
            if (!tokens) throw validationError('TokensUnavailable', 'This flow does not hold the tokens.');
            return { signInStep: 'DONE', tokens };
          },
          async answer() {
            throw validationError('SignInAlreadyComplete', 'This sign-in is already complete.');
          },
        },
      },
    ],
  };
}
