// Clients nobody here wrote, on sign-in and tokens: cognito-srp-helper drives USER_SRP_AUTH
// through the AWS SDK v3 as its README shows (the PASSWORD_VERIFIER answer carries no
// Session), and aws-jwt-verify's CognitoJwtVerifier checks the tokens of an emulator started
// with `issuer: 'aws'`, keys taken from the emulator's JWKS.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
  type ExplicitAuthFlowsType,
  type InitiateAuthCommandInput,
  type RespondToAuthChallengeCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { startEmulator } from '@nextstep/emulator';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { createSecretHash, createSrpSession, signSrpSession, wrapAuthChallenge, wrapInitiateAuth } from 'cognito-srp-helper';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, publicClient, randomPassword, start, uniqueName, verifyToken, type Emulator } from './support.js';

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

interface Setup {
  emu: Emulator;
  admin: CognitoIdentityProviderClient;
  pub: CognitoIdentityProviderClient;
  poolId: string;
  clientId: string;
  secretClientId: string;
  secret: string;
}

async function setUp(emu: Emulator, poolProps: Record<string, unknown> = {}): Promise<Setup> {
  const admin = adminClient(emu.endpoint);
  const pub = publicClient(emu.endpoint);
  const pool = await admin.send(new CreateUserPoolCommand({ PoolName: 'srp-tokens', ...poolProps }));
  const poolId = pool.UserPool!.Id!;
  const flows: ExplicitAuthFlowsType[] = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  const c = await admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: flows }));
  const s = await admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'server', GenerateSecret: true, ExplicitAuthFlows: flows }));
  return { emu, admin, pub, poolId, clientId: c.UserPoolClient!.ClientId!, secretClientId: s.UserPoolClient!.ClientId!, secret: s.UserPoolClient!.ClientSecret! };
}

async function newUser(s: Setup, username = uniqueName('srp'), attrs: Record<string, string> = {}) {
  const password = randomPassword();
  await s.admin.send(new AdminCreateUserCommand({ UserPoolId: s.poolId, Username: username, MessageAction: 'SUPPRESS', UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })) }));
  await s.admin.send(new AdminSetUserPasswordCommand({ UserPoolId: s.poolId, Username: username, Password: password, Permanent: true }));
  return { username, password };
}

/** cognito-srp-helper's documented flow: InitiateAuth, then RespondToAuthChallenge with no Session. */
async function helperSignIn(s: Setup, username: string, password: string, withSecret = false) {
  const clientId = withSecret ? s.secretClientId : s.clientId;
  const secretHash: Record<string, string> = withSecret ? { SECRET_HASH: createSecretHash(username, clientId, s.secret) } : {};
  const srpSession = createSrpSession(username, password, s.poolId, false);
  const init = await s.pub.send(
    // The helper types its requests with its own copy of the SDK's models.
    new InitiateAuthCommand(wrapInitiateAuth(srpSession, { ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { CHALLENGE_NAME: 'SRP_A', USERNAME: username, ...secretHash } }) as InitiateAuthCommandInput),
  );
  expect(init.ChallengeName).toBe('PASSWORD_VERIFIER');
  const signed = signSrpSession(srpSession, init as Parameters<typeof signSrpSession>[1]);
  const request = wrapAuthChallenge(signed, { ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { USERNAME: username, ...secretHash } });
  expect(request).not.toHaveProperty('Session');
  return s.pub.send(new RespondToAuthChallengeCommand(request as RespondToAuthChallengeCommandInput));
}

