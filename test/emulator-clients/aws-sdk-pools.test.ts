// The AWS SDK v3 configures pools the way infrastructure-as-code does and checks that the
// emulator keeps and honours what it was given: password policy defaults,
// AutoVerifiedAttributes, the schema and custom attributes, recovery and message settings,
// client OAuth settings, aliases, regions, legacy auth flows, MFA and reset rules, groups,
// the Update/List/Delete calls, tags, domains, resource servers and pagination.
import {
  AddCustomAttributesCommand,
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminListGroupsForUserCommand,
  AdminListUserAuthEventsCommand,
  AdminRemoveUserFromGroupCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteGroupCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ForgotPasswordCommand,
  GetGroupCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListResourceServersCommand,
  ListTagsForResourceCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersInGroupCommand,
  ResendConfirmationCodeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateGroupCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
  UpdateUserAttributesCommand,
  UpdateUserPoolCommand,
  UpdateUserPoolDomainCommand,
  VerifyUserAttributeCommand,
  type ExplicitAuthFlowsType,
  type SchemaAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, lastCode, publicClient, randomPassword, start, uniqueName, verifyToken, type Emulator } from './support.js';

let emu: Emulator;
let admin: CognitoIdentityProviderClient;
let pub: CognitoIdentityProviderClient;

beforeAll(async () => {
  emu = await start();
  admin = adminClient(emu.endpoint);
  pub = publicClient(emu.endpoint);
});
afterAll(() => emu.close());

async function failure(p: Promise<unknown>): Promise<Error & { name: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

async function newPool(props: Record<string, unknown> = {}, flows: ExplicitAuthFlowsType[] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH']) {
  const pool = await admin.send(new CreateUserPoolCommand({ PoolName: uniqueName('pool'), ...props }));
  const poolId = pool.UserPool!.Id!;
  const client = await admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: flows }));
  return { poolId, clientId: client.UserPoolClient!.ClientId!, pool: pool.UserPool! };
}

const attrs = (o: Record<string, string>) => Object.entries(o).map(([Name, Value]) => ({ Name, Value }));

