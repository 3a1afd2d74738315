/**
 * The page's nextstep setup: core, the step plugins (passkeys through navigator.credentials), and unclaimed challenges surfaced
 * to the page (it answers them raw).
 */
import { createAuth, surfaceUnclaimed, webStorageStore } from '@nextstep/core';
import { customChallenge, invalidAnswer } from '@nextstep/plugin-custom-challenge';
import { email } from '@nextstep/plugin-email';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import { device, webStorageDeviceStore } from '@nextstep/plugin-device';
import { webauthn } from '@nextstep/plugin-webauthn';
import type { PoolConfig, WebConfig } from './config.js';

/** The custom-challenge kinds the demo's triggers ask (public parameter `challengeType`). */
function challenges() {
  return customChallenge({
    handlers: {
      captcha: {
        validate(answer) {
          if (typeof answer !== 'string' || !/^\s*\d+\s*$/.test(answer)) throw invalidAnswer('The captcha answer is a number.');
        },
      },
      'security-question': {
        validate(answer) {
          if (typeof answer !== 'string' || answer.trim() === '') throw invalidAnswer('Answer the security question.');
        },
      },
    },
  });
}

/** One Auth per pool, created on first use; its session lives in localStorage (kept across reloads). */
export function authFor(config: WebConfig, pool: PoolConfig) {
  return createAuth({
    userPool: {
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.region ? { region: config.region } : {}),
    },
    plugins: [
      sms(),
      totp({ issuer: config.totpIssuer ?? 'nextstep web demo' }),
      email(),
      challenges(),
      // Passkeys: the browser's navigator.credentials (the relying party of the demo pool is localhost).
      webauthn(),
      // Remembered devices: kept across sign-outs (unlike the session), so MFA is skipped next time.
      device({ store: webStorageDeviceStore(localStorage, { prefix: `nextstep-device.${pool.clientId}` }) }),
    ],
    defaultHandler: surfaceUnclaimed,
    store: webStorageStore(localStorage, { prefix: `nextstep.${pool.clientId}` }),
  });
}

/** An Auth instance of the page. */
export type PageAuth = ReturnType<typeof authFor>;
