// Test-only: an emulator on 127.0.0.1:0 with one pool, and a core Auth pointed at it.
import { createAuth, surfaceUnclaimed } from '@nextstep/core';
import type { NextstepPlugin } from '@nextstep/core';
import { startEmulator } from '@nextstep/emulator';
import type { PoolConfig } from '@nextstep/emulator';

export const PASSWORD = 'Correct-horse-9';

export type Emu = Awaited<ReturnType<typeof startEmulator>>;

/** Starts an emulator with `pool` (its first client is used) and returns it with a factory of Auth instances. */
export async function emulatorWith(pool: PoolConfig) {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', config: { pools: [pool] } });
  const client = pool.clients?.[0];
  const userPool = {
    userPoolId: pool.id!,
    clientId: client!.id!,
    ...(typeof client?.secret === 'string' ? { clientSecret: client.secret } : {}),
    endpoint: emu.endpoint,
  };
  const auth = (plugins: NextstepPlugin[]) =>
    createAuth({ userPool, plugins, defaultHandler: surfaceUnclaimed, clock: () => emu.clock.now() });
  return { emu, auth, userPool };
}