describe('CreateUserPool defaults and kept settings', () => {
  it('without Policies the password policy is Cognito default: 8 characters with upper, lower, number and symbol', async () => {
    const { poolId, clientId, pool } = await newPool();
    expect(pool.Policies?.PasswordPolicy).toMatchObject({ MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 });
    for (const weak of ['Password', 'password1!', 'PASSWORD1!', 'Password!', 'Password1']) {
      const err = await failure(pub.send(new SignUpCommand({ ClientId: clientId, Username: uniqueName('weak'), Password: weak })));
      expect(err.name).toBe('InvalidPasswordException');
    }
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: uniqueName('ok'), Password: 'Passw0rd!' }));
    const described = await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(described.UserPool?.Policies?.PasswordPolicy?.RequireSymbols).toBe(true);
  });

  it('AutoVerifiedAttributes: no code (and no CodeDeliveryDetails) unless the pool verifies an attribute the user has', async () => {
    const none = await newPool();
    const u1 = uniqueName('nov');
    const up1 = await pub.send(new SignUpCommand({ ClientId: none.clientId, Username: u1, Password: 'Passw0rd!', UserAttributes: attrs({ email: `${u1}@example.com` }) }));
    expect(up1.UserConfirmed).toBe(false);
    expect(up1.CodeDeliveryDetails).toBeUndefined();
    expect(emu.outbox.last({ username: u1 })).toBeUndefined();
    expect((await failure(pub.send(new ResendConfirmationCodeCommand({ ClientId: none.clientId, Username: u1 })))).name).toBe('InvalidParameterException');
    await admin.send(new AdminConfirmSignUpCommand({ UserPoolId: none.poolId, Username: u1 }));

    const email = await newPool({ AutoVerifiedAttributes: ['email'] });
    const u2 = uniqueName('noemail');
    const up2 = await pub.send(new SignUpCommand({ ClientId: email.clientId, Username: u2, Password: 'Passw0rd!', UserAttributes: attrs({ phone_number: '+15550001234' }) }));
    expect(up2.CodeDeliveryDetails).toBeUndefined();
    const u3 = uniqueName('withemail');
    const up3 = await pub.send(new SignUpCommand({ ClientId: email.clientId, Username: u3, Password: 'Passw0rd!', UserAttributes: attrs({ email: `${u3}@example.com` }) }));
    expect(up3.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    await pub.send(new ConfirmSignUpCommand({ ClientId: email.clientId, Username: u3, ConfirmationCode: lastCode(emu, { username: u3, purpose: 'SIGN_UP' }) }));
    const got = await admin.send(new AdminGetUserCommand({ UserPoolId: email.poolId, Username: u3 }));
    expect(got.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });

    const phone = await newPool({ AutoVerifiedAttributes: ['phone_number'] });
    const u4 = uniqueName('phone');
    const up4 = await pub.send(new SignUpCommand({ ClientId: phone.clientId, Username: u4, Password: 'Passw0rd!', UserAttributes: attrs({ email: `${u4}@example.com`, phone_number: '+15550009876' }) }));
    expect(up4.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    const described = await admin.send(new DescribeUserPoolCommand({ UserPoolId: phone.poolId }));
    expect(described.UserPool?.AutoVerifiedAttributes).toEqual(['phone_number']);
  });

  it('Schema: custom attributes with constraints, required standard attributes, SchemaAttributes, AddCustomAttributes', async () => {
    const schema: SchemaAttributeType[] = [
      { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
      { Name: 'tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '5' } },
      { Name: 'age', AttributeDataType: 'Number', Mutable: true, NumberAttributeConstraints: { MinValue: '0', MaxValue: '150' } },
      { Name: 'tenant', AttributeDataType: 'String', Mutable: false },
    ];
    const { poolId, clientId } = await newPool({ Schema: schema });
    const described = await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    const byName = new Map((described.UserPool?.SchemaAttributes ?? []).map((a) => [a.Name, a]));
    expect(byName.get('custom:tier')).toMatchObject({ AttributeDataType: 'String', Mutable: true, Required: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '5' } });
    expect(byName.get('custom:age')).toMatchObject({ AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '0', MaxValue: '150' } });
    expect(byName.get('custom:tenant')?.Mutable).toBe(false);
    expect(byName.get('name')?.Required).toBe(true);
    expect(byName.get('sub')).toMatchObject({ Required: true, Mutable: false });
    expect(byName.get('email_verified')?.AttributeDataType).toBe('Boolean');

    const signUp = (username: string, a: Record<string, string>) => pub.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: 'Passw0rd!', UserAttributes: attrs(a) }));
    expect((await failure(signUp(uniqueName('noname'), {}))).name).toBe('InvalidParameterException');
    expect((await failure(signUp(uniqueName('long'), { name: 'N', 'custom:tier': 'platinum' }))).name).toBe('InvalidParameterException');
    expect((await failure(signUp(uniqueName('old'), { name: 'N', 'custom:age': '200' }))).name).toBe('InvalidParameterException');
    expect((await failure(signUp(uniqueName('nan'), { name: 'N', 'custom:age': 'old' }))).name).toBe('InvalidParameterException');
    expect((await failure(signUp(uniqueName('unknown'), { name: 'N', 'custom:nope': 'x' }))).name).toBe('InvalidParameterException');
    const username = uniqueName('schema');
    await signUp(username, { name: 'Nia', 'custom:tier': 'gold', 'custom:age': '42', 'custom:tenant': 't1' });
    await admin.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: username, UserAttributes: attrs({ 'custom:tier': 'plat' }) }));
    const immutable = await failure(admin.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: username, UserAttributes: attrs({ 'custom:tenant': 't2' }) })));
    expect(immutable.name).toBe('InvalidParameterException');
    const user = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'custom:tier', Value: 'plat' }, { Name: 'custom:tenant', Value: 't1' }]));

    await admin.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'plan', AttributeDataType: 'String', Mutable: true }] }));
    const dup = await failure(admin.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'plan', AttributeDataType: 'String' }] })));
    expect(dup.name).toBe('InvalidParameterException');
    const required = await failure(admin.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'must', AttributeDataType: 'String', Required: true }] })));
    expect(required.name).toBe('InvalidParameterException');
    await admin.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: username, UserAttributes: attrs({ 'custom:plan': 'pro' }) }));
    const after = await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(after.UserPool?.SchemaAttributes?.some((a) => a.Name === 'custom:plan')).toBe(true);
  });

  it('AccountRecoverySetting, VerificationMessageTemplate and tags are kept; client OAuth settings are kept and checked', async () => {
    const recovery = { RecoveryMechanisms: [{ Name: 'verified_email' as const, Priority: 1 }, { Name: 'verified_phone_number' as const, Priority: 2 }] };
    const template = { DefaultEmailOption: 'CONFIRM_WITH_CODE' as const, EmailMessage: 'Your code is {####}', EmailSubject: 'Welcome' };
    const { poolId, pool } = await newPool({ AccountRecoverySetting: recovery, VerificationMessageTemplate: template, UserPoolTags: { team: 'id' }, DeletionProtection: 'ACTIVE' });
    expect(pool.AccountRecoverySetting).toEqual(recovery);
    const described = (await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(described.VerificationMessageTemplate).toEqual(template);
    expect(described.UserPoolTags).toEqual({ team: 'id' });
    expect(described.DeletionProtection).toBe('ACTIVE');
    const badRecovery = await failure(admin.send(new CreateUserPoolCommand({ PoolName: 'bad', AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }, { Name: 'verified_email', Priority: 2 }] } })));
    expect(badRecovery.name).toBe('InvalidParameterException');

    const oauth = {
      AllowedOAuthFlows: ['code' as const],
      AllowedOAuthScopes: ['openid', 'email'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: ['https://app.example.com/cb'],
      LogoutURLs: ['https://app.example.com/out'],
      DefaultRedirectURI: 'https://app.example.com/cb',
      SupportedIdentityProviders: ['COGNITO'],
      ReadAttributes: ['email', 'name'],
      WriteAttributes: ['name'],
    };
    const created = await admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ...oauth }));
    const client = (await admin.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.UserPoolClient!.ClientId! }))).UserPoolClient!;
    expect(client).toMatchObject(oauth);
    expect(client.EnableTokenRevocation).toBe(true);
    // WriteAttributes ['name']: SignUp through this client may not set anything else.
    const writeLimited = await failure(pub.send(new SignUpCommand({ ClientId: created.UserPoolClient!.ClientId!, Username: uniqueName('w'), Password: 'Passw0rd!', UserAttributes: attrs({ nickname: 'n' }) })));
    expect(writeLimited.name).toBe('NotAuthorizedException');
    await pub.send(new SignUpCommand({ ClientId: created.UserPoolClient!.ClientId!, Username: uniqueName('w'), Password: 'Passw0rd!', UserAttributes: attrs({ name: 'n' }) }));
    const unknownScope = await failure(admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'x', AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['api/read'], CallbackURLs: ['https://a.example/cb'], AllowedOAuthFlowsUserPoolClient: true })));
    expect(unknownScope.name).toBe('ScopeDoesNotExistException');
    const ccNoSecret = await failure(admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'cc', AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['openid'], AllowedOAuthFlowsUserPoolClient: true })));
    expect(ccNoSecret.name).toBe('InvalidParameterException');
    // DeletionProtection ACTIVE: DeleteUserPool is refused until UpdateUserPool turns it off.
    expect((await failure(admin.send(new DeleteUserPoolCommand({ UserPoolId: poolId })))).name).toBe('InvalidParameterException');
    await admin.send(new UpdateUserPoolCommand({ UserPoolId: poolId, DeletionProtection: 'INACTIVE' }));
    await admin.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
  });

  it('ForgotPassword follows AccountRecoverySetting and needs a verified contact', async () => {
    const phoneFirst = await newPool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_phone_number', Priority: 1 }, { Name: 'verified_email', Priority: 2 }] } });
    const emailFirst = await newPool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }, { Name: 'verified_phone_number', Priority: 2 }] } });
    const both = { email: 'rec@example.com', email_verified: 'true', phone_number: '+15550007777', phone_number_verified: 'true' };
    for (const [p, medium] of [[phoneFirst, 'SMS'], [emailFirst, 'EMAIL']] as const) {
      const username = uniqueName('rec');
      await admin.send(new AdminCreateUserCommand({ UserPoolId: p.poolId, Username: username, MessageAction: 'SUPPRESS', UserAttributes: attrs(both) }));
      await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: p.poolId, Username: username, Password: 'Passw0rd!', Permanent: true }));
      const out = await pub.send(new ForgotPasswordCommand({ ClientId: p.clientId, Username: username }));
      expect(out.CodeDeliveryDetails?.DeliveryMedium).toBe(medium);
    }
    const unverified = uniqueName('unverified');
    await admin.send(new AdminCreateUserCommand({ UserPoolId: emailFirst.poolId, Username: unverified, MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: 'u@example.com' }) }));
    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: emailFirst.poolId, Username: unverified, Password: 'Passw0rd!', Permanent: true }));
    expect((await failure(pub.send(new ForgotPasswordCommand({ ClientId: emailFirst.clientId, Username: unverified })))).name).toBe('InvalidParameterException');
  });

  it('a client with ReadAttributes / WriteAttributes: ID token and GetUser show only readable attributes; writes are limited', async () => {
    const { poolId } = await newPool();
    const limited = await admin.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'limited', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ReadAttributes: ['email', 'email_verified'], WriteAttributes: ['nickname'] }),
    );
    const clientId = limited.UserPoolClient!.ClientId!;
    const username = uniqueName('reader');
    await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: `${username}@example.com`, email_verified: 'true', given_name: 'Gia' }) }));
    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: 'Passw0rd!', Permanent: true }));
    const out = await pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } }));
    const id = (await verifyToken(emu, poolId, out.AuthenticationResult!.IdToken!)).payload;
    expect(id.email).toBe(`${username}@example.com`);
    expect(id.email_verified).toBe(true);
    expect(id).not.toHaveProperty('given_name');
    const accessToken = out.AuthenticationResult!.AccessToken!;
    const me = await pub.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(me.UserAttributes?.map((a) => a.Name).sort()).toEqual(['email', 'email_verified', 'sub']);
    await pub.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: attrs({ nickname: 'g' }) }));
    const refused = await failure(pub.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: attrs({ given_name: 'Other' }) })));
    expect(refused.name).toBe('NotAuthorizedException');
    const full = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(full.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'given_name', Value: 'Gia' }, { Name: 'nickname', Value: 'g' }]));
  });

  it('the pool id and ARN carry the region the request was signed for', async () => {
    const eu = new CognitoIdentityProviderClient({ endpoint: emu.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'AKIAEMULATORTEST', secretAccessKey: 'not-a-real-secret' }, maxAttempts: 1 });
    const pool = await eu.send(new CreateUserPoolCommand({ PoolName: 'eu' }));
    expect(pool.UserPool?.Id).toMatch(/^eu-west-1_[0-9a-zA-Z]+$/);
    expect(pool.UserPool?.Arn).toBe(`arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${pool.UserPool!.Id}`);
    const us = await admin.send(new CreateUserPoolCommand({ PoolName: 'us' }));
    expect(us.UserPool?.Id).toMatch(/^us-east-1_/);
    eu.destroy();
  });
});

