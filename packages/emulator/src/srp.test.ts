import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { k, modPowN, N, padHex } from './srp.js';
import { failure, srpSignIn, withEmulator } from './test-support/harness.js';
import { N as clientN, powSlow, SrpClientSession, toPaddedHex } from './test-support/srp-client.js';

describe('SRP arithmetic', () => {
  it('uses the RFC 5054 3072-bit group and k = H(N, g)', () => {
    expect(N).toBe(clientN);
    expect(padHex(N).startsWith('00ffffffffffffffffc90fdaa2')).toBe(true);
    expect(k.toString(16)).toHaveLength(64);
  });

  it('pads hex the way Cognito (Java BigInteger) does', () => {
    expect(padHex(0xfn)).toBe('0f');
    expect(padHex(0x8n)).toBe('08');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x123n)).toBe('0123');
    expect(padHex(0xabcn)).toBe('0abc');
    expect(padHex(0xabcdn)).toBe('00abcd');
    for (let i = 0; i < 200; i++) {
      const v = BigInt('0x' + randomBytes(randomInt(1, 40)).toString('hex'));
      expect(padHex(v)).toBe(toPaddedHex(v));
    }
  });

  it('OpenSSL exponentiation matches plain BigInt, degenerate bases included', () => {
    for (let i = 0; i < 3; i++) {
      const base = BigInt('0x' + randomBytes(384).toString('hex')) % N;
      const exp = BigInt('0x' + randomBytes(64).toString('hex'));
      expect(modPowN(base, exp)).toBe(powSlow(base, exp, N));
    }
    expect(modPowN(0n, 5n)).toBe(0n);
    expect(modPowN(1n, 5n)).toBe(1n);
    expect(modPowN(N - 1n, 3n)).toBe(N - 1n);
    expect(modPowN(7n, 0n)).toBe(1n);
  });
});

const POOL = 'us-east-1_srpTest';

function randomPassword(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_=+[]{};:,.<>/?~ äöüßéñ中文🔐';
  const chars = [...alphabet];
  return Array.from({ length: randomInt(8, 40) }, () => chars[randomInt(chars.length)]).join('');
}

describe('SRP sign-in over HTTP', () => {
  it('hundreds of random sign-ins (random passwords and salts) all succeed, covering the padding edge cases', async () => {
    const COUNT = 300;
    const users = Array.from({ length: COUNT }, (_, i) => ({ username: `user${i}`, password: randomPassword() }));
    const { emu, cognito } = await withEmulator({ config: { pools: [{ id: POOL, clients: [{ id: 'c' }], users }] } });
    const seen = { oddB: 0, oddSalt: 0, highBitA: 0, highBitB: 0, highBitSalt: 0 };
    let failures = 0;
    try {
      let next = 0;
      const worker = async () => {
        while (next < COUNT) {
          const u = users[next++]!;
          try {
            const { first, second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'c', username: u.username, password: u.password });
            const p = first.ChallengeParameters!;
            if (p.SRP_B!.length % 2 === 1) seen.oddB++;
            if (p.SALT!.length % 2 === 1) seen.oddSalt++;
            if (toPaddedHex(BigInt('0x' + p.SRP_B!)).startsWith('00')) seen.highBitB++;
            if (toPaddedHex(BigInt('0x' + p.SALT!)).startsWith('00')) seen.highBitSalt++;
            if (!second.AuthenticationResult?.AccessToken) failures++;
          } catch {
            failures++;
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    } finally {
      await emu.close();
    }
    expect(failures).toBe(0);
    expect(seen.oddB).toBeGreaterThan(0);
    expect(seen.oddSalt).toBeGreaterThan(0);
    expect(seen.highBitB).toBeGreaterThan(0);
    expect(seen.highBitSalt).toBeGreaterThan(0);
  }, 90_000);

  it('accepts A values with the top bit set and with leading zero bytes, and a slow-path client', async () => {
    const { emu, cognito } = await withEmulator({ config: { pools: [{ id: POOL, clients: [{ id: 'c' }], users: [{ username: 'bob', password: 'correct horse' }] }] } });
    try {
      const pick = (pred: (hex: string) => boolean) => {
        for (;;) {
          const s = new SrpClientSession(POOL);
          if (pred(s.srpA)) return s;
        }
      };
      const highBit = pick((h) => toPaddedHex(BigInt('0x' + h)).startsWith('00'));
      const shortA = pick((h) => h.length < 768);
      for (const srp of [highBit, shortA]) {
        const first = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'bob', SRP_A: srp.srpA } }));
        const second = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'c', ChallengeName: 'PASSWORD_VERIFIER', Session: first.Session, ChallengeResponses: srp.claim(first.ChallengeParameters!, 'correct horse', { slow: srp === shortA }) }));
        expect(second.AuthenticationResult?.AccessToken).toBeTruthy();
      }
    } finally {
      await emu.close();
    }
  });

  it('PreventUserExistenceErrors: an unknown user gets a PASSWORD_VERIFIER (stable salt) and then NotAuthorizedException', async () => {
    const { emu, cognito } = await withEmulator({ config: { pools: [{ id: POOL, clients: [{ id: 'p', preventUserExistenceErrors: true }], users: [{ username: 'bob', password: 'correct horse' }] }] } });
    try {
      const first = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'p', username: 'bob', password: 'correct horse' });
      expect(first.second.AuthenticationResult).toBeTruthy();
      const salts: string[] = [];
      for (let i = 0; i < 2; i++) {
        const srp = new SrpClientSession(POOL);
        const start = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'p', AuthParameters: { USERNAME: 'ghost', SRP_A: srp.srpA } }));
        expect(start.ChallengeName).toBe('PASSWORD_VERIFIER');
        salts.push(start.ChallengeParameters!.SALT!);
        const err = await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'p', ChallengeName: 'PASSWORD_VERIFIER', Session: start.Session, ChallengeResponses: srp.claim(start.ChallengeParameters!, 'anything') })));
        expect(err).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
      }
      expect(salts[0]).toBe(salts[1]);
      const pw = await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'p', AuthParameters: { USERNAME: 'ghost', PASSWORD: 'x' } })));
      expect(pw).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    } finally {
      await emu.close();
    }
  });

  it('rejects A ≡ 0 mod N, non-hex A, and a claim over another SECRET_BLOCK', async () => {
    const { emu, cognito } = await withEmulator({ config: { pools: [{ id: POOL, clients: [{ id: 'c' }], users: [{ username: 'bob', password: 'correct horse' }] }] } });
    try {
      for (const A of [N.toString(16), '0', 'xyz']) {
        const err = await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'bob', SRP_A: A } })));
        expect(err.name).toBe('InvalidParameterException');
      }
      const srp = new SrpClientSession(POOL);
      const first = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'bob', SRP_A: srp.srpA } }));
      const params = { ...first.ChallengeParameters!, SECRET_BLOCK: randomBytes(96).toString('base64') };
      const err = await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'c', ChallengeName: 'PASSWORD_VERIFIER', Session: first.Session, ChallengeResponses: srp.claim(params, 'correct horse') })));
      expect(err.name).toBe('NotAuthorizedException');
      // The failed claim ended the sign-in: the Session is dead even for a correct claim.
      const again = await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'c', ChallengeName: 'PASSWORD_VERIFIER', Session: first.Session, ChallengeResponses: srp.claim(first.ChallengeParameters!, 'correct horse') })));
      expect(again).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    } finally {
      await emu.close();
    }
  });
});
