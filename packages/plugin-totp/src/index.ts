/**
 * `@nextstep/plugin-totp`: authenticator-app (TOTP) codes and their setup in a nextstep
 * sign-in. The QR code of the setup URI is in `@nextstep/plugin-totp/qr`.
 * @module
 */
export { totp, TOTP_CODE_STEP, TOTP_SETUP_STEP } from './totp.js';
export type { TotpOptions } from './totp.js';
export type { TotpCodeStep, TotpSetupStep, TotpSetupDetails } from '@nextstep/core/plugin';
export { buildSetupUri } from './setup-uri.js';
export { markTotpPreferred } from './preferred.js';
export type { CognitoAccess } from './preferred.js';
export { setUpTOTP, verifyTOTPSetup } from './account-setup.js';
export type { VerifyTOTPSetupInput } from './account-setup.js';
