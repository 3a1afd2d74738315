/**
 * One instance of the service: its own Auth, Redis connection and HTTP port.
 * @module
 */
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import { createAuth, serverFlows, surfaceUnclaimed, type Keyring, type UserPoolConfig } from '@nextstep/core';
import { sms } from '@nextstep/plugin-sms';
import { redisFlowStore, redisSealedStore, redisTokenStore } from '@nextstep/store-redis';
import { createApp } from './app.js';

export interface InstanceOptions {
  name: string;
  userPool: UserPoolConfig;
  redisPort: number;
  keyring: Keyring;
  /** 0 for a free port. */
  port?: number;
  clock?: () => number;
}

export interface RunningInstance {
  readonly name: string;
  readonly url: string;
  close(): Promise<void>;
}

export async function startInstance(options: InstanceOptions): Promise<RunningInstance> {
  const redis = new Redis({ host: '127.0.0.1', port: options.redisPort, maxRetriesPerRequest: 1 });
  const { keyring } = options;
  const auth = createAuth({
    userPool: options.userPool,
    plugins: [sms()],
    defaultHandler: surfaceUnclaimed,
    sessions: 'many',
    store: redisTokenStore({ redis, keyring }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = createApp({
    auth,
    flows: serverFlows(auth, { keyring, store: redisFlowStore({ redis }) }),
    sessionIds: redisSealedStore<{ userId: string }>({ redis, keyring, namespace: 'web-session', ttlMs: 30 * 24 * 3600_000 }),
    name: options.name,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address() as { port: number };
  return {
    name: options.name,
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      redis.disconnect();
    },
  };
}
