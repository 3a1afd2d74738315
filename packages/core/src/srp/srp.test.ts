import { createDiffieHellman, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modPow as defaultModPow } from '#modpow';
import { modPow as modPowBigInt } from '#modpow/bigint';
import { modPow as modPowNode } from '#modpow/node';
import { isAuthError } from '../errors.js';
import {
  N as refN,
  expectedSignature,
  makeChallenge,
  makeVerifier,
  refK,
  refModPow,
  serverS,
  serverU,
  type Challenge,
  type Verifier,
} from '../test-support/srp-server.js';
import { N, g, k } from './group.js';
import * as webDigest from './digest-web.js';
import { formatTimestamp, startSrp, type ModPow, type SrpSession, type StartSrpOptions } from './index.js';

const paths: Record<string, ModPow> = { node: modPowNode, bigint: modPowBigInt };
const POOL_ID = 'us-east-1_AbCdEfGhI';
const POOL_NAME = 'AbCdEfGhI';

// A fast modexp for searching edge-case values in the tests only.
const searchDh = createDiffieHellman(Buffer.from(refN.toString(16), 'hex'), 2);
function fastPow(base: bigint, exp: bigint): bigint {
  let e = exp.toString(16);
  if (e.length % 2) e = '0' + e;
  let b = base.toString(16);
  if (b.length % 2) b = '0' + b;
  searchDh.setPrivateKey(Buffer.from(e, 'hex'));
  return BigInt('0x' + searchDh.computeSecret(Buffer.from(b, 'hex')).toString('hex'));
}

async function claimAndVerify(session: SrpSession, ver: Verifier, ch: Challenge, password: string, now = new Date()) {
  const out = await session.claim({
    userPoolId: `eu-west-1_${ver.poolName}`,
    userIdForSrp: ch.params.USER_ID_FOR_SRP,
    password,
    salt: ch.params.SALT,
    srpB: ch.params.SRP_B,
    secretBlock: ch.params.SECRET_BLOCK,
    now,
  });
  expect(out.TIMESTAMP).toBe(formatTimestamp(now));
  expect(out.PASSWORD_CLAIM_SECRET_BLOCK).toBe(ch.params.SECRET_BLOCK);
  expect(out.PASSWORD_CLAIM_SIGNATURE).toBe(expectedSignature(ver, ch, session.A, out.TIMESTAMP));
  return out;
}

/** 128 bytes of a, chosen so that A = g^a satisfies `want`. */
function findA(want: (A: bigint) => boolean): Uint8Array {
  for (let i = 0; i < 5000; i++) {
    const bytes = randomBytes(128);
    if (want(fastPow(2n, BigInt('0x' + bytes.toString('hex'))))) return new Uint8Array(bytes);
  }
  throw new Error('no such a found');
}

describe('SRP group constants', () => {
  it('N is RFC 3526 3072-bit MODP, g = 2, k = H(padHex(N) ‖ padHex(g))', () => {
    expect(N).toBe(refN);
    expect(g).toBe(2n);
    expect(k).toBe(refK);
  });
});

describe('formatTimestamp', () => {
  it('formats as Cognito signs it', () => {
    expect(formatTimestamp(new Date(Date.UTC(2024, 7, 6, 9, 5, 3)))).toBe('Tue Aug 6 09:05:03 UTC 2024');
    expect(formatTimestamp(new Date(Date.UTC(2025, 11, 31, 23, 59, 59, 999)))).toBe('Wed Dec 31 23:59:59 UTC 2025');
    expect(formatTimestamp(new Date(Date.UTC(2026, 0, 1, 0, 0, 0)))).toBe('Thu Jan 1 00:00:00 UTC 2026');
  });
  it('agrees with the fields of toUTCString for any date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const u = d.toUTCString(); // "Tue, 06 Aug 2024 09:05:03 GMT"
        const [, dd, mon, yyyy, hms] = u.split(' ');
        expect(formatTimestamp(d)).toBe(`${u.slice(0, 3)} ${mon} ${Number(dd)} ${hms} UTC ${yyyy}`);
      }),
    );
  });
  it('rejects an invalid Date', () => {
    expect(() => formatTimestamp(new Date(NaN))).toThrow(RangeError);
  });
});

