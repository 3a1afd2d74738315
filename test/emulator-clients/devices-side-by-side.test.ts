// Remembered devices side by side on one emulator pool: aws-amplify v6, amazon-cognito-identity-js
// and nextstep (@nextstep/plugin-device), each with its own user and its own device storage,
// run the same scenario; the rows they produce must be equal. Each library computes its own
// device verifier and device SRP, so the emulator and nextstep are checked against two others.
import { Amplify } from 'aws-amplify';
import { ConsoleLogger } from 'aws-amplify/utils';
import * as amp from 'aws-amplify/auth';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type ICognitoStorage } from 'amazon-cognito-identity-js';
import { AdminForgetDeviceCommand, AdminListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createAuth, signOut, surfaceUnclaimed } from '@nextstep/core';
import { totp } from '@nextstep/plugin-totp';
import { device, fetchDevices, forgetDevice, memoryDeviceStore, rememberDevice } from '@nextstep/plugin-device';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, newTotpSecret, start, totpCode, type Emulator } from './support.js';

const POOL = 'us-east-1_devSideBySide';
const CLIENT = 'devsidebyside';
const PW = 'Side-By-Side-Passw0rd!';
const USERS = { amplify: 'amp-user', cij: 'cij-user', nextstep: 'ns-user' } as const;
type Library = keyof typeof USERS;
const SECRETS: Record<string, string> = Object.fromEntries(Object.values(USERS).flatMap((u) => [[u, newTotpSecret()], [`${u}-2`, newTotpSecret()]]));

let emu: Emulator;
beforeAll(async () => {
  if (typeof (globalThis as { navigator?: unknown }).navigator === 'undefined') {
    Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'Mozilla/5.0 (nextstep side-by-side tests; Node.js)' }, configurable: true });
  }
  ConsoleLogger.LOG_LEVEL = 'ERROR';
  emu = await start({
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
  });
  Amplify.configure({ Auth: { Cognito: { userPoolId: POOL, userPoolClientId: CLIENT, userPoolEndpoint: emu.endpoint } } });
});
afterAll(() => emu?.close());

/** A fresh TOTP window, so no code is reused. */
const code = (username: string) => {
  emu.clock.advance(30_000);
  return totpCode(SECRETS[username]!, emu.clock.now());
};

/** What each library must do: sign in (was MFA asked?), remember, list, forget. */
interface Driver {
  signIn(): Promise<boolean>;
  remember(): Promise<void>;
  count(): Promise<number>;
  forget(): Promise<void>;
  signOut(): Promise<void>;
}

function amplifyDriver(username: string): Driver {
  return {
    async signIn() {
      const out = await amp.signIn({ username, password: PW });
      if (out.nextStep.signInStep === 'DONE') return false;
      expect(out.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
      expect((await amp.confirmSignIn({ challengeResponse: code(username) })).nextStep.signInStep).toBe('DONE');
      return true;
    },
    remember: () => amp.rememberDevice(),
    count: async () => (await amp.fetchDevices()).length,
    forget: () => amp.forgetDevice(),
    signOut: () => amp.signOut(),
  };
}

function cijDriver(username: string): Driver {
  const m = new Map<string, string>();
  const storage: ICognitoStorage = { setItem: (k, v) => void m.set(k, String(v)), getItem: (k) => m.get(k) ?? null, removeItem: (k) => void m.delete(k), clear: () => m.clear() };
  const pool = new CognitoUserPool({ UserPoolId: POOL, ClientId: CLIENT, endpoint: emu.endpoint, Storage: storage });
  let user: CognitoUser | undefined;
  const cb = <T>(resolve: (v: T) => void, reject: (e: unknown) => void) => ({ onSuccess: resolve as (v: unknown) => void, onFailure: reject });
  return {
    signIn: () =>
      new Promise<boolean>((resolve, reject) => {
        const u = (user = new CognitoUser({ Username: username, Pool: pool, Storage: storage }));
        u.getCachedDeviceKeyAndPassword();
        u.authenticateUser(new AuthenticationDetails({ Username: username, Password: PW }), {
          onSuccess: () => resolve(false),
          onFailure: reject,
          totpRequired: () => u.sendMFACode(code(username), { onSuccess: () => resolve(true), onFailure: reject }, 'SOFTWARE_TOKEN_MFA'),
        });
      }),
    remember: () => new Promise((resolve, reject) => user!.setDeviceStatusRemembered(cb(() => resolve(), reject))),
    count: () => new Promise((resolve, reject) => user!.listDevices(60, null, cb((r: { Devices: unknown[] }) => resolve(r.Devices.length), reject))),
    forget: () => new Promise((resolve, reject) => user!.forgetDevice(cb(() => resolve(), reject))),
    signOut: async () => user!.signOut(),
  };
}

function nextstepDriver(username: string): Driver {
  const auth = createAuth({
    userPool: { userPoolId: POOL, clientId: CLIENT, endpoint: emu.endpoint },
    plugins: [totp(), device({ store: memoryDeviceStore() })],
    defaultHandler: surfaceUnclaimed,
    clock: () => emu.clock.now(),
  });
  return {
    async signIn() {
      let out = await auth.signIn({ username, password: PW });
      if (out.isSignedIn) return false;
      expect(out.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
      out = await out.confirm(code(username));
      expect(out.isSignedIn).toBe(true);
      return true;
    },
    remember: () => rememberDevice(auth),
    count: async () => (await fetchDevices(auth)).length,
    forget: () => forgetDevice(auth),
    signOut: async () => void (await signOut(auth)),
  };
}

const drivers: Record<Library, (username: string) => Driver> = { amplify: amplifyDriver, cij: cijDriver, nextstep: nextstepDriver };

describe('remembered devices: aws-amplify v6, amazon-cognito-identity-js and nextstep on one pool', () => {
  it('MFA, remember, MFA skipped, forget, MFA again: the same row for each library', async () => {
    const rows: Record<string, unknown[]> = {};
    for (const lib of Object.keys(drivers) as Library[]) {
      const d = drivers[lib](USERS[lib]);
      const row: unknown[] = [];
      row.push(await d.signIn());
      await d.remember();
      row.push(await d.count());
      await d.signOut();
      row.push(await d.signIn());
      await d.forget();
      row.push(await d.count());
      await d.signOut();
      row.push(await d.signIn());
      await d.signOut();
      rows[lib] = row;
    }
    expect(rows.nextstep).toEqual([true, 1, false, 0, true]);
    expect(rows.amplify).toEqual(rows.nextstep);
    expect(rows.cij).toEqual(rows.nextstep);
  }, 60_000);

  it('a device forgotten on the server: each library falls back to MFA with no error', async () => {
    const admin = adminClient(emu.endpoint);
    const rows: Record<string, unknown[]> = {};
    for (const lib of Object.keys(drivers) as Library[]) {
      const username = `${USERS[lib]}-2`;
      const d = drivers[lib](username);
      const row: unknown[] = [await d.signIn()];
      await d.remember();
      await d.signOut();
      row.push(await d.signIn());
      await d.signOut();
      const [dev] = (await admin.send(new AdminListDevicesCommand({ UserPoolId: POOL, Username: username }))).Devices!;
      await admin.send(new AdminForgetDeviceCommand({ UserPoolId: POOL, Username: username, DeviceKey: dev!.DeviceKey }));
      row.push(await d.signIn());
      await d.signOut();
      rows[lib] = row;
    }
    expect(rows.nextstep).toEqual([true, false, true]);
    expect(rows.amplify).toEqual(rows.nextstep);
    expect(rows.cij).toEqual(rows.nextstep);
  }, 60_000);
});
