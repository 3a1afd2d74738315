/**
 * Remembered devices: the pool's DeviceConfiguration, the devices of a user (issued as
 * NewDeviceMetadata at sign-in, confirmed with an SRP verifier by ConfirmDevice), and the
 * device calls: ConfirmDevice, ListDevices, GetDevice, ForgetDevice, UpdateDeviceStatus and
 * their Admin* variants. Device authentication itself (DEVICE_SRP_AUTH) is in device-auth.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { userOfToken } from './account.js';
import { epochSeconds, existingUser, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Pool, User } from './model.js';
import { optBoolean, optNumber, optObject, optString, reqString, type Input } from './params.js';
import { N } from './srp.js';

/** The pool's device-remembering configuration; absent: devices are not tracked. */
export interface DeviceConfiguration {
  /** A remembered device passes DEVICE_SRP_AUTH instead of SMS / TOTP / email MFA. */
  challengeRequiredOnNewDevice: boolean;
  /** ConfirmDevice leaves the device not remembered until UpdateDeviceStatus says so. */
  deviceOnlyRememberedOnUserPrompt: boolean;
}

/** One device of a user. */
export interface Device {
  key: string;
  groupKey: string;
  name?: string;
  /** DeviceSecretVerifierConfig of ConfirmDevice: salt bytes (hex) and v = g^x. */
  verifier?: { saltHex: string; verifier: bigint };
  confirmed: boolean;
  remembered: boolean;
  createdAt: number;
  modifiedAt: number;
  lastAuthenticatedAt: number;
}

/** Unconfirmed devices (NewDeviceMetadata never confirmed) kept per user; older ones are dropped. */
const MAX_PENDING = 20;
const MAX_PAGE = 60;
export const DEVICE_NOT_FOUND = 'Device does not exist.';

/** The DeviceConfiguration of a CreateUserPool / UpdateUserPool request (undefined: not tracked). */
export function deviceConfigurationFromInput(input: Input): DeviceConfiguration | undefined {
  const d = optObject(input, 'DeviceConfiguration');
  if (!d) return undefined;
  return {
    challengeRequiredOnNewDevice: optBoolean(d, 'ChallengeRequiredOnNewDevice') ?? false,
    deviceOnlyRememberedOnUserPrompt: optBoolean(d, 'DeviceOnlyRememberedOnUserPrompt') ?? false,
  };
}

/** Sets (or clears) a pool's DeviceConfiguration from a CreateUserPool / UpdateUserPool request. */
export function applyDeviceConfiguration(pool: Pool, input: Input): void {
  pool.deviceConfiguration = deviceConfigurationFromInput(input);
}

/** The config file's `deviceConfiguration` of a pool. */
export function deviceConfigurationFromConfig(d: { challengeRequiredOnNewDevice?: boolean; deviceOnlyRememberedOnUserPrompt?: boolean } | undefined, where: string): DeviceConfiguration | undefined {
  if (d === undefined) return undefined;
  if (!d || typeof d !== 'object') throw new Error(`Emulator config: ${where}: deviceConfiguration must be an object`);
  for (const k of ['challengeRequiredOnNewDevice', 'deviceOnlyRememberedOnUserPrompt'] as const) {
    if (d[k] !== undefined && typeof d[k] !== 'boolean') throw new Error(`Emulator config: ${where}: deviceConfiguration.${k} must be a boolean`);
  }
  return { challengeRequiredOnNewDevice: d.challengeRequiredOnNewDevice ?? false, deviceOnlyRememberedOnUserPrompt: d.deviceOnlyRememberedOnUserPrompt ?? false };
}

/** DescribeUserPool's DeviceConfiguration member (none when devices are not tracked). */
export function deviceConfigurationDescription(pool: Pool): { DeviceConfiguration?: { ChallengeRequiredOnNewDevice: boolean; DeviceOnlyRememberedOnUserPrompt: boolean } } {
  const d = pool.deviceConfiguration;
  return d ? { DeviceConfiguration: { ChallengeRequiredOnNewDevice: d.challengeRequiredOnNewDevice, DeviceOnlyRememberedOnUserPrompt: d.deviceOnlyRememberedOnUserPrompt } } : {};
}

function devicesOf(user: User): Map<string, Device> {
  user.devices ??= new Map();
  return user.devices;
}

