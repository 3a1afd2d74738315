import { InitiateAuthCommand, RespondToAuthChallengeCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, sdkClient, srpSignIn, withEmulator } from './test-support/harness.js';

const POOL = 'us-east-1_faults';
let emu: Emulator;
let cognito: CognitoIdentityProviderClient;
beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({ config: { pools: [{ id: POOL, mfa: 'OPTIONAL', clients: [{ id: 'c' }], users: [{ username: 'u', password: 'Passw0rd!', attributes: { phone_number: '+15550001234' }, mfa: { sms: true } }] }] } }));
});
afterAll(() => emu.close());

const signIn = (client = cognito) => client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', PASSWORD: 'Passw0rd!' } }));

describe('fault injection', () => {
  it('throttle → TooManyRequestsException (400), consumed after `times`', async () => {
    emu.faults.add({ operation: 'InitiateAuth', kind: 'throttle', times: 2 });
    expect(await failure(signIn())).toMatchObject({ name: 'TooManyRequestsException', status: 400 });
    expect((await failure(signIn())).name).toBe('TooManyRequestsException');
    expect((await signIn()).ChallengeName).toBe('SMS_MFA');
  });

  it('the SDK retries a single throttle by itself', async () => {
    emu.faults.add({ operation: 'InitiateAuth', kind: 'throttle' });
    expect((await signIn(sdkClient(emu, 3))).ChallengeName).toBe('SMS_MFA');
  });

  it('server-error answers the given 5xx; "*" matches every operation', async () => {
    emu.faults.add({ operation: '*', kind: 'server-error', status: 503 });
    expect(await failure(signIn())).toMatchObject({ name: 'InternalErrorException', status: 503 });
    emu.faults.add({ operation: 'InitiateAuth', kind: 'server-error' });
    expect((await failure(signIn())).status).toBe(500);
  });

  it('latency delays the answer', async () => {
    emu.faults.add({ operation: 'InitiateAuth', kind: 'latency', latencyMs: 300 });
    const t = Date.now();
    await signIn();
    expect(Date.now() - t).toBeGreaterThanOrEqual(280);
  });

  it('drop closes the connection without an answer, and the server keeps serving', async () => {
    emu.faults.add({ operation: 'InitiateAuth', kind: 'drop' });
    const err = await failure(signIn());
    expect(err.name).not.toBe('NotAuthorizedException');
    expect((await signIn()).ChallengeName).toBe('SMS_MFA');
  });

  it('unknown-challenge holds back the real answer until the unknown challenge is answered', async () => {
    emu.faults.add({ operation: 'RespondToAuthChallenge', kind: 'unknown-challenge', challengeName: 'PASSKEY_V2', challengeParameters: { NONCE: 'abc' }, expectedAnswer: 'ok' });
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'c', username: 'u', password: 'Passw0rd!' });
    expect(second).toMatchObject({ ChallengeName: 'PASSKEY_V2', ChallengeParameters: { NONCE: 'abc' } });
    const respond = (name: string, session: string | undefined, r: Record<string, string>) => cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'c', ChallengeName: name as ChallengeNameType, Session: session, ChallengeResponses: { USERNAME: 'u', ...r } }));
    expect((await failure(respond('PASSKEY_V2', second.Session, { ANSWER: 'nope' }))).name).toBe('CodeMismatchException');
    const resumed = await respond('PASSKEY_V2', second.Session, { ANSWER: 'ok' });
    expect(resumed.ChallengeName).toBe('SMS_MFA');
    const done = await respond('SMS_MFA', resumed.Session, { SMS_MFA_CODE: emu.outbox.last({ username: 'u' })!.code });
    expect(done.AuthenticationResult).toBeTruthy();
  });

  it('faults.add validates its input; clear() removes pending faults', async () => {
    expect(() => emu.faults.add({ operation: '', kind: 'throttle' })).toThrow(TypeError);
    expect(() => emu.faults.add({ operation: 'X', kind: 'explode' as never })).toThrow(TypeError);
    emu.faults.add({ operation: 'InitiateAuth', kind: 'throttle', times: 5 });
    emu.faults.clear();
    expect((await signIn()).ChallengeName).toBe('SMS_MFA');
  });
});

describe('CLI', () => {
  it('starts from a config file, prints endpoint, pool, client, and each code it sends', async () => {
    const bin = fileURLToPath(new URL('../bin/nextstep-emulator.js', import.meta.url));
    const dir = fileURLToPath(new URL('./test-support/', import.meta.url));
    const child = spawn(process.execPath, [bin, '--port', '0', '--config', `${dir}cli-pool.json`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no endpoint printed: ${out}`)), 20_000);
        child.stdout.on('data', () => {
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(out).toContain('us-east-1_cli');
      expect(out).toContain('cli-client');
      const client = sdkClient({ endpoint } as Emulator);
      const res = await client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'cli-client', AuthParameters: { USERNAME: 'ann', PASSWORD: 'Passw0rd!' } }));
      expect(res.ChallengeName).toBe('SMS_MFA');
      await new Promise((r) => setTimeout(r, 200));
      expect(out).toMatch(/\[sms\] MFA to \+15550007777 .*: \d{6}/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
