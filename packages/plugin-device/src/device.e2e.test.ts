// End to end against the emulator over HTTP: confirmed devices, MFA skipped on a remembered
// one, forgetting (here and on the server) bringing MFA back, the consent pool, refresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth, fetchAuthSession, surfaceUnclaimed, type AuthFlowType, type CognitoCall, type Logger } from '@nextstep/core';
import { startEmulator, type Emulator, type TriggerFunction } from '@nextstep/emulator';
import { totp } from '@nextstep/plugin-totp';
import { device, fetchDevices, forgetDevice, isDeviceAwaitingConsent, memoryDeviceStore, rememberDevice, deviceKeyOf, type DeviceStore } from './index.js';

const ALWAYS = 'us-east-1_DevAlways';
const CONSENT = 'us-east-1_DevConsent';
const PW = 'Device-Passw0rd!';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

// CUSTOM_WITH_SRP: SRP, then one custom question whose answer is "yes".
const define: TriggerFunction = (event) => {
  const s = event.request.session as { challengeName: string; challengeResult: boolean }[];
  if (s.length === 1 && s[0]!.challengeName === 'SRP_A') event.response.challengeName = 'PASSWORD_VERIFIER';
  else if (s.some((x) => x.challengeName === 'CUSTOM_CHALLENGE' && x.challengeResult)) event.response.issueTokens = true;
  else event.response.challengeName = 'CUSTOM_CHALLENGE';
};
const create: TriggerFunction = (event) => {
  event.response.publicChallengeParameters = { q: 'yes?' };
  event.response.privateChallengeParameters = { a: 'yes' };
};
const verify: TriggerFunction = (event) => ({ answerCorrect: event.request.challengeAnswer === event.request.privateChallengeParameters.a });

const users = (names: string[]) => names.map((username) => ({ username, password: PW, mfa: { totp: { secret: SECRET }, preferred: 'TOTP' as const } }));
const clientOf = (pool: string) => `${pool.split('_')[1]}-c`;

let emu: Emulator;
beforeAll(async () => {
  const pool = (id: string, deviceOnlyRememberedOnUserPrompt: boolean, names: string[]) => ({
    id,
    mfa: 'OPTIONAL' as const,
    enabledMfas: ['SOFTWARE_TOKEN_MFA' as const],
    deviceConfiguration: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt },
    triggers: { defineAuthChallenge: define, createAuthChallenge: create, verifyAuthChallengeResponse: verify },
    // A client with a secret: SECRET_HASH on every device call too.
    clients: [{ id: clientOf(id), secret: 'device-client-secret-0123456789' }],
    users: users(names),
  });
  emu = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    config: { pools: [pool(ALWAYS, false, ['amy', 'ben', 'cat', 'dan', 'eve', 'fay', 'gus']), pool(CONSENT, true, ['ola', 'pat'])] },
  });
});
afterAll(() => emu?.close());

/** An Auth on a pool with totp() and device(), recording the calls and the debug log. */
function authOn(pool: string, store: DeviceStore, remember: 'ask' | 'always' = 'ask') {
  const calls: CognitoCall[] = [];
  const lines: string[] = [];
  const logger: Logger = { debug: (message, fields) => void lines.push(`${message} ${JSON.stringify(fields ?? {})}`) };
  const auth = createAuth({
    userPool: { userPoolId: pool, clientId: clientOf(pool), clientSecret: 'device-client-secret-0123456789', endpoint: emu.endpoint },
    plugins: [totp(), device({ store, remember, deviceName: 'test laptop' })],
    defaultHandler: surfaceUnclaimed,
    clock: () => emu.clock.now(),
    logger,
  });
  auth.hooks.request.tap('test', (call) => {
    calls.push(structuredClone(call));
    return call;
  });
  return { auth, calls, lines };
}

/** Signs in; answers TOTP and the custom question when asked. Returns the steps the app saw. */
async function signIn(auth: ReturnType<typeof authOn>['auth'], pool: string, username: string, authFlow: AuthFlowType = 'USER_SRP_AUTH') {
  const seen: string[] = [];
  let out = await auth.signIn({ username, password: PW, options: { authFlowType: authFlow, ...(authFlow === 'USER_AUTH' ? { preferredChallenge: 'PASSWORD' as const } : {}) } });
  while (!out.isSignedIn) {
    const step = out.nextStep;
    seen.push(step.signInStep);
    if (step.signInStep === 'CONFIRM_SIGN_IN_WITH_TOTP_CODE') out = await out.confirm(emu.totpCode(pool, username));
    else if (step.signInStep === 'UNCLAIMED_CHALLENGE') out = await out.confirm('yes');
    else throw new Error(`unexpected step ${step.signInStep}`);
  }
  return seen;
}

