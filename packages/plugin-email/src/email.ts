import { AuthError, checkCode } from '@nextstep/core';
import type { NextstepPlugin, StepHandler } from '@nextstep/core';
import { checkEmailAddress } from './address.js';
import { PLUGIN_NAME, VERSION } from './version.js';

/** The step with a code sent by email (EMAIL_OTP, as MFA or as passwordless first factor). */
export const EMAIL_CODE_STEP = 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE';
/** The step that sets up email MFA during sign-in (MFA_SETUP offering EMAIL_OTP). */
export const EMAIL_SETUP_STEP = 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP';

/** Options of {@link email}. */
export interface EmailOptions {
  /** Allowed digit counts of an email code. Default `[6, 8]` (Cognito sends 8 for passwordless sign-in). */
  codeLengths?: readonly number[];
}

/**
 * The email plugin: claims `CONFIRM_SIGN_IN_WITH_EMAIL_CODE` (Cognito's EMAIL_OTP, both as
 * second factor and as passwordless first factor with USER_AUTH) and
 * `CONTINUE_SIGN_IN_WITH_EMAIL_SETUP` (MFA_SETUP offering email): the answer there is the
 * address, checked locally and sent; Cognito then mails a code and the code step follows.
 *
 * @example
 * ```ts
 * const auth = createAuth({ userPool, plugins: [email()], defaultHandler: surfaceUnclaimed });
 * ```
 */
export function email(options: EmailOptions = {}): NextstepPlugin {
  const lengths = [...(options.codeLengths ?? [6, 8])];
  if (lengths.length === 0 || lengths.some((n) => !Number.isInteger(n) || n < 4 || n > 10)) {
    throw new AuthError('InvalidPluginOptions', `${PLUGIN_NAME}: codeLengths must hold whole numbers from 4 to 10.`, {
      kind: 'config',
    });
  }

  const codeHandler: StepHandler = {
    plugin: PLUGIN_NAME,
    view(ctx) {
      const p = ctx.step.parameters;
      return {
        signInStep: EMAIL_CODE_STEP,
        codeDeliveryDetails: {
          deliveryMedium: p.CODE_DELIVERY_DELIVERY_MEDIUM || 'EMAIL',
          ...(p.CODE_DELIVERY_DESTINATION ? { destination: p.CODE_DELIVERY_DESTINATION } : {}),
        },
      };
    },
    validate(answer) {
      checkCode(answer, lengths, 'email code');
    },
    async answer(answer) {
      const code = checkCode(answer, lengths, 'email code');
      return { kind: 'respond', challengeName: 'EMAIL_OTP', challengeResponses: { EMAIL_OTP_CODE: code } };
    },
  };

  const setupHandler: StepHandler = {
    plugin: PLUGIN_NAME,
    view: () => ({ signInStep: EMAIL_SETUP_STEP }),
    validate(answer) {
      checkEmailAddress(answer);
    },
    async answer(answer) {
      const address = checkEmailAddress(answer);
      return { kind: 'respond', challengeName: 'MFA_SETUP', challengeResponses: { EMAIL: address } };
    },
  };

  return {
    name: PLUGIN_NAME,
    version: VERSION,
    core: '^0.1.0',
    claims: [EMAIL_CODE_STEP, EMAIL_SETUP_STEP],
    apply(host) {
      host.hooks.step.for(EMAIL_CODE_STEP).tap(PLUGIN_NAME, () => codeHandler);
      host.hooks.step.for(EMAIL_SETUP_STEP).tap(PLUGIN_NAME, () => setupHandler);
    },
  };
}
