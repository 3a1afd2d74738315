import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from './index.js';
import { failure, srpSignIn, withEmulator } from './test-support/harness.js';

let emu: Emulator;
let cognito: CognitoIdentityProviderClient;
const user = (username: string, email: string, verified = 'true') => ({ username, password: 'Passw0rd!', attributes: { email, email_verified: verified } });
beforeAll(async () => {
  ({ emu, cognito } = await withEmulator({
    config: {
      pools: [
        { id: 'us-east-1_plain', clients: [{ id: 'plain' }], users: [user('alice', 'alice@example.com')] },
        { id: 'us-east-1_alias', aliasAttributes: ['email'], clients: [{ id: 'alias' }], users: [user('bea', 'bea@example.com'), user('cy', 'cy@example.com', 'false')] },
      ],
    },
  }));
});
afterAll(() => emu.close());

const pw = (clientId: string, username: string) => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } }));

describe('user names, aliases and username attributes', () => {
  it('a pool without aliases accepts the user name or the sub, not the email', async () => {
    expect((await failure(pw('plain', 'alice@example.com'))).name).toBe('UserNotFoundException');
    const byName = await pw('plain', 'alice');
    const sub = decodeJwt(byName.AuthenticationResult!.IdToken!).sub!;
    expect((await pw('plain', sub)).AuthenticationResult).toBeTruthy();
  });

  it('AliasAttributes email: a verified email signs in (SRP with USER_ID_FOR_SRP = the user name), an unverified one does not', async () => {
    const { first, second } = await srpSignIn(cognito, { userPoolId: 'us-east-1_alias', clientId: 'alias', username: 'bea@example.com', password: 'Passw0rd!' });
    expect(first.ChallengeParameters?.USER_ID_FOR_SRP).toBe('bea');
    expect(decodeJwt(second.AuthenticationResult!.IdToken!)['cognito:username']).toBe('bea');
    expect((await failure(pw('alias', 'cy@example.com'))).name).toBe('UserNotFoundException');
    expect((await pw('alias', 'cy')).AuthenticationResult).toBeTruthy();
    const refused = await failure(cognito.send(new SignUpCommand({ ClientId: 'alias', Username: 'dee@example.com', Password: 'Passw0rd!' })));
    expect(refused.name).toBe('InvalidParameterException');
  });

  it('UsernameAttributes email: SignUp stores a generated name; email works everywhere as USERNAME', async () => {
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'by-email', UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] }));
    expect(UserPool?.UsernameAttributes).toEqual(['email']);
    const poolId = UserPool!.Id!;
    const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] }));
    const clientId = UserPoolClient!.ClientId!;
    const up = await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'eve@example.com', Password: 'Passw0rd!' }));
    const got = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'eve@example.com' }));
    expect(got.Username).toBe(up.UserSub);
    expect(got.Username).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(got.UserAttributes).toContainEqual({ Name: 'email', Value: 'eve@example.com' });
    const code = emu.outbox.last({ userPoolId: poolId, username: got.Username!, purpose: 'SIGN_UP' })!.code;
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'eve@example.com', ConfirmationCode: code }));
    const { first, second } = await srpSignIn(cognito, { userPoolId: poolId, clientId, username: 'eve@example.com', password: 'Passw0rd!' });
    expect(first.ChallengeParameters?.USER_ID_FOR_SRP).toBe(got.Username);
    expect(decodeJwt(second.AuthenticationResult!.IdToken!)).toMatchObject({ 'cognito:username': got.Username, email: 'eve@example.com' });
    expect((await failure(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'eve@example.com', Password: 'Passw0rd!' })))).name).toBe('UsernameExistsException');
    expect((await failure(cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'plainname', Password: 'Passw0rd!' })))).name).toBe('InvalidParameterException');
    const created = await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'fay@example.com', MessageAction: 'SUPPRESS', TemporaryPassword: 'Temporary-1' }));
    expect(created.User?.Username).not.toBe('fay@example.com');
    const fay = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'fay@example.com', PASSWORD: 'Temporary-1' } }));
    expect(fay.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });
});
