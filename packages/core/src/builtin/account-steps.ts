/**
 * The steps Cognito signals with an exception from InitiateAuth: CONFIRM_SIGN_UP
 * (UserNotConfirmedException) and RESET_PASSWORD (PasswordResetRequiredException). Answering
 * confirms with the code, then signs in again.
 * @module
 */
import { validationError } from '../fail.js';
import { checkCode, CONFIRMATION_CODE_LENGTHS } from '../validate.js';
import { PASSWORD_FLOWS } from '../sign-in-names.js';
import type { NextstepPlugin } from '../types.js';
import { BUILTIN_API, mapChallenges } from './env.js';

/** Built-in plugin for CONFIRM_SIGN_UP and RESET_PASSWORD. */
export function accountStepsPlugin(): NextstepPlugin {
  const name = '@nextstep/core/account-steps';
  return {
    name,
    api: BUILTIN_API,
    steps: [
      {
        type: 'CONFIRM_SIGN_UP',
        handler: {
          plugin: name,
          view: () => ({ signInStep: 'CONFIRM_SIGN_UP' }),
          validate(answer, ctx) {
            checkCode(answer, CONFIRMATION_CODE_LENGTHS, 'confirmation code');
            if (PASSWORD_FLOWS.has(ctx.flow.authFlow) && !ctx.options.password && !ctx.secrets.password) {
              throw validationError(
                'PasswordRequired',
                'Give the password again as options.password: this flow no longer holds it.',
              );
            }
          },
          async answer(answer, ctx) {
            // If the sign-in after a successful confirmation failed (say, a network error), a
            // second answer only signs in again: the code is spent.
            if (!ctx.state.confirmed) {
              await ctx.cognito.send('ConfirmSignUp', {
                ClientId: ctx.clientId,
                Username: ctx.flow.username,
                ConfirmationCode: checkCode(answer, CONFIRMATION_CODE_LENGTHS, 'code'),
              });
              ctx.state.confirmed = true;
            }
            return ctx.options.password === undefined ? { kind: 'restart' } : { kind: 'restart', password: ctx.options.password };
          },
        },
      },
      {
        type: 'RESET_PASSWORD',
        handler: {
          plugin: name,
          view: () => ({ signInStep: 'RESET_PASSWORD' }),
          validate(answer, ctx) {
            checkCode(answer, CONFIRMATION_CODE_LENGTHS, 'reset code');
            if (!ctx.options.password) {
              throw validationError('EmptyConfirmResetPasswordNewPassword', 'Give the new password as options.password with the reset code.');
            }
          },
          async answer(answer, ctx) {
            const password = ctx.options.password!;
            if (!ctx.state.reset) {
              await ctx.cognito.send('ConfirmForgotPassword', {
                ClientId: ctx.clientId,
                Username: ctx.flow.username,
                ConfirmationCode: checkCode(answer, CONFIRMATION_CODE_LENGTHS, 'code'),
                Password: password,
              });
              ctx.state.reset = true;
            }
            return { kind: 'restart', password };
          },
        },
      },
    ],
    apply({ hooks }) {
      mapChallenges(hooks, name, ['UserNotConfirmedException'], 'CONFIRM_SIGN_UP');
      mapChallenges(hooks, name, ['PasswordResetRequiredException'], 'RESET_PASSWORD');
    },
  };
}
