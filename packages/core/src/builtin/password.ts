/**
 * The password steps: PASSWORD_VERIFIER (SRP, answered without asking) and
 * CONFIRM_SIGN_IN_WITH_PASSWORD (USER_AUTH's PASSWORD / PASSWORD_SRP when no password is held).
 * @module
 */
import { AuthError } from '../errors.js';
import { startSrp, type SrpSession } from '../srp/index.js';
import { answerText } from '../validate.js';
import type { FlowSecrets, NextstepPlugin, StepContext, StepHandler, StepOutcome } from '../types.js';
import { BUILTIN_API, mapChallenges } from './env.js';

/** The internal step type of Cognito's PASSWORD_VERIFIER. */
export const PASSWORD_VERIFIER_STEP = 'PASSWORD_VERIFIER';

/** Where this module keeps a flow's SRP exchange: in the flow's in-memory secrets, under its own key. */
const SRP_KEY = 'nextstep:srp';

/** Starts an SRP exchange for a flow and keeps it; returns SRP_A. This module alone reads and deletes it. */
export async function beginSrp(secrets: FlowSecrets): Promise<string> {
  const srp = await startSrp();
  secrets[SRP_KEY] = srp;
  return srp.A;
}

/** The flow's SRP exchange, removed from its secrets (an exchange answers one PASSWORD_VERIFIER). */
function takeSrp(secrets: FlowSecrets): SrpSession | undefined {
  const srp = secrets[SRP_KEY] as SrpSession | undefined;
  delete secrets[SRP_KEY];
  return srp;
}

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
  return { kind: 'respond', challengeResponses: { ...select, SRP_A: await beginSrp(ctx.secrets) } };
}

/** PASSWORD_VERIFIER: the SRP claim, answered without asking. */
function verifierHandler(name: string): StepHandler {
  return {
    plugin: name,
    view: () => ({ signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }),
    auto: () => true,
    async answer(_answer, ctx) {
      const srp = takeSrp(ctx.secrets);
      const password = ctx.secrets.password;
      if (!srp || password === undefined) {
        // The SRP secret lives in the memory of the process that started the exchange.
        throw new AuthError('SrpStateLost', 'The SRP exchange cannot continue here; sign in again.', {
          kind: 'session',
          recoverySuggestion: 'Sign in again.',
        });
      }
      const p = ctx.step.parameters;
      const userIdForSrp = p.USER_ID_FOR_SRP ?? ctx.username;
      const claim = await srp.claim({
        userPoolId: ctx.userPoolId,
        userIdForSrp,
        password,
        salt: p.SALT ?? '',
        srpB: p.SRP_B ?? '',
        secretBlock: p.SECRET_BLOCK ?? '',
        now: new Date(ctx.now()),
      });
      return { kind: 'respond', challengeName: 'PASSWORD_VERIFIER', challengeResponses: { USERNAME: userIdForSrp, ...claim } };
    },
  };
}

/** Built-in plugin for the password steps. */
export function passwordPlugin(): NextstepPlugin {
  const name = '@nextstep/core/password';
  return {
    name,
    api: BUILTIN_API,
    steps: [
      { type: PASSWORD_VERIFIER_STEP, handler: verifierHandler(name) },
      {
        type: 'CONFIRM_SIGN_IN_WITH_PASSWORD',
        handler: {
          plugin: name,
          view: () => ({ signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }),
          validate: (answer) => void answerText(answer, 'password'),
          answer(answer, ctx) {
            const factor = ctx.step.data.factor === 'PASSWORD_SRP' ? 'PASSWORD_SRP' : 'PASSWORD';
            // The password is not trimmed: spaces may belong to it.
            return passwordResponses(ctx, factor, answer as string);
          },
        },
      },
    ],
    apply({ hooks }) {
      mapChallenges(hooks, name, [PASSWORD_VERIFIER_STEP], PASSWORD_VERIFIER_STEP);
      mapChallenges(hooks, name, ['PASSWORD', 'PASSWORD_SRP'], 'CONFIRM_SIGN_IN_WITH_PASSWORD', (factor) => ({ factor }));
    },
  };
}
