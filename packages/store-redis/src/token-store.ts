/**
 * Sessions on Redis, keyed by user, sealed with the keyring; `withLock` makes a refresh due
 * on several instances happen once.
 * @module
 */
import type { Keyring, StoredSession, TokenStore } from '@nextstep/core';
import { AuthError } from '@nextstep/core';
import { withRedisLock, type LockOptions } from './lock.js';
import { checkOptions, globEscape, guarded, type RedisStoreOptions } from './redis.js';

/** Options of {@link redisTokenStore}. */
export interface RedisTokenStoreOptions extends RedisStoreOptions {
  /** Seals every session (tokens never reach Redis in clear). */
  keyring: Keyring;
  /** The refresh lock's expiry and waiting (see {@link LockOptions}). */
  lock?: LockOptions;
  /** Sessions expire from Redis after this many ms without a write (default: never). Set it to the refresh token's validity. */
  ttlMs?: number;
}

/**
 * A {@link TokenStore} on Redis for `createAuth({ store, sessions: 'many' })`. Values are
 * sealed envelopes bound to the user id; a session sealed for one user does not open as
 * another's. A value that does not open (tampered, retired key) reads as no session.
 */
export function redisTokenStore(options: RedisTokenStoreOptions): TokenStore {
  const { redis, prefix } = checkOptions(options, 'redisTokenStore');
  const keyring = options.keyring;
  if (!keyring || typeof keyring.open !== 'function') throw new AuthError('InvalidKeyring', 'redisTokenStore needs a keyring from createKeyring.', { kind: 'config' });
  const base = `${prefix}session:`;
  const context = (userId: string) => `session:${userId}`;
  return {
    async get(userId) {
      const sealed = await guarded(() => redis.get(base + userId));
      if (sealed === null) return undefined;
      try {
        return JSON.parse(await keyring.open(sealed, context(userId))) as StoredSession;
      } catch {
        // Unreadable here means signed out: the app asks the user to sign in again.
        return undefined;
      }
    },
    async set(userId, session) {
      const sealed = await keyring.seal(JSON.stringify(session), context(userId));
      await guarded(() => (options.ttlMs ? redis.set(base + userId, sealed, 'PX', options.ttlMs) : redis.set(base + userId, sealed)));
    },
    async remove(userId) {
      await guarded(() => redis.del(base + userId));
    },
    async list() {
      const ids: string[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await guarded(() => redis.scan(cursor, 'MATCH', `${globEscape(base)}*`, 'COUNT', 500));
        cursor = next;
        for (const k of keys) ids.push(k.slice(base.length));
      } while (cursor !== '0');
      return ids;
    },
    withLock(userId, fn) {
      return withRedisLock(redis, `${prefix}lock:session:${userId}`, fn, options.lock);
    },
  };
}
