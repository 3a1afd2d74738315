/**
 * The terminal app's nextstep setup: core with the four step plugins. Steps no plugin
 * claims are surfaced (`surfaceUnclaimed`) and the app answers them raw.
 */
import { createAuth, surfaceUnclaimed } from '@nextstep/core';
import { customChallenge, invalidAnswer } from '@nextstep/plugin-custom-challenge';
import { email } from '@nextstep/plugin-email';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import { device, memoryDeviceStore } from '@nextstep/plugin-device';
import { webauthn } from '@nextstep/plugin-webauthn';
import { softwareAuthenticator } from '@nextstep/plugin-webauthn/software';

/** Where to sign in. */
export interface PoolTarget {
  userPoolId: string;
  clientId: string;
  clientSecret?: string;
  /** Absent: the region's public Cognito endpoint. */
  endpoint?: string;
  region?: string;
}

/** The issuer authenticator apps show for the demo's TOTP setups. */
export const TOTP_ISSUER = 'nextstep demo';

/** The custom-challenge kinds the demo's triggers ask (public parameter `challengeType`). */
export function demoCustomChallenge() {
  return customChallenge({
    handlers: {
      captcha: {
        validate(answer) {
          if (typeof answer !== 'string' || !/^\s*\d+\s*$/.test(answer)) throw invalidAnswer('The captcha answer is a number.', 'Type the result of the sum.');
        },
        answer: (answer) => String(answer).trim(),
      },
      'security-question': {
        validate(answer) {
          if (typeof answer !== 'string' || answer.trim() === '') throw invalidAnswer('Answer the security question.');
        },
        answer: (answer) => String(answer).trim(),
      },
    },
  });
}

/**
 * This terminal's remembered devices and passkeys, for the life of the process (one
 * "device"): every Auth the app creates shares them, so a second sign-in finds the device.
 */
export const DEVICE_STORE = memoryDeviceStore();
/**
 * A SOFTWARE authenticator (keys in memory, no person asked): a terminal has no
 * navigator.credentials. Demo only; a browser app uses webauthn() as is.
 */
export const SOFTWARE_AUTHENTICATOR = softwareAuthenticator({ origin: 'http://localhost' });

/** Creates the Auth instance of the app for one user pool. */
export function createAppAuth(target: PoolTarget) {
  return createAuth({
    userPool: {
      userPoolId: target.userPoolId,
      clientId: target.clientId,
      ...(target.clientSecret !== undefined ? { clientSecret: target.clientSecret } : {}),
      ...(target.endpoint !== undefined ? { endpoint: target.endpoint } : {}),
      ...(target.region !== undefined ? { region: target.region } : {}),
    },
    plugins: [sms(), totp({ issuer: TOTP_ISSUER }), email(), demoCustomChallenge(), device({ store: DEVICE_STORE }), webauthn({ authenticator: SOFTWARE_AUTHENTICATOR })],
    defaultHandler: surfaceUnclaimed,
  });
}

/** The app's Auth type. */
export type AppAuth = ReturnType<typeof createAppAuth>;
/** A sign-in flow of the app. */
export type AppFlow = Awaited<ReturnType<AppAuth['signIn']>>;
