/**
 * Modular exponentiation on native BigInt: the portable path (browsers, and Node when the
 * OpenSSL fast path does not apply). Sliding windows for a general base; 2^e modulo SRP's N
 * (g^a and g^x) from the precomputed fixed-base tables of ./modpow-fixed-base.ts.
 * @module
 */
import { N } from './group.js';
import { pow2ModN } from './modpow-fixed-base.js';

/** `base ** exponent mod modulus` for a non-negative exponent and a positive modulus. */
export type ModPow = (base: bigint, exponent: bigint, modulus: bigint) => bigint;

/** `base ** exponent mod modulus` on BigInt alone. */
export const modPow: ModPow = (base, exponent, modulus) => {
  if (modulus <= 0n) throw new RangeError('modPow: the modulus must be positive');
  if (exponent < 0n) throw new RangeError('modPow: the exponent must not be negative');
  if (modulus === 1n) return 0n;
  let b = base % modulus;
  if (b < 0n) b += modulus;
  if (exponent === 0n) return 1n;
  if (b <= 1n) return b;
  if (b === 2n && modulus === N) {
    const r = pow2ModN(exponent);
    if (r !== undefined) return r;
  }
  return slidingWindow(b, exponent, modulus);
};

// Window width by exponent size: larger windows cost more table entries up front.
function windowFor(bits: number): number {
  return bits > 768 ? 6 : bits > 256 ? 5 : bits > 64 ? 4 : bits > 16 ? 3 : 1;
}

function slidingWindow(b: bigint, exponent: bigint, m: bigint): bigint {
  const bits = exponent.toString(2);
  const n = bits.length;
  const w = windowFor(n);
  // Odd powers only: b, b^3, b^5, ... b^(2^w - 1).
  const table: bigint[] = [b];
  if (w > 1) {
    const b2 = (b * b) % m;
    for (let i = 1; i < 1 << (w - 1); i++) table[i] = (table[i - 1]! * b2) % m;
  }
  // Starting from 1 costs nothing measurable: the exponent's first bit is 1, so before the
  // first window only 1 is squared, and 1 · factor is below m.
  let r = 1n;
  let i = 0;
  while (i < n) {
    if (bits.charCodeAt(i) === 48 /* '0' */) {
      r = (r * r) % m;
      i++;
      continue;
    }
    // The longest window of at most w bits starting here that ends in a 1.
    let j = Math.min(i + w, n);
    while (bits.charCodeAt(j - 1) === 48) j--;
    let value = 0;
    for (let t = i; t < j; t++) value = (value << 1) | (bits.charCodeAt(t) - 48);
    for (let t = i; t < j; t++) r = (r * r) % m;
    r = (r * table[(value - 1) >> 1]!) % m;
    i = j;
  }
  return r;
}
