/**
 * An emulator on a free port of 127.0.0.1 with one pool, and Auth instances pointed at it,
 * for end-to-end tests of a plugin. Needs `@nextstep/emulator` (an optional peer dependency
 * of `@nextstep/core`: install it as a dev dependency).
 * @module
 */
import { createAuth } from '../auth.js';
import { surfaceUnclaimed } from '../default-handlers.js';
import type { Auth } from '../auth.js';
import type { AppStep, AuthOptions, NextstepPlugin, UserPoolConfig } from '../types.js';
import type { Emulator, PoolConfig } from '@nextstep/emulator';

/** A running emulator with one pool. */
export interface EmulatorPool {
  /** The emulator (its `clock`, `outbox`, `faults`, `totpCode`, ...). */
  readonly emulator: Emulator;
  /** The pool's config for `createAuth` (first app client, its secret if any, the endpoint). */
  readonly userPool: UserPoolConfig;
  /** An Auth on the pool with these plugins; the emulator's clock; `surfaceUnclaimed` unless given. */
  auth<const P extends readonly NextstepPlugin<any>[]>(
    plugins: P,
    options?: Partial<Omit<AuthOptions<P>, 'userPool' | 'plugins'>>,
  ): Auth<AppStep<P>>;
  /** Stops the emulator. */
  close(): Promise<void>;
}

/** Starts `@nextstep/emulator` with `pool` (which needs an `id` and at least one client). */
export async function startEmulatorPool(pool: PoolConfig): Promise<EmulatorPool> {
  let mod: typeof import('@nextstep/emulator');
  try {
    mod = await import('@nextstep/emulator');
  } catch {
    throw new Error('startEmulatorPool needs @nextstep/emulator: npm install -D @nextstep/emulator');
  }
  const client = pool.clients?.[0];
  if (!pool.id || !client?.id) throw new Error('startEmulatorPool needs a pool id and a first client with an id.');
  const emulator = await mod.startEmulator({ port: 0, host: '127.0.0.1', config: { pools: [pool] } });
  const userPool: UserPoolConfig = {
    userPoolId: pool.id,
    clientId: client.id,
    ...(typeof client.secret === 'string' ? { clientSecret: client.secret } : {}),
    endpoint: emulator.endpoint,
  };
  return {
    emulator,
    userPool,
    auth: (plugins, options = {}) =>
      createAuth({ defaultHandler: surfaceUnclaimed, clock: () => emulator.clock.now(), ...options, userPool, plugins }),
    close: () => emulator.close(),
  };
}