describe('PASSWORD_VERIFIER without a Session (cognito-srp-helper)', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(await start());
  });
  afterAll(() => s.emu.close());

  it('signs in as the helper documents it, also on a client with a secret', async () => {
    const { username, password } = await newUser(s);
    const out = await helperSignIn(s, username, password);
    expect(out.AuthenticationResult?.IdToken).toBeTruthy();
    const { payload } = await verifyToken(s.emu, s.poolId, out.AuthenticationResult!.IdToken!);
    expect(payload['cognito:username']).toBe(username);
    const secretOut = await helperSignIn(s, username, password, true);
    expect(secretOut.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('a wrong password is still refused, and the answer cannot be replayed', async () => {
    const { username, password } = await newUser(s);
    const wrong = await failure(helperSignIn(s, username, `${password}x`));
    expect(wrong.name).toBe('NotAuthorizedException');
    // The right password works afterwards: the failed session does not linger.
    expect((await helperSignIn(s, username, password)).AuthenticationResult).toBeTruthy();
  });

  it('an answer for a user with no SRP sign-in in progress is NotAuthorizedException', async () => {
    const { username } = await newUser(s);
    const err = await failure(
      s.pub.send(new RespondToAuthChallengeCommand({ ClientId: s.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { USERNAME: username, PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA', PASSWORD_CLAIM_SIGNATURE: 'AAAA', TIMESTAMP: 'Tue Aug 6 09:05:03 UTC 2024' } })),
    );
    expect(err.name).toBe('NotAuthorizedException');
    // Other challenges still need their Session.
    const missing = await failure(s.pub.send(new RespondToAuthChallengeCommand({ ClientId: s.clientId, ChallengeName: 'SMS_MFA', ChallengeResponses: { USERNAME: username, SMS_MFA_CODE: '123456' } })));
    expect(missing.name).toBe('InvalidParameterException');
  });
});

describe('JWKS keys and group claims', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(await start());
  });
  afterAll(() => s.emu.close());

  it('the JWKS holds two keys; ID and access tokens are signed with different ones', async () => {
    const { username, password } = await newUser(s);
    const out = await s.pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));
    const jwks = (await (await fetch(`${s.emu.endpoint}/${s.poolId}/.well-known/jwks.json`)).json()) as { keys: { kid: string; alg: string; use: string }[] };
    expect(jwks.keys).toHaveLength(2);
    const idKid = decodeProtectedHeader(out.AuthenticationResult!.IdToken!).kid;
    const accessKid = decodeProtectedHeader(out.AuthenticationResult!.AccessToken!).kid;
    expect(idKid).not.toBe(accessKid);
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([idKid, accessKid].sort());
    for (const k of jwks.keys) expect(k).toMatchObject({ alg: 'RS256', use: 'sig' });
    // Both verify against the served JWKS (jose picks the key by kid).
    await verifyToken(s.emu, s.poolId, out.AuthenticationResult!.IdToken!);
    await verifyToken(s.emu, s.poolId, out.AuthenticationResult!.AccessToken!);
  });

  it('cognito:groups, cognito:roles and cognito:preferred_role follow group precedence', async () => {
    const { username, password } = await newUser(s);
    const role = (n: string) => `arn:aws:iam::123456789012:role/${n}`;
    await s.admin.send(new CreateGroupCommand({ UserPoolId: s.poolId, GroupName: 'readers', Precedence: 5, RoleArn: role('reader') }));
    await s.admin.send(new CreateGroupCommand({ UserPoolId: s.poolId, GroupName: 'admins', Precedence: 1, RoleArn: role('admin') }));
    await s.admin.send(new CreateGroupCommand({ UserPoolId: s.poolId, GroupName: 'plain' }));
    for (const g of ['readers', 'plain', 'admins']) await s.admin.send(new AdminAddUserToGroupCommand({ UserPoolId: s.poolId, Username: username, GroupName: g }));
    const out = await s.pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));
    const id = (await verifyToken(s.emu, s.poolId, out.AuthenticationResult!.IdToken!)).payload;
    const access = (await verifyToken(s.emu, s.poolId, out.AuthenticationResult!.AccessToken!)).payload;
    expect(id['cognito:groups']).toEqual(['admins', 'readers', 'plain']);
    expect([...(id['cognito:roles'] as string[])].sort()).toEqual([role('admin'), role('reader')]);
    expect(id['cognito:preferred_role']).toBe(role('admin'));
    expect(access['cognito:groups']).toEqual(['admins', 'readers', 'plain']);
    expect(access).not.toHaveProperty('cognito:roles');

    // Two groups tied at the lowest precedence with different roles: no preferred role.
    const other = await newUser(s);
    await s.admin.send(new CreateGroupCommand({ UserPoolId: s.poolId, GroupName: 'tie-a', Precedence: 0, RoleArn: role('a') }));
    await s.admin.send(new CreateGroupCommand({ UserPoolId: s.poolId, GroupName: 'tie-b', Precedence: 0, RoleArn: role('b') }));
    for (const g of ['tie-a', 'tie-b']) await s.admin.send(new AdminAddUserToGroupCommand({ UserPoolId: s.poolId, Username: other.username, GroupName: g }));
    const tied = await s.pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.clientId, AuthParameters: { USERNAME: other.username, PASSWORD: other.password } }));
    const tiedId = (await verifyToken(s.emu, s.poolId, tied.AuthenticationResult!.IdToken!)).payload;
    expect(tiedId['cognito:groups']).toEqual(['tie-a', 'tie-b']);
    expect(tiedId).not.toHaveProperty('cognito:preferred_role');
    // A user in no group carries no group claims.
    const lone = await newUser(s);
    const loneOut = await s.pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.clientId, AuthParameters: { USERNAME: lone.username, PASSWORD: lone.password } }));
    expect((await verifyToken(s.emu, s.poolId, loneOut.AuthenticationResult!.IdToken!)).payload).not.toHaveProperty('cognito:groups');
  });
});

