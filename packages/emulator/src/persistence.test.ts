// `--data DIR`: state survives restarts and kill -9; a torn journal line is ignored.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { failure, sdkClient, srpSignIn } from './test-support/harness.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'nextstep-emu-data-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const BIN = fileURLToPath(new URL('../bin/nextstep-emulator.js', import.meta.url));

/** Starts the CLI as a child process; resolves with its endpoint once it listens. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; endpoint: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no endpoint printed: ${out}`)), 30_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}: ${out}`));
    });
  });
  // The pool list is printed just after the endpoint.
  await new Promise((r) => setTimeout(r, 300));
  return { child, endpoint, output: () => out };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function seed(endpoint: string) {
  const cognito = sdkClient({ endpoint } as Emulator);
  const pool = await cognito.send(new CreateUserPoolCommand({ PoolName: 'kept' }));
  const poolId = pool.UserPool!.Id!;
  const client = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
  const clientId = client.UserPoolClient!.ClientId!;
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'kate', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'kate@example.com' }] }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'kate', Password: 'Passw0rd!', Permanent: true }));
  return { cognito, poolId, clientId };
}

describe('persistence (--data)', () => {
  it('the CLI keeps pools, clients and users across kill -9; a torn last journal line is ignored', async () => {
    const dir = tempDir();
    const first = await startCli(['--data', dir]);
    let ids: { poolId: string; clientId: string };
    try {
      ids = await seed(first.endpoint);
    } finally {
      await killHard(first.child);
    }

    // Simulate dying in the middle of the next write.
    appendFileSync(join(dir, 'journal.jsonl'), '{"t":"pool","id":"us-east-1_torn","pool":"{\\"id\\":');
    const second = await startCli(['--data', dir]);
    try {
      const cognito = sdkClient({ endpoint: second.endpoint } as Emulator);
      expect(second.output()).toContain(ids.poolId);
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: ids.poolId, Username: 'kate' }));
      expect(user.UserStatus).toBe('CONFIRMED');
      // The stored verifier still checks the password, by SRP and plainly.
      const srp = await srpSignIn(cognito, { userPoolId: ids.poolId, clientId: ids.clientId, username: 'kate', password: 'Passw0rd!' });
      expect(srp.second.AuthenticationResult?.IdToken).toBeTruthy();
      expect((await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ids.clientId, AuthParameters: { USERNAME: 'kate', PASSWORD: 'wrong' } })))).name).toBe('NotAuthorizedException');
      // The torn pool never existed.
      expect(second.output()).not.toContain('us-east-1_torn');
    } finally {
      await killHard(second.child);
    }
  }, 90_000);

  it('startEmulator({ dataDir }): a clean close compacts into state.json; config pools keep their stored users', async () => {
    const dir = tempDir();
    const config = { pools: [{ id: 'us-east-1_kept', clients: [{ id: 'kept-client' }], users: [{ username: 'seeded', password: 'Passw0rd!' }] }] };
    const a = await startEmulator({ dataDir: dir, config });
    const cognito = sdkClient(a);
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: 'us-east-1_kept', Username: 'later', MessageAction: 'SUPPRESS' }));
    await a.close();
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8')).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).pools['us-east-1_kept']).toBeTruthy();

    const b = await startEmulator({ dataDir: dir, config });
    try {
      const users = await sdkClient(b).send(new ListUsersCommand({ UserPoolId: 'us-east-1_kept' }));
      expect(users.Users?.map((u) => u.Username).sort()).toEqual(['later', 'seeded']);
      // A second emulator may not open a directory in use.
      await expect(startEmulator({ dataDir: dir })).rejects.toThrow(/in use/);
    } finally {
      await b.close();
    }
  });

  it('a corrupt line before the last one is refused, not skipped', async () => {
    const dir = tempDir();
    const a = await startEmulator({ dataDir: dir });
    await seed(a.endpoint);
    // Leave the journal as it is (no compaction): stop without close.
    const journal = join(dir, 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8');
    await a.close();
    appendFileSync(journal, `garbage\n${lines.split('\n')[0]}\n`);
    await expect(startEmulator({ dataDir: dir })).rejects.toThrow(/corrupt/);
  });
});
