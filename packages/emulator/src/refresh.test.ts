import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  ChangePasswordCommand,
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserAuthFactorsCommand,
  ListWebAuthnCredentialsCommand,
  StartWebAuthnRegistrationCommand,
  ConfirmDeviceCommand,
  CreateUserPoolClientCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  DescribeUserPoolClientCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  UpdateDeviceStatusCommand,
  UpdateUserAttributesCommand,
  VerifySoftwareTokenCommand,
  VerifyUserAttributeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, withEmulator } from './test-support/harness.js';

const POOL = 'us-east-1_refresh';
let emu: Emulator;
let cognito: CognitoIdentityProviderClient;
const MIN = 60_000;

beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({
    config: {
      pools: [
        {
          id: POOL,
          clients: [
            { id: 'plain' },
            { id: 'short', idTokenValidity: 10, accessTokenValidity: 5, refreshTokenValidity: 2, tokenValidityUnits: { idToken: 'minutes', accessToken: 'minutes', refreshToken: 'hours' } },
            { id: 'rotating', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], refreshTokenRotation: { feature: 'ENABLED', retryGracePeriodSeconds: 10 }, refreshTokenValidity: 1, tokenValidityUnits: { refreshToken: 'days' } },
            { id: 'rotating0', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], refreshTokenRotation: { feature: 'ENABLED' } },
            { id: 'norevoke', enableTokenRevocation: false },
          ],
          users: [
            { username: 'ann', password: 'Passw0rd!', attributes: { email: 'ann@example.com' } },
            { username: 'bob', password: 'Passw0rd!' },
            { username: 'cyd', password: 'Passw0rd!' },
            { username: 'dee', password: 'Passw0rd!' },
          ],
        },
      ],
    },
  }));
});
afterAll(() => emu.close());

const signIn = async (username: string, clientId = 'plain') =>
  (await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } }))).AuthenticationResult!;
const refreshAuth = (token: string, clientId = 'plain') => cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: token } }));
const getTokens = (token: string, clientId: string) => cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: token }));

describe('token validity per app client', () => {
  it('uses Cognito defaults: 60-minute ID and access tokens', async () => {
    const t = await signIn('ann');
    expect(t.ExpiresIn).toBe(3600);
    const id = decodeJwt(t.IdToken!);
    expect(id.exp! - id.iat!).toBe(3600);
    const d = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: 'plain' }))).UserPoolClient!;
    // Cognito reports what was set, and the refresh-token default.
    expect(d).toMatchObject({ RefreshTokenValidity: 30, EnableTokenRevocation: true });
    expect(d.IdTokenValidity).toBeUndefined();
    expect(d.RefreshTokenRotation).toBeUndefined();
  });

  it('sets exp, ExpiresIn and the refresh lifetime from the client, on the movable clock', async () => {
    const t = await signIn('bob', 'short');
    expect(t.ExpiresIn).toBe(300);
    const access = decodeJwt(t.AccessToken!);
    const id = decodeJwt(t.IdToken!);
    expect(access.exp! - access.iat!).toBe(300);
    expect(id.exp! - id.iat!).toBe(600);
    emu.clock.advance(6 * MIN);
    expect(await failure(cognito.send(new GetUserCommand({ AccessToken: t.AccessToken })))).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has expired' });
    const renewed = (await refreshAuth(t.RefreshToken!, 'short')).AuthenticationResult!;
    expect(renewed.RefreshToken).toBeUndefined();
    expect((await cognito.send(new GetUserCommand({ AccessToken: renewed.AccessToken }))).Username).toBe('bob');
    emu.clock.advance(2 * 60 * MIN);
    expect(await failure(refreshAuth(t.RefreshToken!, 'short'))).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has expired' });
  });

  it('takes the settings through CreateUserPoolClient, in Cognito\'s default units, and checks the ranges', async () => {
    const created = (
      await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: POOL, ClientName: 'api', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], IdTokenValidity: 2, AccessTokenValidity: 30, RefreshTokenValidity: 7, TokenValidityUnits: { AccessToken: 'minutes' }, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 } }))
    ).UserPoolClient!;
    expect(created).toMatchObject({ IdTokenValidity: 2, AccessTokenValidity: 30, RefreshTokenValidity: 7, TokenValidityUnits: { AccessToken: 'minutes' }, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 } });
    const described = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: created.ClientId }))).UserPoolClient!;
    expect(described.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 30 });
    const t = await signIn('ann', created.ClientId);
    expect(decodeJwt(t.IdToken!).exp! - decodeJwt(t.IdToken!).iat!).toBe(7200);
    expect(t.ExpiresIn).toBe(1800);
    for (const bad of [{ AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'minutes' as const } }, { AccessTokenValidity: 25 }, { IdTokenValidity: 2, TokenValidityUnits: { IdToken: 'days' as const } }, { RefreshTokenValidity: 30, TokenValidityUnits: { RefreshToken: 'minutes' as const } }, { RefreshTokenRotation: { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 61 } }]) {
      expect((await failure(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: POOL, ClientName: 'bad', ...bad })))).name).toBe('InvalidParameterException');
    }
  });
});