describe('aliases, legacy flows, MFA and reset rules', () => {
  it('email as user name: two users cannot hold the same email (AliasExistsException / UsernameExistsException)', async () => {
    const { poolId, clientId } = await newPool({ UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: 'ann@example.com', Password: 'Passw0rd!' }));
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: 'bob@example.com', Password: 'Passw0rd!' }));
    expect((await failure(pub.send(new SignUpCommand({ ClientId: clientId, Username: 'ann@example.com', Password: 'Passw0rd!' })))).name).toBe('UsernameExistsException');
    const moved = await failure(admin.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'bob@example.com', UserAttributes: attrs({ email: 'ann@example.com' }) })));
    expect(moved.name).toBe('AliasExistsException');
    const created = await failure(admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ann@example.com', MessageAction: 'SUPPRESS' })));
    expect(created.name).toBe('UsernameExistsException');
    // The refused change left both users as they were.
    const bob = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bob@example.com' }));
    expect(bob.UserAttributes).toContainEqual({ Name: 'email', Value: 'bob@example.com' });
  });

  it('email alias: confirming a second account with the same verified email is AliasExistsException unless ForceAliasCreation', async () => {
    const { poolId, clientId } = await newPool({ AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    const email = `${uniqueName('alias')}@example.com`;
    const first = uniqueName('first');
    const second = uniqueName('second');
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: first, Password: 'Passw0rd!', UserAttributes: attrs({ email }) }));
    await pub.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: first, ConfirmationCode: lastCode(emu, { username: first, purpose: 'SIGN_UP' }) }));
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: second, Password: 'Passw0rd!', UserAttributes: attrs({ email }) }));
    const code = lastCode(emu, { username: second, purpose: 'SIGN_UP' });
    expect((await failure(pub.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: second, ConfirmationCode: code })))).name).toBe('AliasExistsException');
    await pub.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: second, ConfirmationCode: code, ForceAliasCreation: true }));
    // The alias moved: the email now signs the second user in.
    const out = await pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PASSWORD: 'Passw0rd!' } }));
    expect(out.AuthenticationResult).toBeTruthy();
    const firstNow = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: first }));
    expect(firstNow.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'false' });
    // The first user still holds the email, unverified; verifying it again would take the alias back.
    const firstTokens = await pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: first, PASSWORD: 'Passw0rd!' } }));
    const accessToken = firstTokens.AuthenticationResult!.AccessToken!;
    await pub.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: 'email' }));
    const verifyCode = lastCode(emu, { username: first, purpose: 'VERIFY_ATTRIBUTE' });
    const taken = await failure(pub.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'email', Code: verifyCode })));
    expect(taken.name).toBe('AliasExistsException');
  });

  it('legacy ExplicitAuthFlows values keep SRP and refresh, are echoed as given, and cannot mix with ALLOW_ values', async () => {
    const { poolId } = await newPool();
    const legacy = await admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'legacy', ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH'] }));
    const clientId = legacy.UserPoolClient!.ClientId!;
    expect(legacy.UserPoolClient?.ExplicitAuthFlows).toEqual(['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH']);
    const username = uniqueName('legacy');
    await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' }));
    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: 'Passw0rd!', Permanent: true }));
    const signedIn = await admin.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_NO_SRP_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } }));
    const refreshed = await pub.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult!.RefreshToken! } }));
    expect(refreshed.AuthenticationResult?.AccessToken).toBeTruthy();
    const srp = await pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: 'ab'.repeat(384) } }));
    expect(srp.ChallengeName).toBe('PASSWORD_VERIFIER');
    const mixed = await failure(admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'mixed', ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'] })));
    expect(mixed.name).toBe('InvalidParameterException');
  });

  it('SetUserPoolMfaConfig ON with no factor configured is refused; with one it is accepted', async () => {
    const { poolId } = await newPool();
    const refused = await failure(admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON' })));
    expect(refused.name).toBe('InvalidParameterException');
    const ok = await admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    expect(ok.MfaConfiguration).toBe('ON');
  });

  it('AdminResetUserPassword: refused for users without a password of their own or disabled; RESET_REQUIRED otherwise', async () => {
    const { poolId, clientId } = await newPool();
    const fresh = uniqueName('fresh');
    await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: fresh, MessageAction: 'SUPPRESS' }));
    const err = await failure(admin.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: fresh })));
    expect(err.name).toBe('NotAuthorizedException');
    const pending = uniqueName('pending');
    await pub.send(new SignUpCommand({ ClientId: clientId, Username: pending, Password: 'Passw0rd!' }));
    expect((await failure(admin.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: pending })))).name).toBe('NotAuthorizedException');
    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: fresh, Password: 'Passw0rd!', Permanent: true }));
    await admin.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: fresh }));
    expect((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: fresh }))).UserStatus).toBe('RESET_REQUIRED');
    expect((await failure(admin.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'nobody' })))).name).toBe('UserNotFoundException');
  });
});

