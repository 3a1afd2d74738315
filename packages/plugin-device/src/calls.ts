/**
 * Device calls with the signed-in session, Amplify JS v6's names and shapes with the Auth
 * first: `rememberDevice`, `forgetDevice`, `fetchDevices`.
 * @module
 */
import { AuthError, getCurrentUser, withAccessToken, type Auth } from '@nextstep/core';
import { storeOf } from './registry.js';
import { deviceKeyOf, type DeviceStore, type StoredDevice } from './store.js';

/** A device of the user, as Amplify's `AWSAuthDevice`. */
export interface AuthDevice {
  /** The DeviceKey. */
  id: string;
  /** The device's attributes (`device_name`, `device_status`, `last_ip_used`, …). */
  attributes: Record<string, string>;
  /** When Cognito registered the device (DeviceCreateDate). */
  createDate?: Date;
  /** When the device last signed in (DeviceLastAuthenticatedDate). */
  lastAuthenticatedDate?: Date;
  /** When the device last changed (DeviceLastModifiedDate). */
  lastModifiedDate?: Date;
  /** The `device_name` attribute. */
  name?: string;
}

/** What {@link fetchDevices} resolves to. */
export type FetchDevicesOutput = AuthDevice[];

/** Input of {@link forgetDevice}: another device of the user, or (default) this one. */
export interface ForgetDeviceInput {
  /** The device to forget; this device when absent. */
  device?: {
    /** The DeviceKey. */
    id: string;
  };
}

function storeFor(auth: Auth<any>): DeviceStore {
  const store = storeOf(auth.hooks);
  if (!store) throw new AuthError('DevicePluginMissing', 'This Auth has no device plugin: add device() to createAuth({ plugins }).', { kind: 'config' });
  return store;
}

async function currentDevice(auth: Auth<any>): Promise<{ key: string; device: StoredDevice | undefined; store: DeviceStore }> {
  const store = storeFor(auth);
  const { username } = await getCurrentUser(auth);
  const key = deviceKeyOf(auth.userPool.userPoolId, username);
  return { key, device: await store.get(key), store };
}

function noDevice(): AuthError {
  return new AuthError('DeviceNotTracked', 'This device is not tracked for the signed-in user (the pool does not track devices, or it was forgotten).', {
    kind: 'validation',
  });
}

/**
 * Remembers this device (UpdateDeviceStatus `remembered`), e.g. after the user said yes
 * when the pool remembers devices only on the user's consent. A remembered device skips MFA
 * at the next sign-in when the pool's ChallengeRequiredOnNewDevice is on.
 */
export async function rememberDevice(auth: Auth<any>): Promise<void> {
  const { key, device, store } = await currentDevice(auth);
  if (!device) throw noDevice();
  await withAccessToken(auth, undefined, 'UpdateDeviceStatus', { DeviceKey: device.deviceKey, DeviceRememberedStatus: 'remembered' });
  await store.set(key, { ...device, awaitingConsent: false });
}

/** True when the pool waits for the user's consent to remember this device: ask, then {@link rememberDevice}. */
export async function isDeviceAwaitingConsent(auth: Auth<any>): Promise<boolean> {
  const { device } = await currentDevice(auth);
  return device?.awaitingConsent === true;
}

/**
 * Forgets a device (ForgetDevice): this one by default, whose keys then leave the store
 * (the next sign-in asks for MFA again), or another of the user's by id.
 */
export async function forgetDevice(auth: Auth<any>, input: ForgetDeviceInput = {}): Promise<void> {
  const { key, device, store } = await currentDevice(auth);
  const id = input.device?.id ?? device?.deviceKey;
  if (!id) throw noDevice();
  await withAccessToken(auth, undefined, 'ForgetDevice', { DeviceKey: id });
  if (device && device.deviceKey === id) await store.remove(key);
}

/** Cognito's epoch seconds (JSON transports) or a Date (the AWS SDK's deserializer). */
function date(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  return typeof value === 'number' ? new Date(value * 1000) : undefined;
}

/** The user's remembered devices (ListDevices, every page). */
export async function fetchDevices(auth: Auth<any>): Promise<FetchDevicesOutput> {
  const devices: AuthDevice[] = [];
  let token: string | undefined;
  do {
    const { output } = await withAccessToken(auth, undefined, 'ListDevices', { Limit: 60, ...(token ? { PaginationToken: token } : {}) });
    for (const d of (output.Devices ?? []) as Record<string, any>[]) {
      const attributes: Record<string, string> = {};
      for (const a of (d.DeviceAttributes ?? []) as { Name: string; Value?: string }[]) attributes[a.Name] = a.Value ?? '';
      const out: AuthDevice = { id: d.DeviceKey, attributes };
      const created = date(d.DeviceCreateDate);
      const authenticated = date(d.DeviceLastAuthenticatedDate);
      const modified = date(d.DeviceLastModifiedDate);
      if (created) out.createDate = created;
      if (authenticated) out.lastAuthenticatedDate = authenticated;
      if (modified) out.lastModifiedDate = modified;
      if (attributes.device_name !== undefined) out.name = attributes.device_name;
      devices.push(out);
    }
    token = typeof output.PaginationToken === 'string' ? output.PaginationToken : undefined;
  } while (token);
  return devices;
}