describe('refresh-token rotation', () => {
  it('returns a new refresh token; the old one works for the grace period, then RefreshTokenReuseException', async () => {
    const t = await signIn('cyd', 'rotating');
    const first = (await getTokens(t.RefreshToken!, 'rotating')).AuthenticationResult!;
    expect(first.RefreshToken).toBeTruthy();
    expect(first.RefreshToken).not.toBe(t.RefreshToken);
    expect(decodeJwt(first.AccessToken!).username).toBe('cyd');
    // A client retrying within the grace period still gets tokens.
    emu.clock.advance(5_000);
    const retry = (await getTokens(t.RefreshToken!, 'rotating')).AuthenticationResult!;
    expect(retry.RefreshToken).toBeTruthy();
    emu.clock.advance(6_000);
    expect(await failure(getTokens(t.RefreshToken!, 'rotating'))).toMatchObject({ name: 'RefreshTokenReuseException' });
    const second = (await getTokens(first.RefreshToken!, 'rotating')).AuthenticationResult!;
    expect((await cognito.send(new GetUserCommand({ AccessToken: second.AccessToken }))).Username).toBe('cyd');
  });

  it('refuses REFRESH_TOKEN_AUTH on a rotating client', async () => {
    const t = await signIn('cyd', 'rotating');
    expect(await failure(refreshAuth(t.RefreshToken!, 'rotating'))).toMatchObject({ name: 'InvalidParameterException' });
    // The refusal spends nothing: GetTokensFromRefreshToken still works.
    expect((await getTokens(t.RefreshToken!, 'rotating')).AuthenticationResult!.RefreshToken).toBeTruthy();
  });

  it('with no grace period the old token fails at once; rotated tokens expire when the first would have', async () => {
    const t = await signIn('dee', 'rotating0');
    const next = (await getTokens(t.RefreshToken!, 'rotating0')).AuthenticationResult!;
    expect((await failure(getTokens(t.RefreshToken!, 'rotating0'))).name).toBe('RefreshTokenReuseException');
    const r = await signIn('dee', 'rotating');
    emu.clock.advance(23 * 60 * MIN);
    const later = (await getTokens(r.RefreshToken!, 'rotating')).AuthenticationResult!;
    emu.clock.advance(2 * 60 * MIN);
    expect(await failure(getTokens(later.RefreshToken!, 'rotating'))).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has expired' });
    expect(next.RefreshToken).toBeTruthy();
  });
});

/** Every call that takes an access token, with otherwise valid input. */
const tokenCalls: [string, (token: string) => Promise<unknown>][] = [
  ['GetUser', (t) => cognito.send(new GetUserCommand({ AccessToken: t }))],
  ['UpdateUserAttributes', (t) => cognito.send(new UpdateUserAttributesCommand({ AccessToken: t, UserAttributes: [{ Name: 'name', Value: 'x' }] }))],
  ['DeleteUserAttributes', (t) => cognito.send(new DeleteUserAttributesCommand({ AccessToken: t, UserAttributeNames: ['name'] }))],
  ['GetUserAttributeVerificationCode', (t) => cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: t, AttributeName: 'email' }))],
  ['VerifyUserAttribute', (t) => cognito.send(new VerifyUserAttributeCommand({ AccessToken: t, AttributeName: 'email', Code: '123456' }))],
  ['ChangePassword', (t) => cognito.send(new ChangePasswordCommand({ AccessToken: t, PreviousPassword: 'Passw0rd!', ProposedPassword: 'Passw0rd!' }))],
  ['AssociateSoftwareToken', (t) => cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: t }))],
  ['VerifySoftwareToken', (t) => cognito.send(new VerifySoftwareTokenCommand({ AccessToken: t, UserCode: '123456' }))],
  ['SetUserMFAPreference', (t) => cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: t, SMSMfaSettings: { Enabled: false } }))],
  ['ConfirmDevice', (t) => cognito.send(new ConfirmDeviceCommand({ AccessToken: t, DeviceKey: 'us-east-1_x', DeviceSecretVerifierConfig: { PasswordVerifier: 'AQID', Salt: 'AQID' } }))],
  ['ListDevices', (t) => cognito.send(new ListDevicesCommand({ AccessToken: t }))],
  ['GetDevice', (t) => cognito.send(new GetDeviceCommand({ AccessToken: t, DeviceKey: 'us-east-1_x' }))],
  ['ForgetDevice', (t) => cognito.send(new ForgetDeviceCommand({ AccessToken: t, DeviceKey: 'us-east-1_x' }))],
  ['UpdateDeviceStatus', (t) => cognito.send(new UpdateDeviceStatusCommand({ AccessToken: t, DeviceKey: 'us-east-1_x', DeviceRememberedStatus: 'remembered' }))],
  ['StartWebAuthnRegistration', (t) => cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: t }))],
  ['CompleteWebAuthnRegistration', (t) => cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: t, Credential: {} }))],
  ['ListWebAuthnCredentials', (t) => cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: t }))],
  ['DeleteWebAuthnCredential', (t) => cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: t, CredentialId: 'x' }))],
  ['GetUserAuthFactors', (t) => cognito.send(new GetUserAuthFactorsCommand({ AccessToken: t }))],
  ['GlobalSignOut', (t) => cognito.send(new GlobalSignOutCommand({ AccessToken: t }))],
  ['DeleteUser', (t) => cognito.send(new DeleteUserCommand({ AccessToken: t }))],
];

