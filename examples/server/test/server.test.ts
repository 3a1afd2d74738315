// The sign-in service over HTTP: three instances on one Redis and the emulator; each
// request goes to another instance; the cookie holds only an opaque id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '@nextstep/emulator';
import { createKeyring } from '@nextstep/core';
import { startRedis, type LocalRedis } from '../src/redis-server.js';
import { startInstance, type RunningInstance } from '../src/instance.js';

const POOL = 'us-east-1_ServerTest';
const PASSWORD = 'Server-passw0rd!';
let emu: Emulator;
let redis: LocalRedis;
let instances: RunningInstance[];

beforeAll(async () => {
  redis = await startRedis();
  emu = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    config: { pools: [{ id: POOL, mfa: 'OPTIONAL', enabledMfas: ['SMS_MFA'], clients: [{ id: 'srv', secret: 'srv-secret-value-0123456789' }], users: [{ username: 'ada', password: PASSWORD, attributes: { phone_number: '+15555550100', phone_number_verified: 'true' }, mfa: { sms: true, preferred: 'SMS' } }] }] },
  });
  const keyring = await createKeyring({ current: { id: 't', key: randomBytes(32) } });
  const userPool = { userPoolId: POOL, clientId: 'srv', clientSecret: 'srv-secret-value-0123456789', endpoint: emu.endpoint };
  instances = await Promise.all(['a', 'b', 'c'].map((name) => startInstance({ name, userPool, redisPort: redis.port, keyring, clock: () => emu.clock.now() })));
});
afterAll(async () => {
  await Promise.all((instances ?? []).map((i) => i.close()));
  await emu?.close();
  await redis?.close();
});

let turn = 0;
async function call(path: string, body?: unknown, cookie?: string) {
  const inst = instances[turn++ % 3]!;
  const res = await fetch(inst.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, instance: res.headers.get('x-instance'), setCookie: res.headers.get('set-cookie'), json: (await res.json()) as any };
}

describe('examples/server over HTTP', () => {
  it('serves the page under a CSP', async () => {
    const res = await fetch(instances[0]!.url + '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('/page.js');
  });

  it('sign in on A, answer on B, session on C, refresh, sign out; the cookie is an opaque id', async () => {
    const start = await call('/api/sign-in', { username: 'ada', password: PASSWORD });
    expect(start.status).toBe(200);
    expect(start.json.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_SMS_CODE');
    const code = emu.outbox.last({ username: 'ada', medium: 'SMS' })!.code;
    const wrong = await call(`/api/sign-in/${start.json.flowId}`, { answer: code === '000000' ? '111111' : '000000' });
    expect(wrong.json.error).toBe('CodeMismatchException');
    const done = await call(`/api/sign-in/${start.json.flowId}`, { answer: code });
    expect(done.json.isSignedIn).toBe(true);
    expect(done.instance).not.toBe(start.instance);
    const setCookie = done.setCookie!;
    expect(setCookie).toMatch(/^sid=[0-9a-f-]{36};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const again = await call(`/api/sign-in/${start.json.flowId}`, { answer: code });
    expect(again.status).toBe(410);
    expect(again.json.error).toBe('FlowNotFound');

    const session = await call('/api/session', undefined, cookie);
    expect(session.status).toBe(200);
    expect(session.json.username).toBe('ada');
    expect(JSON.stringify(session.json)).not.toMatch(/eyJ/); // no token leaves the server
    emu.clock.advance(1_000);
    const refreshed = await call('/api/refresh', {}, cookie);
    expect(refreshed.json.refreshedAt).toBeGreaterThan(0);
    const out = await call('/api/sign-out', {}, cookie);
    expect(out.json.revoked).toBe(true);
    expect((await call('/api/session', undefined, cookie)).status).toBe(401);
    expect((await call('/api/session', undefined, 'sid=not-an-id')).status).toBe(401);
  });
});
