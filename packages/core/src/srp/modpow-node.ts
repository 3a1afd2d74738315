/**
 * Modular exponentiation for Node: OpenSSL does the work through node:crypto's
 * Diffie-Hellman (setPrivateKey(e) then computeSecret(y) yields y^e mod p). Selected by the
 * `#modpow` subpath import under the `node` condition, so browser bundles never see
 * node:crypto. Falls back to BigInt where OpenSSL's checks would refuse the values.
 * @module
 */
import { createDiffieHellman, type DiffieHellman } from 'node:crypto';
import { N } from './group.js';
import { modPow as modPowBigInt, type ModPow } from './modpow-bigint.js';

export type { ModPow };

const N_MINUS_1 = N - 1n;
const N_BYTES = 384;
let dh: DiffieHellman | undefined;

// Creating the object checks the prime once (well under a millisecond); reuse it after.
function groupDh(): DiffieHellman {
  dh ??= createDiffieHellman(toBuffer(N, N_BYTES), 2);
  return dh;
}

function toBuffer(value: bigint, size?: number): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  const raw = Buffer.from(hex, 'hex');
  if (size === undefined || raw.length >= size) return raw;
  const out = Buffer.alloc(size);
  raw.copy(out, size - raw.length);
  return out;
}

const DUMMY_KEY = Buffer.from([1]);

/**
 * `base ** exponent mod modulus`, in OpenSSL when the modulus is SRP's N; otherwise, and for
 * bases OpenSSL refuses as public keys (0, 1, N−1), on BigInt.
 */
export const modPow: ModPow = (base, exponent, modulus) => {
  if (modulus !== N || exponent <= 0n) return modPowBigInt(base, exponent, modulus);
  let b = base % N;
  if (b < 0n) b += N;
  // OpenSSL only accepts a peer key in [2, p−2]; the others are trivial anyway.
  if (b < 2n || b >= N_MINUS_1) return modPowBigInt(b, exponent, N);
  const d = groupDh();
  d.setPrivateKey(toBuffer(exponent));
  try {
    // The secret comes back zero-padded to the prime's length; leading zeros do not matter here.
    return BigInt('0x' + d.computeSecret(toBuffer(b)).toString('hex'));
  } catch {
    // An OpenSSL build with stricter key checks: stay correct, if slower.
    return modPowBigInt(b, exponent, N);
  } finally {
    // Do not leave a secret exponent in the long-lived object.
    d.setPrivateKey(DUMMY_KEY);
  }
};
