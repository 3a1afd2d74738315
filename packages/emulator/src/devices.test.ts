import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  ConfirmDeviceCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
  type AuthenticationResultType,
  type ChallengeNameType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator, TriggerFunction } from './index.js';
import { failure, withEmulator } from './test-support/harness.js';
import { deviceClaim, deviceVerifier, SrpClientSession } from './test-support/srp-client.js';

const ALWAYS = 'us-east-1_devAlways';
const OPTIN = 'us-east-1_devOptIn';
const NOSKIP = 'us-east-1_devNoSkip';
const UNTRACKED = 'us-east-1_devNone';
const PW = 'Passw0rd!';
const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

// One custom round after SRP: the answer is "yes".
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

const mfaUser = (username: string) => ({ username, password: PW, mfa: { totp: { secret: TOTP }, preferred: 'TOTP' as const } });

let emu: Emulator;
let cognito: CognitoIdentityProviderClient;
beforeAll(async () => {
  const pool = (id: string, deviceConfiguration: { challengeRequiredOnNewDevice?: boolean; deviceOnlyRememberedOnUserPrompt?: boolean } | undefined, users: string[]) => ({
    id,
    mfa: 'OPTIONAL' as const,
    enabledMfas: ['SOFTWARE_TOKEN_MFA' as const],
    ...(deviceConfiguration ? { deviceConfiguration } : {}),
    triggers: { defineAuthChallenge: define, createAuthChallenge: create, verifyAuthChallengeResponse: verify },
    clients: [{ id: `${id.split('_')[1]}-c` }],
    users: users.map(mfaUser),
  });
  ({ emu, cognito } = await withEmulator({
    config: {
      pools: [
        pool(ALWAYS, { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false }, ['amy', 'ben', 'cat', 'dan', 'eli']),
        pool(OPTIN, { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true }, ['ola']),
        pool(NOSKIP, { challengeRequiredOnNewDevice: false }, ['nik']),
        pool(UNTRACKED, undefined, ['una']),
      ],
    },
  }));
});
afterAll(() => emu.close());

const clientOf = (poolId: string) => `${poolId.split('_')[1]}-c`;
const respond = (poolId: string, name: string, session: string | undefined, responses: Record<string, string>) =>
  cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientOf(poolId), ChallengeName: name as ChallengeNameType, Session: session, ChallengeResponses: responses }));

interface Remembered {
  key: string;
  group: string;
  secret: string;
}

/** USER_SRP_AUTH, optionally with a device; returns the answer after PASSWORD_VERIFIER. */
async function srpToAfterPassword(poolId: string, username: string, deviceKey?: string) {
  const srp = new SrpClientSession(poolId);
  const dk: Record<string, string> = deviceKey ? { DEVICE_KEY: deviceKey } : {};
  const first = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: clientOf(poolId), AuthParameters: { USERNAME: username, SRP_A: srp.srpA, ...dk } }));
  const claim = srp.claim(first.ChallengeParameters!, PW);
  return { first, claim, second: () => respond(poolId, 'PASSWORD_VERIFIER', first.Session, { ...claim, ...dk }) };
}

/** Answers SOFTWARE_TOKEN_MFA. */
const totp = (poolId: string, username: string, session: string | undefined) => respond(poolId, 'SOFTWARE_TOKEN_MFA', session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: emu.totpCode(poolId, username) });

/** DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER with the device secret. */
async function deviceAuth(poolId: string, username: string, session: string | undefined, d: Remembered) {
  const srp = new SrpClientSession(poolId);
  const verifier = await respond(poolId, 'DEVICE_SRP_AUTH', session, { USERNAME: username, DEVICE_KEY: d.key, SRP_A: srp.srpA });
  expect(verifier.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
  expect(verifier.ChallengeParameters).toMatchObject({ USERNAME: username, DEVICE_KEY: d.key });
  return respond(poolId, 'DEVICE_PASSWORD_VERIFIER', verifier.Session, deviceClaim(srp, verifier.ChallengeParameters!, d.group, d.key, d.secret));
}

/** A device that does not replace MFA: SOFTWARE_TOKEN_MFA, then DEVICE_SRP_AUTH, then tokens. */
async function mfaThenDevice(poolId: string, username: string, afterPassword: { ChallengeName?: string; Session?: string }, d: Remembered) {
  expect(afterPassword.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  const next = await totp(poolId, username, afterPassword.Session);
  expect(next.ChallengeName).toBe('DEVICE_SRP_AUTH');
  return deviceAuth(poolId, username, next.Session, d);
}

/** Signs in with MFA on a new device and confirms it. */
async function newDevice(poolId: string, username: string): Promise<{ device: Remembered; tokens: AuthenticationResultType; confirmation: boolean }> {
  const { second } = await srpToAfterPassword(poolId, username);
  const mfa = await second();
  expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  const done = await totp(poolId, username, mfa.Session);
  const meta = done.AuthenticationResult!.NewDeviceMetadata!;
  expect(meta.DeviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
  expect(meta.DeviceGroupKey).toBeTruthy();
  const v = deviceVerifier(meta.DeviceGroupKey!, meta.DeviceKey!);
  const confirmed = await cognito.send(new ConfirmDeviceCommand({ AccessToken: done.AuthenticationResult!.AccessToken, DeviceKey: meta.DeviceKey, DeviceName: 'test laptop', DeviceSecretVerifierConfig: v.config }));
  return { device: { key: meta.DeviceKey!, group: meta.DeviceGroupKey!, secret: v.secret }, tokens: done.AuthenticationResult!, confirmation: confirmed.UserConfirmationNecessary! };
}

describe('DeviceConfiguration', () => {
  it('a pool without it tracks no devices; CreateUserPool / DescribeUserPool carry it', async () => {
    const r = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientOf(UNTRACKED), AuthParameters: { USERNAME: 'una', PASSWORD: PW } }));
    const done = await totp(UNTRACKED, 'una', r.Session);
    expect(done.AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
    expect((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: UNTRACKED }))).UserPool!.DeviceConfiguration).toBeUndefined();
    const created = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'with-devices', DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true } }))).UserPool!;
    expect(created.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    expect((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: created.Id }))).UserPool!.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
  });
});