const GROUP_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The user's device group key (one per user, as DeviceGroupKey of every device). */
function groupKeyOf(user: User): string {
  if (!user.deviceGroupKey) {
    let s = '-';
    for (const b of randomBytes(9)) s += GROUP_ALPHABET[b % GROUP_ALPHABET.length];
    user.deviceGroupKey = s;
  }
  return user.deviceGroupKey;
}

/**
 * A new device for a sign-in that did not authenticate a known device, when the pool tracks
 * devices: its NewDeviceMetadata. The device stays unconfirmed until ConfirmDevice.
 */
export function issueNewDevice(ctx: Ctx, pool: Pool, user: User): { DeviceKey: string; DeviceGroupKey: string } | undefined {
  if (!pool.deviceConfiguration) return undefined;
  const devices = devicesOf(user);
  const pending = [...devices.values()].filter((d) => !d.confirmed);
  for (const d of pending.slice(0, Math.max(0, pending.length - MAX_PENDING + 1))) devices.delete(d.key);
  const now = ctx.clock.now();
  const region = pool.id.slice(0, pool.id.indexOf('_'));
  const device: Device = { key: `${region}_${randomUUID()}`, groupKey: groupKeyOf(user), confirmed: false, remembered: false, createdAt: now, modifiedAt: now, lastAuthenticatedAt: now };
  devices.set(device.key, device);
  return { DeviceKey: device.key, DeviceGroupKey: device.groupKey };
}

/** A confirmed device of the user, or undefined. */
export function confirmedDevice(user: User, key: string): Device | undefined {
  const d = user.devices?.get(key);
  return d?.confirmed ? d : undefined;
}

/** Records a device's use (device sign-in, refresh). */
export function touchDevice(ctx: Ctx, user: User, key: string): void {
  const d = user.devices?.get(key);
  if (d) d.lastAuthenticatedAt = ctx.clock.now();
}

function deviceOrFail(user: User, key: string): Device {
  const d = confirmedDevice(user, key);
  if (!d) throw errors.resourceNotFound(DEVICE_NOT_FOUND);
  return d;
}

function describeDevice(d: Device) {
  const attributes = [
    { Name: 'device_status', Value: 'valid' },
    ...(d.name !== undefined ? [{ Name: 'device_name', Value: d.name }] : []),
    { Name: 'dev:device_remembered_status', Value: d.remembered ? 'remembered' : 'not_remembered' },
  ];
  return {
    DeviceKey: d.key,
    DeviceAttributes: attributes,
    DeviceCreateDate: epochSeconds(d.createdAt),
    DeviceLastModifiedDate: epochSeconds(d.modifiedAt),
    DeviceLastAuthenticatedDate: epochSeconds(d.lastAuthenticatedAt),
  };
}

function deviceKeyParam(input: Input): string {
  return reqString(input, 'DeviceKey', { min: 1, max: 55 });
}

function base64Field(v: unknown, member: string): Buffer {
  if (typeof v !== 'string' || v === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) throw errors.invalidParameter(`DeviceSecretVerifierConfig.${member} must be base64.`);
  return Buffer.from(v, 'base64');
}

/** ConfirmDevice: stores the device's SRP verifier and salt; remembered unless the pool asks the user. */
export async function confirmDevice(ctx: Ctx, input: Input) {
  const { pool, user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  const key = deviceKeyParam(input);
  const config = optObject(input, 'DeviceSecretVerifierConfig');
  const name = optString(input, 'DeviceName', { min: 1, max: 1024 });
  const device = user.devices?.get(key);
  if (!device || !pool.deviceConfiguration) throw errors.resourceNotFound(DEVICE_NOT_FOUND);
  if (device.confirmed) throw new CognitoError('DeviceKeyExistsException', 'Device key already exists.');
  if (!config) throw errors.invalidParameter('Missing required parameter DeviceSecretVerifierConfig');
  const verifierBytes = base64Field(config.PasswordVerifier, 'PasswordVerifier');
  const salt = base64Field(config.Salt, 'Salt');
  const verifier = BigInt('0x' + verifierBytes.toString('hex'));
  if (verifier <= 1n || verifier >= N) throw errors.invalidParameter('DeviceSecretVerifierConfig.PasswordVerifier is not a valid verifier.');
  const now = ctx.clock.now();
  const prompt = pool.deviceConfiguration.deviceOnlyRememberedOnUserPrompt;
  Object.assign(device, { verifier: { saltHex: salt.toString('hex'), verifier }, confirmed: true, remembered: !prompt, modifiedAt: now, lastAuthenticatedAt: now, ...(name !== undefined ? { name } : {}) });
  return { UserConfirmationNecessary: prompt };
}

function page(devices: Device[], input: Input) {
  const limit = optNumber(input, 'Limit') ?? MAX_PAGE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) throw errors.invalidParameter(`1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_PAGE}`);
  const token = optString(input, 'PaginationToken');
  const start = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
  if (!Number.isInteger(start) || start < 0) throw errors.invalidParameter('Invalid pagination token.');
  const slice = devices.slice(start, start + (limit || MAX_PAGE));
  const next = start + slice.length;
  return { Devices: slice.map(describeDevice), ...(next < devices.length ? { PaginationToken: Buffer.from(String(next)).toString('base64url') } : {}) };
}

