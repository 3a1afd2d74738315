/**
 * The device steps Cognito asks after the password: DEVICE_SRP_AUTH (send SRP_A) and
 * DEVICE_PASSWORD_VERIFIER (the SRP claim with pool name := DeviceGroupKey, user :=
 * DeviceKey, password := the device secret). Both are answered without asking the app.
 * @module
 */
import { AuthError, startSrp } from '@nextstep/core/plugin';
import type { SrpSession, StepContext, StepHandler } from '@nextstep/core/plugin';
import { deviceKeyOf, type DeviceStore, type StoredDevice } from './store.js';
import { PLUGIN_NAME } from './version.js';

/** Where a flow's device SRP exchange lives: its in-memory secrets. */
const SRP_KEY = 'nextstep:device-srp';

function lost(): AuthError {
  return new AuthError('DeviceStateLost', 'The remembered device is not available to this sign-in; sign in again.', {
    kind: 'session',
    recoverySuggestion: 'Sign in again.',
  });
}

async function deviceOf(store: DeviceStore, ctx: StepContext): Promise<StoredDevice> {
  const device = await store.get(deviceKeyOf(ctx.userPoolId, ctx.flow.username));
  if (!device) throw lost();
  return device;
}

/** DEVICE_SRP_AUTH: starts the device's SRP exchange. */
export function deviceSrpHandler(store: DeviceStore): StepHandler<any> {
  return {
    plugin: PLUGIN_NAME,
    view: () => ({ signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }),
    auto: () => true,
    async answer(_answer, ctx) {
      const device = await deviceOf(store, ctx);
      const srp = await startSrp();
      ctx.secrets[SRP_KEY] = { srp, device };
      return { kind: 'respond', challengeName: 'DEVICE_SRP_AUTH', challengeResponses: { DEVICE_KEY: device.deviceKey, SRP_A: srp.A } };
    },
  };
}

/** DEVICE_PASSWORD_VERIFIER: the claim of the exchange started above. */
export function deviceVerifierHandler(): StepHandler<any> {
  return {
    plugin: PLUGIN_NAME,
    view: () => ({ signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' }),
    auto: () => true,
    async answer(_answer, ctx) {
      const held = ctx.secrets[SRP_KEY] as { srp: SrpSession; device: StoredDevice } | undefined;
      delete ctx.secrets[SRP_KEY];
      if (!held) throw lost();
      const p = ctx.step.parameters;
      const claim = await held.srp.claim({
        userPoolId: ctx.userPoolId,
        poolName: held.device.deviceGroupKey,
        userIdForSrp: held.device.deviceKey,
        password: held.device.secret,
        salt: p.SALT ?? '',
        srpB: p.SRP_B ?? '',
        secretBlock: p.SECRET_BLOCK ?? '',
        now: new Date(ctx.now()),
      });
      return {
        kind: 'respond',
        challengeName: 'DEVICE_PASSWORD_VERIFIER',
        challengeResponses: { USERNAME: p.USERNAME ?? ctx.username, DEVICE_KEY: held.device.deviceKey, ...claim },
      };
    },
  };
}