describe('remembered devices (always remembered, challenge required on new device)', () => {
  it('confirms a new device, then the next sign-in passes DEVICE_SRP_AUTH instead of MFA', async () => {
    const { device, confirmation } = await newDevice(ALWAYS, 'amy');
    expect(confirmation).toBe(false);
    const { second } = await srpToAfterPassword(ALWAYS, 'amy', device.key);
    const challenge = await second();
    expect(challenge.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const done = await deviceAuth(ALWAYS, 'amy', challenge.Session, device);
    expect(done.AuthenticationResult!.AccessToken).toBeTruthy();
    expect(done.AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
    const listed = (await cognito.send(new ListDevicesCommand({ AccessToken: done.AuthenticationResult!.AccessToken }))).Devices!;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.DeviceKey).toBe(device.key);
    expect(listed[0]!.DeviceAttributes).toEqual(expect.arrayContaining([{ Name: 'device_name', Value: 'test laptop' }, { Name: 'dev:device_remembered_status', Value: 'remembered' }]));
  });

  it('works with USER_PASSWORD_AUTH and CUSTOM_AUTH with SRP first', async () => {
    const { device } = await newDevice(ALWAYS, 'ben');
    const pw = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientOf(ALWAYS), AuthParameters: { USERNAME: 'ben', PASSWORD: PW, DEVICE_KEY: device.key } }));
    expect(pw.ChallengeName).toBe('DEVICE_SRP_AUTH');
    expect((await deviceAuth(ALWAYS, 'ben', pw.Session, device)).AuthenticationResult!.AccessToken).toBeTruthy();

    const srp = new SrpClientSession(ALWAYS);
    const c1 = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: clientOf(ALWAYS), AuthParameters: { USERNAME: 'ben', SRP_A: srp.srpA, CHALLENGE_NAME: 'SRP_A', DEVICE_KEY: device.key } }));
    expect(c1.ChallengeName).toBe('PASSWORD_VERIFIER');
    const c2 = await respond(ALWAYS, 'PASSWORD_VERIFIER', c1.Session, { ...srp.claim(c1.ChallengeParameters!, PW), DEVICE_KEY: device.key });
    expect(c2.ChallengeName).toBe('CUSTOM_CHALLENGE');
    const c3 = await respond(ALWAYS, 'CUSTOM_CHALLENGE', c2.Session, { USERNAME: 'ben', ANSWER: 'yes', DEVICE_KEY: device.key });
    expect(c3.ChallengeName).toBe('DEVICE_SRP_AUTH');
    expect((await deviceAuth(ALWAYS, 'ben', c3.Session, device)).AuthenticationResult!.AccessToken).toBeTruthy();
  });

  it('refuses a wrong device secret and ends that sign-in', async () => {
    const { device } = await newDevice(ALWAYS, 'cat');
    const { second } = await srpToAfterPassword(ALWAYS, 'cat', device.key);
    const challenge = await second();
    const srp = new SrpClientSession(ALWAYS);
    const verifier = await respond(ALWAYS, 'DEVICE_SRP_AUTH', challenge.Session, { USERNAME: 'cat', DEVICE_KEY: device.key, SRP_A: srp.srpA });
    const wrong = deviceClaim(srp, verifier.ChallengeParameters!, device.group, device.key, 'not-the-secret');
    expect(await failure(respond(ALWAYS, 'DEVICE_PASSWORD_VERIFIER', verifier.Session, wrong))).toMatchObject({ name: 'NotAuthorizedException' });
    expect((await failure(respond(ALWAYS, 'DEVICE_PASSWORD_VERIFIER', verifier.Session, deviceClaim(srp, verifier.ChallengeParameters!, device.group, device.key, device.secret)))).name).toBe('NotAuthorizedException');
    // The right secret in a new sign-in still works.
    const again = await (await srpToAfterPassword(ALWAYS, 'cat', device.key)).second();
    expect((await deviceAuth(ALWAYS, 'cat', again.Session, device)).AuthenticationResult).toBeTruthy();
  });

  it('refresh carries DEVICE_KEY; a forgotten device falls back to MFA and its refresh tokens stop working', async () => {
    const { device } = await newDevice(ALWAYS, 'dan');
    const signedIn = await deviceAuth(ALWAYS, 'dan', (await (await srpToAfterPassword(ALWAYS, 'dan', device.key)).second()).Session, device);
    const refresh = signedIn.AuthenticationResult!.RefreshToken!;
    const viaDevice = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientOf(ALWAYS), AuthParameters: { REFRESH_TOKEN: refresh, DEVICE_KEY: device.key } }));
    expect(viaDevice.AuthenticationResult!.AccessToken).toBeTruthy();
    expect((await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientOf(ALWAYS), RefreshToken: refresh, DeviceKey: device.key }))).AuthenticationResult!.AccessToken).toBeTruthy();
    expect((await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientOf(ALWAYS), AuthParameters: { REFRESH_TOKEN: refresh, DEVICE_KEY: 'us-east-1_00000000-0000-0000-0000-000000000000' } })))).name).toBe('NotAuthorizedException');

    await cognito.send(new AdminForgetDeviceCommand({ UserPoolId: ALWAYS, Username: 'dan', DeviceKey: device.key }));
    expect((await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientOf(ALWAYS), AuthParameters: { REFRESH_TOKEN: refresh, DEVICE_KEY: device.key } })))).name).toBe('NotAuthorizedException');
    const { first, claim } = await srpToAfterPassword(ALWAYS, 'dan', device.key);
    expect(await failure(respond(ALWAYS, 'PASSWORD_VERIFIER', first.Session, { ...claim, DEVICE_KEY: device.key }))).toMatchObject({ name: 'ResourceNotFoundException', message: 'Device does not exist.' });
    // As clients do: the same answer without the device key, which reaches MFA.
    const mfa = await respond(ALWAYS, 'PASSWORD_VERIFIER', first.Session, claim);
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect((await totp(ALWAYS, 'dan', mfa.Session)).AuthenticationResult!.NewDeviceMetadata).toBeTruthy();
  });

  it('GetDevice, UpdateDeviceStatus, ForgetDevice and the Admin calls', async () => {
    const { device, tokens } = await newDevice(ALWAYS, 'eli');
    const access = tokens.AccessToken!;
    expect((await cognito.send(new GetDeviceCommand({ AccessToken: access, DeviceKey: device.key }))).Device!.DeviceKey).toBe(device.key);
    expect((await cognito.send(new AdminGetDeviceCommand({ UserPoolId: ALWAYS, Username: 'eli', DeviceKey: device.key }))).Device!.DeviceKey).toBe(device.key);
    expect((await cognito.send(new AdminListDevicesCommand({ UserPoolId: ALWAYS, Username: 'eli' }))).Devices!.map((d) => d.DeviceKey)).toEqual([device.key]);
    await cognito.send(new UpdateDeviceStatusCommand({ AccessToken: access, DeviceKey: device.key, DeviceRememberedStatus: 'not_remembered' }));
    const status = async () => (await cognito.send(new GetDeviceCommand({ AccessToken: access, DeviceKey: device.key }))).Device!.DeviceAttributes!.find((a) => a.Name === 'dev:device_remembered_status')!.Value;
    expect(await status()).toBe('not_remembered');
    // Not remembered: MFA, then device authentication.
    const c = await (await srpToAfterPassword(ALWAYS, 'eli', device.key)).second();
    expect((await mfaThenDevice(ALWAYS, 'eli', c, device)).AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
    await cognito.send(new AdminUpdateDeviceStatusCommand({ UserPoolId: ALWAYS, Username: 'eli', DeviceKey: device.key, DeviceRememberedStatus: 'remembered' }));
    expect(await status()).toBe('remembered');
    expect((await failure(cognito.send(new ConfirmDeviceCommand({ AccessToken: access, DeviceKey: device.key, DeviceSecretVerifierConfig: deviceVerifier(device.group, device.key).config })))).name).toBe('DeviceKeyExistsException');
    expect((await failure(cognito.send(new UpdateDeviceStatusCommand({ AccessToken: access, DeviceKey: device.key, DeviceRememberedStatus: 'forever' as 'remembered' })))).name).toBe('InvalidParameterException');
    await cognito.send(new ForgetDeviceCommand({ AccessToken: access, DeviceKey: device.key }));
    expect(await failure(cognito.send(new GetDeviceCommand({ AccessToken: access, DeviceKey: device.key })))).toMatchObject({ name: 'ResourceNotFoundException', message: 'Device does not exist.' });
    expect((await failure(cognito.send(new ForgetDeviceCommand({ AccessToken: access, DeviceKey: device.key })))).name).toBe('ResourceNotFoundException');
    expect((await cognito.send(new ListDevicesCommand({ AccessToken: access }))).Devices).toEqual([]);
    expect((await failure(cognito.send(new ConfirmDeviceCommand({ AccessToken: access, DeviceKey: 'us-east-1_unknown', DeviceSecretVerifierConfig: deviceVerifier('g', 'k').config })))).name).toBe('ResourceNotFoundException');
  });
});

