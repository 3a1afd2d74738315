// Remembered devices with aws-amplify v6 (Auth category, in Node with its in-memory storage)
// against the emulator: Amplify confirms the device at DONE (its own device verifier),
// rememberDevice() remembers it, the next sign-in answers DEVICE_SRP_AUTH with Amplify's SRP and
// skips MFA; forgetDevice() and a device forgotten on the server bring MFA back.
import { Amplify } from 'aws-amplify';
import { ConsoleLogger } from 'aws-amplify/utils';
import { confirmSignIn, fetchDevices, forgetDevice, rememberDevice, signIn, signOut } from 'aws-amplify/auth';
import { AdminForgetDeviceCommand, AdminListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, newTotpSecret, start, totpCode, type Emulator } from './support.js';

const POOL = 'us-east-1_ampDevices1';
const CLIENT = 'ampdevicesclient';
const PW = 'Amplify-Passw0rd!';
const SECRETS: Record<string, string> = { tina: newTotpSecret(), will: newTotpSecret() };

const config = {
  pools: [
    {
      id: POOL,
      mfa: 'ON',
      enabledMfas: ['SOFTWARE_TOKEN_MFA'],
      deviceConfiguration: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
      clients: [{ id: CLIENT, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
      users: Object.entries(SECRETS).map(([username, secret]) => ({ username, password: PW, mfa: { totp: { secret }, preferred: 'TOTP' } })),
    },
  ],
};

let emu: Emulator;
beforeAll(async () => {
  // Amplify names the device from navigator.userAgent (ConfirmDevice's DeviceName) and silently
  // skips device tracking without it; Node 20 has no navigator global (Node 21+ has one).
  if (typeof (globalThis as { navigator?: unknown }).navigator === 'undefined') {
    Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'Mozilla/5.0 (nextstep emulator tests; Node.js)' }, configurable: true });
  }
  ConsoleLogger.LOG_LEVEL = 'ERROR';
  emu = await start(config);
  Amplify.configure({ Auth: { Cognito: { userPoolId: POOL, userPoolClientId: CLIENT, userPoolEndpoint: emu.endpoint } } });
});
afterEach(async () => {
  await signOut();
});
afterAll(async () => {
  await emu?.close();
});

/** signIn, answering TOTP when asked; returns whether MFA was asked. */
async function signInAsking(username: string): Promise<boolean> {
  const out = await signIn({ username, password: PW });
  if (out.nextStep.signInStep === 'DONE') return false;
  expect(out.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
  // A fresh 30-second window, so a code is never reused.
  emu.clock.advance(30_000);
  const done = await confirmSignIn({ challengeResponse: totpCode(SECRETS[username]!, emu.clock.now()) });
  expect(done.nextStep.signInStep).toBe('DONE');
  return true;
}

describe('aws-amplify v6: remembered devices', () => {
  it('rememberDevice, then the next sign-in skips MFA; forgetDevice brings it back', async () => {
    expect(await signInAsking('tina')).toBe(true);
    await rememberDevice();
    const devices = await fetchDevices();
    expect(devices).toHaveLength(1);
    await signOut();
    expect(await signInAsking('tina')).toBe(false);
    await forgetDevice();
    expect(await fetchDevices()).toEqual([]);
    await signOut();
    expect(await signInAsking('tina')).toBe(true);
  });

  it('a device forgotten on the server falls back to MFA with no error', async () => {
    expect(await signInAsking('will')).toBe(true);
    await rememberDevice();
    await signOut();
    expect(await signInAsking('will')).toBe(false);
    await signOut();
    const admin = adminClient(emu.endpoint);
    const [d] = (await admin.send(new AdminListDevicesCommand({ UserPoolId: POOL, Username: 'will' }))).Devices!;
    await admin.send(new AdminForgetDeviceCommand({ UserPoolId: POOL, Username: 'will', DeviceKey: d!.DeviceKey }));
    expect(await signInAsking('will')).toBe(true);
  });
});
