/**
 * `@nextstep/plugin-sms`: SMS codes in a nextstep sign-in (SMS_MFA and passwordless SMS_OTP).
 * @module
 */
export { sms, SMS_CODE_STEP } from './sms.js';
export type { SmsOptions } from './sms.js';
export { resendSmsCode, RESEND_SMS_CODE, isResendRequest } from './resend.js';
export type { ResendSmsCodeOptions, ConfirmableFlow } from './resend.js';
export { checkCode } from '@nextstep/core/plugin';
export type { SmsCodeStep } from '@nextstep/core/plugin';
