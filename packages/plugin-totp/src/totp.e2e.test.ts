// End to end against the emulator over HTTP: TOTP codes computed from the shared secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTP } from 'otpauth';
import { AuthError, type CognitoCall } from '@nextstep/core';
import { markTotpPreferred, totp, TOTP_CODE_STEP, TOTP_SETUP_STEP } from './index.js';
import { toSvg } from './qr.js';
import { startEmulatorPool, type EmulatorPool } from '@nextstep/core/testing';
import type { Emulator } from '@nextstep/emulator';

const PASSWORD = 'Correct-horse-9';

const POOL_ID = 'us-east-1_PluginTotp';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let emu: Emulator;
let env: EmulatorPool;

beforeAll(async () => {
  env = await startEmulatorPool({
    id: POOL_ID,
    mfa: 'ON',
    enabledMfas: ['SOFTWARE_TOKEN_MFA'],
    clients: [{ id: 'totp-client', secret: 'totp-client-secret-for-tests' }],
    users: [
      { username: 'has-totp', password: PASSWORD, mfa: { totp: { secret: SECRET }, preferred: 'TOTP' } },
      { username: 'new1', password: PASSWORD },
      { username: 'new2', password: PASSWORD },
      { username: 'new3', password: PASSWORD },
      { username: 'not-preferred', password: PASSWORD, mfa: { totp: { secret: SECRET } } },
    ],
  });
  emu = env.emulator;
});
afterAll(() => emu?.close());

/** The code an authenticator app shows now (emulator time), or the one `steps` periods away. */
const codeFor = (secret: string, steps = 0) =>
  new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: emu.clock.now() + steps * 30_000 });
const wrong = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

async function rejected(p: Promise<unknown>): Promise<AuthError> {
  try {
    await p;
  } catch (e) {
    return e as AuthError;
  }
  throw new Error('expected a rejection');
}

