/**
 * The password steps: PASSWORD_VERIFIER (SRP, answered without asking) and
 * CONFIRM_SIGN_IN_WITH_PASSWORD (USER_AUTH's PASSWORD / PASSWORD_SRP when no password is held).
 * @module
 */
import { AuthError } from '../errors.js';
import { startSrp, type SrpSession } from '../srp/index.js';
import { answerText } from '../validate.js';
import type { NextstepPlugin, StepContext, StepOutcome } from '../types.js';
import { BUILTIN_CORE_RANGE } from './env.js';

/** The internal step type of Cognito's PASSWORD_VERIFIER. */
export const PASSWORD_VERIFIER_STEP = 'PASSWORD_VERIFIER';

/**
 * Responses that sign in with a password as first factor. `challengeName` is the challenge
 * being answered: SELECT_CHALLENGE wants ANSWER too; PASSWORD / PASSWORD_SRP do not.
 */
export async function passwordResponses(
  ctx: StepContext,
  factor: 'PASSWORD' | 'PASSWORD_SRP',
  password: string,
): Promise<StepOutcome> {
  ctx.secrets.password = password;
  const select: Record<string, string> = ctx.step.challengeName === 'SELECT_CHALLENGE' ? { ANSWER: factor } : {};
  if (factor === 'PASSWORD') {
    return { kind: 'respond', challengeResponses: { ...select, PASSWORD: password } };
  }
  const srp = await startSrp();
  ctx.secrets.srp = srp;
  return { kind: 'respond', challengeResponses: { ...select, SRP_A: srp.A } };
}

/** Built-in plugin for the password steps. */
export function passwordPlugin(): NextstepPlugin {
  const name = '@nextstep/core/password';
  return {
    name,
    core: BUILTIN_CORE_RANGE,
    claims: [PASSWORD_VERIFIER_STEP, 'CONFIRM_SIGN_IN_WITH_PASSWORD'],
    apply({ hooks }) {
      hooks.challenge.for('PASSWORD_VERIFIER').tap(name, (input) => ({
        type: PASSWORD_VERIFIER_STEP,
        challengeName: input.challengeName,
        parameters: input.parameters,
        data: {},
      }));
      for (const challenge of ['PASSWORD', 'PASSWORD_SRP'] as const) {
        hooks.challenge.for(challenge).tap(name, (input) => ({
          type: 'CONFIRM_SIGN_IN_WITH_PASSWORD',
          challengeName: input.challengeName,
          parameters: input.parameters,
          data: { factor: challenge },
        }));
      }

      hooks.step.for(PASSWORD_VERIFIER_STEP).tap(name, () => ({
        plugin: name,
        view: () => ({ signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }),
        auto: () => true,
        async answer(_answer, ctx) {
          const srp = ctx.secrets.srp as SrpSession | undefined;
          const password = ctx.secrets.password;
          if (!srp || password === undefined) {
            // The SRP secret lives in the memory of the process that started the exchange.
            throw new AuthError('SrpStateLost', 'The SRP exchange cannot continue here; sign in again.', {
              kind: 'session',
              recoverySuggestion: 'Sign in again.',
            });
          }
          delete ctx.secrets.srp;
          const p = ctx.step.parameters;
          const userIdForSrp = p.USER_ID_FOR_SRP ?? ctx.username;
          const claim = await srp.claim({
            userPoolId: ctx.userPoolId,
            userIdForSrp,
            password,
            salt: p.SALT ?? '',
            srpB: p.SRP_B ?? '',
            secretBlock: p.SECRET_BLOCK ?? '',
            now: new Date(ctx.now?.() ?? Date.now()),
          });
          return {
            kind: 'respond',
            challengeName: 'PASSWORD_VERIFIER',
            challengeResponses: { USERNAME: userIdForSrp, ...claim },
          };
        },
      }));

      hooks.step.for('CONFIRM_SIGN_IN_WITH_PASSWORD').tap(name, () => ({
        plugin: name,
        view: () => ({ signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }),
        validate: (answer) => void answerText(answer, 'password'),
        answer(answer, ctx) {
          const factor = ctx.step.data.factor === 'PASSWORD_SRP' ? 'PASSWORD_SRP' : 'PASSWORD';
          // The password is not trimmed: spaces may belong to it.
          return passwordResponses(ctx, factor, answer as string);
        },
      }));
    },
  };
}
