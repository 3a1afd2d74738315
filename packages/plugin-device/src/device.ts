/**
 * `device()`: remembered devices. At DONE with NewDeviceMetadata it makes the device secret
 * and its verifier, ConfirmDevice, and UpdateDeviceStatus as the pool and the app want;
 * later sign-ins (and refreshes) send DEVICE_KEY and answer the device SRP steps by
 * themselves, so a remembered device skips MFA. A device Cognito no longer knows is dropped
 * and the call retried without it: the user meets MFA, not an error.
 * @module
 */
import { deviceSecret, definePlugin, isAuthError, PLUGIN_API_VERSION } from '@nextstep/core/plugin';
import type { CognitoCall, CognitoCallRecovery, Logger, NextstepPlugin, SignInCompletion } from '@nextstep/core/plugin';
import { deviceSrpHandler, deviceVerifierHandler } from './device-srp.js';
import { register } from './registry.js';
import { deviceKeyOf, memoryDeviceStore, type DeviceStore, type StoredDevice } from './store.js';
import { PLUGIN_NAME, VERSION } from './version.js';

/** Options of {@link device}. */
export interface DeviceOptions {
  /** Where devices are kept; a memory store by default. In browsers: `webStorageDeviceStore(localStorage)`. */
  store?: DeviceStore;
  /**
   * When the pool remembers devices only on the user's consent (UserConfirmationNecessary):
   * `'ask'` (default) leaves the device confirmed but not remembered until the app asked the
   * user and called `rememberDevice(auth)`; `'always'` remembers it at once (the app asked
   * before sign-in, e.g. a "remember this device" box).
   */
  remember?: 'ask' | 'always';
  /** The device name Cognito shows (ListDevices' `device_name`); the browser's user agent, else `nextstep`. */
  deviceName?: string;
}

/** Operations whose input carries DEVICE_KEY inside a parameter map, and which map. */
function paramsOf(call: CognitoCall): Record<string, unknown> | undefined {
  if (call.operation === 'InitiateAuth') return call.input.AuthParameters as Record<string, unknown> | undefined;
  if (call.operation === 'RespondToAuthChallenge') return call.input.ChallengeResponses as Record<string, unknown> | undefined;
  return undefined;
}

function defaultName(): string {
  const nav = (globalThis as { navigator?: { userAgent?: string } }).navigator;
  return nav?.userAgent?.slice(0, 200) || 'nextstep';
}