function listed(user: User): Device[] {
  return [...(user.devices?.values() ?? [])].filter((d) => d.confirmed);
}

function rememberedStatus(input: Input): boolean {
  const s = optString(input, 'DeviceRememberedStatus');
  if (s !== undefined && s !== 'remembered' && s !== 'not_remembered') throw errors.invalidParameter("1 validation error detected: Value at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [remembered, not_remembered]");
  return s === 'remembered';
}

/** Forgets a device: it is gone, and the refresh tokens of sign-ins made on it stop working. */
function forget(ctx: Ctx, pool: Pool, user: User, key: string): void {
  deviceOrFail(user, key);
  user.devices!.delete(key);
  ctx.tokens.revokeDevice(pool.id, key);
}

function setRemembered(ctx: Ctx, user: User, key: string, remembered: boolean): void {
  const d = deviceOrFail(user, key);
  d.remembered = remembered;
  d.modifiedAt = ctx.clock.now();
}

const accessToken = (input: Input) => reqString(input, 'AccessToken');

/** ListDevices. */
export async function listDevices(ctx: Ctx, input: Input) {
  const { user } = await userOfToken(ctx, accessToken(input));
  return page(listed(user), input);
}

/** GetDevice. */
export async function getDevice(ctx: Ctx, input: Input) {
  const key = deviceKeyParam(input);
  const { user } = await userOfToken(ctx, accessToken(input));
  return { Device: describeDevice(deviceOrFail(user, key)) };
}

/** ForgetDevice. */
export async function forgetDevice(ctx: Ctx, input: Input) {
  const key = deviceKeyParam(input);
  const { pool, user } = await userOfToken(ctx, accessToken(input));
  forget(ctx, pool, user, key);
  return {};
}

/** UpdateDeviceStatus. */
export async function updateDeviceStatus(ctx: Ctx, input: Input) {
  const key = deviceKeyParam(input);
  const remembered = rememberedStatus(input);
  const { user } = await userOfToken(ctx, accessToken(input));
  setRemembered(ctx, user, key, remembered);
  return {};
}

function adminUser(ctx: Ctx, input: Input): { pool: Pool; user: User } {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  return { pool, user: existingUser(pool, reqString(input, 'Username', { max: 128 })) };
}

/** AdminListDevices. */
export function adminListDevices(ctx: Ctx, input: Input) {
  const { user } = adminUser(ctx, input);
  return page(listed(user), input);
}

/** AdminGetDevice. */
export function adminGetDevice(ctx: Ctx, input: Input) {
  const key = deviceKeyParam(input);
  const { user } = adminUser(ctx, input);
  return { Device: describeDevice(deviceOrFail(user, key)) };
}

/** AdminForgetDevice. */
export function adminForgetDevice(ctx: Ctx, input: Input) {
  const key = deviceKeyParam(input);
  const { pool, user } = adminUser(ctx, input);
  forget(ctx, pool, user, key);
  return {};
}

/** AdminUpdateDeviceStatus. */
export function adminUpdateDeviceStatus(ctx: Ctx, input: Input) {
  const key = deviceKeyParam(input);
  const remembered = rememberedStatus(input);
  const { user } = adminUser(ctx, input);
  setRemembered(ctx, user, key, remembered);
  return {};
}
