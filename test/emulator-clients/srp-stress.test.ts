// Hundreds of SRP sign-ins with random user names and passwords (and the emulator's random
// salts) through amazon-cognito-identity-js, which implements Cognito's SRP on its own: any
// padding or encoding slip on either side (odd-length SRP_B, top-bit A/S, leading zeros)
// shows up as a NotAuthorizedException within a few hundred tries. Zero failures allowed.
// A smaller run goes through aws-amplify v6, whose SRP code is a separate implementation.
import { randomBytes, randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPassword, start, type Emulator } from './support.js';

// Measured: ~225 ms of CPU per sign-in (client jsbn SRP + emulator), so 200 sign-ins on two
// worker threads take ~23 s on two idle cores. The timeout leaves room for a shared machine.
const COUNT = Number(process.env.SRP_STRESS_COUNT ?? 200);
// Amplify v6 has an SRP implementation of its own: a smaller run through it as well.
const AMPLIFY_COUNT = Number(process.env.SRP_STRESS_AMPLIFY_COUNT ?? 40);
const WORKERS = Math.max(1, Math.min(2, availableParallelism()));
const POOL = 'us-east-1_srpStress1';
const CLIENT = 'srpstressclient';

type Outcome = { username: string; ok: boolean; ms: number; error?: string; name?: string; sub?: string };

function randomUsername(i: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789._-';
  let s = '';
  for (let n = randomInt(1, 24); n > 0; n--) s += alphabet[randomInt(0, alphabet.length)];
  return `u${i}${s}${randomBytes(2).toString('hex')}`;
}

function runWorker(emu: Emulator, users: { username: string; password: string }[], script = './srp-worker.mjs'): Promise<Outcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(script, import.meta.url), {
      workerData: { endpoint: emu.endpoint, userPoolId: POOL, clientId: CLIENT, users, concurrency: 2 },
    });
    worker.once('message', (m: Outcome[]) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`SRP worker exited with ${code}`));
    });
  });
}

let emu: Emulator;
const users = Array.from({ length: COUNT }, (_, i) => ({ username: randomUsername(i), password: randomPassword() }));
const amplifyUsers = Array.from({ length: AMPLIFY_COUNT }, (_, i) => ({ username: randomUsername(COUNT + i), password: randomPassword() }));

beforeAll(async () => {
  emu = await start({
    pools: [
      {
        id: POOL,
        name: 'srp-stress',
        mfa: 'OFF',
        clients: [{ id: CLIENT, name: 'web', secret: false, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
        users: [...users, ...amplifyUsers].map((u) => ({ ...u, status: 'CONFIRMED' })),
      },
    ],
  });
});

afterAll(async () => {
  await emu?.close();
});

describe('SRP under load (amazon-cognito-identity-js, aws-amplify)', () => {
  it(`${COUNT} random SRP sign-ins, zero failures`, { timeout: 300_000 }, async () => {
    const shards = Array.from({ length: WORKERS }, (_, w) => users.filter((_, i) => i % WORKERS === w));
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const outcomes = (await Promise.all(shards.map((s) => runWorker(emu, s)))).flat();
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const failures = outcomes.filter((o) => !o.ok);
    // Names only in the report: passwords stay out of logs.
    expect(failures.map((f) => `${f.username}: ${f.error}`)).toEqual([]);
    expect(outcomes).toHaveLength(COUNT);
    for (const o of outcomes) expect(o.name).toBe(o.username);
    expect(new Set(outcomes.map((o) => o.sub)).size).toBe(COUNT);
    const cpuPerSignIn = Math.round((cpu.user + cpu.system) / 1000 / COUNT);
    console.info(`SRP stress: ${COUNT} sign-ins in ${Math.round(elapsed)} ms on ${WORKERS} worker(s), ~${cpuPerSignIn} ms CPU each`);
  });

  it(`${AMPLIFY_COUNT} random SRP sign-ins through aws-amplify v6, zero failures`, { timeout: 300_000 }, async () => {
    const half = Math.ceil(amplifyUsers.length / WORKERS);
    const shards = Array.from({ length: WORKERS }, (_, w) => amplifyUsers.slice(w * half, (w + 1) * half));
    const outcomes = (await Promise.all(shards.map((s) => runWorker(emu, s, './srp-worker-amplify.mjs')))).flat();
    expect(outcomes.filter((o) => !o.ok).map((f) => `${f.username}: ${f.error}`)).toEqual([]);
    expect(outcomes).toHaveLength(AMPLIFY_COUNT);
    for (const o of outcomes) expect(o.name).toBe(o.username);
  });

  it('a wrong password among random ones is still refused', async () => {
    const { username, password } = users[randomInt(0, users.length)];
    const [outcome] = await runWorker(emu, [{ username, password: password + 'x' }]);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/^NotAuthorizedException/);
  });
});
