// The AWS SDK v3 (a client nobody here wrote) drives the emulator over HTTP: admin setup,
// password sign-in, sign-up, forgot password, refresh, GetUser, MFA, error names, JWKS.
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  CodeMismatchException,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  NotAuthorizedException,
  ResendConfirmationCodeCommand,
  RevokeTokenCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptableIssuers,
  adminClient,
  lastCode,
  otherCode,
  publicClient,
  randomPassword,
  secretHash,
  start,
  totpCode,
  uniqueName,
  verifyToken,
  type Emulator,
} from './support.js';

// amazon-cognito-identity-js's SRP maths (untyped internals), to drive USER_SRP_AUTH through
// the SDK on a client with a secret, which that library cannot do by itself.
const requireCjs = createRequire(import.meta.url);
const { AuthenticationHelper } = requireCjs('amazon-cognito-identity-js') as { AuthenticationHelper: new (pool: string) => any };
const BigInteger = requireCjs('amazon-cognito-identity-js/lib/BigInteger.js').default as new (hex: string, radix: number) => unknown;

/** Cognito's TIMESTAMP: `ddd MMM D HH:mm:ss UTC YYYY`, day not zero-padded. */
function srpTimestamp(d = new Date()): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

let emu: Emulator;
let admin: CognitoIdentityProviderClient;
let pub: CognitoIdentityProviderClient;
let poolId: string;
let secretClientId: string;
let clientSecret: string;
let publicClientId: string;
let srpOnlyClientId: string;

/** Rejects with the SDK's exception; fails the test when the call succeeds. */
async function failure(p: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

async function createConfirmedUser(username: string, password: string, attrs: Record<string, string> = {}) {
  await admin.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      TemporaryPassword: randomPassword(12),
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
}

function passwordAuth(username: string, password: string) {
  return pub.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: publicClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

beforeAll(async () => {
  emu = await start();
  admin = adminClient(emu.endpoint);
  pub = publicClient(emu.endpoint);
  const pool = await admin.send(
    new CreateUserPoolCommand({
      PoolName: 'sdk-suite',
      Policies: {
        PasswordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true },
      },
      AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'email', AttributeDataType: 'String', Mutable: true, Required: false }],
    }),
  );
  poolId = pool.UserPool!.Id!;
  await admin.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Subject: 'Your code', Message: 'Your code is {####}' },
      SmsMfaConfiguration: {
        SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'emulator' },
      },
    }),
  );
  const secretClient = await admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'server',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AuthSessionValidity: 5,
      PreventUserExistenceErrors: 'ENABLED',
    }),
  );
  secretClientId = secretClient.UserPoolClient!.ClientId!;
  clientSecret = secretClient.UserPoolClient!.ClientSecret!;
  const publicApp = await admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'public',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AuthSessionValidity: 3,
      PreventUserExistenceErrors: 'LEGACY',
    }),
  );
  publicClientId = publicApp.UserPoolClient!.ClientId!;
  const srpOnly = await admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'srp-only',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  srpOnlyClientId = srpOnly.UserPoolClient!.ClientId!;
});

afterAll(async () => {
  admin?.destroy();
  pub?.destroy();
  await emu?.close();
});