describe('modPow: the Node (OpenSSL) and BigInt paths', () => {
  it('#modpow resolves to the Node path under Node', () => {
    expect(defaultModPow).toBe(modPowNode);
  });

  it('both agree with square-and-multiply for random bases and exponents mod N', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -2n * refN, max: 2n * refN }), fc.bigInt({ min: 0n, max: (1n << 1300n) - 1n }), (base, exp) => {
        const want = refModPow(base, exp, refN);
        expect(modPowNode(base, exp, refN)).toBe(want);
        expect(modPowBigInt(base, exp, refN)).toBe(want);
      }),
      { numRuns: 25 },
    );
  });

  it('agree on edge bases and exponents (OpenSSL refuses some of them as keys)', () => {
    const bases = [0n, 1n, 2n, 3n, refN - 2n, refN - 1n, refN, refN + 1n, refN + 2n, -1n, -2n, 1n << 3071n, (1n << 3064n) - 1n];
    const exps = [0n, 1n, 2n, 3n, 255n, 256n, 1n << 1023n, (1n << 1024n) - 1n, refN - 1n];
    for (const b of bases)
      for (const e of exps) {
        const want = refModPow(b, e, refN);
        expect(modPowNode(b, e, refN), `${b} ^ ${e}`).toBe(want);
        expect(modPowBigInt(b, e, refN), `${b} ^ ${e}`).toBe(want);
      }
  });

  it('works for other moduli (the Node path falls back to BigInt)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1n << 200n }), fc.bigInt({ min: -(1n << 210n), max: 1n << 210n }), fc.bigInt({ min: 0n, max: 1n << 300n }), (m, b, e) => {
        const want = refModPow(b, e, m);
        expect(modPowNode(b, e, m)).toBe(want);
        expect(modPowBigInt(b, e, m)).toBe(want);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a negative exponent or a non-positive modulus', () => {
    for (const mp of Object.values(paths)) {
      expect(() => mp(2n, -1n, refN)).toThrow(RangeError);
      expect(() => mp(2n, 5n, 0n)).toThrow(RangeError);
    }
  });
});

const claimPaths: Record<string, StartSrpOptions> = {
  'Node (OpenSSL modexp, node:crypto hashes)': { modPow: modPowNode },
  'browser (BigInt modexp, Web Crypto hashes)': { modPow: modPowBigInt, digest: webDigest },
};

