// `npm run bench -- emulator`: server CPU per sign-in, the nextstep emulator beside
// moto_server and cognito-local on the same USER_PASSWORD_AUTH load, in one run.
//
// Each server runs as a child process; its CPU time (user + system, of the process and its
// children, from /proc) over the measured sign-ins divided by their number is the figure.
// That is steadier than sign-ins per second on a shared machine, where the load generator
// and the server compete for the same cores. The SRP load (emulator only: the peers do not
// verify SRP) runs its client half in worker threads of this process.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startCognitoLocal, startMoto, startNextstep, treeCpuMs, type Server } from './emulator-servers.js';
import type { BenchSection } from './types.js';

const POOL = 'us-east-1_bench';
const CLIENT = 'bench-client';
const USERS = 20;
const PASSWORD_SIGN_INS = 400;
const WARMUP = 60;
const CONCURRENCY = 8;
const SRP_WORKERS = 2;
const SRP_CONCURRENCY_PER_WORKER = 8;
const SRP_DURATION_MS = 6_000;
const PASSWORD = 'Bench-Passw0rd!';

interface Target {
  server: Server;
  clientId: string;
  userPoolId: string;
  users: string[];
}

function admin(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' }, maxAttempts: 1 });
}

/** Makes a pool, a USER_PASSWORD_AUTH client and confirmed users through the admin API. */
async function provision(server: Server): Promise<Target> {
  const cognito = admin(server.endpoint);
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'bench' }));
  const userPoolId = pool.UserPool!.Id!;
  const client = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'bench', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
  const users: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const username = `bench${i}@example.com`;
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS', TemporaryPassword: PASSWORD }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: PASSWORD, Permanent: true }));
    users.push(username);
  }
  cognito.destroy();
  return { server, clientId: client.UserPoolClient!.ClientId!, userPoolId, users };
}

