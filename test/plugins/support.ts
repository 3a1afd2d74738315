// Shared by the cross-plugin suites: an emulator pool that allows SMS, TOTP and email MFA,
// users for every combination, and helpers to answer each step with real codes.
import { TOTP } from 'otpauth';
import { createAuth, surfaceUnclaimed } from '@nextstep/core';
import type { Logger, NextstepPlugin } from '@nextstep/core';
import { startEmulator } from '@nextstep/emulator';
import { customChallenge } from '@nextstep/plugin-custom-challenge';
import { email } from '@nextstep/plugin-email';
import { sms } from '@nextstep/plugin-sms';
import { totp } from '@nextstep/plugin-totp';

export const PASSWORD = 'Correct-horse-9';
export const POOL_ID = 'us-east-1_CrossPlug';
export const CLIENT_ID = 'cross-plugin-client';
export const TOTP_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';

export type Emu = Awaited<ReturnType<typeof startEmulator>>;
export type MfaKind = 'sms' | 'totp' | 'email';
export const KINDS: readonly MfaKind[] = ['sms', 'totp', 'email'];
export const AMPLIFY_NAME: Record<MfaKind, 'SMS' | 'TOTP' | 'EMAIL'> = { sms: 'SMS', totp: 'TOTP', email: 'EMAIL' };

/** none, each one, each pair, all three. */
export const COMBINATIONS: MfaKind[][] = [[], ['sms'], ['totp'], ['email'], ['sms', 'totp'], ['sms', 'email'], ['totp', 'email'], ['sms', 'totp', 'email']];
export const comboName = (c: readonly MfaKind[]) => (c.length ? c.join('+') : 'none');

export function pluginsFor(kinds: readonly MfaKind[]): NextstepPlugin[] {
  const make = { sms: () => sms(), totp: () => totp({ issuer: 'Cross' }), email: () => email() };
  return kinds.map((k) => make[k]());
}
export { customChallenge };

/** A user with all three MFA types and no preference (Cognito then asks SELECT_MFA_TYPE). */
export const selectionUser = (combo: string, pick: string) => `sel-${combo}-${pick}`;
/** A user with no MFA in a pool where MFA is required (Cognito then asks MFA_SETUP). */
export const setupUser = (combo: string, pick: string) => `setup-${combo}-${pick}`;

export async function startPool(extraUsers: Record<string, unknown>[] = []) {
  const users: Record<string, unknown>[] = [];
  for (const c of COMBINATIONS) {
    for (const pick of ['sms', 'totp', 'email', 'raw']) {
      users.push({
        username: selectionUser(comboName(c), pick),
        password: PASSWORD,
        attributes: { phone_number: '+15555550100', phone_number_verified: 'true', email: 'sel@example.com', email_verified: 'true' },
        mfa: { sms: true, email: true, totp: { secret: TOTP_SECRET } },
      });
      users.push({ username: setupUser(comboName(c), pick), password: PASSWORD });
    }
  }
  const emu = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    config: {
      pools: [
        {
          id: POOL_ID,
          mfa: 'ON',
          enabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
          clients: [{ id: CLIENT_ID, secret: false }],
          users: [...users, ...extraUsers] as never,
        },
      ],
    },
  });
  const auth = (plugins: NextstepPlugin[], defaultHandler = surfaceUnclaimed, logger?: Logger) =>
    createAuth({
      userPool: { userPoolId: POOL_ID, clientId: CLIENT_ID, endpoint: emu.endpoint },
      plugins,
      defaultHandler,
      clock: () => emu.clock.now(),
      ...(logger ? { logger } : {}),
    });
  return { emu, auth };
}

/** The current TOTP code of a secret at emulator time. */
export function totpCode(emu: Emu, secret: string): string {
  return new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: emu.clock.now() });
}

/** The latest code sent to a user by SMS or email. */
export function lastCode(emu: Emu, username: string, medium: 'SMS' | 'EMAIL'): string {
  const m = emu.outbox.last({ username, userPoolId: POOL_ID, medium });
  if (!m) throw new Error(`no ${medium} message for ${username}`);
  return m.code;
}
