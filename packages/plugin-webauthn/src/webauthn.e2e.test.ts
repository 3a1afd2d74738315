// End to end against the emulator over HTTP, with the SOFTWARE authenticator (Node): passkey
// registration, WEB_AUTHN sign-in (preferred and chosen), a cancelled prompt, wrong origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth, signOut, surfaceUnclaimed, type Auth, type CognitoCall } from '@nextstep/core';
import { startEmulator, type Emulator } from '@nextstep/emulator';
import { associateWebAuthnCredential, deleteWebAuthnCredential, listWebAuthnCredentials, webauthn, type Authenticator } from './index.js';
import { softwareAuthenticator } from './software.js';

const POOL = 'us-east-1_Passkeys';
const PW = 'Passkey-Passw0rd!';
const ORIGIN = 'http://localhost:5173';
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    config: {
      pools: [
        {
          id: POOL,
          allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'],
          webAuthn: { relyingPartyId: 'localhost', userVerification: 'required' },
          clients: [{ id: 'web', explicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
          users: ['pia', 'rex', 'sol', 'ted'].map((username) => ({ username, password: PW })),
        },
      ],
    },
  });
});
afterAll(() => emu?.close());

function authWith(authenticator: Authenticator) {
  const calls: CognitoCall[] = [];
  const auth = createAuth({
    userPool: { userPoolId: POOL, clientId: 'web', endpoint: emu.endpoint },
    plugins: [webauthn({ authenticator })],
    defaultHandler: surfaceUnclaimed,
    clock: () => emu.clock.now(),
  });
  auth.hooks.request.tap('test', (call) => {
    calls.push(call);
    return call;
  });
  return { auth, calls };
}

/** Signs in with the password, registers a passkey, signs out. */
async function enrol(authenticator: Authenticator, username: string) {
  const { auth } = authWith(authenticator);
  const out = await auth.signIn({ username, password: PW, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  expect(out.isSignedIn).toBe(true);
  await associateWebAuthnCredential(auth);
  const { credentials } = await listWebAuthnCredentials(auth);
  await signOut(auth as unknown as Auth); // core's free functions take Auth<NextStep> (see report)
  return credentials;
}

describe('passkeys', () => {
  it('registers a passkey and signs in with it (preferredChallenge WEB_AUTHN), no password', async () => {
    const soft = softwareAuthenticator({ origin: ORIGIN });
    const credentials = await enrol(soft, 'pia');
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatchObject({ credentialId: soft.credentials()[0]!.id, relyingPartyId: 'localhost', authenticatorAttachment: 'platform' });
    expect(credentials[0]!.createdAt).toBeInstanceOf(Date);

    const { auth, calls } = authWith(soft);
    const out = await auth.signIn({ username: 'pia', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
    expect(out.isSignedIn).toBe(true);
    const answer = calls.find((c) => c.operation === 'RespondToAuthChallenge')!;
    expect(answer.input.ChallengeName).toBe('WEB_AUTHN');
    expect(JSON.parse((answer.input.ChallengeResponses as Record<string, string>).CREDENTIAL!)).toMatchObject({ id: soft.credentials()[0]!.id, type: 'public-key' });

    await deleteWebAuthnCredential(auth, { credentialId: credentials[0]!.credentialId! });
    expect((await listWebAuthnCredentials(auth)).credentials).toEqual([]);
  });

  it('WEB_AUTHN chosen at first-factor selection', async () => {
    const soft = softwareAuthenticator({ origin: ORIGIN });
    await enrol(soft, 'rex');
    const { auth } = authWith(soft);
    let out = await auth.signIn({ username: 'rex', options: { authFlowType: 'USER_AUTH' } });
    expect(out.nextStep).toMatchObject({ signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION' });
    expect((out.nextStep as { availableChallenges: string[] }).availableChallenges).toContain('WEB_AUTHN');
    out = await out.confirm('WEB_AUTHN');
    expect(out.isSignedIn).toBe(true);
  });

  it('a cancelled prompt sends nothing and leaves the flow usable: retry signs in', async () => {
    const soft = softwareAuthenticator({ origin: ORIGIN });
    await enrol(soft, 'sol');
    let cancels = 2;
    const flaky: Authenticator = {
      create: (o) => soft.create(o),
      get: (o) => (cancels-- > 0 ? Promise.reject(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError')) : soft.get(o)),
    };
    const { auth, calls } = authWith(flaky);
    let out = await auth.signIn({ username: 'sol', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
    expect(out.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_PASSKEY', error: { name: 'WebAuthnCanceled' } });
    expect(calls.filter((c) => c.operation === 'RespondToAuthChallenge')).toHaveLength(0);
    // Cancelled again: a typed, recoverable error; the flow is still at the step.
    await expect(out.confirm('RETRY')).rejects.toMatchObject({ name: 'WebAuthnCanceled', kind: 'validation' });
    expect(out.status).toBe('active');
    out = await out.confirm('RETRY');
    expect(out.isSignedIn).toBe(true);
  });

  it('no authenticator here (Node, browser default): WebAuthnNotSupported, nothing sent, flow still usable', async () => {
    const soft = softwareAuthenticator({ origin: ORIGIN });
    await enrol(soft, 'ted');
    const auth = createAuth({ userPool: { userPoolId: POOL, clientId: 'web', endpoint: emu.endpoint }, plugins: [webauthn()], defaultHandler: surfaceUnclaimed, clock: () => emu.clock.now() });
    const flow = await auth.signIn({ username: 'ted', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
    expect(flow.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_PASSKEY', error: { name: 'WebAuthnNotSupported' } });
    await expect(flow.confirm('RETRY')).rejects.toMatchObject({ name: 'WebAuthnNotSupported', kind: 'validation' });
    expect(flow.status).toBe('active');
  });

  it('an assertion from a foreign origin is refused by Cognito with its own error name', async () => {
    const soft = softwareAuthenticator({ origin: ORIGIN });
    await enrol(soft, 'rex');
    const evil = softwareAuthenticator({ origin: 'https://evil.example', credentials: soft.credentials() });
    const { auth } = authWith(evil);
    const err = await auth.signIn({ username: 'rex', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } }).then(() => undefined, (e: Error) => e);
    expect(err?.name).toMatch(/NotAuthorized|WebAuthn/);
  });
});
