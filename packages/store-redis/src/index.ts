/**
 * `@nextstep/store-redis`: nextstep on many servers. Flow, token and device stores on Redis
 * (through ioredis), every value sealed with core's keyring (AES-GCM); atomic flow claims;
 * a refresh lock so a refresh due on several instances happens once.
 *
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createAuth, createKeyring, serverFlows, surfaceUnclaimed } from '@nextstep/core';
 * import { redisFlowStore, redisTokenStore } from '@nextstep/store-redis';
 * const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
 * const keyring = await createKeyring({ current: { id: 'k1', key: process.env.NEXTSTEP_KEY! } });
 * const auth = createAuth({ userPool, defaultHandler: surfaceUnclaimed, sessions: 'many', store: redisTokenStore({ redis, keyring }) });
 * const flows = serverFlows(auth, { keyring, store: redisFlowStore({ redis }) });
 * ```
 * @packageDocumentation
 * @module @nextstep/store-redis
 */
export { redisFlowStore } from './flow-store.js';
export { redisTokenStore } from './token-store.js';
export type { RedisTokenStoreOptions } from './token-store.js';
export { redisDeviceStore, redisSealedStore } from './device-store.js';
export type { RedisDeviceStoreOptions, RedisSealedStoreOptions, SealedKeyValueStore } from './device-store.js';
export { withRedisLock } from './lock.js';
export type { LockOptions } from './lock.js';
export { storeError, DEFAULT_PREFIX } from './redis.js';
export type { RedisClient, RedisStoreOptions } from './redis.js';