describe('revocation', () => {
  it('RevokeToken: the refresh token and the access tokens issued from it are refused by every call', async () => {
    const t = await signIn('ann');
    const other = await signIn('ann');
    const refreshed = (await refreshAuth(t.RefreshToken!)).AuthenticationResult!;
    await cognito.send(new RevokeTokenCommand({ ClientId: 'plain', Token: t.RefreshToken }));
    for (const token of [t.AccessToken!, refreshed.AccessToken!]) {
      for (const [name, call] of tokenCalls) {
        expect(await failure(call(token)), name).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
      }
    }
    expect(await failure(refreshAuth(t.RefreshToken!))).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    expect((await failure(getTokens(t.RefreshToken!, 'plain'))).name).toBe('NotAuthorizedException');
    // Another sign-in of the same user is untouched.
    expect((await cognito.send(new GetUserCommand({ AccessToken: other.AccessToken }))).Username).toBe('ann');
  });

  it('RevokeToken of a rotated refresh token revokes the whole line', async () => {
    const t = await signIn('cyd', 'rotating');
    const next = (await getTokens(t.RefreshToken!, 'rotating')).AuthenticationResult!;
    await cognito.send(new RevokeTokenCommand({ ClientId: 'rotating', Token: next.RefreshToken }));
    expect((await failure(cognito.send(new GetUserCommand({ AccessToken: t.AccessToken })))).message).toBe('Access Token has been revoked');
    expect((await failure(getTokens(next.RefreshToken!, 'rotating'))).name).toBe('NotAuthorizedException');
  });

  it('GlobalSignOut revokes every token of the user, rotated ones included', async () => {
    const a = await signIn('bob');
    const b = await signIn('bob', 'rotating');
    const rotated = (await getTokens(b.RefreshToken!, 'rotating')).AuthenticationResult!;
    await cognito.send(new GlobalSignOutCommand({ AccessToken: a.AccessToken }));
    for (const token of [a.AccessToken!, b.AccessToken!, rotated.AccessToken!]) {
      for (const [name, call] of tokenCalls) expect((await failure(call(token))).message, name).toBe('Access Token has been revoked');
    }
    expect((await failure(getTokens(rotated.RefreshToken!, 'rotating'))).name).toBe('NotAuthorizedException');
    expect((await failure(refreshAuth(a.RefreshToken!))).name).toBe('NotAuthorizedException');
  });

  it('answers UnsupportedOperationException when the client has token revocation off', async () => {
    const t = await signIn('ann', 'norevoke');
    expect((await failure(cognito.send(new RevokeTokenCommand({ ClientId: 'norevoke', Token: t.RefreshToken })))).name).toBe('UnsupportedOperationException');
    expect((await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: POOL, ClientId: 'norevoke' }))).UserPoolClient!.EnableTokenRevocation).toBe(false);
  });
});

describe('refresh tokens are bound to the user (sub)', () => {
  it('a deleted user\'s tokens do not sign in a new user created with the same name', async () => {
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'eve', MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: POOL, Username: 'eve', Password: 'Passw0rd!', Permanent: true }));
    const old = await signIn('eve');
    const oldRotating = await signIn('eve', 'rotating');
    const oldSub = decodeJwt(old.AccessToken!).sub;
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: POOL, Username: 'eve' }));
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: POOL, Username: 'eve', MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: POOL, Username: 'eve', Password: 'Passw0rd!', Permanent: true }));
    expect(await failure(refreshAuth(old.RefreshToken!))).toMatchObject({ name: 'NotAuthorizedException' });
    expect(await failure(getTokens(old.RefreshToken!, 'plain'))).toMatchObject({ name: 'NotAuthorizedException' });
    expect(await failure(getTokens(oldRotating.RefreshToken!, 'rotating'))).toMatchObject({ name: 'NotAuthorizedException' });
    expect(await failure(cognito.send(new AdminInitiateAuthCommand({ UserPoolId: POOL, ClientId: 'plain', AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: old.RefreshToken! } })))).toMatchObject({ name: 'NotAuthorizedException' });
    expect((await failure(cognito.send(new GetUserCommand({ AccessToken: old.AccessToken })))).name).toBe('NotAuthorizedException');
    const fresh = await signIn('eve');
    expect(decodeJwt(fresh.AccessToken!).sub).not.toBe(oldSub);
    expect((await refreshAuth(fresh.RefreshToken!)).AuthenticationResult!.AccessToken).toBeTruthy();
  });
});