describe.each(Object.entries(claimPaths))('SRP claim on the %s path', (_name, opts) => {
  it('matches an independent server for random users, passwords (unicode), salts and times', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
        fc.oneof(fc.uuid(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 })),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        fc.oneof(fc.stringMatching(/^[0-9a-f]{1,64}$/), fc.uint8Array({ minLength: 1, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'))),
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        async (poolName, userId, password, salt, secret, now) => {
          const ver = makeVerifier(poolName, userId, password, salt);
          const ch = makeChallenge(ver, undefined, Buffer.from(secret).toString('base64'));
          const session = await startSrp(opts);
          expect(session.A).toMatch(/^[1-9a-f][0-9a-f]*$/);
          await claimAndVerify(session, ver, ch, password, now);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a wrong password gives a signature the server rejects', async () => {
    const ver = makeVerifier(POOL_NAME, 'alice', 'right password', 'ab12');
    const ch = makeChallenge(ver);
    const session = await startSrp(opts);
    const out = await session.claim({ userPoolId: POOL_ID, userIdForSrp: 'alice', password: 'wrong password', salt: 'ab12', srpB: ch.params.SRP_B, secretBlock: ch.params.SECRET_BLOCK });
    expect(out.PASSWORD_CLAIM_SIGNATURE).not.toBe(expectedSignature(ver, ch, session.A, out.TIMESTAMP));
  });

  it('handles SRP_B of odd hex length', async () => {
    const ver = makeVerifier(POOL_NAME, 'bob', 'p4ss', '00ff00');
    let ch: Challenge | undefined;
    while (!ch) {
      const c = makeChallenge(ver);
      if (c.params.SRP_B.length % 2 === 1) ch = c;
    }
    await claimAndVerify(await startSrp(opts), ver, ch, 'p4ss');
  });

  it('handles A with its top bit set, A of odd hex length, and A with a leading zero byte', async () => {
    const ver = makeVerifier(POOL_NAME, 'carol', 'pw', '0a');
    const wants: ((A: bigint) => boolean)[] = [
      (A) => A >= 1n << 3071n, // padHex adds 00
      (A) => A.toString(16).length % 2 === 1, // padHex adds 0
      (A) => A < 1n << 3064n, // a whole leading zero byte
    ];
    for (const want of wants) {
      const bytes = findA(want);
      const session = await startSrp({ ...opts, randomBytes: () => bytes });
      expect(want(BigInt('0x' + session.A))).toBe(true);
      await claimAndVerify(session, ver, makeChallenge(ver), 'pw');
    }
  });

  it('handles S and u with their top bit set or a leading zero byte', async () => {
    const ver = makeVerifier(POOL_NAME, 'dave', 'pw', 'c0ffee');
    const session = await startSrp(opts);
    const A = BigInt('0x' + session.A);
    const u0 = (ch: Challenge) => serverU(session.A, ch.B);
    const S0 = (ch: Challenge) => fastPow((A * fastPow(ver.v, u0(ch))) % refN, ch.b);
    const cases: [string, (ch: Challenge) => boolean][] = [
      ['S top bit', (ch) => S0(ch) >= 1n << 3071n],
      ['S leading zero byte', (ch) => S0(ch) < 1n << 3064n],
      ['u top bit', (ch) => u0(ch) >= 1n << 255n],
      ['u leading zero byte', (ch) => u0(ch) < 1n << 248n],
    ];
    for (const [label, want] of cases) {
      let found: Challenge | undefined;
      for (let i = 0; i < 4000 && !found; i++) {
        const b = BigInt('0x' + randomBytes(32).toString('hex'));
        const B = (refK * ver.v + fastPow(2n, b)) % refN;
        const c: Challenge = { b, B, params: { SALT: ver.saltHex, SRP_B: B.toString(16), SECRET_BLOCK: randomBytes(48).toString('base64'), USER_ID_FOR_SRP: 'dave' } };
        if (want(c)) found = c;
      }
      expect(found, label).toBeDefined();
      expect(serverS(ver, found!, session.A)).toBe(S0(found!));
      await claimAndVerify(session, ver, found!, 'pw');
    }
  });
});

describe('SRP errors', () => {
  const base = { userPoolId: POOL_ID, userIdForSrp: 'erin', password: 'Sup3r-Secret!', salt: 'abcd', secretBlock: 'AAAA' };
  async function failure(input: Partial<typeof base> & { srpB?: string; poolName?: string }) {
    const session = await startSrp();
    try {
      await session.claim({ ...base, srpB: 'ab', ...input } as Parameters<SrpSession['claim']>[0]);
    } catch (e) {
      expect(isAuthError(e)).toBe(true);
      const err = e as import('../errors.js').AuthError;
      expect(err.name).toBe('SrpError');
      expect(err.message).not.toContain('Sup3r-Secret!');
      expect(JSON.stringify(err)).not.toContain('Sup3r-Secret!');
      return err;
    }
    throw new Error('expected a failure');
  }

  it('rejects B ≡ 0 mod N as a service error', async () => {
    for (const srpB of ['0', '00', refN.toString(16), (2n * refN).toString(16)]) {
      expect((await failure({ srpB })).kind).toBe('service');
    }
  });
  it('rejects non-hex SALT or SRP_B, and SECRET_BLOCK that is not base64', async () => {
    expect((await failure({ salt: 'xyz' })).kind).toBe('service');
    expect((await failure({ salt: '' })).kind).toBe('service');
    expect((await failure({ srpB: '12g4' })).kind).toBe('service');
    expect((await failure({ secretBlock: 'not base64!' })).kind).toBe('service');
    expect((await failure({ secretBlock: 'A' })).kind).toBe('service');
  });
  it('rejects bad local input as validation errors', async () => {
    expect((await failure({ userPoolId: 'nounderscore' })).kind).toBe('validation');
    expect((await failure({ userPoolId: 'us-east-1_' })).kind).toBe('validation');
    expect((await failure({ password: '' })).kind).toBe('validation');
    expect((await failure({ poolName: '' })).kind).toBe('validation');
    expect((await failure({ now: new Date(NaN) } as never)).kind).toBe('validation');
  });
  it('rejects a secret that would give A ≡ 0 or a = 0', async () => {
    await expect(startSrp({ randomBytes: (n) => new Uint8Array(n) })).rejects.toMatchObject({ name: 'SrpError' });
  });
  it('accepts poolName for device SRP (DeviceGroupKey) instead of the pool id', async () => {
    const ver = makeVerifier('-group-key-1', 'device-key-1', 'device secret', '1234');
    const ch = makeChallenge(ver);
    const s = await startSrp();
    const out = await s.claim({ userPoolId: POOL_ID, poolName: '-group-key-1', userIdForSrp: 'device-key-1', password: 'device secret', salt: '1234', srpB: ch.params.SRP_B, secretBlock: ch.params.SECRET_BLOCK });
    expect(out.PASSWORD_CLAIM_SIGNATURE).toBe(expectedSignature(ver, ch, s.A, out.TIMESTAMP));
  });
  it('keeps the secret a off the session object', async () => {
    const s = await startSrp();
    expect(Object.keys(s).sort()).toEqual(['A', 'claim']);
    expect(Object.isFrozen(s)).toBe(true);
  });
});

describe('the test server itself', () => {
  it('accepts the signature of amazon-cognito-identity-js (so it models the service)', () => {
    const require = createRequire(import.meta.url);
    const AH = require('amazon-cognito-identity-js/lib/AuthenticationHelper').default;
    const BI = require('amazon-cognito-identity-js/lib/BigInteger').default;
    const { createHmac } = require('node:crypto') as typeof import('node:crypto');
    const ver = makeVerifier(POOL_NAME, 'frank', 'Pässwörd ✓', '00c0ffee');
    const ch = makeChallenge(ver);
    const h = new AH(POOL_NAME);
    let Ahex = '';
    h.getLargeAValue((e: unknown, v: { toString(r: number): string }) => {
      if (e) throw e;
      Ahex = v.toString(16);
    });
    let hkdf: Uint8Array = new Uint8Array();
    h.getPasswordAuthenticationKey('frank', 'Pässwörd ✓', new BI(ch.params.SRP_B, 16), new BI(ch.params.SALT, 16), (e: unknown, v: Uint8Array) => {
      if (e) throw e;
      hkdf = v;
    });
    const ts = 'Tue Aug 6 09:05:03 UTC 2024';
    const sig = createHmac('sha256', Buffer.from(hkdf)).update(POOL_NAME).update('frank').update(Buffer.from(ch.params.SECRET_BLOCK, 'base64')).update(ts).digest('base64');
    expect(sig).toBe(expectedSignature(ver, ch, Ahex, ts));
  });
});
