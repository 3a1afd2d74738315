// The AWS SDK v3 drives the newest operations IaC reaches for: managed login branding styles,
// terms documents, and client secret rotation (either of two secrets verifies SECRET_HASH;
// the last one cannot be deleted).
import {
  AddUserPoolClientSecretCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateManagedLoginBrandingCommand,
  CreateTermsCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteManagedLoginBrandingCommand,
  DeleteTermsCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeManagedLoginBrandingCommand,
  DescribeTermsCommand,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  ListTermsCommand,
  ListUserPoolClientSecretsCommand,
  UpdateManagedLoginBrandingCommand,
  UpdateTermsCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, publicClient, secretHash, start, uniqueName, type Emulator } from './support.js';

let emu: Emulator;
let idp: CognitoIdentityProviderClient;

beforeAll(async () => {
  emu = await start();
  idp = adminClient(emu.endpoint);
});
afterAll(() => emu?.close());

async function rejects(p: Promise<unknown>, name: string): Promise<void> {
  const e = await p.then(() => undefined, (err: Error) => err);
  expect(e?.name, e?.message).toBe(name);
}

async function poolAndClient(extra: Record<string, unknown> = {}) {
  const pool = (await idp.send(new CreateUserPoolCommand({ PoolName: uniqueName('ml') }))).UserPool!.Id!;
  const client = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'web', ...extra }))).UserPoolClient!;
  return { pool, client };
}

describe('managed login branding', () => {
  it('creates one style per client, describes it by id and client, updates and deletes it', async () => {
    const { pool, client } = await poolAndClient();
    const png = new Uint8Array(Buffer.from('89504e470d0a1a0a', 'hex'));
    const created = (await idp.send(new CreateManagedLoginBrandingCommand({ UserPoolId: pool, ClientId: client.ClientId, Settings: { components: { pageBackground: { lightMode: { color: 'ffffffff' } } } }, Assets: [{ Category: 'PAGE_HEADER_LOGO', ColorMode: 'LIGHT', Extension: 'PNG', Bytes: png }] }))).ManagedLoginBranding!;
    expect(created.ManagedLoginBrandingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.UseCognitoProvidedValues).toBe(false);
    await rejects(idp.send(new CreateManagedLoginBrandingCommand({ UserPoolId: pool, ClientId: client.ClientId, UseCognitoProvidedValues: true })), 'ManagedLoginBrandingExistsException');
    const byClient = (await idp.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: pool, ClientId: client.ClientId }))).ManagedLoginBranding!;
    expect(byClient.ManagedLoginBrandingId).toBe(created.ManagedLoginBrandingId);
    expect(byClient.Settings).toEqual({ components: { pageBackground: { lightMode: { color: 'ffffffff' } } } });
    expect(Buffer.from(byClient.Assets![0]!.Bytes!).toString('hex')).toBe('89504e470d0a1a0a');
    const reset = (await idp.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: pool, ManagedLoginBrandingId: created.ManagedLoginBrandingId, UseCognitoProvidedValues: true }))).ManagedLoginBranding!;
    expect(reset.UseCognitoProvidedValues).toBe(true);
    expect(reset.Assets).toEqual([]);
    await rejects(idp.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: pool, ManagedLoginBrandingId: created.ManagedLoginBrandingId, UseCognitoProvidedValues: true, Settings: {} })), 'InvalidParameterException');
    await idp.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: pool, ManagedLoginBrandingId: created.ManagedLoginBrandingId }));
    await rejects(idp.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: pool, ManagedLoginBrandingId: created.ManagedLoginBrandingId })), 'ResourceNotFoundException');
    await rejects(idp.send(new CreateManagedLoginBrandingCommand({ UserPoolId: pool, ClientId: 'nosuchclient' })), 'ResourceNotFoundException');
  });
});

