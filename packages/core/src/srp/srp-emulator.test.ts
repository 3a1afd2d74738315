// End to end over HTTP: core's SRP and SECRET_HASH through the SDK transport against
// @nextstep/emulator, which verifies the SRP claim as Cognito does.
import fc from 'fast-check';
import { startEmulator, type Emulator } from '@nextstep/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthError } from '../errors.js';
import { secretHash } from '../secret-hash.js';
import { regionFromPoolId } from '../transport/region.js';
import { createFetchTransport } from '../transport/fetch.js';
import { createSdkTransport } from '../transport/sdk.js';
import type { CognitoTransport } from '../types.js';
import { modPow as modPowBigInt } from './modpow-bigint.js';
import { modPow as modPowNode } from './modpow-node.js';
import * as webDigest from './digest-web.js';
import { startSrp, type StartSrpOptions } from './index.js';

const POOL = 'us-east-1_SrpE2e';
const PASSWORDS: Record<string, string> = {
  alice: 'Passw0rd!',
  'bob@example.com': 'Ünïcødé-🔑-pässwörd-1A',
  carol: 'x'.repeat(90) + 'A1!',
};

let emu: Emulator;
let transport: CognitoTransport;
let secretClient: { clientId: string; clientSecret: string };

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    config: {
      pools: [
        {
          id: POOL,
          name: 'srp-e2e',
          clients: [
            { id: 'plain-client', name: 'plain' },
            { id: 'secret-client', name: 'secret', secret: 'the-client-secret-value' },
          ],
          users: Object.entries(PASSWORDS).map(([username, password]) => ({ username, password })),
        },
      ],
    },
  });
  secretClient = { clientId: 'secret-client', clientSecret: 'the-client-secret-value' };
  transport = createSdkTransport({ region: regionFromPoolId(POOL), endpoint: emu.endpoint });
});
afterAll(async () => {
  await emu?.close();
});

/** USER_SRP_AUTH from InitiateAuth to tokens. */
async function srpSignIn(t: CognitoTransport, username: string, password: string, opts: { srp?: StartSrpOptions; clientId?: string; clientSecret?: string } = {}) {
  const clientId = opts.clientId ?? 'plain-client';
  const hash = async (user: string) => (opts.clientSecret ? { SECRET_HASH: await secretHash(opts.clientSecret, user, clientId) } : {});
  const srp = await startSrp(opts.srp ?? {});
  const first = await t.send('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: srp.A, ...(await hash(username)) } });
  expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
  const p = first.ChallengeParameters as Record<string, string>;
  const claim = await srp.claim({ userPoolId: POOL, userIdForSrp: p.USER_ID_FOR_SRP!, password, salt: p.SALT!, srpB: p.SRP_B!, secretBlock: p.SECRET_BLOCK! });
  return t.send('RespondToAuthChallenge', {
    ClientId: clientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    Session: first.Session,
    ChallengeResponses: { USERNAME: p.USER_ID_FOR_SRP, ...claim, ...(await hash(p.USER_ID_FOR_SRP!)) },
  });
}

async function failure(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (e) {
    return e as AuthError;
  }
  throw new Error('expected a failure');
}

describe.each([
  ['Node: OpenSSL modexp, node:crypto hashes', { modPow: modPowNode }],
  ['browser: BigInt modexp, Web Crypto hashes', { modPow: modPowBigInt, digest: webDigest }],
] as const)('USER_SRP_AUTH against the emulator (%s)', (_name, srpOptions) => {
  it('signs in every seeded user, unicode and long passwords included', async () => {
    for (const [username, password] of Object.entries(PASSWORDS)) {
      const out = await srpSignIn(transport, username, password, { srp: srpOptions });
      expect(out.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
      expect(out.AuthenticationResult?.TokenType).toBe('Bearer');
    }
  });
  it('signs in through a client with a secret (SECRET_HASH on both calls)', async () => {
    const out = await srpSignIn(transport, 'alice', PASSWORDS.alice!, { srp: srpOptions, ...secretClient });
    expect(out.AuthenticationResult?.IdToken).toEqual(expect.any(String));
  });
});

describe('SRP sign-in errors from the emulator', () => {
  it('a wrong password is NotAuthorizedException, with Cognito\'s message and no secret in it', async () => {
    const err = await failure(srpSignIn(transport, 'carol', 'Wrong-Passw0rd!'));
    expect(err).toMatchObject({ name: 'NotAuthorizedException', kind: 'service', metadata: { httpStatusCode: 400 } });
    expect(err.message).toBe('Incorrect username or password.');
    expect(JSON.stringify({ m: err.message, md: err.metadata })).not.toContain('Wrong-Passw0rd!');
  });
  it('a missing or wrong SECRET_HASH keeps Cognito\'s exception name', async () => {
    const err = await failure(srpSignIn(transport, 'alice', PASSWORDS.alice!, { clientId: 'secret-client', clientSecret: 'not-the-secret' }));
    expect(err).toMatchObject({ name: 'NotAuthorizedException', kind: 'service' });
    expect(err.message).not.toContain('not-the-secret');
  });
});

describe('sign-up with random passwords, then SRP', () => {
  it('SignUp + ConfirmSignUp (code from the outbox) + USER_SRP_AUTH for arbitrary unicode passwords', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }), async (tail) => {
        const username = `user${++n}-${Date.now()}`;
        const password = `Aa1!Aa1!${tail}z`; // meets the default policy; no leading or trailing space
        await transport.send('SignUp', { ClientId: 'plain-client', Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] });
        const code = emu.outbox.last({ username, userPoolId: POOL, purpose: 'SIGN_UP' })?.code;
        expect(code).toEqual(expect.any(String));
        await transport.send('ConfirmSignUp', { ClientId: 'plain-client', Username: username, ConfirmationCode: code });
        const out = await srpSignIn(transport, username, password);
        expect(out.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
      }),
      { numRuns: 8 },
    );
  });
});

