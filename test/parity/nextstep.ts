/** nextstep set up as an app migrating from Amplify would: every step plugin installed. */
import { createAuth, surfaceUnclaimed } from '@nextstep/core';
import { customChallenge } from '@nextstep/plugin-custom-challenge';
import { email } from '@nextstep/plugin-email';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';
import type { PoolTarget } from './drivers.js';

export type Auth = ReturnType<typeof createAuth>;

/** An Auth on the target pool with the four step plugins and the surfacing default handler. */
export function nextstepAuth(target: PoolTarget, extra: { clientSecret?: string } = {}): Auth {
  return createAuth({
    userPool: { userPoolId: target.userPoolId, clientId: target.clientId, endpoint: target.endpoint, region: 'us-east-1', ...extra },
    plugins: [sms(), totp(), email(), customChallenge()],
    defaultHandler: surfaceUnclaimed,
  });
}