describe('remembered only on user prompt; challenge not required', () => {
  it('ConfirmDevice answers UserConfirmationNecessary; MFA is skipped once the user remembers the device', async () => {
    const { device, tokens, confirmation } = await newDevice(OPTIN, 'ola');
    expect(confirmation).toBe(true);
    const c1 = await (await srpToAfterPassword(OPTIN, 'ola', device.key)).second();
    expect((await mfaThenDevice(OPTIN, 'ola', c1, device)).AuthenticationResult).toBeTruthy();
    await cognito.send(new UpdateDeviceStatusCommand({ AccessToken: tokens.AccessToken, DeviceKey: device.key, DeviceRememberedStatus: 'remembered' }));
    const c2 = await (await srpToAfterPassword(OPTIN, 'ola', device.key)).second();
    expect(c2.ChallengeName).toBe('DEVICE_SRP_AUTH');
    expect((await deviceAuth(OPTIN, 'ola', c2.Session, device)).AuthenticationResult).toBeTruthy();
  });

  it('with ChallengeRequiredOnNewDevice off, a remembered device still answers MFA, then authenticates', async () => {
    const { device } = await newDevice(NOSKIP, 'nik');
    const c = await (await srpToAfterPassword(NOSKIP, 'nik', device.key)).second();
    expect((await mfaThenDevice(NOSKIP, 'nik', c, device)).AuthenticationResult!.AccessToken).toBeTruthy();
  });
});
