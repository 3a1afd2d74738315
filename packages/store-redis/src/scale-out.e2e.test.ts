// Many servers, one Redis, the emulator over HTTP: sign-ins whose steps hop between
// instances, an instance killed mid-flow, Redis restarted mid-run, and nothing in clear.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyring, fetchAuthSession, jwtPayload, serverFlows, type Auth, type Keyring, type ServerFlows } from '@nextstep/core';
import { startEmulatorPool, type EmulatorPool } from '@nextstep/core/testing';
import { sms } from '@nextstep/plugin-sms';
import type { Redis } from 'ioredis';
import { redisFlowStore, redisTokenStore } from './index.js';
import { ready, startRedis, type RedisFixture } from './test-support/redis-server.js';

const SIGN_INS = 1_000;
const PASSWORD = 'Scale-0ut-Passw0rd!';
const KEY = randomBytes(32).toString('base64');
const names = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${i}`);

let redisFx: RedisFixture;
let pool: EmulatorPool;
let keyring: Keyring;
/** Every Session and token Cognito handed out, to look for in Redis. */
const secrets = new Set<string>();

interface Instance {
  auth: Auth<any>;
  flows: ServerFlows<any>;
  redis: Redis;
}
let instances: Instance[];

async function instance(): Promise<Instance> {
  const redis = redisFx.client();
  await ready(redis);
  const auth = pool.auth([sms()], { sessions: 'many', store: redisTokenStore({ redis, keyring, lock: { pollMs: 5 } }) });
  auth.hooks.response.tap('secrets', (r) => {
    const out = r.output as Record<string, any> | undefined;
    if (out?.Session) secrets.add(out.Session);
    for (const t of ['AccessToken', 'IdToken', 'RefreshToken']) if (out?.AuthenticationResult?.[t]) secrets.add(out.AuthenticationResult[t]);
    return r;
  });
  return { auth, redis, flows: serverFlows(auth, { keyring, store: redisFlowStore({ redis }) }) };
}

const users = [...names(SIGN_INS, 'hop'), ...names(20, 'kill'), ...names(20, 'restart'), 'refresher'];

beforeAll(async () => {
  redisFx = await startRedis();
  pool = await startEmulatorPool({
    id: 'us-east-1_ScaleOut',
    mfa: 'OPTIONAL',
    enabledMfas: ['SMS_MFA'],
    clients: [{ id: 'scale-client', secret: false }],
    users: users.map((username) => ({ username, password: PASSWORD, attributes: { phone_number: '+15555550199', phone_number_verified: 'true' }, mfa: { sms: true, preferred: 'SMS' as const } })),
  });
  keyring = await createKeyring({ current: { id: 'k1', key: KEY } });
  instances = [await instance(), await instance(), await instance()];
}, 30_000);
afterAll(async () => {
  await pool?.close();
  await redisFx?.close();
});

const code = (username: string) => pool.emulator.outbox.last({ username, medium: 'SMS' })!.code;
const any = () => instances[Math.floor(Math.random() * instances.length)]!;
const wrong = (c: string) => String((Number(c) + 1) % 10 ** c.length).padStart(c.length, '0');

async function allKeys(redis: Redis): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** Every value in Redis (strings only: the stores write nothing else). */
async function everyValue(redis: Redis): Promise<string[]> {
  const values: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) {
      values.push(k);
      const v = await redis.get(k);
      if (v !== null) values.push(v);
    }
  } while (cursor !== '0');
  return values;
}

describe('sign-in on many servers', () => {
  it(`${SIGN_INS} concurrent sign-ins hop at random between three instances, all DONE, no cross-talk, nothing in clear`, async () => {
    const hop = names(SIGN_INS, 'hop');
    const started = await Promise.all(hop.map((username) => any().flows.start({ username, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } })));
    expect(started.every((s) => s.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_SMS_CODE')).toBe(true);
    expect(new Set(started.map((s) => s.flowId)).size).toBe(SIGN_INS);
    const codes = hop.map(code);

    // Mid-flight: every flow waits in Redis; no Session or code is readable there.
    const inFlight = await everyValue(instances[0]!.redis);
    expect(inFlight.filter((v) => v.startsWith('ns1.')).length).toBeGreaterThanOrEqual(SIGN_INS);
    expect(secrets.size).toBeGreaterThanOrEqual(SIGN_INS);
    const blob = inFlight.join('\n');
    for (const s of secrets) expect(blob.includes(s)).toBe(false);
    for (const [i, c] of codes.entries()) expect(inFlight.some((v) => v.includes(`"${c}"`) || v.includes(started[i]!.flowId + c))).toBe(false);

    // Every tenth user first sends a wrong code (a third hop); answers come in shuffled order.
    const order = [...hop.keys()].sort(() => Math.random() - 0.5);
    const done = new Array<{ userId?: string; isSignedIn: boolean }>(SIGN_INS);
    await Promise.all(
      order.map(async (i) => {
        if (i % 10 === 0) await expect(any().flows.answer(started[i]!.flowId, wrong(codes[i]!))).rejects.toMatchObject({ name: 'CodeMismatchException' });
        done[i] = await any().flows.answer(started[i]!.flowId, codes[i]!);
      }),
    );
    expect(done.every((d) => d.isSignedIn)).toBe(true);
    // No cross-talk: each user's stored session (read through another instance) is theirs.
    for (const [i, d] of done.entries()) {
      const s = await instances[(i + 1) % 3]!.auth.store.get(d.userId!);
      expect(jwtPayload(s!.accessToken).username).toBe(hop[i]);
    }
    // After DONE: flows gone, sessions sealed: no token in clear.
    const after = await everyValue(instances[0]!.redis);
    expect(after.some((v) => v.includes(':flow:'))).toBe(false);
    const afterBlob = after.join('\n');
    for (const s of secrets) expect(afterBlob.includes(s)).toBe(false);
    // Every value is a sealed envelope; key names hold only prefixes, flow ids and subs.
    const keys = new Set(await allKeys(instances[0]!.redis));
    expect(after.filter((v) => !keys.has(v)).every((v) => v.startsWith('ns1.k1.'))).toBe(true);
    expect([...keys].every((k) => /^nextstep:(session|lock:session):[0-9a-f-]{36}$/.test(k))).toBe(true);
  }, 60_000);

  it('an instance killed mid-flow: its flows finish on the others', async () => {
    const kill = names(20, 'kill');
    const child = spawn(process.execPath, ['--conditions=@nextstep/source', '--import', 'tsx', fileURLToPath(new URL('./test-support/instance-child.ts', import.meta.url))], {
      env: { ...process.env, NEXTSTEP_CHILD: JSON.stringify({ userPool: pool.userPool, redisPort: redisFx.port, key: KEY, users: kill.map((username) => ({ username, password: PASSWORD })) }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', (c) => reject(new Error(`child exited ${c}`)));
    });
    const { flows } = JSON.parse(line) as { flows: { username: string; flowId: string }[] };
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    const results = await Promise.all(flows.map((f) => any().flows.answer(f.flowId, code(f.username))));
    expect(results.every((r) => r.isSignedIn)).toBe(true);
    for (const [i, r] of results.entries()) expect(jwtPayload((await any().auth.store.get(r.userId!))!.accessToken).username).toBe(flows[i]!.username);
  }, 30_000);

  it('two instances answering one flow at once: one proceeds, the other gets FlowBusy; one Cognito call', async () => {
    const s = await instances[0]!.flows.start({ username: 'kill-0', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const c = code('kill-0');
    const calls: string[] = [];
    for (const inst of instances) inst.auth.hooks.request.tap('double', (call) => (calls.push(call.operation), call));
    const results = await Promise.allSettled([instances[1]!.flows.answer(s.flowId, c), instances[2]!.flows.answer(s.flowId, c)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason).toMatchObject({ name: 'FlowBusy' });
    expect(calls).toEqual(['RespondToAuthChallenge']);
  });

  it('a refresh due on three instances at once happens once; all see the new tokens', async () => {
    const { userId } = await (async () => {
      const s = await any().flows.start({ username: 'refresher', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
      return any().flows.answer(s.flowId, code('refresher'));
    })();
    const calls: string[] = [];
    for (const inst of instances) inst.auth.hooks.request.tap('count', (c) => (calls.push(c.operation), c));
    pool.emulator.clock.advance(61 * 60_000); // past the access token's hour
    const sessions = await Promise.all(Array.from({ length: 30 }, (_, i) => fetchAuthSession(instances[i % 3]!.auth, { userId: userId! })));
    expect(calls.filter((c) => c === 'InitiateAuth' || c === 'GetTokensFromRefreshToken')).toHaveLength(1);
    expect(new Set(sessions.map((s) => s.tokens!.accessToken.toString())).size).toBe(1);
  }, 30_000);

  it('Redis restarted mid-run (no persistence): in-flight flows end with typed errors, new sign-ins work', async () => {
    const restart = names(20, 'restart');
    const started = await Promise.all(restart.map((username) => any().flows.start({ username, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } })));
    await redisFx.stop();
    // While Redis is down: StoreUnavailable (kind network), and no Cognito call is made.
    await expect(any().flows.answer(started[0]!.flowId, code(restart[0]!))).rejects.toMatchObject({ name: 'StoreUnavailable', kind: 'network' });
    await redisFx.start();
    await Promise.all(instances.map((i) => ready(i.redis)));
    // Back, empty: every in-flight flow is FlowNotFound (kind session: sign in again).
    const after = await Promise.allSettled(started.map((s, i) => any().flows.answer(s.flowId, code(restart[i]!))));
    for (const r of after) expect(r).toMatchObject({ status: 'rejected', reason: { name: 'FlowNotFound', kind: 'session' } });
    // And the same users sign in again.
    const again = await any().flows.start({ username: restart[1]!, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    expect((await any().flows.answer(again.flowId, code(restart[1]!))).isSignedIn).toBe(true);
  }, 30_000);
});
