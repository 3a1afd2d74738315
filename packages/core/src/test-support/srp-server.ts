// An independent server side of Cognito's SRP for the tests: standard SRP-6a as the service
// runs it (v = g^x, B = k·v + g^b, S = (A·v^u)^b), on node:crypto hashes and a plain
// square-and-multiply, sharing no code with the client under test.
import { createHash, createHmac, randomBytes } from 'node:crypto';

export const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
export const g = 2n;

export function refPadHex(n: bigint): string {
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  if (/^[89a-f]/.test(h)) h = '00' + h;
  return h;
}
const hexOfHash = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hashHex = (hex: string) => BigInt('0x' + hexOfHash(Buffer.from(hex, 'hex')));

export function refModPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let r = 1n;
  let b = ((base % mod) + mod) % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % mod;
    e >>= 1n;
    if (e) b = (b * b) % mod;
  }
  return r;
}

export const refK = hashHex(refPadHex(N) + refPadHex(g));

export interface Verifier {
  poolName: string;
  userId: string;
  saltHex: string;
  v: bigint;
}

/** What the service stores at sign-up: salt and v = g^x. */
export function makeVerifier(poolName: string, userId: string, password: string, saltHex: string): Verifier {
  const inner = hexOfHash(Buffer.from(`${poolName}${userId}:${password}`, 'utf8'));
  const x = hashHex(refPadHex(BigInt('0x' + saltHex)) + inner);
  return { poolName, userId, saltHex, v: refModPow(g, x, N) };
}

export interface Challenge {
  b: bigint;
  B: bigint;
  params: { SALT: string; SRP_B: string; SECRET_BLOCK: string; USER_ID_FOR_SRP: string };
}

/** PASSWORD_VERIFIER as the service sends it. */
export function makeChallenge(ver: Verifier, b = BigInt('0x' + randomBytes(32).toString('hex')), secretBlock = randomBytes(64).toString('base64')): Challenge {
  const B = (refK * ver.v + refModPow(g, b, N)) % N;
  return { b, B, params: { SALT: ver.saltHex, SRP_B: B.toString(16), SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: ver.userId } };
}

export function serverU(Ahex: string, B: bigint): bigint {
  return hashHex(refPadHex(BigInt('0x' + Ahex)) + refPadHex(B));
}

export function serverS(ver: Verifier, ch: Challenge, Ahex: string): bigint {
  const A = BigInt('0x' + Ahex);
  const u = serverU(Ahex, ch.B);
  return refModPow((A * refModPow(ver.v, u, N)) % N, ch.b, N);
}

/** The PASSWORD_CLAIM_SIGNATURE the service expects for this A and TIMESTAMP. */
export function expectedSignature(ver: Verifier, ch: Challenge, Ahex: string, timestamp: string): string {
  const A = BigInt('0x' + Ahex);
  if (A % N === 0n) throw new Error('server: A ≡ 0');
  const u = serverU(Ahex, ch.B);
  const S = serverS(ver, ch, Ahex);
  const prk = createHmac('sha256', Buffer.from(refPadHex(u), 'hex')).update(Buffer.from(refPadHex(S), 'hex')).digest();
  const key = createHmac('sha256', prk).update('Caldera Derived Key').update(Buffer.from([1])).digest().subarray(0, 16);
  return createHmac('sha256', key)
    .update(ver.poolName, 'utf8')
    .update(ver.userId, 'utf8')
    .update(Buffer.from(ch.params.SECRET_BLOCK, 'base64'))
    .update(timestamp, 'utf8')
    .digest('base64');
}
