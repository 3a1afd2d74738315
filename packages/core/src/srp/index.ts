/**
 * Cognito's SRP variant, client side: {@link startSrp} gives SRP_A, then `claim` answers
 * PASSWORD_VERIFIER. Native BigInt and Web Crypto everywhere; in Node the modular
 * exponentiations run in OpenSSL.
 * @module
 */
export { startSrp, type SrpSession, type SrpClaim, type SrpClaimInput, type StartSrpOptions, type SrpDigest } from './session.js';
export { formatTimestamp } from './timestamp.js';
export type { ModPow } from './modpow-bigint.js';
