/**
 * `@nextstep/plugin-email`: email codes in a nextstep sign-in (EMAIL_OTP as MFA and as
 * passwordless first factor) and email MFA setup.
 * @module
 */
export { email, EMAIL_CODE_STEP, EMAIL_SETUP_STEP } from './email.js';
export type { EmailOptions } from './email.js';
export { checkEmailAddress } from './address.js';
export type { EmailCodeStep, EmailSetupStep } from '@nextstep/core/plugin';
