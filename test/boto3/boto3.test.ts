// Runs the boto3 suites (Python's AWS SDK, written by others) against an emulator started
// here; they create their own pools, with LambdaConfig ARNs mapped to the functions below.
import { spawn, spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type TriggerFunction } from '@nextstep/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

const lambdas: Record<string, TriggerFunction> = {
  [ARN('PreSignUp')]: (event) => {
    if (String(event.request.userAttributes.email ?? '').endsWith('@auto.test')) {
      event.response.autoConfirmUser = true;
      event.response.autoVerifyEmail = true;
    }
    return event;
  },
  [ARN('PreAuthentication')]: (event) => {
    if (event.userName.startsWith('blocked')) throw new Error('blocked by policy');
    return event;
  },
  [ARN('PreTokenGeneration')]: (event) => {
    event.response.claimsAndScopeOverrideDetails = {
      idTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' } },
      accessTokenGeneration: { claimsToAddOrOverride: { tier: 'gold' }, scopesToAdd: ['orders/read'] },
    };
    return event;
  },
  [ARN('UserMigration')]: (event) => {
    if (event.request.password !== 'Legacy-Passw0rd') throw new Error('Bad password');
    event.response.userAttributes = { email: `${event.userName}@legacy.test`, email_verified: 'true' };
    event.response.messageAction = 'SUPPRESS';
    return event;
  },
};

function python(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', args, { cwd: here, env: { ...process.env, ...env, PYTHONDONTWRITEBYTECODE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function havePython(): boolean {
  return spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' }).status === 0;
}

describe.skipIf(!havePython() && !process.env.CI)('boto3 suites', () => {
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  beforeAll(async () => {
    emu = await startEmulator({
      lambdas,
      config: { pools: [{ id: 'us-east-1_boto3sec', clients: [{ id: 'boto3-client' }] }] },
    });
  });
  afterAll(() => emu?.close());

  for (const suite of ['test_triggers', 'test_security', 'test_persistence']) {
    it(`${suite}.py passes`, async () => {
      // Asynchronously: the emulator answering the suite runs in this process.
      const run = await python(['-m', 'unittest', '-v', suite], { EMULATOR_ENDPOINT: emu.endpoint, EMULATOR_POOL: 'us-east-1_boto3sec', EMULATOR_CLIENT: 'boto3-client', NODE_BINARY: process.execPath });
      // unittest reports on stderr; show it whole when something failed.
      expect(run.status, `${run.stderr}\n${run.stdout}`).toBe(0);
      expect(run.stderr).toMatch(/\nOK/);
    }, 150_000);
  }
});
