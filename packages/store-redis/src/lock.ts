/**
 * A lock with expiry across processes: SET NX PX with a random token, released only by its
 * holder (compare-and-delete in Lua). Waiters poll until the lock is free.
 * @module
 */
import { AuthError } from '@nextstep/core';
import { guarded, script, type RedisClient } from './redis.js';

const RELEASE = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** How a lock behaves. */
export interface LockOptions {
  /** The lock lapses after this many ms if its holder dies (default 10 s). */
  ttlMs?: number;
  /** A waiter gives up after this many ms (default 15 s) with `StoreLockTimeout`. */
  waitMs?: number;
  /** Poll interval of waiters, ms (default 25). */
  pollMs?: number;
}

/** Runs `fn` holding the lock `key`. */
export async function withRedisLock<T>(redis: RedisClient, key: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const ttl = options.ttlMs ?? 10_000;
  const wait = options.waitMs ?? 15_000;
  const poll = options.pollMs ?? 25;
  const token = globalThis.crypto.randomUUID();
  const deadline = Date.now() + wait;
  for (;;) {
    const got = await guarded(() => redis.set(key, token, 'PX', ttl, 'NX'));
    if (got === 'OK') break;
    if (Date.now() >= deadline) throw new AuthError('StoreLockTimeout', 'Another instance held the lock too long; try again.', { kind: 'network' });
    await new Promise((r) => setTimeout(r, poll));
  }
  try {
    return await fn();
  } finally {
    await RELEASE(redis, [key], [token]).catch(() => undefined);
  }
}
