/**
 * A client-side SRP implementation for the emulator's tests, written from the protocol
 * description and kept independent of the server code (src/srp.ts), so each checks the other.
 */
import { createDiffieHellman, createHash, createHmac, randomBytes } from 'node:crypto';

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
export const N = BigInt('0x' + N_HEX);
const G = 2n;

/** Java-BigInteger-style hex: even length, and a 00 byte in front of a high first nibble. */
export function toPaddedHex(value: bigint): string {
  const raw = value.toString(16);
  const even = raw.length % 2 ? `0${raw}` : raw;
  return /^[89a-f]/i.test(even) ? `00${even}` : even;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
const hexHash = (hex: string) => sha256(Buffer.from(hex, 'hex')).toString('hex');

/** Plain square-and-multiply, used to cross-check the OpenSSL path in tests. */
export function powSlow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let acc = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) acc = (acc * b) % modulus;
    b = (b * b) % modulus;
  }
  return acc;
}

const ctx = createDiffieHellman(Buffer.from(N_HEX, 'hex'), Buffer.from([2]));
function bytesOf(v: bigint): Buffer {
  const h = v.toString(16);
  return Buffer.from(h.length % 2 ? `0${h}` : h, 'hex');
}
/** base^exponent mod N through OpenSSL (with the slow path for degenerate bases). */
export function powFast(base: bigint, exponent: bigint): bigint {
  const b = base % N;
  if (b < 2n || b > N - 2n || exponent === 0n) return powSlow(b, exponent, N);
  ctx.setPrivateKey(bytesOf(exponent));
  return BigInt('0x' + ctx.computeSecret(bytesOf(b)).toString('hex'));
}

const K_MULT = BigInt('0x' + hexHash(toPaddedHex(N) + toPaddedHex(G)));

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `Tue Aug 6 09:05:03 UTC 2024`; `padDay` gives `06` as some clients send. */
export function cognitoTimestamp(d = new Date(), padDay = false): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = padDay ? two(d.getUTCDate()) : String(d.getUTCDate());
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

export interface ClaimOptions {
  timestamp?: string;
  /** Use the BigInt exponentiation instead of OpenSSL (slow; cross-check). */
  slow?: boolean;
}

/** One SRP sign-in from the client side. */
export class SrpClientSession {
  readonly a: bigint;
  readonly A: bigint;

  constructor(private readonly userPoolId: string, aOverride?: bigint) {
    for (;;) {
      this.a = aOverride ?? BigInt('0x' + randomBytes(128).toString('hex'));
      this.A = powFast(G, this.a);
      if (this.A % N !== 0n) break;
    }
  }

  /** SRP_A as Cognito clients send it (lower-case hex, unpadded). */
  get srpA(): string {
    return this.A.toString(16);
  }

  /** Answers PASSWORD_VERIFIER from its ChallengeParameters. */
  claim(params: Record<string, string>, password: string, opts: ClaimOptions = {}): Record<string, string> {
    return this.claimAs(this.userPoolId.split('_')[1]!, params.USER_ID_FOR_SRP!, params, password, opts);
  }

  /** The claim for an explicit pool name and user id (device SRP uses the group and device keys). */
  claimAs(pool: string, userId: string, params: Record<string, string>, password: string, opts: ClaimOptions = {}): Record<string, string> {
    const B = BigInt('0x' + params.SRP_B!);
    if (B % N === 0n) throw new Error('server sent B = 0 mod N');
    const salt = BigInt('0x' + params.SALT!);
    const u = BigInt('0x' + hexHash(toPaddedHex(this.A) + toPaddedHex(B)));
    if (u === 0n) throw new Error('u = 0');
    const inner = sha256(Buffer.from(`${pool}${userId}:${password}`, 'utf8')).toString('hex');
    const x = BigInt('0x' + hexHash(toPaddedHex(salt) + inner));
    const pow = opts.slow ? (b: bigint, e: bigint) => powSlow(b, e, N) : powFast;
    const gx = pow(G, x);
    const base = (((B - K_MULT * gx) % N) + N) % N;
    const S = pow(base, this.a + u * x);
    const prk = createHmac('sha256', Buffer.from(toPaddedHex(u), 'hex')).update(Buffer.from(toPaddedHex(S), 'hex')).digest();
    const key = createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])])).digest().subarray(0, 16);
    const timestamp = opts.timestamp ?? cognitoTimestamp();
    const sig = createHmac('sha256', key)
      .update(Buffer.concat([Buffer.from(pool), Buffer.from(userId), Buffer.from(params.SECRET_BLOCK!, 'base64'), Buffer.from(timestamp)]))
      .digest('base64');
    return { USERNAME: userId, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK!, PASSWORD_CLAIM_SIGNATURE: sig, TIMESTAMP: timestamp };
  }
}

/** SECRET_HASH for clients with a secret. */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}

/**
 * A device secret and its DeviceSecretVerifierConfig as a client makes them for ConfirmDevice:
 * x = H(padHex(salt) ‖ H(groupKey ‖ deviceKey ‖ ":" ‖ secret)), PasswordVerifier = base64(padHex(g^x)).
 */
export function deviceVerifier(groupKey: string, deviceKey: string, secret = randomBytes(40).toString('base64')): { secret: string; config: { PasswordVerifier: string; Salt: string } } {
  const salt = toPaddedHex(BigInt('0x' + randomBytes(16).toString('hex')));
  const inner = sha256(Buffer.from(`${groupKey}${deviceKey}:${secret}`, 'utf8')).toString('hex');
  const x = BigInt('0x' + hexHash(salt + inner));
  return { secret, config: { PasswordVerifier: Buffer.from(toPaddedHex(powFast(G, x)), 'hex').toString('base64'), Salt: Buffer.from(salt, 'hex').toString('base64') } };
}

/** Answers DEVICE_PASSWORD_VERIFIER: the SRP claim with pool name := group key, user := device key. */
export function deviceClaim(session: SrpClientSession, params: Record<string, string>, groupKey: string, deviceKey: string, secret: string): Record<string, string> {
  return { ...session.claimAs(groupKey, deviceKey, params, secret), USERNAME: params.USERNAME!, DEVICE_KEY: deviceKey };
}
