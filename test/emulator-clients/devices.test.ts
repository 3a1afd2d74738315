// Remembered devices with amazon-cognito-identity-js 6.x against the emulator: the library
// confirms the device itself (its own device verifier), answers DEVICE_SRP_AUTH /
// DEVICE_PASSWORD_VERIFIER with its own jsbn SRP on the next sign-in, refreshes with
// DEVICE_KEY, and retries without the device when the server forgot it. An independent check
// of the emulator's device SRP.
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession, type ICognitoStorage } from 'amazon-cognito-identity-js';
import { AdminForgetDeviceCommand, AdminListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, newTotpSecret, start, totpCode, type Emulator } from './support.js';

const ALWAYS = 'us-east-1_cijDevAlw';
const OPTIN = 'us-east-1_cijDevOpt';
const PW = 'Corr3ct-Horse!';
const SECRETS: Record<string, string> = { tara: newTotpSecret(), pat: newTotpSecret(), olga: newTotpSecret(), fred: newTotpSecret() };

const config = {
  pools: [
    {
      id: ALWAYS,
      mfa: 'ON',
      enabledMfas: ['SOFTWARE_TOKEN_MFA'],
      deviceConfiguration: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
      clients: [{ id: 'cijdev', explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
      users: ['tara', 'pat', 'fred'].map((username) => ({ username, password: PW, mfa: { totp: { secret: SECRETS[username]! }, preferred: 'TOTP' } })),
    },
    {
      id: OPTIN,
      mfa: 'ON',
      enabledMfas: ['SOFTWARE_TOKEN_MFA'],
      deviceConfiguration: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
      clients: [{ id: 'cijdevopt', explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
      users: [{ username: 'olga', password: PW, mfa: { totp: { secret: SECRETS.olga! }, preferred: 'TOTP' } }],
    },
  ],
};

/** A browser-like storage per test device, so device keys persist across sign-ins as in localStorage. */
function memoryStorage(): ICognitoStorage {
  const m = new Map<string, string>();
  return {
    setItem: (k, v) => void m.set(k, String(v)),
    getItem: (k) => m.get(k) ?? null,
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

type Outcome =
  | { kind: 'success'; session: CognitoUserSession; userConfirmationNecessary?: boolean }
  | { kind: 'totp' }
  | { kind: 'other'; what: string }
  | { kind: 'failure'; err: Error & { code?: string } };

function callbacks(resolve: (o: Outcome) => void) {
  return {
    onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => resolve({ kind: 'success', session, userConfirmationNecessary }),
    onFailure: (err: Error) => resolve({ kind: 'failure', err }),
    totpRequired: () => resolve({ kind: 'totp' }),
    mfaRequired: () => resolve({ kind: 'other', what: 'mfaRequired' }),
    selectMFAType: () => resolve({ kind: 'other', what: 'selectMFAType' }),
    mfaSetup: () => resolve({ kind: 'other', what: 'mfaSetup' }),
    newPasswordRequired: () => resolve({ kind: 'other', what: 'newPasswordRequired' }),
    customChallenge: () => resolve({ kind: 'other', what: 'customChallenge' }),
  };
}
const run = (f: (cb: ReturnType<typeof callbacks>) => void) => new Promise<Outcome>((resolve) => f(callbacks(resolve)));

function must<K extends Outcome['kind']>(o: Outcome, kind: K): Extract<Outcome, { kind: K }> {
  if (o.kind !== kind) throw new Error(`expected ${kind}, got ${o.kind}${o.kind === 'failure' ? ` (${o.err.name}: ${o.err.message})` : o.kind === 'other' ? ` (${o.what})` : ''}`);
  return o as Extract<Outcome, { kind: K }>;
}

let emu: Emulator;
beforeAll(async () => {
  emu = await start(config);
});
afterAll(() => emu?.close());

/** One "browser": its own storage and pool object, as an app on one device has. */
function device(poolId: string, clientId: string) {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: emu.endpoint, Storage: memoryStorage() });
  const user = (username: string, flow?: 'USER_PASSWORD_AUTH') => {
    const u = new CognitoUser({ Username: username, Pool: pool, Storage: (pool as unknown as { storage: ICognitoStorage }).storage });
    if (flow) u.setAuthenticationFlowType(flow);
    // As apps must with this library: load the remembered device before an SRP sign-in.
    u.getCachedDeviceKeyAndPassword();
    return u;
  };
  return { pool, user };
}

async function signInWithMfa(u: CognitoUser, username: string): Promise<Extract<Outcome, { kind: 'success' }>> {
  const first = await run((cb) => u.authenticateUser(new AuthenticationDetails({ Username: username, Password: PW }), cb));
  must(first, 'totp');
  return must(await run((cb) => u.sendMFACode(totpCode(SECRETS[username]!), cb, 'SOFTWARE_TOKEN_MFA')), 'success');
}

const signIn = (u: CognitoUser, username: string) => run((cb) => u.authenticateUser(new AuthenticationDetails({ Username: username, Password: PW }), cb));

describe('amazon-cognito-identity-js: remembered devices', () => {
  it('confirms the device at the first sign-in; the second sign-in skips MFA through device SRP', async () => {
    const phone = device(ALWAYS, 'cijdev');
    const first = await signInWithMfa(phone.user('tara'), 'tara');
    expect(first.userConfirmationNecessary).toBeFalsy();
    const listed = (await adminClient(emu.endpoint).send(new AdminListDevicesCommand({ UserPoolId: ALWAYS, Username: 'tara' }))).Devices!;
    expect(listed).toHaveLength(1);
    const second = must(await signIn(phone.user('tara'), 'tara'), 'success');
    expect(second.session.isValid()).toBe(true);
    // Another device (no stored key) still gets MFA.
    expect((await signIn(device(ALWAYS, 'cijdev').user('tara'), 'tara')).kind).toBe('totp');
  });

  it('USER_PASSWORD_AUTH, refreshSession with DEVICE_KEY, listDevices and forgetDevice', async () => {
    const laptop = device(ALWAYS, 'cijdev');
    await signInWithMfa(laptop.user('pat', 'USER_PASSWORD_AUTH'), 'pat');
    const u = laptop.user('pat', 'USER_PASSWORD_AUTH');
    const again = must(await signIn(u, 'pat'), 'success');
    const refreshed = await new Promise<CognitoUserSession>((resolve, reject) => u.refreshSession(again.session.getRefreshToken(), (err: Error | null, s: CognitoUserSession) => (err ? reject(err) : resolve(s))));
    expect(refreshed.isValid()).toBe(true);
    const devices = await new Promise<{ Devices: { DeviceKey: string }[] }>((resolve, reject) => u.listDevices(10, null, { onSuccess: resolve as (r: unknown) => void, onFailure: reject }));
    expect(devices.Devices).toHaveLength(1);
    await new Promise((resolve, reject) => u.forgetDevice({ onSuccess: resolve, onFailure: reject }));
    expect((await signIn(laptop.user('pat', 'USER_PASSWORD_AUTH'), 'pat')).kind).toBe('totp');
  });

  it('a device forgotten on the server falls back to MFA (the library retries without it)', async () => {
    const tablet = device(ALWAYS, 'cijdev');
    await signInWithMfa(tablet.user('fred'), 'fred');
    must(await signIn(tablet.user('fred'), 'fred'), 'success');
    const [d] = (await adminClient(emu.endpoint).send(new AdminListDevicesCommand({ UserPoolId: ALWAYS, Username: 'fred' }))).Devices!;
    await adminClient(emu.endpoint).send(new AdminForgetDeviceCommand({ UserPoolId: ALWAYS, Username: 'fred', DeviceKey: d!.DeviceKey }));
    expect((await signIn(tablet.user('fred'), 'fred')).kind).toBe('totp');
  });

  it('user opt-in: UserConfirmationNecessary, setDeviceStatusRemembered, then no MFA', async () => {
    const phone = device(OPTIN, 'cijdevopt');
    const u = phone.user('olga');
    const first = await signInWithMfa(u, 'olga');
    expect(first.userConfirmationNecessary).toBe(true);
    // (A device that is not remembered authenticates after MFA; this library answers that
    // DEVICE_SRP_AUTH with the spent MFA Session, so that sign-in is checked with the SDK in
    // packages/emulator/src/devices.test.ts instead.)
    await new Promise((resolve, reject) => u.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }));
    must(await signIn(phone.user('olga'), 'olga'), 'success');
  });
});
