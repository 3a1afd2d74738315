/**
 * Server side of Cognito's SRP-6a variant (3072-bit group, SHA-256, Cognito's padding and
 * HKDF). Modular exponentiation runs in OpenSSL through node:crypto's Diffie-Hellman, which
 * is about a hundred times faster than BigInt for 3072-bit numbers.
 */
import { createDiffieHellman, createDiffieHellmanGroup, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// RFC 3526 group 15 is the 3072-bit prime Cognito uses, with generator 2.
const N_BYTES = createDiffieHellmanGroup('modp15').getPrime();
/** The 3072-bit SRP modulus. */
export const N = BigInt('0x' + N_BYTES.toString('hex'));
/** The SRP generator. */
export const g = 2n;

// One DH context reused for every exponentiation: setPrivateKey + computeSecret is
// base^exp mod N. JavaScript is single-threaded, so the reuse cannot interleave.
const dh = createDiffieHellman(N_BYTES, Buffer.from([2]));

/** Lower-case hex of a non-negative integer, padded as Cognito pads (Java two's complement). */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  if ('89abcdef'.includes(hex[0]!)) hex = '00' + hex;
  return hex;
}

/** SHA-256 of bytes, as lower-case hex. */
export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of the bytes a hex string denotes, as lower-case hex. */
export function hashHex(hex: string): string {
  return sha256Hex(Buffer.from(hex, 'hex'));
}

export function bigFromHex(hex: string): bigint {
  return BigInt('0x' + hex);
}

function toBuf(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  return Buffer.from(hex, 'hex');
}

function modPowBig(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

/** base^exp mod N. */
export function modPowN(base: bigint, exp: bigint): bigint {
  base %= N;
  // OpenSSL refuses "public keys" outside (1, N-1) and a zero exponent; those are trivial.
  if (base <= 1n || base >= N - 1n || exp === 0n) return modPowBig(base, exp, N);
  dh.setPrivateKey(toBuf(exp));
  return bigFromHex(dh.computeSecret(toBuf(base)).toString('hex'));
}

// g^e for exponents up to 256 bits (the server's b, and x = H(salt ‖ H(...))) from a
// fixed-base table: 32 rows of g^(j·2^(8i)), so g^e is at most 32 BigInt multiplications
// mod N instead of a 256-bit exponentiation in OpenSSL — about half the CPU, for the most
// frequent exponentiation of SRP and password checks. Built on first use (~8,200
// multiplications, ~0.1 s, 3 MB; 6-bit windows saved too little).
const G_WINDOW_BITS = 8;
const G_DIGIT = BigInt((1 << G_WINDOW_BITS) - 1);
const G_SHIFT = BigInt(G_WINDOW_BITS);
const G_ROWS = Math.ceil(256 / G_WINDOW_BITS);
let gTable: bigint[][] | undefined;

function buildGTable(): bigint[][] {
  const rows: bigint[][] = [];
  let base = g;
  for (let i = 0; i < G_ROWS; i++) {
    const row = new Array<bigint>(1 << G_WINDOW_BITS);
    row[0] = 1n;
    for (let j = 1; j < row.length; j++) row[j] = (row[j - 1]! * base) % N;
    rows.push(row);
    base = (row[row.length - 1]! * base) % N;
  }
  return rows;
}

/** g^exp mod N. */
export function gPow(exp: bigint): bigint {
  if (exp < 0n || exp >> 256n !== 0n) return modPowN(g, exp);
  gTable ??= buildGTable();
  let r = 1n;
  for (let i = 0; i < G_ROWS && exp > 0n; i++) {
    const digit = Number(exp & G_DIGIT);
    if (digit !== 0) r = (r * gTable[i]![digit]!) % N;
    exp >>= G_SHIFT;
  }
  return r;
}

/** k = H(padHex(N) ‖ padHex(g)). */
export const k = bigFromHex(hashHex(padHex(N) + padHex(g)));

/** The part of a pool id after the underscore, which Cognito mixes into x and the signature. */
export function poolNameOf(userPoolId: string): string {
  return userPoolId.slice(userPoolId.indexOf('_') + 1);
}

/** x = H(padHex(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)). */
export function computeX(saltHex: string, poolName: string, userId: string, password: string): bigint {
  const inner = sha256Hex(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
  return bigFromHex(hashHex(padHex(bigFromHex(saltHex)) + inner));
}

/** What the emulator stores for a password: a salt (hex as handed to clients) and v = g^x. */
export interface PasswordVerifier {
  saltHex: string;
  verifier: bigint;
}

/** Makes a fresh salt and verifier for a password. */
export function makeVerifier(poolName: string, userId: string, password: string): PasswordVerifier {
  // Unpadded hex of a random 128-bit number: odd lengths and leading zeros occur, as with Cognito.
  const saltHex = bigFromHex(randomBytes(16).toString('hex')).toString(16);
  return { saltHex, verifier: gPow(computeX(saltHex, poolName, userId, password)) };
}

/** Checks a plain password against a stored verifier (USER_PASSWORD_AUTH, PASSWORD). */
export function checkPassword(stored: PasswordVerifier, poolName: string, userId: string, password: string): boolean {
  return gPow(computeX(stored.saltHex, poolName, userId, password)) === stored.verifier;
}

/** Server state of one SRP exchange, kept in the auth session between the two calls. */
export interface SrpServerState {
  A: bigint;
  b: bigint;
  B: bigint;
}

/** Starts an exchange: B = k·v + g^b mod N. Throws on an invalid A (A ≡ 0 mod N). */
export function startSrp(A: bigint, verifier: bigint): SrpServerState {
  if (A % N === 0n) throw new RangeError('SRP_A is invalid');
  for (;;) {
    // A 256-bit secret exponent, as common SRP servers use; it keeps the two server-side
    // exponentiations with b cheap.
    const b = bigFromHex(randomBytes(32).toString('hex'));
    const B = (k * verifier + gPow(b)) % N;
    if (B !== 0n) return { A, b, B };
  }
}

/** The 16-byte key both sides derive: HKDF-SHA256 over S keyed with u. */
export function sessionKey(state: SrpServerState, verifier: bigint): Buffer | undefined {
  const u = bigFromHex(hashHex(padHex(state.A) + padHex(state.B)));
  if (u === 0n) return undefined;
  const S = modPowN((state.A * modPowN(verifier, u)) % N, state.b);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  return createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])])).digest().subarray(0, 16);
}

/** The PASSWORD_CLAIM_SIGNATURE a client holding the same key must send. */
export function claimSignature(key: Buffer, poolName: string, userId: string, secretBlockB64: string, timestamp: string): string {
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(poolName, 'utf8'), Buffer.from(userId, 'utf8'), Buffer.from(secretBlockB64, 'base64'), Buffer.from(timestamp, 'utf8')]))
    .digest('base64');
}

/** Verifies a client's claim in constant time. */
export function verifyClaim(state: SrpServerState, verifier: bigint, poolName: string, userId: string, secretBlockB64: string, timestamp: string, signatureB64: string): boolean {
  const key = sessionKey(state, verifier);
  if (!key) return false;
  const expected = Buffer.from(claimSignature(key, poolName, userId, secretBlockB64, timestamp), 'base64');
  const given = Buffer.from(signatureB64, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const TIMESTAMP_RE = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (0?[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d UTC \d{4}$/;

/** True when TIMESTAMP has Cognito's shape (`Tue Aug 6 09:05:03 UTC 2024`, day padded or not). */
export function isValidTimestamp(ts: string): boolean {
  return TIMESTAMP_RE.test(ts);
}
