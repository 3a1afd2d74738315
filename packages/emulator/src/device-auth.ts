/**
 * Device authentication inside a sign-in: after the password step, a sign-in that names a
 * confirmed device (DEVICE_KEY) answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER, an SRP
 * exchange against the verifier ConfirmDevice stored, with pool name := DeviceGroupKey and
 * user := DeviceKey, as the last step before tokens. A remembered device takes the place of
 * MFA when the pool's ChallengeRequiredOnNewDevice is on. An unknown or forgotten device key answers
 * ResourceNotFoundException "Device does not exist.", on which clients retry without it.
 */
import { randomBytes } from 'node:crypto';
import { challenge, next, parseA, type Call } from './auth-steps.js';
import { confirmedDevice, DEVICE_NOT_FOUND, issueNewDevice, touchDevice } from './devices.js';
import { errors } from './errors.js';
import { reqParam } from './params.js';
import type { AuthResponse } from './sessions.js';
import { isValidTimestamp, startSrp, verifyClaim, type SrpServerState } from './srp.js';

/** The device part of a sign-in's state. */
export interface DeviceAuthState {
  /** The DEVICE_KEY the client sent (AuthParameters, or its PASSWORD_VERIFIER answer). */
  key?: string;
  /** Set once the device passed DEVICE_PASSWORD_VERIFIER. */
  authenticated?: string;
  srp?: SrpServerState;
  secretBlock?: string;
}

/** Records the DEVICE_KEY a call sent; `undefined` clears it (a client retrying without its device). */
export function setDeviceKey(c: Call, key: string | undefined): void {
  c.state.device = { ...c.state.device, key: key || undefined };
}

/**
 * The device challenge due now, if any. Device authentication is the last step before
 * tokens: `beforeMfa` asks it ahead of MFA only for a remembered device that replaces MFA
 * (ChallengeRequiredOnNewDevice); other devices authenticate after MFA. An unknown device key
 * fails at the first check.
 */
export function deviceStep(c: Call, beforeMfa: boolean): AuthResponse | undefined {
  const { pool, user, state } = c;
  const d = state.device;
  if (!pool.deviceConfiguration || !d?.key || d.authenticated || state.passwordless) return undefined;
  const device = confirmedDevice(user, d.key);
  if (!device) throw errors.resourceNotFound(DEVICE_NOT_FOUND);
  if (beforeMfa && !(device.remembered && pool.deviceConfiguration.challengeRequiredOnNewDevice)) return undefined;
  return challenge(c, 'DEVICE_SRP_AUTH', {});
}

function deviceOfAnswer(c: Call, r: Record<string, string>) {
  const key = reqParam(r, 'DEVICE_KEY');
  if (key !== c.state.device?.key) throw errors.notAuthorized('Invalid device key given.');
  const device = confirmedDevice(c.user, key);
  if (!device?.verifier) throw errors.resourceNotFound(DEVICE_NOT_FOUND);
  return device;
}

/** DEVICE_SRP_AUTH answered with SRP_A: DEVICE_PASSWORD_VERIFIER with the device's salt and SRP_B. */
export function answerDeviceSrp(c: Call, r: Record<string, string>): AuthResponse {
  const device = deviceOfAnswer(c, r);
  let srp: SrpServerState;
  try {
    srp = startSrp(parseA(reqParam(r, 'SRP_A')), device.verifier!.verifier);
  } catch (e) {
    if ((e as { type?: string }).type) throw e;
    throw errors.invalidParameter('SRP_A is invalid');
  }
  const secretBlock = randomBytes(96).toString('base64');
  c.state.device = { ...c.state.device, srp, secretBlock };
  return challenge(c, 'DEVICE_PASSWORD_VERIFIER', {
    USERNAME: c.user.username,
    DEVICE_KEY: device.key,
    SALT: device.verifier!.saltHex,
    SRP_B: srp.B.toString(16),
    SECRET_BLOCK: secretBlock,
  });
}

/** DEVICE_PASSWORD_VERIFIER: the device's claim; a wrong device secret ends the sign-in. */
export async function answerDeviceVerifier(c: Call, r: Record<string, string>, sessionId: string): Promise<AuthResponse> {
  const device = deviceOfAnswer(c, r);
  const signature = reqParam(r, 'PASSWORD_CLAIM_SIGNATURE');
  const block = reqParam(r, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const timestamp = reqParam(r, 'TIMESTAMP');
  if (!isValidTimestamp(timestamp)) throw errors.invalidParameter('TIMESTAMP format is invalid; expected e.g. "Tue Aug 6 09:05:03 UTC 2024".');
  const state = c.state.device!;
  const ok = !!state.srp && block === state.secretBlock && verifyClaim(state.srp, device.verifier!.verifier, device.groupKey, device.key, block, timestamp, signature);
  if (!ok) {
    c.ctx.sessions.kill(sessionId);
    throw errors.notAuthorized();
  }
  c.state.device = { key: device.key, authenticated: device.key };
  touchDevice(c.ctx, c.user, device.key);
  if (device.remembered && c.pool.deviceConfiguration?.challengeRequiredOnNewDevice) c.state.mfaDone = true;
  return next(c);
}

/** The device tokens are bound to at DONE: the authenticated one, or a new one (NewDeviceMetadata). */
export function deviceOfSignIn(c: Call): { deviceKey?: string; metadata?: { DeviceKey: string; DeviceGroupKey: string } } {
  const known = c.state.device?.authenticated;
  if (known) return { deviceKey: known };
  const metadata = issueNewDevice(c.ctx, c.pool, c.user);
  return metadata ? { deviceKey: metadata.DeviceKey, metadata } : {};
}
