/**
 * Core's mappings for the steps plugins handle: MFA codes and custom challenges. Only the
 * mapping lives here; the handling is claimed by plugin-sms, -totp, -email, -custom-challenge.
 * @module
 */
import type { NextstepPlugin, SignInStepName } from '../types.js';
import { BUILTIN_API, mapChallenges } from './env.js';

const MAPPINGS: Record<string, SignInStepName> = {
  SMS_MFA: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
  SMS_OTP: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
  SOFTWARE_TOKEN_MFA: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE',
  EMAIL_OTP: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
  CUSTOM_CHALLENGE: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE',
};

/** Maps SMS_MFA, SMS_OTP, SOFTWARE_TOKEN_MFA, EMAIL_OTP and CUSTOM_CHALLENGE to their steps. */
export function challengeMapPlugin(): NextstepPlugin {
  const name = '@nextstep/core/challenges';
  return {
    name,
    api: BUILTIN_API,
    steps: [],
    apply({ hooks }) {
      for (const [challengeName, type] of Object.entries(MAPPINGS)) mapChallenges(hooks, name, [challengeName], type);
    },
  };
}