describe('groups', () => {
  it('Create/Get/Update/List/Delete, membership both ways, errors and pagination', async () => {
    const { poolId } = await newPool();
    const role = 'arn:aws:iam::123456789012:role/editors';
    const created = await admin.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Description: 'Edit things', Precedence: 2, RoleArn: role }));
    expect(created.Group).toMatchObject({ GroupName: 'editors', UserPoolId: poolId, Description: 'Edit things', Precedence: 2, RoleArn: role });
    expect(created.Group?.CreationDate).toBeInstanceOf(Date);
    expect((await failure(admin.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'editors' })))).name).toBe('GroupExistsException');
    expect((await failure(admin.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'ghosts' })))).name).toBe('ResourceNotFoundException');
    const updated = await admin.send(new UpdateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Precedence: 7 }));
    expect(updated.Group).toMatchObject({ Precedence: 7, Description: 'Edit things' });
    expect((await admin.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'editors' }))).Group?.Precedence).toBe(7);

    for (let i = 0; i < 4; i++) await admin.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: `g${i}` }));
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await admin.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 2, NextToken: token }));
      expect(page.Groups!.length).toBeLessThanOrEqual(2);
      names.push(...page.Groups!.map((g) => g.GroupName!));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(names.sort()).toEqual(['editors', 'g0', 'g1', 'g2', 'g3']);
    expect((await failure(admin.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 61 })))).name).toBe('InvalidParameterException');

    const users = [uniqueName('m'), uniqueName('m'), uniqueName('m')];
    for (const u of users) {
      await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: u, MessageAction: 'SUPPRESS' }));
      await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: u, GroupName: 'editors' }));
    }
    await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: users[0], GroupName: 'g1' }));
    const first = await admin.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Limit: 2 }));
    expect(first.Users).toHaveLength(2);
    const rest = await admin.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Limit: 2, NextToken: first.NextToken }));
    expect([...first.Users!, ...rest.Users!].map((u) => u.Username).sort()).toEqual([...users].sort());
    expect(rest.NextToken).toBeUndefined();
    const mine = await admin.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: users[0] }));
    expect(mine.Groups?.map((g) => g.GroupName)).toEqual(['editors', 'g1']);
    await admin.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: users[0], GroupName: 'editors' }));
    expect((await admin.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: users[0] }))).Groups?.map((g) => g.GroupName)).toEqual(['g1']);
    expect((await failure(admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'nobody', GroupName: 'g1' })))).name).toBe('UserNotFoundException');
    expect((await failure(admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: users[1], GroupName: 'ghosts' })))).name).toBe('ResourceNotFoundException');
    // A deleted user leaves their groups; a deleted group is gone.
    await admin.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: users[1] }));
    expect((await admin.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: 'editors' }))).Users?.map((u) => u.Username)).toEqual([users[2]]);
    await admin.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'g1' }));
    expect((await failure(admin.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'g1' })))).name).toBe('ResourceNotFoundException');
    expect((await admin.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: users[0] }))).Groups).toEqual([]);
  });
});

