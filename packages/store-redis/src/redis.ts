/**
 * What the stores need from a Redis client (an ioredis `Redis`), scripts by SHA with a
 * fallback, key prefixes, and failures as typed errors that carry no value.
 * @module
 */
import { createHash } from 'node:crypto';
import { AuthError, isAuthError } from '@nextstep/core';
import type { Redis } from 'ioredis';

/** The client the stores take: an ioredis `Redis` (or `Cluster`, with one hash tag per prefix). */
export type RedisClient = Pick<Redis, 'get' | 'set' | 'del' | 'scan' | 'eval' | 'evalsha'>;

/** Options every store shares. */
export interface RedisStoreOptions {
  /** An ioredis client. For quick failure when Redis is down, create it with `maxRetriesPerRequest: 1`. */
  redis: RedisClient;
  /** Prepended to every key (default `"nextstep:"`); keep one per app and pool. */
  prefix?: string;
}

/** The key prefix used when `prefix` is not given. */
export const DEFAULT_PREFIX = 'nextstep:';

/** A Redis failure as an {@link AuthError} of kind `network` (`StoreUnavailable`), naming no key value. */
export function storeError(err: unknown): AuthError {
  if (isAuthError(err)) return err;
  const name = (err as { name?: string })?.name ?? 'Error';
  return new AuthError('StoreUnavailable', `Redis did not answer (${name}); try again.`, { kind: 'network', cause: name });
}

/** Runs a Redis call, mapping failures to {@link storeError}. */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw storeError(err);
  }
}

/** A Lua script run by SHA (EVALSHA), loaded with EVAL the first time a server lacks it. */
export function script(source: string) {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis: RedisClient, keys: string[], args: (string | number)[]): Promise<unknown> =>
    guarded(async () => {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (!/NOSCRIPT/.test(String((err as Error)?.message))) throw err;
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    });
}

/** A glob-safe prefix for SCAN MATCH. */
export function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** Checks the shared options (a config error before any call). */
export function checkOptions(options: RedisStoreOptions | undefined, what: string): { redis: RedisClient; prefix: string } {
  const redis = options?.redis;
  if (!redis || typeof redis.get !== 'function' || typeof redis.evalsha !== 'function') {
    throw new AuthError('InvalidRedisClient', `${what} needs { redis }: an ioredis client.`, { kind: 'config' });
  }
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (typeof prefix !== 'string') throw new AuthError('InvalidRedisPrefix', 'prefix must be a string.', { kind: 'config' });
  return { redis, prefix };
}