const challenges = (calls: CognitoCall[]) =>
  calls.filter((c) => c.operation === 'RespondToAuthChallenge').map((c) => c.input.ChallengeName as string);

/** An admin call: the emulator wants a SigV4 Authorization header, as Cognito, but checks no credentials. */
async function admin(operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(emu.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20261201/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
    },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${operation}: ${body.__type}`);
  return body;
}

describe.each<AuthFlowType>(['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'USER_AUTH'])('%s', (flow) => {
  const username = flow === 'USER_SRP_AUTH' ? 'amy' : flow === 'USER_PASSWORD_AUTH' ? 'ben' : 'gus';
  it('confirms the device at DONE, skips MFA on the next sign-in, and asks again once forgotten', async () => {
    const store = memoryDeviceStore();
    const first = authOn(ALWAYS, store);
    expect(await signIn(first.auth, ALWAYS, username, flow)).toEqual(['CONFIRM_SIGN_IN_WITH_TOTP_CODE']);
    expect(first.calls.map((c) => c.operation)).toContain('ConfirmDevice');
    const kept = await store.get(deviceKeyOf(ALWAYS, username));
    expect(kept).toMatchObject({ format: 'nextstep.device/1', awaitingConsent: false });
    const devices = await fetchDevices(first.auth);
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ id: kept!.deviceKey, name: 'test laptop' });
    expect(devices[0]!.createDate).toBeInstanceOf(Date);
    // The device secret is never in a log line.
    expect(first.lines.join('\n')).not.toContain(kept!.secret);

    // A new Auth (a new page load) with the same store: no MFA, the device answers for itself.
    const second = authOn(ALWAYS, store);
    expect(await signIn(second.auth, ALWAYS, username, flow)).toEqual([]);
    expect(challenges(second.calls)).toEqual(expect.arrayContaining(['DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']));
    expect(challenges(second.calls)).not.toContain('SOFTWARE_TOKEN_MFA');
    const initiate = second.calls.find((c) => c.operation === 'InitiateAuth')!;
    expect((initiate.input.AuthParameters as Record<string, string>).DEVICE_KEY).toBe(kept!.deviceKey);
    expect(second.calls.map((c) => c.operation)).not.toContain('ConfirmDevice');
    expect(second.lines.join('\n')).not.toContain(kept!.secret);

    await forgetDevice(second.auth);
    expect(await store.get(deviceKeyOf(ALWAYS, username))).toBeUndefined();
    expect(await fetchDevices(second.auth)).toEqual([]);
    const third = authOn(ALWAYS, store);
    expect(await signIn(third.auth, ALWAYS, username, flow)).toEqual(['CONFIRM_SIGN_IN_WITH_TOTP_CODE']);
  });
});

describe('remembered devices', () => {
  it('CUSTOM_WITH_SRP: the device authenticates after the custom question', async () => {
    const store = memoryDeviceStore();
    await signIn(authOn(ALWAYS, store).auth, ALWAYS, 'cat', 'CUSTOM_WITH_SRP');
    expect(await store.get(deviceKeyOf(ALWAYS, 'cat'))).toBeDefined();
    const again = authOn(ALWAYS, store);
    expect(await signIn(again.auth, ALWAYS, 'cat', 'CUSTOM_WITH_SRP')).toEqual(['UNCLAIMED_CHALLENGE']);
    expect(challenges(again.calls)).toEqual(expect.arrayContaining(['DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']));
  });

  it('refresh sends DEVICE_KEY', async () => {
    const store = memoryDeviceStore();
    const { auth, calls } = authOn(ALWAYS, store);
    await signIn(auth, ALWAYS, 'dan');
    const { deviceKey } = (await store.get(deviceKeyOf(ALWAYS, 'dan')))!;
    const before = (await fetchAuthSession(auth)).tokens!.accessToken.toString();
    const after = await fetchAuthSession(auth, { forceRefresh: true });
    expect(after.tokens!.accessToken.toString()).not.toBe(before);
    const refresh = calls.find((c) => c.operation === 'InitiateAuth' && c.input.AuthFlow === 'REFRESH_TOKEN_AUTH')!;
    expect((refresh.input.AuthParameters as Record<string, string>).DEVICE_KEY).toBe(deviceKey);
  });

  it('a device forgotten on the server falls back to MFA without an error, and a new device is confirmed', async () => {
    for (const flow of ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'] as const) {
      const store = memoryDeviceStore();
      const username = flow === 'USER_SRP_AUTH' ? 'eve' : 'fay';
      await signIn(authOn(ALWAYS, store).auth, ALWAYS, username, flow);
      const old = (await store.get(deviceKeyOf(ALWAYS, username)))!;
      await admin('AdminForgetDevice', { UserPoolId: ALWAYS, Username: username, DeviceKey: old.deviceKey });
      const again = authOn(ALWAYS, store);
      expect(await signIn(again.auth, ALWAYS, username, flow)).toEqual(['CONFIRM_SIGN_IN_WITH_TOTP_CODE']);
      const fresh = await store.get(deviceKeyOf(ALWAYS, username));
      expect(fresh?.deviceKey).toBeDefined();
      expect(fresh!.deviceKey).not.toBe(old.deviceKey);
      expect(again.lines.some((l) => l.startsWith('remembered device dropped'))).toBe(true);
    }
  });

  it('a wrong device secret is refused; the device is dropped and the next sign-in asks for MFA', async () => {
    const store = memoryDeviceStore();
    await signIn(authOn(ALWAYS, store).auth, ALWAYS, 'amy');
    const key = deviceKeyOf(ALWAYS, 'amy');
    await store.set(key, { ...(await store.get(key))!, secret: 'not-the-secret' });
    const err = await signIn(authOn(ALWAYS, store).auth, ALWAYS, 'amy').then(() => undefined, (e: Error) => e);
    expect(err?.name).toBe('NotAuthorizedException');
    expect(err?.message).not.toContain('not-the-secret');
    expect(await store.get(key)).toBeUndefined();
    expect(await signIn(authOn(ALWAYS, store).auth, ALWAYS, 'amy')).toEqual(['CONFIRM_SIGN_IN_WITH_TOTP_CODE']);
  });

  it('ConfirmDevice failing (server errors) does not fail the sign-in; the next one asks for MFA', async () => {
    const store = memoryDeviceStore();
    const { auth, lines } = authOn(ALWAYS, store);
    emu.faults.add({ operation: 'ConfirmDevice', kind: 'server-error', times: 10 });
    try {
      expect(await signIn(auth, ALWAYS, 'dan')).toEqual(['CONFIRM_SIGN_IN_WITH_TOTP_CODE']);
    } finally {
      emu.faults.clear();
    }
    expect(await store.get(deviceKeyOf(ALWAYS, 'dan'))).toBeUndefined();
    expect(lines.some((l) => l.startsWith('device confirmation failed'))).toBe(true);
    expect(await signIn(authOn(ALWAYS, store).auth, ALWAYS, 'dan')).toEqual(['CONFIRM_SIGN_IN_WITH_TOTP_CODE']);
  });

  it('a pool that asks the user: MFA until rememberDevice, then skipped', async () => {
    const store = memoryDeviceStore();
    const first = authOn(CONSENT, store);
    await signIn(first.auth, CONSENT, 'ola');
    expect(await isDeviceAwaitingConsent(first.auth)).toBe(true);
    expect((await fetchDevices(first.auth))[0]!.attributes['dev:device_remembered_status']).toBe('not_remembered');
    // Not remembered: MFA again (the device still authenticates, after MFA).
    const second = authOn(CONSENT, store);
    expect(await signIn(second.auth, CONSENT, 'ola')).toEqual(['CONFIRM_SIGN_IN_WITH_TOTP_CODE']);
    await rememberDevice(second.auth);
    expect(await isDeviceAwaitingConsent(second.auth)).toBe(false);
    expect(await signIn(authOn(CONSENT, store).auth, CONSENT, 'ola')).toEqual([]);
  });

  it("remember: 'always' remembers at once on a pool that asks", async () => {
    const store = memoryDeviceStore();
    const first = authOn(CONSENT, store, 'always');
    await signIn(first.auth, CONSENT, 'pat');
    expect(first.calls.map((c) => c.operation)).toContain('UpdateDeviceStatus');
    expect(await signIn(authOn(CONSENT, store, 'always').auth, CONSENT, 'pat')).toEqual([]);
  });

  it('device calls without the plugin or without a device fail with typed errors', async () => {
    const { auth } = authOn(ALWAYS, memoryDeviceStore());
    await expect(rememberDevice(auth)).rejects.toMatchObject({ name: 'UserUnAuthenticatedException' });
    const bare = createAuth({ userPool: { userPoolId: ALWAYS, clientId: clientOf(ALWAYS), endpoint: emu.endpoint }, defaultHandler: surfaceUnclaimed });
    await expect(rememberDevice(bare)).rejects.toMatchObject({ name: 'DevicePluginMissing', kind: 'config' });
  });
});
