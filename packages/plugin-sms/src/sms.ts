import { checkCode, configError, PLUGIN_API_VERSION } from '@nextstep/core/plugin';
import type { NextstepPlugin, SmsCodeStep, StepAnswer, StepContext, StepHandler, StepOutcome } from '@nextstep/core/plugin';
import { isResendRequest, passwordRequired } from './resend.js';
import { PLUGIN_NAME, VERSION } from './version.js';

/** The step this plugin handles. */
export const SMS_CODE_STEP = 'CONFIRM_SIGN_IN_WITH_SMS_CODE';

/** Options of {@link sms}. */
export interface SmsOptions {
  /** Digits of an SMS_MFA code (second factor). Default 6, as Cognito sends. */
  mfaCodeLength?: number;
  /** Allowed digit counts of an SMS_OTP code (passwordless first factor). Default `[6, 8]`. */
  otpCodeLengths?: readonly number[];
}

/** Challenge names that lead to this plugin's step, and the response key of each. */
const CODE_KEYS: Record<string, string> = {
  SMS_MFA: 'SMS_MFA_CODE',
  SMS_OTP: 'SMS_OTP_CODE',
};

function checkLengths(name: string, lengths: readonly number[]): void {
  if (lengths.some((n) => !Number.isInteger(n) || n < 4 || n > 10)) {
    throw configError('InvalidPluginOptions', `${PLUGIN_NAME}: ${name} must hold whole numbers from 4 to 10.`);
  }
  if (lengths.length === 0) {
    throw configError('InvalidPluginOptions', `${PLUGIN_NAME}: ${name} must not be empty.`);
  }
}

/**
 * The SMS plugin: claims `CONFIRM_SIGN_IN_WITH_SMS_CODE`, which core maps from Cognito's
 * SMS_MFA (code after a password) and SMS_OTP (passwordless sign-in with USER_AUTH).
 *
 * The step shows `codeDeliveryDetails` (medium and masked phone number), checks a code's
 * shape locally before sending it, and stays answerable after a wrong code. A new code is
 * obtained with {@link resendSmsCode}.
 *
 * @example
 * ```ts
 * const auth = createAuth({ userPool, plugins: [sms()], defaultHandler: surfaceUnclaimed });
 * ```
 */
export function sms(options: SmsOptions = {}): NextstepPlugin<SmsCodeStep> {
  const mfaLengths = [options.mfaCodeLength ?? 6];
  const otpLengths = [...(options.otpCodeLengths ?? [6, 8])];
  checkLengths('mfaCodeLength', mfaLengths);
  checkLengths('otpCodeLengths', otpLengths);

  const lengthsFor = (challengeName: string) => (challengeName === 'SMS_OTP' ? otpLengths : mfaLengths);

  const handler: StepHandler<SmsCodeStep> = {
    plugin: PLUGIN_NAME,
    view(ctx) {
      const p = ctx.step.parameters;
      return {
        signInStep: SMS_CODE_STEP,
        codeDeliveryDetails: {
          deliveryMedium: p.CODE_DELIVERY_DELIVERY_MEDIUM || 'SMS',
          ...(p.CODE_DELIVERY_DESTINATION ? { destination: p.CODE_DELIVERY_DESTINATION } : {}),
        },
      };
    },
    validate(answer: StepAnswer | undefined, ctx: StepContext) {
      if (isResendRequest(answer)) {
        if (needsPassword(ctx) && resendPassword(ctx) === undefined) throw passwordRequired();
        return;
      }
      checkCode(answer, lengthsFor(ctx.step.challengeName), 'SMS code');
    },
    async answer(answer: StepAnswer | undefined, ctx: StepContext): Promise<StepOutcome> {
      if (isResendRequest(answer)) {
        ctx.logger.debug('sms: restarting the sign-in for a new code', { challenge: ctx.step.challengeName });
        const password = needsPassword(ctx) ? resendPassword(ctx) : undefined;
        return password === undefined ? { kind: 'restart' } : { kind: 'restart', password };
      }
      const challengeName = ctx.step.challengeName;
      const code = checkCode(answer, lengthsFor(challengeName), 'SMS code');
      const key = CODE_KEYS[challengeName] ?? 'SMS_MFA_CODE';
      return { kind: 'respond', challengeName, challengeResponses: { [key]: code } };
    },
  };

  return {
    name: PLUGIN_NAME,
    version: VERSION,
    api: PLUGIN_API_VERSION,
    steps: [{ type: SMS_CODE_STEP, handler }],
  };
}

/** SMS_OTP is a passwordless first factor; SMS_MFA follows a password. */
function needsPassword(ctx: StepContext): boolean {
  return ctx.step.challengeName !== 'SMS_OTP';
}

function resendPassword(ctx: StepContext): string | undefined {
  return ctx.options.password ?? ctx.secrets.password;
}