/** The `username` claim of an access token (cognito:username), without verifying it. */
function tokenUsername(accessToken: string): string | undefined {
  try {
    const part = accessToken.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const name = (JSON.parse(json) as { username?: unknown }).username;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The remembered-devices plugin. Shows the app no step: everything it answers, it answers
 * by itself. Pair it with `rememberDevice`, `forgetDevice` and `fetchDevices`.
 *
 * ```ts
 * const auth = createAuth({ userPool, plugins: [totp(), device({ store: webStorageDeviceStore(localStorage) })], defaultHandler: surfaceUnclaimed });
 * ```
 */
export function device(options: DeviceOptions = {}): NextstepPlugin<never> {
  const store = options.store ?? memoryDeviceStore();
  const remember = options.remember ?? 'ask';
  let logger: Logger = { debug() {} };

  async function stored(userPoolId: string, username: string): Promise<StoredDevice | undefined> {
    return store.get(deviceKeyOf(userPoolId, username));
  }

  /** DEVICE_KEY on sign-in calls (InitiateAuth, the password claim) and on refreshes. */
  async function addDeviceKey(call: CognitoCall): Promise<CognitoCall | undefined> {
    const user = call.flow ?? call.session;
    if (!user) return undefined;
    if (call.operation === 'GetTokensFromRefreshToken') {
      if (call.input.DeviceKey !== undefined) return undefined;
      const found = await stored(user.userPoolId, user.username);
      return found ? { ...call, input: { ...call.input, DeviceKey: found.deviceKey } } : undefined;
    }
    const params = paramsOf(call);
    if (!params || params.DEVICE_KEY !== undefined) return undefined;
    if (call.operation === 'RespondToAuthChallenge' && call.input.ChallengeName !== 'PASSWORD_VERIFIER') return undefined;
    const found = await stored(user.userPoolId, user.username);
    if (!found) return undefined;
    const key = call.operation === 'InitiateAuth' ? 'AuthParameters' : 'ChallengeResponses';
    return { ...call, input: { ...call.input, [key]: { ...params, DEVICE_KEY: found.deviceKey } } };
  }

  /** A device Cognito does not know (forgotten, or from another pool): drop it and send the call again without it. */
  async function dropUnknownDevice(failure: CognitoCallRecovery): Promise<CognitoCallRecovery | undefined> {
    const user = failure.flow;
    if (!user) return undefined;
    const params = paramsOf(failure);
    if (!params || typeof params.DEVICE_KEY !== 'string') return undefined;
    const { error } = failure;
    const wrongSecret = error.name === 'NotAuthorizedException' && failure.input.ChallengeName === 'DEVICE_PASSWORD_VERIFIER';
    const unknown = error.name === 'ResourceNotFoundException' && /device/i.test(error.message);
    if (!unknown && !wrongSecret) return undefined;
    await store.remove(deviceKeyOf(user.userPoolId, user.username));
    logger.debug('remembered device dropped', { flowId: user.id, reason: unknown ? 'unknown' : 'refused' });
    // Retry only the calls that carry the key for the sign-in itself: InitiateAuth and the password claim.
    if (!unknown || (failure.operation === 'RespondToAuthChallenge' && failure.input.ChallengeName !== 'PASSWORD_VERIFIER')) return undefined;
    const { DEVICE_KEY: _dropped, ...rest } = params;
    const key = failure.operation === 'InitiateAuth' ? 'AuthParameters' : 'ChallengeResponses';
    return { ...failure, retry: { ...failure.input, [key]: rest } };
  }

  /** DONE with NewDeviceMetadata: confirm the device, remember it as the pool and the app want, keep it. */
  async function confirmNewDevice(done: SignInCompletion): Promise<void> {
    const meta = done.result.NewDeviceMetadata as { DeviceKey?: string; DeviceGroupKey?: string } | undefined;
    if (!meta?.DeviceKey || !meta.DeviceGroupKey) return;
    const accessToken = done.tokens.accessToken;
    try {
      const secret = await deviceSecret(meta.DeviceGroupKey, meta.DeviceKey);
      const out = await done.cognito.send('ConfirmDevice', {
        AccessToken: accessToken,
        DeviceKey: meta.DeviceKey,
        DeviceName: options.deviceName ?? defaultName(),
        DeviceSecretVerifierConfig: secret.verifierConfig,
      });
      let awaitingConsent = out.UserConfirmationNecessary === true;
      if (awaitingConsent && remember === 'always') {
        await done.cognito.send('UpdateDeviceStatus', { AccessToken: accessToken, DeviceKey: meta.DeviceKey, DeviceRememberedStatus: 'remembered' });
        awaitingConsent = false;
      }
      const record: StoredDevice = {
        format: 'nextstep.device/1',
        deviceKey: meta.DeviceKey,
        deviceGroupKey: meta.DeviceGroupKey,
        secret: secret.password,
        awaitingConsent,
      };
      // Under the name typed at sign-in (next sign-in) and the token's (refresh, account calls).
      const names = new Set([done.flow.username, tokenUsername(accessToken) ?? done.flow.username]);
      for (const name of names) await store.set(deviceKeyOf(done.flow.userPoolId, name), record);
      logger.debug('device confirmed', { flowId: done.flow.id, awaitingConsent });
    } catch (err) {
      // The sign-in succeeded; a device that could not be confirmed only means MFA next time.
      logger.debug('device confirmation failed', { flowId: done.flow.id, error: isAuthError(err) ? err.name : 'Error' });
    }
  }

  return definePlugin<never>({
    name: PLUGIN_NAME,
    version: VERSION,
    api: PLUGIN_API_VERSION,
    steps: [
      { type: 'DEVICE_SRP_AUTH', handler: deviceSrpHandler(store) },
      { type: 'DEVICE_PASSWORD_VERIFIER', handler: deviceVerifierHandler() },
    ],
    apply({ hooks, logger: hostLogger }) {
      logger = hostLogger;
      register(hooks, store);
      hooks.request.tapPromise(PLUGIN_NAME, async (call) => (await addDeviceKey(call)) ?? call);
      hooks.callRecover.tapPromise(PLUGIN_NAME, async (failure) => (await dropUnknownDevice(failure)) ?? failure);
      hooks.completing.tapPromise(PLUGIN_NAME, async (done) => {
        await confirmNewDevice(done);
        return done;
      });
    },
  });
}
