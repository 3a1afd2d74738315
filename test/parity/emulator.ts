/**
 * The emulator the parity suite shares: three pools (MFA optional with every factor and the
 * custom-auth triggers; MFA required with TOTP only; MFA required with TOTP or email) and, for
 * every scenario, one user per client.
 */
import { startEmulator } from '@nextstep/emulator';
import * as OTPAuth from 'otpauth';
import type { PoolTarget } from './drivers.js';
import { parityTriggers, PASSWORD, type PoolKey, type Scenario, type UserContext } from './scenarios.js';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Config = NonNullable<NonNullable<Parameters<typeof startEmulator>[0]>['config']>;

const POOLS: Record<PoolKey, { id: string; clientId: string; settings: Record<string, unknown> }> = {
  main: {
    id: 'us-east-1_ParityMain',
    clientId: 'paritymainclient000000000a',
    settings: {
      mfa: 'OPTIONAL',
      enabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
      allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
      triggers: parityTriggers(),
    },
  },
  requiredTotp: {
    id: 'us-east-1_ParityTotp',
    clientId: 'paritytotpclient000000000a',
    settings: { mfa: 'ON', enabledMfas: ['SOFTWARE_TOKEN_MFA'] },
  },
  requiredChoice: {
    id: 'us-east-1_ParityChoice',
    clientId: 'paritychoiceclient0000000a',
    settings: { mfa: 'ON', enabledMfas: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] },
  },
};

/** The emulator plus what scenarios need from it. */
export interface ParityEmulator {
  emu: Emulator;
  target(pool: PoolKey): PoolTarget;
  userContext(pool: PoolKey, username: string, signOut: () => Promise<void>): UserContext;
  close(): Promise<void>;
}

const ALL_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** Starts the emulator seeded with each scenario's user, once per client (`<id>-amplify`, `<id>-nextstep`). */
export async function startParityEmulator(scenarios: Scenario[], clients = ['amplify', 'nextstep']): Promise<ParityEmulator> {
  const pools = (Object.keys(POOLS) as PoolKey[]).map((key) => ({
    id: POOLS[key].id,
    name: `parity-${key}`,
    ...POOLS[key].settings,
    clients: [{ id: POOLS[key].clientId, name: 'parity', explicitAuthFlows: ALL_FLOWS, preventUserExistenceErrors: true }],
    users: scenarios
      .filter((s) => s.pool === key && s.user)
      .flatMap((s) => clients.map((c) => ({ username: `${s.id}-${c}`, ...s.user }))),
  }));
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', config: { pools } as unknown as Config });
  return {
    emu,
    target: (pool) => ({ userPoolId: POOLS[pool].id, clientId: POOLS[pool].clientId, endpoint: emu.endpoint }),
    userContext(pool, username, signOut) {
      const userPoolId = POOLS[pool].id;
      return {
        username,
        password: PASSWORD,
        code(medium, purpose) {
          const msg = emu.outbox.last({ username, userPoolId, medium, ...(purpose ? { purpose } : {}) } as Parameters<Emulator['outbox']['last']>[0]);
          if (!msg) throw new Error(`no ${medium} message for ${username}${purpose ? ` (${purpose})` : ''}`);
          return msg.code;
        },
        totp: () => emu.totpCode(userPoolId, username),
        totpOf: (secret) =>
          new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
            timestamp: emu.clock.now(),
          }),
        wrong: (code) =>
          /^\d+$/.test(code) ? String((BigInt(code) + 1n) % 10n ** BigInt(code.length)).padStart(code.length, '0') : `${code}-wrong`,
        signOut,
        advanceClock: (ms) => emu.clock.advance(ms),
      };
    },
    close: () => emu.close(),
  };
}
