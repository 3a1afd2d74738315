/**
 * The client side of Cognito's SRP (USER_SRP_AUTH, CUSTOM_WITH_SRP, USER_AUTH with
 * PASSWORD_SRP, device SRP): SRP_A first, then the PASSWORD_VERIFIER claim.
 * @module
 */
import { modPow as defaultModPow } from '#modpow';
import { AuthError } from '../errors.js';
// Named imports, not a namespace: a bundler then needs no module object for them.
import { hmacSha256 as platformHmac, sha256 as platformSha256 } from '#digest';
import {
  base64ToBytes,
  bigIntFromHex,
  bytesToBase64,
  bytesToHex,
  concatBytes,
  isHex,
  padHex,
  padHexBytes,
  utf8,
} from './encoding.js';
import { N, g, k } from './group.js';
import type { ModPow } from './modpow-bigint.js';
import { formatTimestamp } from './timestamp.js';

/** What Cognito's PASSWORD_VERIFIER challenge gives, plus what only the client knows. */
export interface SrpClaimInput {
  /** The user pool id, `region_id`; its part after `_` enters the hashes. */
  userPoolId: string;
  /**
   * Overrides the name derived from `userPoolId`. Device SRP (DEVICE_PASSWORD_VERIFIER)
   * signs with the DeviceGroupKey here.
   */
  poolName?: string;
  /** USER_ID_FOR_SRP from the challenge (device SRP: the DeviceKey). */
  userIdForSrp: string;
  /** The user's password (device SRP: the device secret). Never leaves this function. */
  password: string;
  /** SALT from the challenge, hex. */
  salt: string;
  /** SRP_B from the challenge, hex. */
  srpB: string;
  /** SECRET_BLOCK from the challenge, base64; echoed back as PASSWORD_CLAIM_SECRET_BLOCK. */
  secretBlock: string;
  /** The signing time; now by default. */
  now?: Date;
}

/** The ChallengeResponses that answer PASSWORD_VERIFIER (add USERNAME and SECRET_HASH). */
export interface SrpClaim {
  /** The base64 HMAC signature of the claim. */
  PASSWORD_CLAIM_SIGNATURE: string;
  /** The challenge's SECRET_BLOCK, echoed back. */
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  /** The timestamp signed, in Cognito's format (e.g. `Tue Dec 1 23:00:00 UTC 2026`). */
  TIMESTAMP: string;
}

/** One SRP exchange: `A` goes out as SRP_A; `claim` answers the server's PASSWORD_VERIFIER. */
export interface SrpSession {
  /** SRP_A: lower-case hex, unpadded, as Cognito expects it. */
  readonly A: string;
  /** Computes the password claim for the server's challenge. */
  claim(input: SrpClaimInput): Promise<SrpClaim>;
}

/** Options of {@link startSrp}, for tests and benchmarks. */
export interface StartSrpOptions {
  /** The modular exponentiation to use; the platform's fastest by default. */
  modPow?: ModPow;
  /** Supplies the 128 random bytes of the secret `a`; Web Crypto's CSPRNG by default. */
  randomBytes?: (length: number) => Uint8Array;
  /** SHA-256 and HMAC-SHA256; node:crypto in Node, Web Crypto elsewhere, by default. */
  digest?: SrpDigest;
}

/** The hash functions SRP uses. */
export interface SrpDigest {
  sha256(data: Uint8Array): Promise<Uint8Array>;
  hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
}

const SECRET_BYTES = 128;
// "Caldera Derived Key" ‖ byte 1 (U+0001 is that one byte in UTF-8).
const DERIVED_KEY_INFO = utf8('Caldera Derived Key\u0001');

function srpError(message: string, kind: 'validation' | 'service'): AuthError {
  return new AuthError('SrpError', message, {
    kind,
    recoverySuggestion:
      kind === 'validation' ? 'Check the SRP input given to the sign-in.' : 'Start the sign-in again; if it persists, the server answered an invalid SRP challenge.',
  });
}

/** What the caller gave is not usable (kind `validation`). */
const badInput = (message: string) => srpError(message, 'validation');
/** What the server's challenge holds is not usable (kind `service`). */
const badChallenge = (message: string) => srpError(message, 'service');

// getRandomValues fills the array and returns it.
const webRandomBytes = (length: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(length));