describe('what Terraform and CDK call', () => {
  it('UpdateUserPool changes settings and resets what it leaves out; ListUserPools pages', async () => {
    const { poolId } = await newPool({ AutoVerifiedAttributes: ['email'], Policies: { PasswordPolicy: { MinimumLength: 12 } } });
    await admin.send(new UpdateUserPoolCommand({ UserPoolId: poolId, Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true } }, UserPoolTags: { env: 'test' }, AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] } }));
    const pool = (await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(pool.Policies?.PasswordPolicy).toMatchObject({ MinimumLength: 10, RequireNumbers: true, RequireUppercase: false });
    expect(pool.AutoVerifiedAttributes ?? []).toEqual([]);
    expect(pool.UserPoolTags).toEqual({ env: 'test' });
    expect(pool.AccountRecoverySetting?.RecoveryMechanisms?.[0]?.Name).toBe('admin_only');
    expect((await failure(admin.send(new UpdateUserPoolCommand({ UserPoolId: 'us-east-1_nope' })))).name).toBe('ResourceNotFoundException');

    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const page = await admin.send(new ListUserPoolsCommand({ MaxResults: 3, NextToken: token }));
      expect(page.UserPools!.length).toBeLessThanOrEqual(3);
      for (const p of page.UserPools!) seen.add(p.Id!);
      token = page.NextToken;
    } while (token);
    expect(seen.has(poolId)).toBe(true);
    expect((await failure(admin.send(new ListUserPoolsCommand({ MaxResults: 0 })))).name).toBe('InvalidParameterException');
  });

  it('UpdateUserPoolClient, ListUserPoolClients, DeleteUserPoolClient', async () => {
    const { poolId, clientId } = await newPool();
    const secretOne = await admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'server', GenerateSecret: true }));
    const updated = await admin.send(
      new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: secretOne.UserPoolClient!.ClientId!, ClientName: 'server2', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], LogoutURLs: ['https://x.example/out'] }),
    );
    expect(updated.UserPoolClient).toMatchObject({ ClientName: 'server2', ClientSecret: secretOne.UserPoolClient!.ClientSecret, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], LogoutURLs: ['https://x.example/out'] });
    // Left out: back to the defaults.
    const reset = await admin.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: secretOne.UserPoolClient!.ClientId! }));
    expect(reset.UserPoolClient?.ClientName).toBe('server2');
    expect(reset.UserPoolClient?.LogoutURLs).toBeUndefined();
    expect([...(reset.UserPoolClient?.ExplicitAuthFlows ?? [])].sort()).toEqual(['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);

    const listed = await admin.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 1 }));
    expect(listed.UserPoolClients).toHaveLength(1);
    const next = await admin.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 1, NextToken: listed.NextToken }));
    expect([...listed.UserPoolClients!, ...next.UserPoolClients!].map((c) => c.ClientId).sort()).toEqual([clientId, secretOne.UserPoolClient!.ClientId!].sort());
    expect(next.NextToken).toBeUndefined();

    await admin.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect((await failure(admin.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })))).name).toBe('ResourceNotFoundException');
    const gone = await failure(pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'x', PASSWORD: 'y' } })));
    expect(gone.name).toBe('ResourceNotFoundException');
  });

  it('TagResource, UntagResource, ListTagsForResource on the pool ARN', async () => {
    const { pool } = await newPool({ UserPoolTags: { a: '1' } });
    const ResourceArn = pool.Arn!;
    await admin.send(new TagResourceCommand({ ResourceArn, Tags: { b: '2', c: '3' } }));
    await admin.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['c'] }));
    expect((await admin.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags).toEqual({ a: '1', b: '2' });
    const missing = await failure(admin.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_missing' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('user pool domains: create, describe, update, delete, uniqueness', async () => {
    const { poolId } = await newPool();
    const other = await newPool();
    const domain = `emu-${Date.now().toString(36)}`;
    await admin.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    const described = await admin.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
    expect(described.DomainDescription).toMatchObject({ UserPoolId: poolId, Domain: domain, Status: 'ACTIVE' });
    expect((await admin.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.Domain).toBe(domain);
    expect((await failure(admin.send(new CreateUserPoolDomainCommand({ UserPoolId: other.poolId, Domain: domain })))).name).toBe('InvalidParameterException');
    expect((await failure(admin.send(new CreateUserPoolDomainCommand({ UserPoolId: other.poolId, Domain: 'Bad_Domain' })))).name).toBe('InvalidParameterException');
    const upd = await admin.send(new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain, ManagedLoginVersion: 2 }));
    expect(upd.ManagedLoginVersion).toBe(2);
    await admin.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    expect((await admin.send(new DescribeUserPoolDomainCommand({ Domain: domain }))).DomainDescription ?? {}).toEqual({});
    await admin.send(new CreateUserPoolDomainCommand({ UserPoolId: other.poolId, Domain: domain }));
  });

  it('resource servers and custom scopes, usable in AllowedOAuthScopes', async () => {
    const { poolId } = await newPool();
    const scopes = [{ ScopeName: 'read', ScopeDescription: 'Read' }, { ScopeName: 'write', ScopeDescription: 'Write' }];
    const created = await admin.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'API', Scopes: scopes }));
    expect(created.ResourceServer).toMatchObject({ UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'API', Scopes: scopes });
    expect((await failure(admin.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'again' })))).name).toBe('InvalidParameterException');
    await admin.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'billing', Name: 'Billing' }));
    const page1 = await admin.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 1 }));
    const page2 = await admin.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 1, NextToken: page1.NextToken }));
    expect([...page1.ResourceServers!, ...page2.ResourceServers!].map((s) => s.Identifier).sort()).toEqual(['billing', 'https://api.example.com']);
    const client = await admin.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'm2m', GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['https://api.example.com/read'], AllowedOAuthFlowsUserPoolClient: true }),
    );
    expect(client.UserPoolClient?.AllowedOAuthScopes).toEqual(['https://api.example.com/read']);
    await admin.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'API v2', Scopes: [{ ScopeName: 'admin', ScopeDescription: 'Admin' }] }));
    const described = await admin.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com' }));
    expect(described.ResourceServer).toMatchObject({ Name: 'API v2', Scopes: [{ ScopeName: 'admin', ScopeDescription: 'Admin' }] });
    await admin.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'billing' }));
    expect((await failure(admin.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'billing' })))).name).toBe('ResourceNotFoundException');
  });

  it('AdminDeleteUserAttributes and AdminListUserAuthEvents (needs threat protection, as in Cognito)', async () => {
    const { poolId, clientId } = await newPool({ UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } });
    const username = uniqueName('events');
    const password = randomPassword();
    await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS', UserAttributes: attrs({ email: `${username}@example.com`, email_verified: 'true', given_name: 'Eve' }) }));
    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
    await admin.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: username, UserAttributeNames: ['given_name', 'email'] }));
    const user = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(user.UserAttributes?.map((a) => a.Name).sort()).toEqual(['sub']);
    expect((await failure(admin.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: username, UserAttributeNames: ['sub'] })))).name).toBe('InvalidParameterException');

    await failure(pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: `${password}x` } })));
    await pub.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));
    const events = await admin.send(new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: username, MaxResults: 10 }));
    expect(events.AuthEvents?.map((e) => [e.EventType, e.EventResponse])).toEqual([
      ['SignIn', 'Pass'],
      ['SignIn', 'Fail'],
    ]);
    expect(events.AuthEvents?.[0]?.CreationDate).toBeInstanceOf(Date);

    const plain = await newPool();
    await admin.send(new AdminCreateUserCommand({ UserPoolId: plain.poolId, Username: username, MessageAction: 'SUPPRESS' }));
    const off = await failure(admin.send(new AdminListUserAuthEventsCommand({ UserPoolId: plain.poolId, Username: username })));
    expect(off.name).toBe('UserPoolAddOnNotEnabledException');
  });
});