function caller(endpoint: string) {
  const url = new URL(endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const call = (op: string, body: unknown) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request(
        { host: url.hostname, port: url.port, path: '/', method: 'POST', agent, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}`, 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`${res.statusCode} ${text.slice(0, 200)}`));
            else resolve(JSON.parse(text));
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { call, close: () => agent.destroy() };
}

/** `count` USER_PASSWORD_AUTH sign-ins, `CONCURRENCY` at a time; the first failure message is kept. */
async function passwordSignIns(t: Target, count: number): Promise<{ ok: number; failures: number; firstError?: string }> {
  const { call, close } = caller(t.server.endpoint);
  let next = 0;
  let ok = 0;
  let failures = 0;
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const username = t.users[next++ % t.users.length]!;
        try {
          const out = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: t.clientId, AuthParameters: { USERNAME: username, PASSWORD } });
          if (!out.AuthenticationResult?.AccessToken) throw new Error('no tokens');
          ok++;
        } catch (e) {
          failures++;
          firstError ??= (e as Error).message;
        }
      }
    }),
  );
  close();
  return { ok, failures, firstError };
}

/** Server CPU per password sign-in (after a warm-up). */
async function measurePassword(t: Target) {
  await passwordSignIns(t, WARMUP);
  const cpu0 = treeCpuMs(t.server.pid);
  const t0 = performance.now();
  const r = await passwordSignIns(t, PASSWORD_SIGN_INS);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = treeCpuMs(t.server.pid) - cpu0;
  return { ...r, cpuPerSignIn: cpu / Math.max(1, r.ok), perSecond: r.ok / seconds };
}

/** SRP sign-ins from worker threads for a fixed time (the client half of SRP is costly). */
async function srpLoad(endpoint: string, users: { username: string; password: string }[], durationMs: number) {
  const results = await Promise.all(
    Array.from({ length: SRP_WORKERS }, () =>
      new Promise<{ latencies: number[]; failures: number }>((resolve, reject) => {
        const w = new Worker(new URL('./emulator.worker-boot.mjs', import.meta.url), {
          workerData: { endpoint, userPoolId: POOL, clientId: CLIENT, users, concurrency: SRP_CONCURRENCY_PER_WORKER, durationMs },
        });
        w.once('message', resolve);
        w.once('error', reject);
      }),
    ),
  );
  return { ok: results.reduce((n, r) => n + r.latencies.length, 0), failures: results.reduce((n, r) => n + r.failures, 0) };
}

export async function run(): Promise<BenchSection> {
  const srpUsers = Array.from({ length: USERS }, (_, i) => ({ username: `srp${i}`, password: randomBytes(12).toString('base64') + 'aA1!' }));
  const rows: BenchSection['rows'] = [];
  const notes: string[] = [];

  // The emulator: SRP (its own users) and the shared password load.
  const emu = await startNextstep({ pools: [{ id: POOL, clients: [{ id: CLIENT, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }], users: srpUsers }] });
  let emuPassword: number | undefined;
  try {
    await srpLoad(emu.endpoint, srpUsers, 1500);
    const cpu0 = treeCpuMs(emu.pid);
    const srp = await srpLoad(emu.endpoint, srpUsers, SRP_DURATION_MS);
    const srpCpu = (treeCpuMs(emu.pid) - cpu0) / Math.max(1, srp.ok);
    rows.push({ server: 'nextstep emulator', load: 'USER_SRP_AUTH + PASSWORD_VERIFIER', 'server CPU per sign-in (ms)': srpCpu.toFixed(2), 'sign-ins': srp.ok, failures: srp.failures, 'sign-ins/s': (srp.ok / (SRP_DURATION_MS / 1000)).toFixed(0) });
    const pw = await measurePassword(await provision(emu));
    emuPassword = pw.cpuPerSignIn;
    rows.push({ server: 'nextstep emulator', load: 'USER_PASSWORD_AUTH', 'server CPU per sign-in (ms)': pw.cpuPerSignIn.toFixed(2), 'sign-ins': pw.ok, failures: pw.failures, 'sign-ins/s': pw.perSecond.toFixed(0) });
  } finally {
    await emu.stop();
  }

  for (const start of [startMoto, startCognitoLocal]) {
    let server: Server | undefined;
    try {
      server = await start();
      const pw = await measurePassword(await provision(server));
      rows.push({
        server: server.name,
        load: 'USER_PASSWORD_AUTH',
        'server CPU per sign-in (ms)': pw.ok ? pw.cpuPerSignIn.toFixed(2) : 'n/a',
        'sign-ins': pw.ok,
        failures: pw.failures,
        'sign-ins/s': pw.perSecond.toFixed(0),
      });
      if (pw.ok && emuPassword !== undefined) notes.push(`${server.name} / nextstep server CPU per password sign-in: ${(pw.cpuPerSignIn / emuPassword).toFixed(2)}×.`);
      if (pw.firstError) notes.push(`${server.name} first failure: ${pw.firstError}`);
    } catch (e) {
      rows.push({ server: start === startMoto ? 'moto_server' : 'cognito-local', load: 'USER_PASSWORD_AUTH', 'server CPU per sign-in (ms)': `not run: ${(e as Error).message.slice(0, 120)}` });
    } finally {
      await server?.stop();
    }
  }
  notes.push(
    `Server CPU = user + system time of the server process tree (/proc) over the measured sign-ins, after a warm-up; ${PASSWORD_SIGN_INS} password sign-ins at ${CONCURRENCY} concurrent, SRP for ${SRP_DURATION_MS / 1000} s from ${SRP_WORKERS} worker threads × ${SRP_CONCURRENCY_PER_WORKER}; keep-alive HTTP on 127.0.0.1; Node ${process.version}.`,
    'A sign-in is every call up to tokens: one InitiateAuth (password), or InitiateAuth + RespondToAuthChallenge (SRP). The emulator signs RS256 tokens and verifies SRP for real; moto and cognito-local do not verify SRP, so only the password load is compared.',
  );
  return { title: 'Emulator: server CPU per sign-in, beside moto_server and cognito-local', rows, notes };
}
