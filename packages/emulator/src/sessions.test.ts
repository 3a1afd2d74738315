import { AdminGetUserCommand, AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, srpSignIn, withEmulator } from './test-support/harness.js';
import { secretHash } from './test-support/srp-client.js';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

const POOL = 'us-east-1_sess';
let emu: Emulator;
let cognito: CognitoIdentityProviderClient;
let secret: string;

beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({
    config: {
      pools: [
        {
          id: POOL,
          mfa: 'ON',
          enabledMfas: ['SMS_MFA'],
          clients: [{ id: 'a' }, { id: 'b' }, { id: 'long', authSessionValidity: 15 }, { id: 'sec', secret: true }],
          users: [
            { username: 'sam', password: 'Passw0rd!', attributes: { phone_number: '+15550001111' }, mfa: { sms: true } },
            { username: 'lock', password: 'Passw0rd!' },
          ],
        },
        { id: 'us-east-1_sessOff', clients: [{ id: 'off' }, { id: 'offsec', secret: 'the-client-secret' }], users: [{ username: 'lock', password: 'Passw0rd!' }] },
      ],
    },
  }));
  secret = emu.pools()[0]!.clients.find((c) => c.clientId === 'sec')!.clientSecret!;
});
afterAll(() => emu.close());

const answerSms = (clientId: string, session: string | undefined, code: string) =>
  cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'SMS_MFA', Session: session, ChallengeResponses: { USERNAME: 'sam', SMS_MFA_CODE: code } }));

describe('sessions', () => {
  it('expire after the client AuthSessionValidity on the movable clock', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'a', username: 'sam', password: 'Passw0rd!' });
    emu.clock.advance(3 * 60_000 + 1000);
    const err = await failure(answerSms('a', second.Session, emu.outbox.last({ username: 'sam' })!.code));
    expect(err).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });

  it('live longer on a client with AuthSessionValidity 15', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'long', username: 'sam', password: 'Passw0rd!' });
    emu.clock.advance(14 * 60_000);
    const ok = await answerSms('long', second.Session, emu.outbox.last({ username: 'sam' })!.code);
    expect(ok.AuthenticationResult).toBeTruthy();
  });

  it('are bound to their app client', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'a', username: 'sam', password: 'Passw0rd!' });
    const code = emu.outbox.last({ username: 'sam' })!.code;
    const err = await failure(answerSms('b', second.Session, code));
    expect(err.name).toBe('NotAuthorizedException');
    // The foreign attempt did not spend it.
    expect((await answerSms('a', second.Session, code)).AuthenticationResult).toBeTruthy();
  });

  it('are bound to their user', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'a', username: 'sam', password: 'Passw0rd!' });
    const err = await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'a', ChallengeName: 'SMS_MFA', Session: second.Session, ChallengeResponses: { USERNAME: 'lock', SMS_MFA_CODE: '123456' } })));
    expect(err.name).toBe('NotAuthorizedException');
  });

  it('two concurrent answers with one Session: exactly one wins', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'a', username: 'sam', password: 'Passw0rd!' });
    const code = emu.outbox.last({ username: 'sam' })!.code;
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => answerSms('a', second.Session, code)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as Error).name).toBe('NotAuthorizedException');
  });

  it('refuse garbage and a challenge name the session does not expect', async () => {
    const garbage = await failure(answerSms('a', 'x'.repeat(40), '123456'));
    expect(garbage).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'a', username: 'sam', password: 'Passw0rd!' });
    const wrongName = await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'a', ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: second.Session, ChallengeResponses: { USERNAME: 'sam', SOFTWARE_TOKEN_MFA_CODE: '123456' } })));
    expect(wrongName.name).toBe('InvalidParameterException');
  });
});

describe('AdminInitiateAuth / AdminRespondToAuthChallenge', () => {
  it('ADMIN_USER_PASSWORD_AUTH signs in through the same challenges; the pool must be the client\'s', async () => {
    const first = await cognito.send(new AdminInitiateAuthCommand({ UserPoolId: POOL, ClientId: 'a', AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'sam', PASSWORD: 'Passw0rd!' } }));
    expect(first.ChallengeName).toBe('SMS_MFA');
    const done = await cognito.send(new AdminRespondToAuthChallengeCommand({ UserPoolId: POOL, ClientId: 'a', ChallengeName: 'SMS_MFA', Session: first.Session, ChallengeResponses: { USERNAME: 'sam', SMS_MFA_CODE: emu.outbox.last({ username: 'sam' })!.code } }));
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    expect((await failure(cognito.send(new AdminInitiateAuthCommand({ UserPoolId: 'us-east-1_sessOff', ClientId: 'a', AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'sam', PASSWORD: 'Passw0rd!' } })))).name).toBe('ResourceNotFoundException');
    expect((await failure(cognito.send(new InitiateAuthCommand({ ClientId: 'a', AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'sam', PASSWORD: 'Passw0rd!' } })))).name).toBe('InvalidParameterException');
    expect((await failure(cognito.send(new AdminInitiateAuthCommand({ UserPoolId: POOL, ClientId: 'a', AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'sam', PASSWORD: 'wrong-pass' } })))).name).toBe('NotAuthorizedException');
  });
});

describe('SECRET_HASH', () => {
  it('is required and checked for a client with a secret', async () => {
    const missing = await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'sec', AuthParameters: { USERNAME: 'lock', PASSWORD: 'Passw0rd!' } })));
    expect(missing.name).toBe('NotAuthorizedException');
    const wrong = await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'sec', AuthParameters: { USERNAME: 'lock', PASSWORD: 'Passw0rd!', SECRET_HASH: secretHash('not-it', 'lock', 'sec') } })));
    expect(wrong).toMatchObject({ name: 'NotAuthorizedException', message: 'Unable to verify secret hash for client sec' });
    expect(wrong.message).not.toContain(secret);
    const ok = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'offsec', AuthParameters: { USERNAME: 'lock', PASSWORD: 'Passw0rd!', SECRET_HASH: secretHash('the-client-secret', 'lock', 'offsec') } }));
    expect(ok.AuthenticationResult).toBeTruthy();
    const srp = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'sec', username: 'sam', password: 'Passw0rd!', clientSecret: secret });
    expect(srp.second.ChallengeName).toBe('SMS_MFA');
  });
});

describe('lockout', () => {
  it('locks after 5 failures with growing delays, and a success after the delay resets it', async () => {
    const attempt = (password: string) => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'off', AuthParameters: { USERNAME: 'lock', PASSWORD: password } }));
    for (let i = 0; i < 5; i++) expect((await failure(attempt('bad'))).message).toBe('Incorrect username or password.');
    // Locked: even the right password is refused.
    expect(await failure(attempt('Passw0rd!'))).toMatchObject({ name: 'NotAuthorizedException', message: 'Password attempts exceeded' });
    emu.clock.advance(1_100);
    expect((await failure(attempt('bad'))).message).toBe('Incorrect username or password.');
    emu.clock.advance(1_100);
    expect((await failure(attempt('Passw0rd!'))).message).toBe('Password attempts exceeded');
    emu.clock.advance(1_000);
    expect((await attempt('Passw0rd!')).AuthenticationResult).toBeTruthy();
    expect((await failure(attempt('bad'))).message).toBe('Incorrect username or password.');
    expect((await attempt('Passw0rd!')).AuthenticationResult).toBeTruthy();
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_sessOff', Username: 'lock' }));
    expect(user.UserStatus).toBe('CONFIRMED');
  });
});