describe.each([
  ['SDK', createSdkTransport],
  ['fetch', createFetchTransport],
] as const)('%s transport against the emulator', (_name, createTransport) => {
  let t: CognitoTransport;
  beforeAll(() => {
    t = createTransport({ region: 'us-east-1', endpoint: emu.endpoint });
  });
  it('signs in with SRP', async () => {
    const out = await srpSignIn(t, 'bob@example.com', PASSWORDS['bob@example.com']!);
    expect(out.AuthenticationResult?.RefreshToken).toEqual(expect.any(String));
  });
  it('retries the emulator\'s throttling fault and then succeeds', async () => {
    emu.faults.add({ operation: 'InitiateAuth', kind: 'throttle', times: 1 });
    const out = await srpSignIn(t, 'alice', PASSWORDS.alice!);
    expect(out.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    emu.faults.clear();
  });
  it('gives up after maxAttempts with TooManyRequestsException', async () => {
    const once = createTransport({ region: 'us-east-1', endpoint: emu.endpoint, maxAttempts: 1 });
    emu.faults.add({ operation: 'InitiateAuth', kind: 'throttle', times: 1 });
    const err = await failure(srpSignIn(once, 'alice', PASSWORDS.alice!));
    emu.faults.clear();
    expect(err).toMatchObject({ name: 'TooManyRequestsException', kind: 'service', metadata: { httpStatusCode: expect.any(Number) } });
  });
  it('retries a 5xx, and reports a dropped connection as kind network', async () => {
    emu.faults.add({ operation: 'GetUser', kind: 'server-error', times: 1 });
    const user = await srpSignIn(t, 'alice', PASSWORDS.alice!);
    const me = await t.send('GetUser', { AccessToken: user.AuthenticationResult!.AccessToken });
    expect(me.Username).toBe('alice');
    const twice = createTransport({ region: 'us-east-1', endpoint: emu.endpoint, maxAttempts: 2 });
    emu.faults.add({ operation: 'GetUser', kind: 'drop', times: 2 });
    const err = await failure(twice.send('GetUser', { AccessToken: user.AuthenticationResult!.AccessToken }));
    emu.faults.clear();
    expect(err).toMatchObject({ name: 'NetworkError', kind: 'network', metadata: { attempts: 2 } });
    expect(err.message).not.toContain(user.AuthenticationResult!.AccessToken);
  });
  it('keeps Cognito\'s name for an unknown client and a flow error', async () => {
    expect(await failure(t.send('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 'no-such-client', AuthParameters: { USERNAME: 'alice', SRP_A: 'ab' } }))).toMatchObject({
      name: 'ResourceNotFoundException',
      kind: 'service',
    });
    expect(await failure(t.send('RespondToAuthChallenge', { ClientId: 'plain-client', ChallengeName: 'PASSWORD_VERIFIER', Session: 'bogus', ChallengeResponses: { USERNAME: 'alice' } }))).toMatchObject({
      kind: 'service',
      name: expect.stringMatching(/Exception$/),
    });
  });
});
