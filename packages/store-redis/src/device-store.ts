/**
 * Device keys (remembered devices) on Redis, keyed by user, sealed with the keyring: the
 * key-value shape of `@nextstep/plugin-device`'s `DeviceStore`.
 * @module
 */
import type { Keyring } from '@nextstep/core';
import { AuthError } from '@nextstep/core';
import { checkOptions, guarded, type RedisStoreOptions } from './redis.js';

/** A key-value store of JSON values (what a device store is). */
export interface SealedKeyValueStore<T> {
  /** The value of a key, or undefined. */
  get(key: string): Promise<T | undefined>;
  /** Saves (replaces) the value of a key. */
  set(key: string, value: T): Promise<void>;
  /** Forgets a key; no error when there is none. */
  remove(key: string): Promise<void>;
}

/** Options of {@link redisDeviceStore}. */
export interface RedisDeviceStoreOptions extends RedisStoreOptions {
  /** Seals every record (device keys and password verifiers never reach Redis in clear). */
  keyring: Keyring;
}

/**
 * A device store on Redis: values are JSON, sealed and bound to their key. A value that
 * does not open reads as none (the device signs in as new).
 */
export function redisDeviceStore<T = unknown>(options: RedisDeviceStoreOptions): SealedKeyValueStore<T> {
  return redisSealedStore<T>({ ...options, namespace: 'device' });
}

/** Options of {@link redisSealedStore}. */
export interface RedisSealedStoreOptions extends RedisDeviceStoreOptions {
  /** Key namespace after the prefix, e.g. `"web-session"` (letters, digits, `-`). */
  namespace: string;
  /** Entries expire after this many ms (default: never). */
  ttlMs?: number;
}

/**
 * Any sealed JSON key-value store on Redis (the device store is one; an app's own
 * session-id map is another). Values that do not open read as none.
 */
export function redisSealedStore<T = unknown>(options: RedisSealedStoreOptions): SealedKeyValueStore<T> {
  const { redis, prefix } = checkOptions(options, 'redisSealedStore');
  const keyring = options.keyring;
  if (!keyring || typeof keyring.open !== 'function') throw new AuthError('InvalidKeyring', 'A sealed store needs a keyring from createKeyring.', { kind: 'config' });
  const ns = options.namespace;
  if (typeof ns !== 'string' || !/^[A-Za-z0-9-]{1,32}$/.test(ns)) throw new AuthError('InvalidNamespace', 'namespace is 1 to 32 letters, digits or "-".', { kind: 'config' });
  const ttl = options.ttlMs;
  const key = (k: string) => `${prefix}${ns}:${k}`;
  const context = (k: string) => `${ns}:${k}`;
  return {
    async get(k) {
      const sealed = await guarded(() => redis.get(key(k)));
      if (sealed === null) return undefined;
      try {
        return JSON.parse(await keyring.open(sealed, context(k))) as T;
      } catch {
        return undefined;
      }
    },
    async set(k, value) {
      const sealed = await keyring.seal(JSON.stringify(value), context(k));
      await guarded(() => (ttl ? redis.set(key(k), sealed, 'PX', ttl) : redis.set(key(k), sealed)));
    },
    async remove(k) {
      await guarded(() => redis.del(key(k)));
    },
  };
}
