import { AdminCreateUserCommand, AdminSetUserPasswordCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './index.js';
import { failure, sdkClient, srpSignIn } from './test-support/harness.js';
import { secretHash } from './test-support/srp-client.js';

describe('startEmulator API', () => {
  it('createPool adds a pool at runtime and returns generated ids and secrets; pools() lists them', async () => {
    const emu = await startEmulator();
    try {
      expect(emu.pools()).toEqual([]);
      const created = await emu.createPool({ name: 'late', clients: [{ name: 'web', secret: true }, { name: 'spa' }], users: [{ username: 'zoe', password: 'Passw0rd!' }] });
      expect(created.userPoolId).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
      expect(created.clients).toHaveLength(2);
      const web = created.clients.find((c) => c.name === 'web')!;
      const spa = created.clients.find((c) => c.name === 'spa')!;
      expect(web.clientSecret).toBeTruthy();
      expect(spa.clientSecret).toBeUndefined();
      expect(emu.pools()).toEqual([created]);
      const cognito = sdkClient(emu);
      const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: web.clientId, AuthParameters: { USERNAME: 'zoe', PASSWORD: 'Passw0rd!', SECRET_HASH: secretHash(web.clientSecret!, 'zoe', web.clientId) } }));
      expect(out.AuthenticationResult).toBeTruthy();
      await expect(emu.createPool({ id: created.userPoolId })).rejects.toThrow(/exists already/);
      await expect(emu.createPool({ id: 'bad id' })).rejects.toThrow(/region_suffix/);
      await expect(emu.createPool({ users: [{ username: 'x', mfa: { sms: true } }] })).rejects.toThrow(/phone_number/);
    } finally {
      await emu.close();
    }
  });

  it('temporary passwords expire after the pool TemporaryPasswordValidityDays; AdminSetUserPassword renews them', async () => {
    const emu = await startEmulator({ config: { pools: [{ id: 'us-east-1_temp', passwordPolicy: { temporaryPasswordValidityDays: 2 }, clients: [{ id: 'c' }], users: [{ username: 'seeded', password: 'Temporary-1', status: 'FORCE_CHANGE_PASSWORD' }] }] } });
    try {
      const cognito = sdkClient(emu);
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: 'us-east-1_temp', Username: 'new', TemporaryPassword: 'Temporary-1', MessageAction: 'SUPPRESS' }));
      const signIn = (username: string) => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: username, PASSWORD: 'Temporary-1' } }));
      emu.clock.advance(2 * 86_400_000 - 60_000);
      expect((await signIn('new')).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      emu.clock.advance(120_000);
      for (const u of ['new', 'seeded']) {
        expect(await failure(signIn(u))).toMatchObject({ name: 'NotAuthorizedException', message: 'Temporary password has expired and must be reset by an administrator.' });
      }
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: 'us-east-1_temp', Username: 'new', Password: 'Temporary-1', Permanent: false }));
      expect((await signIn('new')).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    } finally {
      await emu.close();
    }
  });

  it('refuses a broken config at start with a clear error', async () => {
    await expect(startEmulator({ config: { pools: [{ id: 'us-east-1_x', clients: [{ explicitAuthFlows: ['ALLOW_MAGIC'] }] }] } })).rejects.toThrow(/pools\[0\]\.clients\[0\]\.explicitAuthFlows\[0\]: must be one of "ALLOW_USER_SRP_AUTH"/);
    await expect(startEmulator({ config: '/nonexistent/pool.json' })).rejects.toThrow();
  });

  it('log lines name operations and statuses, never passwords, codes, sessions or tokens', async () => {
    const lines: string[] = [];
    const emu = await startEmulator({ log: (l) => lines.push(l), config: { pools: [{ id: 'us-east-1_log', mfa: 'ON', enabledMfas: ['SMS_MFA'], clients: [{ id: 'c' }], users: [{ username: 'u', password: 'Very-secret-pw', attributes: { phone_number: '+15550000000' } }] }] } });
    try {
      const cognito = sdkClient(emu);
      const { second } = await srpSignIn(cognito, { userPoolId: 'us-east-1_log', clientId: 'c', username: 'u', password: 'Very-secret-pw' });
      const code = emu.outbox.last({ username: 'u' })!.code;
      await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'c', ChallengeName: 'SMS_MFA', Session: second.Session, ChallengeResponses: { USERNAME: 'u', SMS_MFA_CODE: code === '000000' ? '111111' : '000000' } })));
      const done = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'c', ChallengeName: 'SMS_MFA', Session: second.Session, ChallengeResponses: { USERNAME: 'u', SMS_MFA_CODE: code } }));
      await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', AuthParameters: { USERNAME: 'u', PASSWORD: 'Wrong-secret-pw' } })));
      const text = lines.join('\n');
      expect(text).toContain('InitiateAuth 200');
      expect(text).toContain('CodeMismatchException');
      for (const secret of ['Very-secret-pw', 'Wrong-secret-pw', code, second.Session!, done.AuthenticationResult!.AccessToken!]) expect(text).not.toContain(secret);
    } finally {
      await emu.close();
    }
  });
});
