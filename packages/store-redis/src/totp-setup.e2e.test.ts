// TOTP setup across instances: the flow snapshot holds the shared secret, and Redis holds
// it only sealed; the setup finishes on another instance.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyring, serverFlows } from '@nextstep/core';
import { startEmulatorPool, type EmulatorPool } from '@nextstep/core/testing';
import { totp, TOTP_SETUP_STEP } from '@nextstep/plugin-totp';
import { redisFlowStore, redisTokenStore } from './index.js';
import { ready, startRedis, type RedisFixture } from './test-support/redis-server.js';

const POOL = 'us-east-1_RedisTotp';
const PASSWORD = 'Totp-setup-Passw0rd!';
let redisFx: RedisFixture;
let pool: EmulatorPool;
beforeAll(async () => {
  redisFx = await startRedis();
  pool = await startEmulatorPool({ id: POOL, mfa: 'ON', enabledMfas: ['SOFTWARE_TOKEN_MFA'], clients: [{ id: 'totp-redis', secret: false }], users: [{ username: 'newbie', password: PASSWORD }] });
});
afterAll(async () => {
  await pool?.close();
  await redisFx?.close();
});

describe('TOTP setup on Redis', () => {
  it('the shared secret and the Session are only ever sealed in Redis; setup finishes on another instance', async () => {
    const keyring = await createKeyring({ current: { id: 'k1', key: randomBytes(32) } });
    const sessions: string[] = [];
    const make = async () => {
      const redis = redisFx.client();
      await ready(redis);
      const auth = pool.auth([totp({ issuer: 'Acme' })], { sessions: 'many', store: redisTokenStore({ redis, keyring }) });
      auth.hooks.response.tap('t', (r) => (r.output?.Session && sessions.push(r.output.Session), r));
      return { redis, flows: serverFlows(auth, { keyring, store: redisFlowStore({ redis }) }) };
    };
    const [a, b] = [await make(), await make()];
    const started = await a.flows.start({ username: 'newbie', password: PASSWORD });
    const step = started.nextStep as { signInStep: string; totpSetupDetails: { sharedSecret: string } };
    expect(step.signInStep).toBe(TOTP_SETUP_STEP);
    const secret = step.totpSetupDetails.sharedSecret;
    expect(secret).toMatch(/^[A-Z2-7]{16,}/);

    const keys = await a.redis.keys('*');
    const values = await Promise.all(keys.map((k) => a.redis.get(k)));
    const blob = [...keys, ...values].join('\n');
    expect(values.length).toBeGreaterThan(0);
    expect(blob).not.toContain(secret);
    for (const s of sessions) expect(blob).not.toContain(s);
    expect(values.every((v) => v!.startsWith('ns1.k1.'))).toBe(true);

    const done = await b.flows.answer(started.flowId, pool.emulator.totpCode(POOL, 'newbie'));
    expect(done.isSignedIn).toBe(true);
  });
});