/**
 * Starts an SRP exchange: draws the secret `a` (128 random bytes) and computes
 * A = g^a mod N. The secret stays inside the returned session's closure.
 */
export async function startSrp(options: StartSrpOptions = {}): Promise<SrpSession> {
  const modPow = options.modPow ?? defaultModPow;
  const randomBytes = options.randomBytes ?? webRandomBytes;
  const { sha256, hmacSha256 } = options.digest ?? { sha256: platformSha256, hmacSha256: platformHmac };
  const hashToBigInt = async (bytes: Uint8Array) => bigIntFromHex(bytesToHex(await sha256(bytes)));
  const a = bigIntFromHex(bytesToHex(randomBytes(SECRET_BYTES)) || '0');
  const A = modPow(g, a, N);
  if (a === 0n || A % N === 0n) throw badInput('SRP: the random secret gave an invalid public value A.');

  async function claim(input: SrpClaimInput): Promise<SrpClaim> {
    const poolName = checkInput(input);
    const { userIdForSrp, password } = input;
    const saltBytes = padHexBytes(bigIntFromHex(input.salt));
    const B = bigIntFromHex(input.srpB);
    const secretBlock = base64ToBytes(input.secretBlock);
    if (!secretBlock?.length) throw badChallenge('SRP: SECRET_BLOCK is not base64.');
    if (B % N === 0n) throw badChallenge('SRP: the server value SRP_B is zero modulo N.');

    const u = await hashToBigInt(concatBytes(padHexBytes(A), padHexBytes(B)));
    if (u === 0n) throw badChallenge('SRP: the scrambling parameter u is zero.');

    // x = H(padHex(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)); SALT is read as a number first,
    // so its leading zeros are dropped and padHex's rule applies, as the service does it.
    const identity = await sha256(utf8(`${poolName}${userIdForSrp}:${password}`));
    const x = await hashToBigInt(concatBytes(saltBytes, identity));

    let base = (B - ((k * modPow(g, x, N)) % N)) % N;
    if (base < 0n) base += N;
    const S = modPow(base, a + u * x, N);

    // HKDF-style key: PRK = HMAC(u, S); K = HMAC(PRK, "Caldera Derived Key" ‖ 1)[0..16).
    const prk = await hmacSha256(padHexBytes(u), padHexBytes(S));
    const key = (await hmacSha256(prk, DERIVED_KEY_INFO)).subarray(0, 16);

    const timestamp = formatTimestamp(input.now ?? new Date());
    const message = concatBytes(utf8(poolName), utf8(userIdForSrp), secretBlock, utf8(timestamp));
    const signature = bytesToBase64(await hmacSha256(key, message));
    return { PASSWORD_CLAIM_SIGNATURE: signature, PASSWORD_CLAIM_SECRET_BLOCK: input.secretBlock, TIMESTAMP: timestamp };
  }

  return Object.freeze({ A: A.toString(16), claim });
}

/** Checks the claim input; returns the pool name to sign with. */
function checkInput(input: SrpClaimInput): string {
  if (input === null || typeof input !== 'object') throw badInput('SRP: the claim input is missing.');
  const { userPoolId, userIdForSrp, password } = input;
  let poolName = input.poolName;
  if (poolName === undefined) {
    const cut = typeof userPoolId === 'string' ? userPoolId.indexOf('_') : -1;
    poolName = cut > 0 ? userPoolId.slice(cut + 1) : '';
    if (poolName === '') throw badInput('SRP: userPoolId must look like "us-east-1_AbC123".');
  } else if (typeof poolName !== 'string' || poolName === '') {
    throw badInput('SRP: poolName must be a non-empty string.');
  }
  if (typeof userIdForSrp !== 'string' || userIdForSrp === '') throw badChallenge('SRP: USER_ID_FOR_SRP is missing.');
  if (typeof password !== 'string' || password === '') throw badInput('SRP: a password is required.');
  if (!isHex(input.salt)) throw badChallenge('SRP: SALT is not hex.');
  if (!isHex(input.srpB)) throw badChallenge('SRP: SRP_B is not hex.');
  if (typeof input.secretBlock !== 'string') throw badChallenge('SRP: SECRET_BLOCK is missing.');
  if (input.now !== undefined && !(input.now instanceof Date && Number.isFinite(input.now.getTime()))) {
    throw badInput('SRP: `now` must be a valid Date.');
  }
  return poolName;
}
