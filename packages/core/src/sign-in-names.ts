/**
 * The authentication flows and first factors core knows: one list each, for the input
 * checks of `signIn` and the snapshot check of `resumeFlow`.
 * @module
 */
import type { AuthFlowType, FirstFactor } from './types.js';

export const AUTH_FLOWS: readonly AuthFlowType[] = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_WITH_SRP', 'CUSTOM_WITHOUT_SRP', 'USER_AUTH'];
/** Auth flows whose InitiateAuth needs the password. */
export const PASSWORD_FLOWS: ReadonlySet<AuthFlowType> = new Set(['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_WITH_SRP']);
export const FIRST_FACTORS: readonly FirstFactor[] = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