async function getUser(accessToken: string): Promise<Record<string, any>> {
  const res = await fetch(emu.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' },
    body: JSON.stringify({ AccessToken: accessToken }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, any>;
}

describe('totp plugin against the emulator', () => {
  it('SOFTWARE_TOKEN_MFA: wrong code refused, flow stays, right code signs in', async () => {
    const flow = await env.auth([totp()]).signIn({ username: 'has-totp', password: PASSWORD });
    expect(flow.nextStep).toEqual({ signInStep: TOTP_CODE_STEP });
    expect((await rejected(flow.confirm('12345'))).kind).toBe('validation');
    const e = await rejected(flow.confirm(wrong(codeFor(SECRET))));
    expect(e.name).toBe('CodeMismatchException');
    expect(flow.nextStep.signInStep).toBe(TOTP_CODE_STEP);
    await flow.confirm(codeFor(SECRET));
    expect(flow.isSignedIn).toBe(true);
  });

  it('MFA_SETUP: associates, shows secret, URI and QR; a wrong code keeps the step; the right one signs in and marks TOTP preferred', async () => {
    const flow = await env.auth([totp({ issuer: 'Acme', markPreferred: true, friendlyDeviceName: 'test phone' })]).signIn({
      username: 'new1',
      password: PASSWORD,
    });
    if (flow.nextStep.signInStep !== TOTP_SETUP_STEP) throw new Error(`unexpected ${flow.nextStep.signInStep}`);
    const { sharedSecret } = flow.nextStep.totpSetupDetails;
    expect(sharedSecret).toMatch(/^[A-Z2-7]{16,}=*$/);
    const uri = flow.nextStep.totpSetupDetails.getSetupUri('Acme');
    expect(uri.href).toBe(`otpauth://totp/Acme:new1?secret=${sharedSecret}&issuer=Acme`);
    expect(toSvg(flow.nextStep.totpSetupDetails)).toMatch(/^<svg/);

    expect((await rejected(flow.confirm('abcdef'))).kind).toBe('validation');
    const e = await rejected(flow.confirm(wrong(codeFor(sharedSecret))));
    expect(e.name).toBe('EnableSoftwareTokenMFAException');
    expect(flow.nextStep.signInStep).toBe(TOTP_SETUP_STEP);
    if (flow.nextStep.signInStep === TOTP_SETUP_STEP) expect(flow.nextStep.totpSetupDetails.sharedSecret).toBe(sharedSecret);

    await flow.confirm(codeFor(sharedSecret));
    expect(flow.isSignedIn).toBe(true);
    const user = await getUser(flow.tokens!.accessToken);
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    expect(user.UserMFASettingList).toContain('SOFTWARE_TOKEN_MFA');

    // The device now answers the next sign-in's TOTP challenge (a later period: no replay).
    emu.clock.advance(30_000);
    const again = await env.auth([totp()]).signIn({ username: 'new1', password: PASSWORD });
    expect(again.nextStep.signInStep).toBe(TOTP_CODE_STEP);
    await again.confirm(codeFor(sharedSecret));
    expect(again.isSignedIn).toBe(true);
  });

  it('a setup flow resumed from JSON keeps its secret and finishes', async () => {
    const a = env.auth([totp()]);
    const flow = await a.signIn({ username: 'new2', password: PASSWORD });
    if (flow.nextStep.signInStep !== TOTP_SETUP_STEP) throw new Error(`unexpected ${flow.nextStep.signInStep}`);
    const secret = flow.nextStep.totpSetupDetails.sharedSecret;
    const resumed = await a.resumeFlow(JSON.parse(JSON.stringify(flow.toJSON())));
    if (resumed.nextStep.signInStep !== TOTP_SETUP_STEP) throw new Error('resumed at another step');
    expect(resumed.nextStep.totpSetupDetails.sharedSecret).toBe(secret);
    await resumed.confirm(codeFor(secret));
    expect(resumed.isSignedIn).toBe(true);
  });

  it('markPreferred answers MFA_SETUP itself and keeps the sign-in ClientMetadata', async () => {
    const auth = env.auth([totp({ markPreferred: true })]);
    const calls: CognitoCall[] = [];
    auth.hooks.request.tap('record', (call) => {
      calls.push(structuredClone(call));
      return call;
    });
    const flow = await auth.signIn({ username: 'new3', password: PASSWORD, options: { clientMetadata: { app: 'web' } } });
    if (flow.nextStep.signInStep !== TOTP_SETUP_STEP) throw new Error(`unexpected ${flow.nextStep.signInStep}`);
    await flow.confirm(codeFor(flow.nextStep.totpSetupDetails.sharedSecret));
    expect(flow.isSignedIn).toBe(true);
    const setupAnswer = calls.find((c) => c.operation === 'RespondToAuthChallenge' && c.input.ChallengeName === 'MFA_SETUP');
    expect(setupAnswer?.input.ClientMetadata).toEqual({ app: 'web' });
    expect(calls.map((c) => c.operation)).toContain('SetUserMFAPreference');
    expect((await getUser(flow.tokens!.accessToken)).PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });
});

describe('markTotpPreferred', () => {
  it('marks TOTP preferred with a signed-in flow, or with an Auth and an access token', async () => {
    emu.clock.advance(30_000);
    const auth = env.auth([totp()]);
    const flow = await auth.signIn({ username: 'not-preferred', password: PASSWORD });
    expect(flow.nextStep.signInStep).toBe(TOTP_CODE_STEP);

    // Not signed in yet: refused locally, nothing sent.
    const sent: string[] = [];
    auth.hooks.request.tap('record', (call) => {
      sent.push(call.operation);
      return call;
    });
    const early = await rejected(markTotpPreferred(flow));
    expect(early).toBeInstanceOf(AuthError);
    expect(early).toMatchObject({ name: 'NotSignedIn', kind: 'validation' });
    expect(sent).toEqual([]);

    await flow.confirm(codeFor(SECRET));
    const token = flow.tokens!.accessToken;
    const before = await getUser(token);
    expect(before.UserMFASettingList).toContain('SOFTWARE_TOKEN_MFA');
    expect(before.PreferredMfaSetting).toBeUndefined();

    await markTotpPreferred(flow);
    expect(sent).toContain('SetUserMFAPreference');
    expect((await getUser(token)).PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');

    // Through an Auth (no flow): the same call, with the token given.
    await expect(markTotpPreferred(auth, token)).resolves.toBeUndefined();
    const bad = await rejected(markTotpPreferred(auth, 'not-a-token'));
    expect(bad.name).toBe('NotAuthorizedException');
    expect(bad.message).not.toContain('not-a-token');
  });
});
