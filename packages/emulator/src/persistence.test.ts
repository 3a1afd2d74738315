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
  RespondToAuthChallengeCommand,
  GetTokensFromRefreshTokenCommand,
  RevokeTokenCommand,
  GetUserCommand,
  AdminListUserAuthEventsCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { failure, sdkClient, srpSignIn } from './test-support/harness.js';
import { SrpClientSession } from './test-support/srp-client.js';

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
async function startCli(args: string[], port = 0): Promise<{ child: ChildProcess; endpoint: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, '--port', String(port), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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

  it('kill -9 keeps signing keys, refresh tokens, revocations, auth events and an SRP sign-in half done', async () => {
    const dir = tempDir();
    const first = await startCli(['--data', dir]);
    // The restart listens where the first one did: tokens name their issuer by URL.
    const port = Number(new URL(first.endpoint).port);
    let ids: { poolId: string; clientId: string };
    let before: { idToken: string; accessToken: string; refresh: string; revokedRefresh: string; session: string; params: Record<string, string>; jwks: unknown };
    let srp!: SrpClientSession;
    try {
      const { cognito, ...rest } = await seed(first.endpoint);
      ids = rest;
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId: ids.poolId, UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } }));
      const signIn = () => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ids.clientId, AuthParameters: { USERNAME: 'kate', PASSWORD: 'Passw0rd!' } }));
      const kept = (await signIn()).AuthenticationResult!;
      const revoked = (await signIn()).AuthenticationResult!;
      await cognito.send(new RevokeTokenCommand({ ClientId: ids.clientId, Token: revoked.RefreshToken! }));
      // The first half of an SRP sign-in: the Session and the server's B are on disk.
      srp = new SrpClientSession(ids.poolId);
      const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: ids.clientId, AuthParameters: { USERNAME: 'kate', SRP_A: srp.srpA } }));
      const jwks = await (await fetch(`${first.endpoint}/${ids.poolId}/.well-known/jwks.json`)).json();
      before = { idToken: kept.IdToken!, accessToken: kept.AccessToken!, refresh: kept.RefreshToken!, revokedRefresh: revoked.RefreshToken!, session: started.Session!, params: started.ChallengeParameters!, jwks };
    } finally {
      await killHard(first.child);
    }

    const second = await startCli(['--data', dir], port);
    try {
      const cognito = sdkClient({ endpoint: second.endpoint } as Emulator);
      // Same JWKS: a token issued before the restart verifies against what is served now.
      const jwksUrl = new URL(`${second.endpoint}/${ids.poolId}/.well-known/jwks.json`);
      expect(await (await fetch(jwksUrl)).json()).toEqual(before.jwks);
      const { payload } = await jwtVerify(before.idToken, createRemoteJWKSet(jwksUrl), { audience: ids.clientId, issuer: `${second.endpoint}/${ids.poolId}` });
      expect(payload['cognito:username']).toBe('kate');
      // The old access token is still accepted by the emulator itself.
      expect((await cognito.send(new GetUserCommand({ AccessToken: before.accessToken }))).Username).toBe('kate');
      // The old refresh token refreshes; the revoked one stays revoked.
      const refreshed = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ids.clientId, AuthParameters: { REFRESH_TOKEN: before.refresh } }));
      await jwtVerify(refreshed.AuthenticationResult!.IdToken!, createRemoteJWKSet(jwksUrl));
      expect((await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ids.clientId, AuthParameters: { REFRESH_TOKEN: before.revokedRefresh } })))).name).toBe('NotAuthorizedException');
      // The SRP sign-in begun before the kill finishes after it.
      const done = await cognito.send(
        new RespondToAuthChallengeCommand({ ClientId: ids.clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: before.session, ChallengeResponses: srp.claim(before.params, 'Passw0rd!') }),
      );
      expect(done.AuthenticationResult?.IdToken).toBeTruthy();
      // ... and only once.
      const again = await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: ids.clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: before.session, ChallengeResponses: srp.claim(before.params, 'Passw0rd!') })));
      expect(again.name).toBe('NotAuthorizedException');
      // The two sign-ins of before the restart are listed with the new one.
      const events = await cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId: ids.poolId, Username: 'kate' }));
      expect(events.AuthEvents!.filter((e) => e.EventType === 'SignIn' && e.EventResponse === 'Pass')).toHaveLength(3);
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

  it('compaction keeps the refresh-token rotation state: a rotated-out token stays out after a restart', async () => {
    const dir = tempDir();
    const a = await startEmulator({ dataDir: dir });
    const port = a.port;
    const { cognito, poolId } = await seed(a.endpoint);
    const client = await cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'rotating', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } }),
    );
    const clientId = client.UserPoolClient!.ClientId!;
    const signedIn = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'kate', PASSWORD: 'Passw0rd!' } }));
    const rotated = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: signedIn.AuthenticationResult!.RefreshToken! }));
    await a.close();
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8')).toBe('');
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).kept).sort()).toEqual(['authEvents', 'sessions', 'tokens']);

    const b = await startEmulator({ dataDir: dir, port });
    try {
      const again = sdkClient(b);
      const old = await failure(again.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: signedIn.AuthenticationResult!.RefreshToken! })));
      expect(old.name).toBe('RefreshTokenReuseException');
      const next = await again.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: rotated.AuthenticationResult!.RefreshToken! }));
      expect((await again.send(new GetUserCommand({ AccessToken: next.AuthenticationResult!.AccessToken! }))).Username).toBe('kate');
    } finally {
      await b.close();
    }
  });

  it('a crash between state.json and the journal reset replays nothing twice', async () => {
    const dir = tempDir();
    const a = await startEmulator({ dataDir: dir });
    const port = a.port;
    const { cognito, poolId, clientId } = await seed(a.endpoint);
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: poolId, UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }));
    const signIn = () => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'kate', PASSWORD: 'Passw0rd!' } }));
    await signIn();
    const revoked = (await signIn()).AuthenticationResult!.RefreshToken!;
    await cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: revoked }));
    const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
    await a.close();
    // As if the process died after the rename of state.json, before the journal was emptied.
    appendFileSync(join(dir, 'journal.jsonl'), journal);

    const b = await startEmulator({ dataDir: dir, port });
    try {
      const again = sdkClient(b);
      const events = await again.send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'kate' }));
      expect(events.AuthEvents).toHaveLength(2);
      const r = await failure(again.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: revoked } })));
      expect(r.name).toBe('NotAuthorizedException');
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
