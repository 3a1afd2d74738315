import { checkCode, configError, PLUGIN_API_VERSION } from '@nextstep/core/plugin';
import type { EmailCodeStep, EmailSetupStep, NextstepPlugin, StepHandler } from '@nextstep/core/plugin';
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
export function email(options: EmailOptions = {}): NextstepPlugin<EmailCodeStep | EmailSetupStep> {
  const lengths = [...(options.codeLengths ?? [6, 8])];
  if (lengths.length === 0 || lengths.some((n) => !Number.isInteger(n) || n < 4 || n > 10)) {
    throw configError('InvalidPluginOptions', `${PLUGIN_NAME}: codeLengths must hold whole numbers from 4 to 10.`);
  }

  const codeHandler: StepHandler<EmailCodeStep> = {
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

  const setupHandler: StepHandler<EmailSetupStep> = {
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
    api: PLUGIN_API_VERSION,
    steps: [
      { type: EMAIL_CODE_STEP, handler: codeHandler },
      { type: EMAIL_SETUP_STEP, handler: setupHandler },
    ],
  };
}
