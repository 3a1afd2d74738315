import { InitiateAuthCommand, RespondToAuthChallengeCommand, GetUserCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, srpSignIn, withEmulator } from './test-support/harness.js';
import { cognitoTimestamp } from './test-support/srp-client.js';

const POOL = 'us-east-1_signin';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
let emu: Emulator;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({
    config: {
      pools: [
        {
          id: POOL,
          mfa: 'OPTIONAL',
          clients: [{ id: 'app' }, { id: 'srp-only', explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }],
          users: [
            { username: 'alice', password: 'Passw0rd!', attributes: { email: 'alice@example.com' } },
            { username: 'sms', password: 'Passw0rd!', attributes: { phone_number: '+14155550100' }, mfa: { sms: true } },
            { username: 'totp', password: 'Passw0rd!', mfa: { totp: { secret: TOTP_SECRET } } },
          ],
        },
      ],
    },
  }));
});
afterAll(() => emu.close());

describe('USER_SRP_AUTH', () => {
  it('signs in with a verified SRP claim and returns Cognito-shaped tokens', async () => {
    const { first, second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'app', username: 'alice', password: 'Passw0rd!' });
    const p = first.ChallengeParameters!;
    expect(p.USER_ID_FOR_SRP).toBe('alice');
    expect(p.USERNAME).toBe('alice');
    expect(p.SRP_B).toMatch(/^[0-9a-f]+$/);
    expect(p.SRP_B!.startsWith('0')).toBe(false);
    expect(Buffer.from(p.SECRET_BLOCK!, 'base64').length).toBeGreaterThan(16);
    const r = second.AuthenticationResult!;
    expect(r.TokenType).toBe('Bearer');
    expect(r.ExpiresIn).toBe(3600);
    expect(r.RefreshToken).toBeTruthy();
    const jwks = createRemoteJWKSet(new URL(`${emu.endpoint}/${POOL}/.well-known/jwks.json`));
    const { payload: id } = await jwtVerify(r.IdToken!, jwks, { issuer: `${emu.endpoint}/${POOL}`, audience: 'app' });
    expect(id.token_use).toBe('id');
    expect(id['cognito:username']).toBe('alice');
    expect(id.email).toBe('alice@example.com');
    const access = decodeJwt(r.AccessToken!);
    expect(access).toMatchObject({ token_use: 'access', client_id: 'app', username: 'alice', scope: 'aws.cognito.signin.user.admin', sub: id.sub });
    const me = await cognito.send(new GetUserCommand({ AccessToken: r.AccessToken }));
    expect(me.Username).toBe('alice');
  });

  it('accepts a zero-padded day in TIMESTAMP', async () => {
    const d = new Date(Date.UTC(2024, 7, 6, 9, 5, 3));
    const ts = cognitoTimestamp(d, true);
    expect(ts).toBe('Tue Aug 06 09:05:03 UTC 2024');
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'app', username: 'alice', password: 'Passw0rd!', claim: { timestamp: ts } });
    expect(second.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('refuses a wrong password with NotAuthorizedException and kills the session', async () => {
    const err = await failure(srpSignIn(cognito, { userPoolId: POOL, clientId: 'app', username: 'alice', password: 'wrong-password' }));
    expect(err).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.', status: 400 });
  });

  it('refuses a malformed TIMESTAMP', async () => {
    const err = await failure(srpSignIn(cognito, { userPoolId: POOL, clientId: 'app', username: 'alice', password: 'Passw0rd!', claim: { timestamp: '2024-08-06T09:05:03Z' } }));
    expect(err.name).toBe('InvalidParameterException');
  });

  it('answers UserNotFoundException for an unknown user', async () => {
    const err = await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'app', AuthParameters: { USERNAME: 'nobody', SRP_A: 'abc' } })));
    expect(err.name).toBe('UserNotFoundException');
  });
});

describe('USER_PASSWORD_AUTH', () => {
  it('signs in', async () => {
    const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'app', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' } }));
    expect(out.AuthenticationResult?.IdToken).toBeTruthy();
  });
  it('is refused when the client does not enable it', async () => {
    const err = await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'srp-only', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' } })));
    expect(err).toMatchObject({ name: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' });
  });
});

describe('MFA codes', () => {
  it('SMS_MFA: sends a 6-digit code to the outbox; wrong code → CodeMismatch, same Session answers again', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'app', username: 'sms', password: 'Passw0rd!' });
    expect(second.ChallengeName).toBe('SMS_MFA');
    expect(second.ChallengeParameters).toEqual({ CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0100' });
    const msg = emu.outbox.last({ username: 'sms', purpose: 'MFA' })!;
    expect(msg).toMatchObject({ medium: 'SMS', destination: '+14155550100', userPoolId: POOL });
    expect(msg.code).toMatch(/^\d{6}$/);
    const wrong = msg.code === '000000' ? '111111' : '000000';
    const err = await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'app', ChallengeName: 'SMS_MFA', Session: second.Session, ChallengeResponses: { USERNAME: 'sms', SMS_MFA_CODE: wrong } })));
    expect(err).toMatchObject({ name: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' });
    const ok = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'app', ChallengeName: 'SMS_MFA', Session: second.Session, ChallengeResponses: { USERNAME: 'sms', SMS_MFA_CODE: msg.code } }));
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();
    const again = await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'app', ChallengeName: 'SMS_MFA', Session: second.Session, ChallengeResponses: { USERNAME: 'sms', SMS_MFA_CODE: msg.code } })));
    expect(again).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session can only be used once.' });
  });

  it('SOFTWARE_TOKEN_MFA: checks the code against the user secret on the emulator clock', async () => {
    const { second } = await srpSignIn(cognito, { userPoolId: POOL, clientId: 'app', username: 'totp', password: 'Passw0rd!' });
    expect(second.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(second.ChallengeParameters?.FRIENDLY_DEVICE_NAME).toBeTruthy();
    // A code from ten minutes ago is stale.
    const stale = emu.totpCode(POOL, 'totp', emu.clock.now() - 600_000);
    const current = emu.totpCode(POOL, 'totp');
    if (stale !== current) {
      const err = await failure(cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'app', ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: second.Session, ChallengeResponses: { USERNAME: 'totp', SOFTWARE_TOKEN_MFA_CODE: stale } })));
      expect(err.name).toBe('CodeMismatchException');
    }
    const ok = await cognito.send(new RespondToAuthChallengeCommand({ ClientId: 'app', ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: second.Session, ChallengeResponses: { USERNAME: 'totp', SOFTWARE_TOKEN_MFA_CODE: current } }));
    expect(ok.AuthenticationResult?.IdToken).toBeTruthy();
  });
});