describe('terms documents', () => {
  it('one of each name per client, listed, updated and deleted', async () => {
    const { pool, client } = await poolAndClient();
    const base = { UserPoolId: pool, ClientId: client.ClientId, TermsSource: 'LINK' as const, Enforcement: 'NONE' as const };
    const tou = (await idp.send(new CreateTermsCommand({ ...base, TermsName: 'terms-of-use', Links: { 'cognito:default': 'https://example.com/terms' } }))).Terms!;
    await idp.send(new CreateTermsCommand({ ...base, TermsName: 'privacy-policy', Links: { 'cognito:english': 'https://example.com/privacy' } }));
    await rejects(idp.send(new CreateTermsCommand({ ...base, TermsName: 'terms-of-use', Links: { 'cognito:default': 'https://example.com/t2' } })), 'TermsExistsException');
    await rejects(idp.send(new CreateTermsCommand({ ...base, TermsName: 'cookies', Links: { 'cognito:default': 'https://example.com/c' } })), 'InvalidParameterException');
    await rejects(idp.send(new CreateTermsCommand({ ...base, TermsName: 'terms-of-use', Links: { klingon: 'https://example.com/k' } })), 'InvalidParameterException');
    const first = await idp.send(new ListTermsCommand({ UserPoolId: pool, MaxResults: 1 }));
    const second = await idp.send(new ListTermsCommand({ UserPoolId: pool, MaxResults: 1, NextToken: first.NextToken }));
    expect([...first.Terms!, ...second.Terms!].map((t) => t.TermsName).sort()).toEqual(['privacy-policy', 'terms-of-use']);
    const updated = (await idp.send(new UpdateTermsCommand({ UserPoolId: pool, TermsId: tou.TermsId, Links: { 'cognito:default': 'https://example.com/terms-v2' } }))).Terms!;
    expect(updated.Links).toEqual({ 'cognito:default': 'https://example.com/terms-v2' });
    expect((await idp.send(new DescribeTermsCommand({ UserPoolId: pool, TermsId: tou.TermsId }))).Terms!.ClientId).toBe(client.ClientId);
    await idp.send(new DeleteTermsCommand({ UserPoolId: pool, TermsId: tou.TermsId }));
    await rejects(idp.send(new DescribeTermsCommand({ UserPoolId: pool, TermsId: tou.TermsId })), 'ResourceNotFoundException');
    await idp.send(new DeleteUserPoolClientCommand({ UserPoolId: pool, ClientId: client.ClientId }));
    expect((await idp.send(new ListTermsCommand({ UserPoolId: pool }))).Terms).toEqual([]);
  });
});

describe('client secret rotation', () => {
  it('two secrets verify SECRET_HASH; the primary can go, the last cannot', async () => {
    const { pool, client } = await poolAndClient({ GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const clientId = client.ClientId!;
    await idp.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'rot', MessageAction: 'SUPPRESS' }));
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: 'rot', Password: 'Passw0rd!', Permanent: true }));
    const signIn = (secret: string) => publicClient(emu.endpoint).send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'rot', PASSWORD: 'Passw0rd!', SECRET_HASH: secretHash('rot', clientId, secret) } }));
    const listed = (await idp.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool, ClientId: clientId }))).ClientSecrets!;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.ClientSecretId).toMatch(new RegExp(`^${clientId}--\\d+$`));
    expect(listed[0]!.ClientSecretValue).toBeUndefined();
    const added = (await idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: clientId }))).ClientSecretDescriptor!;
    expect(added.ClientSecretValue).toMatch(/^[a-z0-9]{51}$/);
    await signIn(client.ClientSecret!);
    await signIn(added.ClientSecretValue!);
    await rejects(idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: clientId, ClientSecret: 'x'.repeat(30) })), 'LimitExceededException');
    await idp.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: clientId, ClientSecretId: listed[0]!.ClientSecretId }));
    await rejects(signIn(client.ClientSecret!), 'NotAuthorizedException');
    await signIn(added.ClientSecretValue!);
    expect((await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool, ClientId: clientId }))).UserPoolClient!.ClientSecret).toBe(added.ClientSecretValue);
    await rejects(idp.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: clientId, ClientSecretId: added.ClientSecretId })), 'InvalidParameterException');
    const own = (await idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: clientId, ClientSecret: 'MyOwnSecretValue_0123456789' }))).ClientSecretDescriptor!;
    expect(own.ClientSecretValue).toBeUndefined();
    await signIn('MyOwnSecretValue_0123456789');
    const publicOne = await poolAndClient();
    await rejects(idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: publicOne.pool, ClientId: publicOne.client.ClientId })), 'InvalidParameterException');
  });
});