describe('admin setup through the AWS SDK', () => {
  it('creates a pool with a region-prefixed id and clients with the requested settings', async () => {
    expect(poolId).toMatch(/^us-east-1_[0-9A-Za-z]+$/);
    expect(secretClientId).toMatch(/^[0-9a-z]+$/);
    expect(clientSecret.length).toBeGreaterThanOrEqual(32);
    expect(publicClientId).not.toBe(secretClientId);
    const described = await admin.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: secretClientId }));
    expect(described.UserPoolClient?.ClientSecret).toBe(clientSecret);
    expect(described.UserPoolClient?.AuthSessionValidity).toBe(5);
    expect([...(described.UserPoolClient?.ExplicitAuthFlows ?? [])].sort()).toEqual(
      ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'],
    );
  });

  it('AdminCreateUser without MessageAction "sends" an invitation whose temporary password signs in', async () => {
    const username = uniqueName('invite');
    await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }, { Name: 'email_verified', Value: 'true' }],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    const invitation = emu.outbox.last({ username, userPoolId: poolId, medium: 'EMAIL' });
    expect(invitation?.destination).toBe(`${username}@example.com`);
    const init = await passwordAuth(username, invitation!.code);
    expect(init.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('AdminCreateUser with a temporary password and SUPPRESS: FORCE_CHANGE_PASSWORD, then NEW_PASSWORD_REQUIRED', async () => {
    const username = uniqueName('temp');
    const temporary = randomPassword(14);
    const created = await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        TemporaryPassword: temporary,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
      }),
    );
    expect(created.User?.Username).toBe(username);
    expect(created.User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(created.User?.Enabled).toBe(true);
    // SUPPRESS: no invitation was "sent".
    expect(emu.outbox.messages().filter((m: { username: string }) => m.username === username)).toHaveLength(0);

    const init = await passwordAuth(username, temporary);
    expect(init.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(init.Session).toBeTruthy();
    expect(JSON.parse(init.ChallengeParameters!.userAttributes)).toMatchObject({ email: `${username}@example.com` });
    expect(JSON.parse(init.ChallengeParameters!.requiredAttributes)).toEqual([]);
    const newPassword = randomPassword(16);
    const done = await pub.send(
      new RespondToAuthChallengeCommand({
        ClientId: publicClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: init.Session,
        ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    const got = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(got.UserStatus).toBe('CONFIRMED');
    const again = await passwordAuth(username, newPassword);
    expect(again.AuthenticationResult?.IdToken).toBeTruthy();
    expect((await failure(passwordAuth(username, temporary))).name).toBe('NotAuthorizedException');
  });

  it('AdminGetUser reports attributes, status and sub', async () => {
    const username = uniqueName('get');
    await createConfirmedUser(username, randomPassword(), { email: `${username}@example.com` });
    const got = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(got.Username).toBe(username);
    expect(got.UserStatus).toBe('CONFIRMED');
    expect(got.Enabled).toBe(true);
    const attrs = Object.fromEntries((got.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attrs.email).toBe(`${username}@example.com`);
    expect(attrs.sub).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('AdminDeleteUser removes the user', async () => {
    const username = uniqueName('del');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    await admin.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: username }));
    const err = await failure(admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username })));
    expect(err.name).toBe('UserNotFoundException');
    expect((await failure(passwordAuth(username, password))).name).toBe('UserNotFoundException');
  });

  it('AdminDisableUser: sign-in, refresh and the issued access token are refused; AdminEnableUser restores sign-in', async () => {
    const username = uniqueName('disable');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const tokens = (await passwordAuth(username, password)).AuthenticationResult!;
    await admin.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: username }));
    expect((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).Enabled).toBe(false);
    const signIn = await failure(passwordAuth(username, password));
    expect(signIn.name).toBe('NotAuthorizedException');
    expect(signIn.message).toBe('User is disabled.');
    const refresh = await failure(
      pub.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: publicClientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } })),
    );
    expect(refresh.name).toBe('NotAuthorizedException');
    // "Deactivates a user and revokes all access tokens for the user" (AdminDisableUser docs).
    expect((await failure(pub.send(new GetUserCommand({ AccessToken: tokens.AccessToken })))).name).toBe('NotAuthorizedException');
    await admin.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: username }));
    expect((await passwordAuth(username, password)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('ListUsers with a Filter (exact "=" and prefix "^=")', async () => {
    const prefix = uniqueName('lst');
    await createConfirmedUser(`${prefix}-a`, randomPassword(), { email: `${prefix}-a@example.com` });
    await createConfirmedUser(`${prefix}-b`, randomPassword(), { email: `${prefix}-b@example.com` });
    const exact = await admin.send(new ListUsersCommand({ UserPoolId: poolId, Filter: `email = "${prefix}-b@example.com"` }));
    expect(exact.Users?.map((u) => u.Username)).toEqual([`${prefix}-b`]);
    const starts = await admin.send(new ListUsersCommand({ UserPoolId: poolId, Filter: `username ^= "${prefix}"` }));
    expect(starts.Users?.map((u) => u.Username).sort()).toEqual([`${prefix}-a`, `${prefix}-b`]);
  });

  it('unknown pool: ResourceNotFoundException', async () => {
    const err = await failure(admin.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_doesNotExist', Username: 'x' })));
    expect(err.name).toBe('ResourceNotFoundException');
  });
});

describe('USER_PASSWORD_AUTH and tokens', () => {
  it('signs in with SECRET_HASH on a secret client and the tokens verify against the JWKS', async () => {
    const username = uniqueName('tok');
    const password = randomPassword();
    await createConfirmedUser(username, password, { email: `${username}@example.com` });
    const res = await pub.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: secretClientId,
        AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: secretHash(username, secretClientId, clientSecret) },
      }),
    );
    const result = res.AuthenticationResult!;
    expect(res.ChallengeName).toBeUndefined();
    expect(result.TokenType).toBe('Bearer');
    expect(result.ExpiresIn).toBe(3600);
    expect(result.RefreshToken).toBeTruthy();

    const id = await verifyToken(emu, poolId, result.IdToken!);
    const access = await verifyToken(emu, poolId, result.AccessToken!);
    expect(id.protectedHeader.alg).toBe('RS256');
    expect(id.protectedHeader.kid).toBeTruthy();
    expect(acceptableIssuers(emu, poolId)).toContain(id.payload.iss);
    expect(access.payload.iss).toBe(id.payload.iss);
    expect(id.payload.token_use).toBe('id');
    expect(id.payload.aud).toBe(secretClientId);
    expect(id.payload['cognito:username']).toBe(username);
    expect(id.payload.email).toBe(`${username}@example.com`);
    expect(access.payload.token_use).toBe('access');
    expect(access.payload.client_id).toBe(secretClientId);
    expect(access.payload.username).toBe(username);
    expect(access.payload.sub).toBe(id.payload.sub);
    expect(access.payload.exp! - access.payload.iat!).toBe(3600);
    // Claims real Cognito puts in every pair of tokens, with their JSON types.
    expect(access.payload.scope).toBe('aws.cognito.signin.user.admin');
    expect(typeof access.payload.auth_time).toBe('number');
    expect(typeof access.payload.jti).toBe('string');
    expect(typeof id.payload.jti).toBe('string');
    expect(access.payload.jti).not.toBe(id.payload.jti);
    expect(id.payload.auth_time).toBe(access.payload.auth_time);
  });

  it('id token booleans are JSON booleans (email_verified: true), not strings', async () => {
    const username = uniqueName('bool');
    const password = randomPassword();
    await createConfirmedUser(username, password, { email: `${username}@example.com`, email_verified: 'true' });
    const tokens = (await passwordAuth(username, password)).AuthenticationResult!;
    const id = await verifyToken(emu, poolId, tokens.IdToken!);
    expect(id.payload.email_verified).toBe(true);
  });

  it('refuses a secret client without SECRET_HASH or with a wrong one (NotAuthorizedException, no secret in the message)', async () => {
    const username = uniqueName('sh');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const missing = await failure(
      pub.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: secretClientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
      ),
    );
    expect(missing.name).toBe('NotAuthorizedException');
    const wrong = await failure(
      pub.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: secretClientId,
          AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: secretHash(username, secretClientId, 'wrong-secret') },
        }),
      ),
    );
    expect(wrong).toBeInstanceOf(NotAuthorizedException);
    expect(wrong.message).toMatch(/secret hash/i);
    expect(wrong.message).not.toContain(clientSecret);
    expect(wrong.message).not.toContain(password);
  });

  it('USER_SRP_AUTH on a secret client: SECRET_HASH on InitiateAuth and on the PASSWORD_VERIFIER answer', async () => {
    const username = uniqueName('srpsecret');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const poolName = poolId.split('_')[1];
    const srpSignIn = async (hashOnAnswer: boolean) => {
      const helper = new AuthenticationHelper(poolName);
      const A: { toString(radix: number): string } = await new Promise((resolve, reject) =>
        helper.getLargeAValue((err: Error | null, a: { toString(radix: number): string }) => (err ? reject(err) : resolve(a))),
      );
      const init = await pub.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: secretClientId,
          AuthParameters: { USERNAME: username, SRP_A: A.toString(16), SECRET_HASH: secretHash(username, secretClientId, clientSecret) },
        }),
      );
      expect(init.ChallengeName).toBe('PASSWORD_VERIFIER');
      const p = init.ChallengeParameters!;
      expect(Object.keys(p).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
      const userId = p.USER_ID_FOR_SRP;
      const key: Buffer = await new Promise((resolve, reject) =>
        helper.getPasswordAuthenticationKey(userId, password, new BigInteger(p.SRP_B, 16), new BigInteger(p.SALT, 16), (err: Error | null, k: Buffer) =>
          err ? reject(err) : resolve(k),
        ),
      );
      const timestamp = srpTimestamp();
      const signature = createHmac('sha256', key)
        .update(Buffer.concat([Buffer.from(poolName, 'utf8'), Buffer.from(userId, 'utf8'), Buffer.from(p.SECRET_BLOCK, 'base64'), Buffer.from(timestamp, 'utf8')]))
        .digest('base64');
      return pub.send(
        new RespondToAuthChallengeCommand({
          ClientId: secretClientId,
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: init.Session,
          ChallengeResponses: {
            USERNAME: userId,
            PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
            PASSWORD_CLAIM_SIGNATURE: signature,
            TIMESTAMP: timestamp,
            ...(hashOnAnswer ? { SECRET_HASH: secretHash(userId, secretClientId, clientSecret) } : {}),
          },
        }),
      );
    };
    const refused = await failure(srpSignIn(false));
    expect(refused.name).toBe('NotAuthorizedException');
    expect(refused.message).toMatch(/secret/i);
    const done = await srpSignIn(true);
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    const access = await verifyToken(emu, poolId, done.AuthenticationResult!.AccessToken!);
    expect(access.payload.client_id).toBe(secretClientId);
  });

  it('wrong password: NotAuthorizedException (HTTP 400) with the SDK exception class', async () => {
    const username = uniqueName('wrong');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const err = await failure(passwordAuth(username, password + 'x'));
    expect(err).toBeInstanceOf(NotAuthorizedException);
    expect(err.name).toBe('NotAuthorizedException');
    expect(err.message).toBe('Incorrect username or password.');
    expect(err.$metadata?.httpStatusCode).toBe(400);
    // Real Cognito answers every request with x-amzn-RequestId, which the SDK surfaces.
    expect((err.$metadata as { requestId?: string }).requestId).toBeTruthy();
  });

  it('unknown user: UserNotFoundException with LEGACY, NotAuthorizedException with PreventUserExistenceErrors ENABLED', async () => {
    const username = uniqueName('ghost');
    expect((await failure(passwordAuth(username, 'Whatever1!'))).name).toBe('UserNotFoundException');
    const hidden = await failure(
      pub.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: secretClientId,
          AuthParameters: { USERNAME: username, PASSWORD: 'Whatever1!', SECRET_HASH: secretHash(username, secretClientId, clientSecret) },
        }),
      ),
    );
    expect(hidden.name).toBe('NotAuthorizedException');
  });

  it('a flow not enabled on the client: InvalidParameterException', async () => {
    const err = await failure(
      pub.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: srpOnlyClientId, AuthParameters: { USERNAME: 'x', PASSWORD: 'Whatever1!' } }),
      ),
    );
    expect(err.name).toBe('InvalidParameterException');
  });

  it('unknown client id: ResourceNotFoundException', async () => {
    const err = await failure(
      pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nosuchclient', AuthParameters: { USERNAME: 'x', PASSWORD: 'y' } })),
    );
    expect(err.name).toBe('ResourceNotFoundException');
  });

  it('REFRESH_TOKEN_AUTH returns new access and id tokens', async () => {
    const username = uniqueName('refresh');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const first = (await passwordAuth(username, password)).AuthenticationResult!;
    const refreshed = await pub.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: publicClientId, AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }),
    );
    const result = refreshed.AuthenticationResult!;
    expect(result.AccessToken).toBeTruthy();
    expect(result.IdToken).toBeTruthy();
    // Without refresh-token rotation, Cognito does not hand out a new refresh token.
    expect(result.RefreshToken).toBeUndefined();
    const access = await verifyToken(emu, poolId, result.AccessToken!);
    expect(access.payload.username).toBe(username);
    expect(access.payload.token_use).toBe('access');
    const bad = await failure(
      pub.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: publicClientId, AuthParameters: { REFRESH_TOKEN: 'garbage' } })),
    );
    expect(bad.name).toBe('NotAuthorizedException');
  });

  it('REFRESH_TOKEN_AUTH on the secret client needs SECRET_HASH', async () => {
    const username = uniqueName('srefresh');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const hash = secretHash(username, secretClientId, clientSecret);
    const first = (
      await pub.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: secretClientId, AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: hash } }),
      )
    ).AuthenticationResult!;
    const noHash = await failure(
      pub.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: secretClientId, AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } })),
    );
    expect(noHash.name).toBe('NotAuthorizedException');
    const ok = await pub.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: secretClientId, AuthParameters: { REFRESH_TOKEN: first.RefreshToken!, SECRET_HASH: hash } }),
    );
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('GetTokensFromRefreshToken: new tokens; on the secret client the ClientSecret is required (NotAuthorizedException)', async () => {
    const username = uniqueName('gtfrt');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const pubTokens = (await passwordAuth(username, password)).AuthenticationResult!;
    const fresh = await pub.send(new GetTokensFromRefreshTokenCommand({ ClientId: publicClientId, RefreshToken: pubTokens.RefreshToken! }));
    expect((await verifyToken(emu, poolId, fresh.AuthenticationResult!.AccessToken!)).payload.username).toBe(username);
    expect(fresh.AuthenticationResult?.ExpiresIn).toBe(3600);

    const secretTokens = (
      await pub.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: secretClientId,
          AuthParameters: { USERNAME: username, PASSWORD: password, SECRET_HASH: secretHash(username, secretClientId, clientSecret) },
        }),
      )
    ).AuthenticationResult!;
    // UnauthorizedException is not among this operation's errors in the API model.
    const missing = await failure(pub.send(new GetTokensFromRefreshTokenCommand({ ClientId: secretClientId, RefreshToken: secretTokens.RefreshToken! })));
    expect(missing.name).toBe('NotAuthorizedException');
    const wrong = await failure(
      pub.send(new GetTokensFromRefreshTokenCommand({ ClientId: secretClientId, RefreshToken: secretTokens.RefreshToken!, ClientSecret: 'not-the-secret' })),
    );
    expect(wrong.name).toBe('NotAuthorizedException');
    const ok = await pub.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: secretClientId, RefreshToken: secretTokens.RefreshToken!, ClientSecret: clientSecret }),
    );
    expect(ok.AuthenticationResult?.IdToken).toBeTruthy();
    // A refresh token of one client does not work for another.
    const cross = await failure(pub.send(new GetTokensFromRefreshTokenCommand({ ClientId: publicClientId, RefreshToken: secretTokens.RefreshToken! })));
    expect(cross.name).toBe('NotAuthorizedException');
  });

  it('RevokeToken: the revoked refresh token no longer refreshes (access tokens carry origin_jti)', async () => {
    const username = uniqueName('revoke');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const tokens = (await passwordAuth(username, password)).AuthenticationResult!;
    const access = await verifyToken(emu, poolId, tokens.AccessToken!);
    expect(access.payload.origin_jti).toBeTruthy();
    const refresh = () =>
      pub.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: publicClientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }));
    expect((await refresh()).AuthenticationResult?.AccessToken).toBeTruthy();
    await pub.send(new RevokeTokenCommand({ ClientId: publicClientId, Token: tokens.RefreshToken! }));
    expect((await failure(refresh())).name).toBe('NotAuthorizedException');
  });

  it('GetUser with the access token; a forged token is refused', async () => {
    const username = uniqueName('getuser');
    const password = randomPassword();
    await createConfirmedUser(username, password, { email: `${username}@example.com` });
    const tokens = (await passwordAuth(username, password)).AuthenticationResult!;
    const me = await pub.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    expect(me.Username).toBe(username);
    const attrs = Object.fromEntries((me.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attrs.email).toBe(`${username}@example.com`);
    expect(attrs.sub).toBeTruthy();
    // The id token is not an access token.
    expect((await failure(pub.send(new GetUserCommand({ AccessToken: tokens.IdToken })))).name).toBe('NotAuthorizedException');
    expect((await failure(pub.send(new GetUserCommand({ AccessToken: 'not.a.token' })))).name).toBe('NotAuthorizedException');
  });

  it('GlobalSignOut revokes the access token (GetUser refused) and the refresh token', async () => {
    const username = uniqueName('global');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const tokens = (await passwordAuth(username, password)).AuthenticationResult!;
    await pub.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    await pub.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));
    expect((await failure(pub.send(new GetUserCommand({ AccessToken: tokens.AccessToken })))).name).toBe('NotAuthorizedException');
    const refresh = await failure(
      pub.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: publicClientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } })),
    );
    expect(refresh.name).toBe('NotAuthorizedException');
  });

  it('a challenge Session expires after the client AuthSessionValidity (emulator clock)', async () => {
    const username = uniqueName('expire');
    const temporary = randomPassword();
    await admin.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, TemporaryPassword: temporary, MessageAction: 'SUPPRESS' }),
    );
    const init = await passwordAuth(username, temporary);
    expect(init.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    emu.clock.advance(3 * 60_000 + 5_000);
    const err = await failure(
      pub.send(
        new RespondToAuthChallengeCommand({
          ClientId: publicClientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: init.Session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: randomPassword() },
        }),
      ),
    );
    expect(err.name).toBe('NotAuthorizedException');
    expect(err.message).toMatch(/session/i);
  });
});

