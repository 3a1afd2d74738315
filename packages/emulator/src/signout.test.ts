import {
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, withEmulator } from './test-support/harness.js';

const POOL = 'us-east-1_signout';
let emu: Emulator;
let cognito: CognitoIdentityProviderClient;
beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({
    config: { pools: [{ id: POOL, clients: [{ id: 'c' }, { id: 'other' }, { id: 'sec', secret: 'client-secret-value' }], users: [{ username: 'u', password: 'Passw0rd!' }, { username: 'v', password: 'Passw0rd!' }] }] },
  }));
});
afterAll(() => emu.close());

const signIn = async (username = 'u', password = 'Passw0rd!', clientId = 'c', extra: Record<string, string> = {}) =>
  (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password, ...extra } }))).AuthenticationResult!;

describe('GetTokensFromRefreshToken', () => {
  it('returns new tokens of the same family; ClientSecret is required for secret clients', async () => {
    const t = await signIn();
    const out = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'c', RefreshToken: t.RefreshToken }));
    expect(out.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(out.AuthenticationResult?.RefreshToken).toBeUndefined();
    expect(decodeJwt(out.AuthenticationResult!.AccessToken!).origin_jti).toBe(decodeJwt(t.AccessToken!).origin_jti);
    expect((await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'other', RefreshToken: t.RefreshToken })))).name).toBe('NotAuthorizedException');
    expect((await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'c', RefreshToken: 'bogus' })))).name).toBe('NotAuthorizedException');
  });
});

describe('RevokeToken', () => {
  it('revokes the refresh token and the access tokens issued with it, not other sign-ins', async () => {
    const t = await signIn();
    const keep = await signIn();
    const refreshed = await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'c', RefreshToken: t.RefreshToken }));
    expect((await failure(cognito.send(new RevokeTokenCommand({ ClientId: 'c', Token: t.AccessToken })))).name).toBe('UnsupportedTokenTypeException');
    expect((await failure(cognito.send(new RevokeTokenCommand({ ClientId: 'other', Token: t.RefreshToken })))).name).toBe('UnauthorizedException');
    await cognito.send(new RevokeTokenCommand({ ClientId: 'c', Token: t.RefreshToken }));
    expect(await failure(cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'c', AuthParameters: { REFRESH_TOKEN: t.RefreshToken! } })))).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect(await failure(cognito.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken })))).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    expect((await cognito.send(new GetUserCommand({ AccessToken: keep.AccessToken }))).Username).toBe('u');
    // Unknown tokens are not an error (RFC 7009).
    await cognito.send(new RevokeTokenCommand({ ClientId: 'c', Token: 'never-issued' }));
  });

  it('needs the ClientSecret of a secret client', async () => {
    const { createHmac } = await import('node:crypto');
    const hash = createHmac('sha256', 'client-secret-value').update('v' + 'sec').digest('base64');
    const t = await signIn('v', 'Passw0rd!', 'sec', { SECRET_HASH: hash });
    expect((await failure(cognito.send(new RevokeTokenCommand({ ClientId: 'sec', Token: t.RefreshToken })))).name).toBe('UnauthorizedException');
    await cognito.send(new RevokeTokenCommand({ ClientId: 'sec', Token: t.RefreshToken, ClientSecret: 'client-secret-value' }));
  });
});

describe('GlobalSignOut', () => {
  it('revokes every token of the user; new sign-ins work', async () => {
    const a = await signIn('v');
    const b = await signIn('v');
    await cognito.send(new GlobalSignOutCommand({ AccessToken: a.AccessToken }));
    for (const t of [a, b]) {
      expect((await failure(cognito.send(new GetUserCommand({ AccessToken: t.AccessToken })))).message).toBe('Access Token has been revoked');
      expect((await failure(cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'c', RefreshToken: t.RefreshToken })))).name).toBe('NotAuthorizedException');
    }
    const fresh = await signIn('v');
    expect((await cognito.send(new GetUserCommand({ AccessToken: fresh.AccessToken }))).Username).toBe('v');
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: POOL, Username: 'v' }));
    expect((await failure(cognito.send(new GetUserCommand({ AccessToken: fresh.AccessToken })))).name).toBe('NotAuthorizedException');
  });
});

describe('ChangePassword', () => {
  it('checks the previous password and the policy, then the new one signs in', async () => {
    const t = await signIn();
    expect(await failure(cognito.send(new ChangePasswordCommand({ AccessToken: t.AccessToken, PreviousPassword: 'wrong-one', ProposedPassword: 'Next-pass-1' })))).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect((await failure(cognito.send(new ChangePasswordCommand({ AccessToken: t.AccessToken, PreviousPassword: 'Passw0rd!', ProposedPassword: 'short' })))).name).toBe('InvalidPasswordException');
    await cognito.send(new ChangePasswordCommand({ AccessToken: t.AccessToken, PreviousPassword: 'Passw0rd!', ProposedPassword: 'Next-pass-1' }));
    expect((await failure(signIn('u', 'Passw0rd!'))).name).toBe('NotAuthorizedException');
    expect((await signIn('u', 'Next-pass-1')).AccessToken).toBeTruthy();
  });
});
