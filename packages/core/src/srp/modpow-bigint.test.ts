import { createDiffieHellman } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { N } from './group.js';
import { modPow } from './modpow-bigint.js';
import { pow2ModN } from './modpow-fixed-base.js';

// The plainest correct definition: right-to-left square-and-multiply, one bit at a time.
function reference(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let r = 1n % modulus;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % modulus;
    b = (b * b) % modulus;
  }
  return r;
}

// A second, independent opinion mod N: OpenSSL through node:crypto (y^e for a private key e
// and a peer key y in [2, N−2]); much faster than the reference for long exponents.
const dh = createDiffieHellman(Buffer.from(N.toString(16), 'hex'), 2);
const bytes = (x: bigint) => {
  let hex = x.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return Buffer.from(hex, 'hex');
};
function openSslPow(base: bigint, exponent: bigint): bigint {
  dh.setPrivateKey(bytes(exponent));
  return BigInt('0x' + dh.computeSecret(bytes(base)).toString('hex'));
}
const openSslPow2 = (exponent: bigint) => openSslPow(2n, exponent);

const bit = (p: number) => 1n << BigInt(p);
const ones = (n: number) => bit(n) - 1n;

describe('modPow (BigInt)', () => {
  it('edge exponents mod N, for edge and ordinary bases', () => {
    const exps = [0n, 1n, 2n, 3n, ones(64), bit(64), bit(64) + 1n, ones(256), bit(256), bit(256) + 1n, ones(1024), bit(1024), bit(1024) + 1n, N - 2n, N - 1n, N, N + 1n];
    const bases = [0n, 1n, 2n, 3n, N - 1n, N, N + 1n, N + 2n, -1n, -2n, 2n - N, bit(3071)];
    for (const b of bases) {
      const r = ((b % N) + N) % N;
      for (const e of exps) {
        // Fermat: r^(N−1) = 1 for r coprime with N, so OpenSSL gets e mod (N−1) as its key.
        const f = e % (N - 1n);
        const want = f > 0n && r >= 2n && r <= N - 2n ? openSslPow(r, f) : reference(b, e, N);
        expect(modPow(b, e, N), `${b} ^ ${e}`).toBe(want);
      }
    }
  });

  it('agrees with the reference on random bases and exponents mod N', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -2n * N, max: 2n * N }), fc.bigInt({ min: 0n, max: ones(1300) }), (b, e) => {
        expect(modPow(b, e, N)).toBe(reference(b, e, N));
      }),
      { numRuns: 12 },
    );
  });

  it('agrees with the reference for other moduli, including even ones and 1', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: bit(400) }), fc.bigInt({ min: -bit(410), max: bit(410) }), fc.bigInt({ min: 0n, max: bit(600) }), (m, b, e) => {
        expect(modPow(b, e, m)).toBe(reference(b, e, m));
        expect(modPow(2n, e, m)).toBe(reference(2n, e, m));
      }),
      { numRuns: 150 },
    );
  });

  it('rejects a negative exponent and a non-positive modulus', () => {
    expect(() => modPow(2n, -1n, N)).toThrow(RangeError);
    expect(() => modPow(2n, 1n, 0n)).toThrow(RangeError);
    expect(() => modPow(2n, 1n, -N)).toThrow(RangeError);
  });
});

describe('2^e mod N from the fixed-base tables', () => {
  it('matches OpenSSL for random exponents of every size the tables cover', () => {
    fc.assert(
      fc.property(fc.integer({ min: 65, max: 1024 }), fc.bigInt({ min: 0n, max: ones(1024) }), (bits, r) => {
        const e = (r & ones(bits)) | bit(bits - 1); // exactly `bits` bits long
        expect(pow2ModN(e)).toBe(openSslPow2(e));
        expect(modPow(2n, e, N)).toBe(openSslPow2(e));
      }),
      { numRuns: 120 },
    );
  });

  it('matches the reference on the combs’ boundaries: row and block edges, all ones, single bits', () => {
    const exps: bigint[] = [ones(65), ones(255), ones(256), bit(256) - 2n, ones(1024), ones(1024) - 1n, bit(1023), bit(1023) + 1n];
    // A single bit at, and beside, every block and row boundary of both combs (steps of 16).
    for (let p = 64; p < 1024; p += 16) exps.push(bit(p), bit(p) | 1n, bit(p) | bit(p - 1), ones(p + 1));
    for (const e of exps) expect(modPow(2n, e, N), `2 ^ ${e.toString(16)}`).toBe(openSslPow2(e));
  });

  it('leaves exponents outside its range to the general code', () => {
    expect(pow2ModN(0n)).toBeUndefined();
    expect(pow2ModN(ones(64))).toBeUndefined();
    expect(pow2ModN(bit(1024))).toBeUndefined();
    expect(modPow(2n, ones(64), N)).toBe(reference(2n, ones(64), N));
    expect(modPow(2n, bit(1024) + 12345n, N)).toBe(reference(2n, bit(1024) + 12345n, N));
  });
});