describe('sessions, lockout and faults', () => {
  it('a Session is single-use: answering twice with it is refused', async () => {
    const username = uniqueName('once');
    const temporary = randomPassword();
    await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, TemporaryPassword: temporary, MessageAction: 'SUPPRESS' }));
    const init = await passwordAuth(username, temporary);
    const answer = () =>
      pub.send(
        new RespondToAuthChallengeCommand({
          ClientId: publicClientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: init.Session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: randomPassword() },
        }),
      );
    expect((await answer()).AuthenticationResult?.AccessToken).toBeTruthy();
    const err = await failure(answer());
    expect(err.name).toBe('NotAuthorizedException');
    expect(err.message).toMatch(/session/i);
  });

  it('the secret client AuthSessionValidity of 5 minutes keeps a session alive at 4 minutes', async () => {
    const username = uniqueName('five');
    const temporary = randomPassword();
    await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, TemporaryPassword: temporary, MessageAction: 'SUPPRESS' }));
    const hash = secretHash(username, secretClientId, clientSecret);
    const init = await pub.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: secretClientId,
        AuthParameters: { USERNAME: username, PASSWORD: temporary, SECRET_HASH: hash },
      }),
    );
    expect(init.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    emu.clock.advance(4 * 60_000);
    const done = await pub.send(
      new RespondToAuthChallengeCommand({
        ClientId: secretClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: init.Session,
        ChallengeResponses: { USERNAME: username, NEW_PASSWORD: randomPassword(), SECRET_HASH: hash },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('five wrong passwords lock the user out ("Password attempts exceeded"), the lock ends with time', async () => {
    const username = uniqueName('lock');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    for (let i = 0; i < 5; i++) {
      const err = await failure(passwordAuth(username, password + i));
      expect(err.name).toBe('NotAuthorizedException');
    }
    const locked = await failure(passwordAuth(username, password));
    expect(locked.name).toBe('NotAuthorizedException');
    expect(locked.message).toMatch(/Password attempts exceeded/);
    emu.clock.advance(16 * 60_000);
    expect((await passwordAuth(username, password)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('an injected throttle reaches the SDK as TooManyRequestsException, and the SDK retries it', async () => {
    const username = uniqueName('throttle');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    emu.faults.add({ operation: 'InitiateAuth', kind: 'throttle', times: 1 });
    const err = await failure(passwordAuth(username, password));
    expect(err.name).toBe('TooManyRequestsException');
    expect(err.$metadata?.httpStatusCode).toBe(400);

    // The SDK's standard retry strategy knows TooManyRequestsException as throttling.
    const retrying = new CognitoIdentityProviderClient({ endpoint: emu.endpoint, region: 'us-east-1', maxAttempts: 3, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    emu.faults.add({ operation: 'InitiateAuth', kind: 'throttle', times: 2 });
    const ok = await retrying.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: publicClientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
    );
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(ok.$metadata.attempts).toBe(3);
    retrying.destroy();
  });

  it('an injected dropped connection is a transient network error the SDK retries', async () => {
    const username = uniqueName('drop');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const retrying = new CognitoIdentityProviderClient({ endpoint: emu.endpoint, region: 'us-east-1', maxAttempts: 2, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    emu.faults.add({ operation: 'InitiateAuth', kind: 'drop', times: 1 });
    const ok = await retrying.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: publicClientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
    );
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(ok.$metadata.attempts).toBe(2);
    retrying.destroy();
  });

  it('an injected server error reaches the SDK as a 5xx with InternalErrorException', async () => {
    emu.faults.add({ operation: 'InitiateAuth', kind: 'server-error', times: 1 });
    const err = await failure(passwordAuth(uniqueName('five-hundred'), 'Whatever1!'));
    expect(err.$metadata?.httpStatusCode).toBe(500);
    expect(err.name).toBe('InternalErrorException');
  });
});

describe('sign-up and forgot password (codes from the outbox)', () => {
  it('SignUp → UserNotConfirmedException → ResendConfirmationCode → ConfirmSignUp → sign-in', async () => {
    const username = uniqueName('signup');
    const password = randomPassword();
    const email = `${username}@example.com`;
    const up = await pub.send(
      new SignUpCommand({ ClientId: publicClientId, Username: username, Password: password, UserAttributes: [{ Name: 'email', Value: email }] }),
    );
    expect(up.UserConfirmed).toBe(false);
    expect(up.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(up.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(up.CodeDeliveryDetails?.Destination).not.toBe(email);

    expect((await failure(passwordAuth(username, password))).name).toBe('UserNotConfirmedException');
    const dup = await failure(pub.send(new SignUpCommand({ ClientId: publicClientId, Username: username, Password: password })));
    expect(dup.name).toBe('UsernameExistsException');

    const resent = await pub.send(new ResendConfirmationCodeCommand({ ClientId: publicClientId, Username: username }));
    expect(resent.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    const code = lastCode(emu, { username, userPoolId: poolId, purpose: 'SIGN_UP' });
    expect(code).toMatch(/^\d{6}$/);
    const wrong = otherCode(code);
    const mismatch = await failure(pub.send(new ConfirmSignUpCommand({ ClientId: publicClientId, Username: username, ConfirmationCode: wrong })));
    expect(mismatch).toBeInstanceOf(CodeMismatchException);
    await pub.send(new ConfirmSignUpCommand({ ClientId: publicClientId, Username: username, ConfirmationCode: code }));
    const got = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(got.UserStatus).toBe('CONFIRMED');
    expect((await passwordAuth(username, password)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('ConfirmSignUp on a confirmed user: NotAuthorizedException; ResendConfirmationCode: InvalidParameterException', async () => {
    const username = uniqueName('already');
    await createConfirmedUser(username, randomPassword(), { email: `${username}@example.com` });
    const confirm = await failure(pub.send(new ConfirmSignUpCommand({ ClientId: publicClientId, Username: username, ConfirmationCode: '123456' })));
    expect(confirm.name).toBe('NotAuthorizedException');
    const resend = await failure(pub.send(new ResendConfirmationCodeCommand({ ClientId: publicClientId, Username: username })));
    expect(resend.name).toBe('InvalidParameterException');
  });

  it('ForgotPassword for an unknown user (LEGACY client): UserNotFoundException', async () => {
    const err = await failure(pub.send(new ForgotPasswordCommand({ ClientId: publicClientId, Username: uniqueName('nobody') })));
    expect(err.name).toBe('UserNotFoundException');
  });

  it('SignUp / ForgotPassword on the secret client need SecretHash', async () => {
    const username = uniqueName('secretsignup');
    const password = randomPassword();
    const missing = await failure(pub.send(new SignUpCommand({ ClientId: secretClientId, Username: username, Password: password })));
    expect(missing.name).toBe('NotAuthorizedException');
    const up = await pub.send(
      new SignUpCommand({
        ClientId: secretClientId,
        Username: username,
        Password: password,
        SecretHash: secretHash(username, secretClientId, clientSecret),
        UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
      }),
    );
    expect(up.UserConfirmed).toBe(false);
    const code = lastCode(emu, { username, userPoolId: poolId, purpose: 'SIGN_UP' });
    const noHash = await failure(pub.send(new ConfirmSignUpCommand({ ClientId: secretClientId, Username: username, ConfirmationCode: code })));
    expect(noHash.name).toBe('NotAuthorizedException');
    await pub.send(
      new ConfirmSignUpCommand({ ClientId: secretClientId, Username: username, ConfirmationCode: code, SecretHash: secretHash(username, secretClientId, clientSecret) }),
    );
    const forgot = await failure(pub.send(new ForgotPasswordCommand({ ClientId: secretClientId, Username: username })));
    expect(forgot.name).toBe('NotAuthorizedException');
  });

  it('AdminResetUserPassword: RESET_REQUIRED, sign-in → PasswordResetRequiredException, the sent code resets', async () => {
    const username = uniqueName('adminreset');
    const password = randomPassword();
    await createConfirmedUser(username, password, { email: `${username}@example.com`, email_verified: 'true' });
    await admin.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: username }));
    expect((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserStatus).toBe('RESET_REQUIRED');
    expect((await failure(passwordAuth(username, password))).name).toBe('PasswordResetRequiredException');
    const code = lastCode(emu, { username, userPoolId: poolId, medium: 'EMAIL' });
    const newPassword = randomPassword();
    await pub.send(new ConfirmForgotPasswordCommand({ ClientId: publicClientId, Username: username, ConfirmationCode: code, Password: newPassword }));
    expect((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))).UserStatus).toBe('CONFIRMED');
    expect((await passwordAuth(username, newPassword)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('SignUp with a password the policy refuses: InvalidPasswordException', async () => {
    const err = await failure(pub.send(new SignUpCommand({ ClientId: publicClientId, Username: uniqueName('weak'), Password: 'short' })));
    expect(['InvalidPasswordException', 'InvalidParameterException']).toContain(err.name);
    expect(err.message).not.toContain('short');
  });

  it('ForgotPassword → ConfirmForgotPassword (wrong code refused) → the new password works, the old one not', async () => {
    const username = uniqueName('forgot');
    const password = randomPassword();
    await createConfirmedUser(username, password, { email: `${username}@example.com`, email_verified: 'true' });
    const forgot = await pub.send(new ForgotPasswordCommand({ ClientId: publicClientId, Username: username }));
    expect(forgot.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const code = lastCode(emu, { username, userPoolId: poolId, purpose: 'FORGOT_PASSWORD' });
    const newPassword = randomPassword();
    const wrong = otherCode(code);
    const mismatch = await failure(
      pub.send(new ConfirmForgotPasswordCommand({ ClientId: publicClientId, Username: username, ConfirmationCode: wrong, Password: newPassword })),
    );
    expect(mismatch.name).toBe('CodeMismatchException');
    await pub.send(new ConfirmForgotPasswordCommand({ ClientId: publicClientId, Username: username, ConfirmationCode: code, Password: newPassword }));
    expect((await failure(passwordAuth(username, password))).name).toBe('NotAuthorizedException');
    expect((await passwordAuth(username, newPassword)).AuthenticationResult?.AccessToken).toBeTruthy();
  });
});

describe('MFA through the AWS SDK', () => {
  it('AdminSetUserMFAPreference SMS → SMS_MFA challenge, wrong code refused, outbox code signs in', async () => {
    const username = uniqueName('sms');
    const password = randomPassword();
    await createConfirmedUser(username, password, { phone_number: '+15555550123', phone_number_verified: 'true' });
    await admin.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: username, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    const got = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(got.UserMFASettingList).toEqual(['SMS_MFA']);
    expect(got.PreferredMfaSetting).toBe('SMS_MFA');

    const init = await passwordAuth(username, password);
    expect(init.ChallengeName).toBe('SMS_MFA');
    expect(init.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM).toBe('SMS');
    expect(init.ChallengeParameters?.CODE_DELIVERY_DESTINATION).toMatch(/0123$/);
    expect(init.ChallengeParameters?.CODE_DELIVERY_DESTINATION).not.toBe('+15555550123');
    const code = lastCode(emu, { username, userPoolId: poolId, medium: 'SMS', purpose: 'MFA' });
    const wrong = otherCode(code);
    const mismatch = await failure(
      pub.send(
        new RespondToAuthChallengeCommand({
          ClientId: publicClientId,
          ChallengeName: 'SMS_MFA',
          Session: init.Session,
          ChallengeResponses: { USERNAME: username, SMS_MFA_CODE: wrong },
        }),
      ),
    );
    expect(mismatch.name).toBe('CodeMismatchException');
    // Cognito lets the user retry a wrong MFA code with the same session.
    const ok = await pub.send(
      new RespondToAuthChallengeCommand({
        ClientId: publicClientId,
        ChallengeName: 'SMS_MFA',
        Session: init.Session,
        ChallengeResponses: { USERNAME: username, SMS_MFA_CODE: code },
      }),
    );
    expect(ok.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('GetUserPoolMfaConfig echoes what SetUserPoolMfaConfig set', async () => {
    const cfg = await admin.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    expect(cfg.MfaConfiguration).toBe('OPTIONAL');
    expect(cfg.SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
    expect(cfg.SmsMfaConfiguration?.SmsConfiguration?.SnsCallerArn).toBe('arn:aws:iam::123456789012:role/sms');
    expect(cfg.EmailMfaConfiguration?.Subject).toBe('Your code');
  });

  it('AdminSetUserMFAPreference EMAIL → EMAIL_OTP challenge with masked delivery → outbox code signs in', async () => {
    const username = uniqueName('emailmfa');
    const password = randomPassword();
    await createConfirmedUser(username, password, { email: `${username}@example.com`, email_verified: 'true' });
    await admin.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: username, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    const got = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(got.UserMFASettingList).toEqual(['EMAIL_OTP']);
    expect(got.PreferredMfaSetting).toBe('EMAIL_OTP');
    const init = await passwordAuth(username, password);
    expect(init.ChallengeName).toBe('EMAIL_OTP');
    expect(init.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM).toBe('EMAIL');
    expect(init.ChallengeParameters?.CODE_DELIVERY_DESTINATION).toBeTruthy();
    expect(init.ChallengeParameters?.CODE_DELIVERY_DESTINATION).not.toContain(username);
    const code = lastCode(emu, { username, userPoolId: poolId, medium: 'EMAIL', purpose: 'MFA' });
    const done = await pub.send(
      new RespondToAuthChallengeCommand({
        ClientId: publicClientId,
        ChallengeName: 'EMAIL_OTP',
        Session: init.Session,
        ChallengeResponses: { USERNAME: username, EMAIL_OTP_CODE: code },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('TOTP with the access token: AssociateSoftwareToken → VerifySoftwareToken → SetUserMFAPreference → SOFTWARE_TOKEN_MFA', async () => {
    const username = uniqueName('totp');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const tokens = (await passwordAuth(username, password)).AuthenticationResult!;
    const assoc = await pub.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
    const secret = assoc.SecretCode!;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const wrongCode = otherCode(totpCode(secret, emu.clock.now()));
    const bad = await failure(pub.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: wrongCode })));
    expect(bad.name).toBe('EnableSoftwareTokenMFAException');
    const verified = await pub.send(
      new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: totpCode(secret, emu.clock.now()), FriendlyDeviceName: 'phone' }),
    );
    expect(verified.Status).toBe('SUCCESS');
    await pub.send(
      new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    const got = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(got.UserMFASettingList).toContain('SOFTWARE_TOKEN_MFA');
    expect(got.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');

    emu.clock.advance(30_000); // a new TOTP window: no replay of the verification code
    const init = await passwordAuth(username, password);
    expect(init.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await pub.send(
      new RespondToAuthChallengeCommand({
        ClientId: publicClientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: init.Session,
        ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, emu.clock.now()) },
      }),
    );
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
    expect(emu.totpCode(poolId, username, emu.clock.now())).toBe(totpCode(secret, emu.clock.now()));
  });
});

// Last on purpose: these move the emulator clock by days.
describe('expiry on the emulator clock', () => {
  it('an access token is refused by GetUser after its hour, the refresh token still works', async () => {
    const username = uniqueName('hour');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const tokens = (await passwordAuth(username, password)).AuthenticationResult!;
    emu.clock.advance(3600_000 + 60_000);
    const err = await failure(pub.send(new GetUserCommand({ AccessToken: tokens.AccessToken })));
    expect(err.name).toBe('NotAuthorizedException');
    expect(err.message).toMatch(/expired/i);
    const refreshed = await pub.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: publicClientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }),
    );
    expect((await pub.send(new GetUserCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken }))).Username).toBe(username);
  });

  it('a refresh token is refused after 30 days (the default RefreshTokenValidity)', async () => {
    const username = uniqueName('month');
    const password = randomPassword();
    await createConfirmedUser(username, password);
    const tokens = (await passwordAuth(username, password)).AuthenticationResult!;
    emu.clock.advance(31 * 24 * 3600_000);
    const err = await failure(
      pub.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: publicClientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } })),
    );
    expect(err.name).toBe('NotAuthorizedException');
    expect(err.message).toMatch(/expired/i);
  });

  it('a forgot-password code expires after an hour: ExpiredCodeException', async () => {
    const username = uniqueName('oldcode');
    await createConfirmedUser(username, randomPassword(), { email: `${username}@example.com`, email_verified: 'true' });
    await pub.send(new ForgotPasswordCommand({ ClientId: publicClientId, Username: username }));
    const code = lastCode(emu, { username, userPoolId: poolId, purpose: 'FORGOT_PASSWORD' });
    emu.clock.advance(61 * 60_000);
    const err = await failure(
      pub.send(new ConfirmForgotPasswordCommand({ ClientId: publicClientId, Username: username, ConfirmationCode: code, Password: randomPassword() })),
    );
    expect(err.name).toBe('ExpiredCodeException');
  });

  it('a sign-up confirmation code expires after 24 hours: ExpiredCodeException', async () => {
    const username = uniqueName('latecomer');
    await pub.send(
      new SignUpCommand({ ClientId: publicClientId, Username: username, Password: randomPassword(), UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }] }),
    );
    const code = lastCode(emu, { username, userPoolId: poolId, purpose: 'SIGN_UP' });
    emu.clock.advance(25 * 3600_000);
    const err = await failure(pub.send(new ConfirmSignUpCommand({ ClientId: publicClientId, Username: username, ConfirmationCode: code })));
    expect(err.name).toBe('ExpiredCodeException');
  });

  it('a temporary password expires after 7 days (TemporaryPasswordValidityDays default)', async () => {
    const username = uniqueName('stale');
    const temporary = randomPassword();
    await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, TemporaryPassword: temporary, MessageAction: 'SUPPRESS' }));
    emu.clock.advance(8 * 24 * 3600_000);
    const err = await failure(passwordAuth(username, temporary));
    expect(err.name).toBe('NotAuthorizedException');
    expect(err.message).toMatch(/Temporary password has expired/);
  });
});
