// The Redis stores against a real redis-server: exclusive claims, TTLs, sealed values, the lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyring, type Keyring, type StoredSession } from '@nextstep/core';
import { redisDeviceStore, redisFlowStore, redisTokenStore, withRedisLock } from './index.js';
import { ready, startRedis, type RedisFixture } from './test-support/redis-server.js';
import type { Redis } from 'ioredis';

let fx: RedisFixture;
let redis: Redis;
let keyring: Keyring;
beforeAll(async () => {
  fx = await startRedis();
  redis = fx.client();
  await ready(redis);
  keyring = await createKeyring({ current: { id: 'k1', key: new Uint8Array(32).fill(1) } });
});
afterAll(() => fx?.close());

const session = (userId: string): StoredSession => ({ format: 'nextstep.session/1', userId, username: userId, accessToken: `eyJ.access-${userId}.sig`, refreshToken: `refresh-${userId}`, clockOffsetMs: 0 });

describe('redisFlowStore', () => {
  it('of 50 concurrent claims on 5 clients, exactly one wins; busy until saved; lease and TTL lapse', async () => {
    const clients = Array.from({ length: 5 }, () => fx.client());
    await Promise.all(clients.map(ready));
    const stores = clients.map((c) => redisFlowStore({ redis: c, prefix: 't1:' }));
    await stores[0]!.save('flow-a', 'ns1.k.x.y', 10_000);
    const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => stores[i % 5]!.claim('flow-a', 5_000)));
    expect(claims.filter((c) => c.status === 'claimed')).toEqual([{ status: 'claimed', value: 'ns1.k.x.y' }]);
    expect(claims.filter((c) => c.status === 'busy')).toHaveLength(49);
    await stores[1]!.save('flow-a', 'ns1.k.x.z', 10_000);
    expect(await stores[2]!.claim('flow-a', 100)).toEqual({ status: 'claimed', value: 'ns1.k.x.z' });
    await new Promise((r) => setTimeout(r, 150));
    expect(await stores[3]!.claim('flow-a', 100)).toEqual({ status: 'missing' });
    await stores[0]!.save('flow-b', 'ns1.k.b.b', 50);
    expect(Number(await redis.pttl('t1:flow:flow-b'))).toBeLessThanOrEqual(50);
    await new Promise((r) => setTimeout(r, 80));
    expect(await stores[0]!.claim('flow-b', 1000)).toEqual({ status: 'missing' });
  });
});

describe('redisTokenStore', () => {
  it('round-trips sealed sessions, lists users, and a value moved to another user does not open', async () => {
    const store = redisTokenStore({ redis, keyring, prefix: 't2:' });
    await store.set('u1', session('u1'));
    await store.set('u2', session('u2'));
    expect(await store.get('u1')).toEqual(session('u1'));
    expect((await store.list()).sort()).toEqual(['u1', 'u2']);
    const raw = (await redis.get('t2:session:u1'))!;
    expect(raw).not.toContain('access-u1');
    expect(raw).not.toContain('refresh-u1');
    await redis.set('t2:session:u2', raw); // u1's sealed session under u2's key
    expect(await store.get('u2')).toBeUndefined();
    await redis.set('t2:session:u1', 'garbage');
    expect(await store.get('u1')).toBeUndefined();
    await store.remove('u1');
    expect(await store.list()).toEqual(['u2']);
  });

  it('withLock: one holder at a time across clients; a dead holder’s lock lapses', async () => {
    const clients = [fx.client(), fx.client(), fx.client()];
    await Promise.all(clients.map(ready));
    const stores = clients.map((c) => redisTokenStore({ redis: c, keyring, prefix: 't3:', lock: { ttlMs: 2_000, pollMs: 5 } }));
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        stores[i % 3]!.withLock!('u', async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 2));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    await redis.set('t3:lock:session:u', 'dead-holder', 'PX', 100);
    const t0 = Date.now();
    await withRedisLock(redis, 't3:lock:session:u', async () => undefined, { pollMs: 10 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(80);
  });
});

describe('redisDeviceStore', () => {
  it('keeps device records sealed per key', async () => {
    const store = redisDeviceStore<{ deviceKey: string; deviceSecret: string }>({ redis, keyring, prefix: 't4:' });
    await store.set('pool:user', { deviceKey: 'us-east-1_abc', deviceSecret: 'very-secret-device-password' });
    expect(await store.get('pool:user')).toEqual({ deviceKey: 'us-east-1_abc', deviceSecret: 'very-secret-device-password' });
    expect(await redis.get('t4:device:pool:user')).not.toContain('very-secret');
    await store.remove('pool:user');
    expect(await store.get('pool:user')).toBeUndefined();
  });
});

describe('Redis down', () => {
  it('a store call while Redis is down is a typed StoreUnavailable error', async () => {
    const own = await startRedis();
    try {
      const c = own.client();
      await ready(c);
      const store = redisFlowStore({ redis: c });
      await own.stop();
      await expect(store.claim('x-flow-id', 1000)).rejects.toMatchObject({ name: 'StoreUnavailable', kind: 'network' });
    } finally {
      await own.close();
    }
  });
});
