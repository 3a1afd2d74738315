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
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
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
  const { redis, prefix } = checkOptions(options, 'redisDeviceStore');
  const keyring = options.keyring;
  if (!keyring || typeof keyring.open !== 'function') throw new AuthError('InvalidKeyring', 'redisDeviceStore needs a keyring from createKeyring.', { kind: 'config' });
  const key = (k: string) => `${prefix}device:${k}`;
  const context = (k: string) => `device:${k}`;
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
      await guarded(() => redis.set(key(k), sealed));
    },
    async remove(k) {
      await guarded(() => redis.del(key(k)));
    },
  };
}