describe("issuer 'aws': aws-jwt-verify's CognitoJwtVerifier accepts the tokens", () => {
  let s: Setup;
  beforeAll(async () => {
    const emu = await startEmulator({ port: 0, host: '127.0.0.1', issuer: 'aws' });
    s = await setUp(emu);
  });
  afterAll(() => s.emu.close());

  it('with the JWKS fetched from the emulator (a fetcher that maps the JWKS URI), and with cacheJwks', async () => {
    const { username, password } = await newUser(s);
    const out = await s.pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));
    const region = s.poolId.split('_')[0];
    const aws = `https://cognito-idp.${region}.amazonaws.com`;
    // The emulator serves the keys at the same path under its own endpoint.
    const jwksCache = new SimpleJwksCache({
      fetcher: { fetch: async (uri: string) => (await fetch(uri.replace(aws, s.emu.endpoint))).arrayBuffer() },
    });
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: s.poolId, tokenUse: 'id', clientId: s.clientId }, { jwksCache });
    const idPayload = await idVerifier.verify(out.AuthenticationResult!.IdToken!);
    expect(idPayload.iss).toBe(`${aws}/${s.poolId}`);
    expect(idPayload['cognito:username']).toBe(username);

    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: s.poolId, tokenUse: 'access', clientId: s.clientId });
    accessVerifier.cacheJwks(await (await fetch(`${s.emu.endpoint}/${s.poolId}/.well-known/jwks.json`)).json());
    const accessPayload = await accessVerifier.verify(out.AuthenticationResult!.AccessToken!);
    expect(accessPayload.client_id).toBe(s.clientId);

    // The verifier's own checks still bite: wrong token use, wrong client.
    await expect(accessVerifier.verify(out.AuthenticationResult!.IdToken!)).rejects.toThrow();
    const otherClient = CognitoJwtVerifier.create({ userPoolId: s.poolId, tokenUse: 'id', clientId: s.secretClientId }, { jwksCache });
    await expect(otherClient.verify(out.AuthenticationResult!.IdToken!)).rejects.toThrow();
    // The emulator itself still accepts its access tokens (GetUser path), and says where the keys are.
    const oidc = (await (await fetch(`${s.emu.endpoint}/${s.poolId}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    expect(oidc.issuer).toBe(`${aws}/${s.poolId}`);
    expect(oidc.jwks_uri).toBe(`${s.emu.endpoint}/${s.poolId}/.well-known/jwks.json`);
  });
});
