// The AWS SDK v3 drives the operations infrastructure-as-code and platform tests call beside
// pools and clients: identity providers (with Cognito's checks), user links, classic UI
// customization, threat protection settings and feedback, log delivery, the SAML signing
// certificate, legacy MFA settings and user import jobs (a CSV uploaded to the job's
// PreSignedUrl is imported). Everything survives a restart with dataDir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminDisableProviderForUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminLinkProviderForUserCommand,
  AdminListUserAuthEventsCommand,
  AdminSetUserPasswordCommand,
  AdminSetUserSettingsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  CreateIdentityProviderCommand,
  CreateUserImportJobCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteIdentityProviderCommand,
  DescribeIdentityProviderCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserImportJobCommand,
  DescribeUserPoolClientCommand,
  GetCSVHeaderCommand,
  GetIdentityProviderByIdentifierCommand,
  GetLogDeliveryConfigurationCommand,
  GetSigningCertificateCommand,
  GetUICustomizationCommand,
  ListIdentityProvidersCommand,
  ListUserImportJobsCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  SetUICustomizationCommand,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
  UpdateAuthEventFeedbackCommand,
  UpdateIdentityProviderCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { startEmulator } from '@nextstep/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, publicClient, start, uniqueName, type Emulator } from './support.js';

let emu: Emulator;
let idp: CognitoIdentityProviderClient;

beforeAll(async () => {
  emu = await start();
  idp = adminClient(emu.endpoint);
});
afterAll(() => emu?.close());

async function newPool(extra: Record<string, unknown> = {}): Promise<string> {
  const out = await idp.send(new CreateUserPoolCommand({ PoolName: uniqueName('fed'), ...extra }));
  return out.UserPool!.Id!;
}

async function rejects(p: Promise<unknown>, name: string): Promise<string> {
  const e = await p.then(() => undefined, (err: Error) => err);
  expect(e?.name, e?.message).toBe(name);
  return e!.message;
}

const GOOGLE = { client_id: '1example.apps.googleusercontent.com', client_secret: 'google-secret', authorize_scopes: 'email profile openid' };
const OIDC = { client_id: 'oidc-client', client_secret: 'oidc-secret', attributes_request_method: 'GET', oidc_issuer: 'https://auth.example.com', authorize_scopes: 'openid email' };
const SAML_METADATA = `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;

describe('identity providers', () => {
  it('creates, describes, lists, updates and deletes providers with Cognito defaults', async () => {
    const pool = await newPool();
    const created = await idp.send(new CreateIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: GOOGLE, AttributeMapping: { email: 'email' } }));
    const p = created.IdentityProvider!;
    expect(p.ProviderName).toBe('Google');
    expect(p.ProviderDetails).toMatchObject({ ...GOOGLE, authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth', oidc_issuer: 'https://accounts.google.com' });
    expect(p.AttributeMapping).toEqual({ email: 'email', username: 'sub' });
    expect(p.CreationDate).toBeInstanceOf(Date);

    await idp.send(new CreateIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Corp', ProviderType: 'SAML', ProviderDetails: { MetadataFile: SAML_METADATA }, IdpIdentifiers: ['corp.example.com'] }));
    const saml = (await idp.send(new DescribeIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Corp' }))).IdentityProvider!;
    expect(saml.ProviderDetails!.SSORedirectBindingURI).toBe('https://idp.example.com/sso');
    const byId = await idp.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: pool, IdpIdentifier: 'corp.example.com' }));
    expect(byId.IdentityProvider!.ProviderName).toBe('Corp');

    const listed = await idp.send(new ListIdentityProvidersCommand({ UserPoolId: pool, MaxResults: 1 }));
    expect(listed.Providers).toHaveLength(1);
    const rest = await idp.send(new ListIdentityProvidersCommand({ UserPoolId: pool, NextToken: listed.NextToken }));
    expect([...listed.Providers!, ...rest.Providers!].map((x) => x.ProviderName).sort()).toEqual(['Corp', 'Google']);

    const updated = await idp.send(new UpdateIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Google', ProviderDetails: { authorize_scopes: 'openid' }, AttributeMapping: { name: 'name' } }));
    expect(updated.IdentityProvider!.ProviderDetails).toMatchObject({ client_id: GOOGLE.client_id, authorize_scopes: 'openid' });
    expect(updated.IdentityProvider!.AttributeMapping).toMatchObject({ email: 'email', name: 'name' });

    await idp.send(new DeleteIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Corp' }));
    await rejects(idp.send(new DescribeIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Corp' })), 'ResourceNotFoundException');
    await rejects(idp.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: pool, IdpIdentifier: 'corp.example.com' })), 'ResourceNotFoundException');
  });

  it('refuses what Cognito refuses', async () => {
    const pool = await newPool();
    const create = (input: Record<string, unknown>) => idp.send(new CreateIdentityProviderCommand({ UserPoolId: pool, ...input } as never));
    expect(await rejects(create({ ProviderName: 'MyGoogle', ProviderType: 'Google', ProviderDetails: GOOGLE }), 'InvalidParameterException')).toMatch(/cannot be of type Google/);
    await rejects(create({ ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'x' } }), 'InvalidParameterException');
    await rejects(create({ ProviderName: 'Apple', ProviderType: 'SignInWithApple', ProviderDetails: GOOGLE }), 'InvalidParameterException');
    await rejects(create({ ProviderName: 'SignInWithApple', ProviderType: 'SignInWithApple', ProviderDetails: { client_id: 'c', authorize_scopes: 'email' } }), 'InvalidParameterException');
    await rejects(create({ ProviderName: 'Okta', ProviderType: 'OIDC', ProviderDetails: { ...OIDC, oidc_issuer: undefined } }), 'InvalidParameterException');
    await rejects(create({ ProviderName: 'Corp', ProviderType: 'SAML', ProviderDetails: {} }), 'InvalidParameterException');
    await rejects(create({ ProviderName: 'Okta', ProviderType: 'OIDC', ProviderDetails: OIDC, AttributeMapping: { 'custom:nope': 'x' } }), 'InvalidParameterException');
    await rejects(create({ ProviderName: 'Okta', ProviderType: 'OIDC', ProviderDetails: OIDC, AttributeMapping: { sub: 'sub' } }), 'InvalidParameterException');
    await rejects(create({ ProviderName: 'Okta', ProviderType: 'Twitter', ProviderDetails: OIDC }), 'InvalidParameterException');
    await create({ ProviderName: 'Okta', ProviderType: 'OIDC', ProviderDetails: OIDC, IdpIdentifiers: ['okta'] });
    expect(await rejects(create({ ProviderName: 'Okta', ProviderType: 'OIDC', ProviderDetails: OIDC }), 'DuplicateProviderException')).toContain(pool);
    await rejects(create({ ProviderName: 'Okta2', ProviderType: 'OIDC', ProviderDetails: OIDC, IdpIdentifiers: ['okta'] }), 'InvalidParameterException');
    await rejects(idp.send(new CreateIdentityProviderCommand({ UserPoolId: 'us-east-1_nope', ProviderName: 'Okta', ProviderType: 'OIDC', ProviderDetails: OIDC })), 'ResourceNotFoundException');
  });

  it('app clients may only name providers the pool has', async () => {
    const pool = await newPool();
    expect(await rejects(idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'web', SupportedIdentityProviders: ['COGNITO', 'Google'] })), 'InvalidParameterException')).toBe(`The provider Google does not exist for User Pool ${pool}`);
    await idp.send(new CreateIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: GOOGLE }));
    const client = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'web', SupportedIdentityProviders: ['COGNITO', 'Google'] }))).UserPoolClient!;
    await idp.send(new DeleteIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Google' }));
    const after = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool, ClientId: client.ClientId }));
    expect(after.UserPoolClient!.SupportedIdentityProviders).toEqual(['COGNITO']);
  });

  it('links users to provider identities and disables them', async () => {
    const pool = await newPool();
    await idp.send(new CreateIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: GOOGLE }));
    for (const u of ['alice', 'bob']) await idp.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: u, MessageAction: 'SUPPRESS' }));
    const link = (dest: string, value: string, provider = 'Google') =>
      idp.send(new AdminLinkProviderForUserCommand({ UserPoolId: pool, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: dest }, SourceUser: { ProviderName: provider, ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: value } }));
    await link('alice', '1001');
    await link('alice', '1001'); // the same link again is fine
    await rejects(link('bob', '1001'), 'AliasExistsException');
    await rejects(link('carol', '1002'), 'UserNotFoundException');
    await rejects(link('bob', '1002', 'Facebook'), 'InvalidParameterException');
    await rejects(idp.send(new AdminLinkProviderForUserCommand({ UserPoolId: pool, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'bob' }, SourceUser: { ProviderName: 'Google', ProviderAttributeName: 'email', ProviderAttributeValue: 'x' } })), 'InvalidParameterException');
    await idp.send(new AdminDisableProviderForUserCommand({ UserPoolId: pool, User: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '1001' } }));
    await link('bob', '1001'); // free again
    await rejects(idp.send(new AdminDisableProviderForUserCommand({ UserPoolId: pool, User: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '9999' } })), 'UserNotFoundException');
  });
});

describe('pool settings without a sign-in effect', () => {
  it('UI customization needs a domain and falls back to the pool default', async () => {
    const pool = await newPool();
    const client = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'web' }))).UserPoolClient!;
    await rejects(idp.send(new SetUICustomizationCommand({ UserPoolId: pool, CSS: '.banner-customizable { background-color: red; }' })), 'InvalidParameterException');
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: uniqueName('ui').toLowerCase() }));
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const set = await idp.send(new SetUICustomizationCommand({ UserPoolId: pool, CSS: '.banner-customizable { background-color: red; }', ImageFile: png }));
    expect(set.UICustomization).toMatchObject({ UserPoolId: pool, ClientId: 'ALL', CSS: '.banner-customizable { background-color: red; }' });
    expect(set.UICustomization!.ImageUrl).toMatch(/^https:\/\//);
    const forClient = await idp.send(new GetUICustomizationCommand({ UserPoolId: pool, ClientId: client.ClientId }));
    expect(forClient.UICustomization!.CSS).toContain('red');
    await idp.send(new SetUICustomizationCommand({ UserPoolId: pool, ClientId: client.ClientId, CSS: '.submitButton-customizable { color: blue; }' }));
    expect((await idp.send(new GetUICustomizationCommand({ UserPoolId: pool, ClientId: client.ClientId }))).UICustomization!.CSS).toContain('blue');
    expect((await idp.send(new GetUICustomizationCommand({ UserPoolId: pool }))).UICustomization!.CSS).toContain('red');
    await rejects(idp.send(new SetUICustomizationCommand({ UserPoolId: pool, ImageFile: Buffer.from('not an image') })), 'InvalidParameterException');
  });

  it('risk configuration needs threat protection; feedback lands on the auth event', async () => {
    const pool = await newPool();
    const risky = { UserPoolId: pool, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' as const } }, RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'] } };
    await rejects(idp.send(new SetRiskConfigurationCommand(risky)), 'UserPoolAddOnNotEnabledException');
    await idp.send(new UpdateUserPoolCommand({ UserPoolId: pool, UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' }, Policies: { PasswordPolicy: { MinimumLength: 8 } } }));
    const set = await idp.send(new SetRiskConfigurationCommand(risky));
    expect(set.RiskConfiguration).toMatchObject({ UserPoolId: pool, RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'] } });
    const client = (await idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!;
    const inherited = await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool, ClientId: client.ClientId }));
    expect(inherited.RiskConfiguration!.CompromisedCredentialsRiskConfiguration!.Actions!.EventAction).toBe('BLOCK');
    await rejects(idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, RiskExceptionConfiguration: { BlockedIPRangeList: ['not-an-ip'] } })), 'InvalidParameterException');
    await rejects(idp.send(new SetRiskConfigurationCommand({ UserPoolId: pool, AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' } } } })), 'InvalidParameterException');

    await idp.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'dana', MessageAction: 'SUPPRESS' }));
    await idp.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: 'dana', Password: 'Passw0rd!', Permanent: true }));
    await idp.send(new AdminInitiateAuthCommand({ UserPoolId: pool, ClientId: client.ClientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dana', PASSWORD: 'Passw0rd!' } })).catch(() => undefined);
    const events = (await idp.send(new AdminListUserAuthEventsCommand({ UserPoolId: pool, Username: 'dana' }))).AuthEvents ?? [];
    expect(events.length).toBeGreaterThan(0);
    {
      await idp.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: pool, Username: 'dana', EventId: events[0]!.EventId, FeedbackValue: 'Invalid' }));
      const again = (await idp.send(new AdminListUserAuthEventsCommand({ UserPoolId: pool, Username: 'dana' }))).AuthEvents!;
      expect(again[0]!.EventFeedback).toMatchObject({ FeedbackValue: 'Invalid', Provider: 'Admin' });
      await rejects(publicClient(emu.endpoint).send(new UpdateAuthEventFeedbackCommand({ UserPoolId: pool, Username: 'dana', EventId: events[0]!.EventId, FeedbackToken: 'forged', FeedbackValue: 'Valid' })), 'NotAuthorizedException');
    }
    await rejects(idp.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: pool, Username: 'dana', EventId: 'no-such-event', FeedbackValue: 'Valid' })), 'ResourceNotFoundException');
  });

  it('log delivery configuration is checked and kept', async () => {
    const pool = await newPool();
    expect((await idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: pool }))).LogDeliveryConfiguration).toEqual({ UserPoolId: pool, LogConfigurations: [] });
    const logs = { LogLevel: 'ERROR' as const, EventSource: 'userNotification' as const, CloudWatchLogsConfiguration: { LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/cognito/pool' } };
    await idp.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: pool, LogConfigurations: [logs] }));
    expect((await idp.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: pool }))).LogDeliveryConfiguration!.LogConfigurations).toEqual([logs]);
    await rejects(idp.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: pool, LogConfigurations: [{ ...logs, LogLevel: 'INFO' }] })), 'InvalidParameterException');
    await rejects(idp.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: pool, LogConfigurations: [{ LogLevel: 'INFO', EventSource: 'userAuthEvents', S3Configuration: { BucketArn: 'arn:aws:s3:::logs' } }] })), 'FeatureUnavailableInTierException');
  });

  it('a pool with a domain cannot be deleted until the domain is', async () => {
    const { DeleteUserPoolCommand, DeleteUserPoolDomainCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const pool = await newPool();
    const domain = uniqueName('del').toLowerCase();
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: domain }));
    expect(await rejects(idp.send(new DeleteUserPoolCommand({ UserPoolId: pool })), 'InvalidParameterException')).toBe('User pool cannot be deleted. It has a domain configured that should be deleted first.');
    await idp.send(new DeleteUserPoolDomainCommand({ UserPoolId: pool, Domain: domain }));
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: pool }));
  });

  it('GetSigningCertificate answers a self-signed X.509 certificate, the same each time', async () => {
    const pool = await newPool();
    const a = (await idp.send(new GetSigningCertificateCommand({ UserPoolId: pool }))).Certificate!;
    const b = (await idp.send(new GetSigningCertificateCommand({ UserPoolId: pool }))).Certificate!;
    expect(b).toBe(a);
    const cert = new X509Certificate(Buffer.from(a, 'base64'));
    expect(cert.subject).toBe(`CN=${pool}`);
    expect(cert.verify(cert.publicKey)).toBe(true);
    const years = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / (365.25 * 86_400_000);
    expect(Math.round(years)).toBe(10);
  });

  it('AdminSetUserSettings turns SMS MFA on and off (the legacy MFAOptions)', async () => {
    const pool = await newPool();
    await idp.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'erin', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'phone_number', Value: '+14155550123' }] }));
    await idp.send(new AdminSetUserSettingsCommand({ UserPoolId: pool, Username: 'erin', MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }));
    const on = await idp.send(new AdminGetUserCommand({ UserPoolId: pool, Username: 'erin' }));
    expect(on.UserMFASettingList).toEqual(['SMS_MFA']);
    expect(on.MFAOptions).toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    await idp.send(new AdminSetUserSettingsCommand({ UserPoolId: pool, Username: 'erin', MFAOptions: [] }));
    const off = await idp.send(new AdminGetUserCommand({ UserPoolId: pool, Username: 'erin' }));
    expect(off.UserMFASettingList).toBeUndefined();
    expect(off.MFAOptions).toBeUndefined();
  });
});

describe('user import jobs', () => {
  const role = 'arn:aws:iam::123456789012:role/CognitoImport';

  it('imports a CSV uploaded to the PreSignedUrl; RESET_REQUIRED users, failed rows counted', async () => {
    const pool = await newPool({ Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }] });
    const header = (await idp.send(new GetCSVHeaderCommand({ UserPoolId: pool }))).CSVHeader!;
    expect(header.slice(-3)).toEqual(['custom:tier', 'cognito:mfa_enabled', 'cognito:username']);
    expect(header).toContain('email_verified');
    const job = (await idp.send(new CreateUserImportJobCommand({ UserPoolId: pool, JobName: 'first', CloudWatchLogsRoleArn: role }))).UserImportJob!;
    expect(job).toMatchObject({ Status: 'Created', JobName: 'first', ImportedUsers: 0 });
    expect(job.JobId).toMatch(/^import-/);
    const row = (cells: Record<string, string>) => header.map((h) => cells[h] ?? '').map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
    const csv = [
      header.join(','),
      row({ 'cognito:username': 'imported1', email: 'i1@example.com', email_verified: 'TRUE', 'cognito:mfa_enabled': 'false', 'custom:tier': 'gold', name: 'Smith, "Jo"' }),
      row({ 'cognito:username': 'imported2', 'cognito:mfa_enabled': 'false' }),
      row({ 'cognito:username': 'imported3', 'cognito:mfa_enabled': 'true' }), // MFA without a phone number
    ].join('\r\n');
    const put = await fetch(job.PreSignedUrl!, { method: 'PUT', body: csv, headers: { 'x-amz-server-side-encryption': 'aws:kms' } });
    expect(put.status).toBe(200);
    const started = (await idp.send(new StartUserImportJobCommand({ UserPoolId: pool, JobId: job.JobId }))).UserImportJob!;
    expect(started.Status).toBe('Pending');
    expect(started.StartDate).toBeInstanceOf(Date);
    const done = (await idp.send(new DescribeUserImportJobCommand({ UserPoolId: pool, JobId: job.JobId }))).UserImportJob!;
    expect(done).toMatchObject({ Status: 'Succeeded', ImportedUsers: 2, FailedUsers: 1, SkippedUsers: 0 });
    const user = await idp.send(new AdminGetUserCommand({ UserPoolId: pool, Username: 'imported1' }));
    expect(user.UserStatus).toBe('RESET_REQUIRED');
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email_verified', Value: 'true' }, { Name: 'custom:tier', Value: 'gold' }, { Name: 'name', Value: 'Smith, "Jo"' }]));
    await rejects(idp.send(new StartUserImportJobCommand({ UserPoolId: pool, JobId: job.JobId })), 'InvalidParameterException');
    await rejects(idp.send(new StopUserImportJobCommand({ UserPoolId: pool, JobId: job.JobId })), 'InvalidParameterException');
  });

  it('a job started without an upload fails; a stopped one imports nothing; jobs list and page', async () => {
    const pool = await newPool();
    const create = (name: string) => idp.send(new CreateUserImportJobCommand({ UserPoolId: pool, JobName: name, CloudWatchLogsRoleArn: role })).then((o) => o.UserImportJob!.JobId!);
    const empty = await create('empty');
    await idp.send(new StartUserImportJobCommand({ UserPoolId: pool, JobId: empty }));
    expect((await idp.send(new DescribeUserImportJobCommand({ UserPoolId: pool, JobId: empty }))).UserImportJob!.Status).toBe('Failed');
    const stopped = await create('stopped');
    await fetch(`${emu.endpoint}/_emulator/user-import/${stopped}`, { method: 'PUT', body: 'cognito:username,cognito:mfa_enabled\nzed,false\n' });
    await idp.send(new StartUserImportJobCommand({ UserPoolId: pool, JobId: stopped }));
    expect((await idp.send(new StopUserImportJobCommand({ UserPoolId: pool, JobId: stopped }))).UserImportJob!.Status).toBe('Stopped');
    await rejects(idp.send(new AdminGetUserCommand({ UserPoolId: pool, Username: 'zed' })), 'UserNotFoundException');
    const first = await idp.send(new ListUserImportJobsCommand({ UserPoolId: pool, MaxResults: 1 }));
    const second = await idp.send(new ListUserImportJobsCommand({ UserPoolId: pool, MaxResults: 1, PaginationToken: first.PaginationToken }));
    expect([...first.UserImportJobs!, ...second.UserImportJobs!].map((j) => j.Status).sort()).toEqual(['Failed', 'Stopped']);
    await rejects(idp.send(new CreateUserImportJobCommand({ UserPoolId: pool, JobName: 'bad', CloudWatchLogsRoleArn: 'not-an-arn-at-all-really' })), 'InvalidParameterException');
    await rejects(idp.send(new DescribeUserImportJobCommand({ UserPoolId: pool, JobId: 'import-nope' })), 'ResourceNotFoundException');
  });
});

describe('dataDir keeps the new state', () => {
  it('providers, links, UI, risk, log delivery, certificate, import jobs, secrets, branding and terms survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nextstep-emu-fed-'));
    try {
      const a = await startEmulator({ port: 0, dataDir: dir });
      const ca = adminClient(a.endpoint);
      const pool = (await ca.send(new CreateUserPoolCommand({ PoolName: 'keep', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } }))).UserPool!.Id!;
      await ca.send(new CreateIdentityProviderCommand({ UserPoolId: pool, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: GOOGLE, IdpIdentifiers: ['g'] }));
      await ca.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'alice', MessageAction: 'SUPPRESS' }));
      await ca.send(new AdminLinkProviderForUserCommand({ UserPoolId: pool, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'alice' }, SourceUser: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '42' } }));
      await ca.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: uniqueName('keep').toLowerCase() }));
      await ca.send(new SetUICustomizationCommand({ UserPoolId: pool, CSS: '.label-customizable { font-weight: 400; }' }));
      await ca.send(new SetRiskConfigurationCommand({ UserPoolId: pool, RiskExceptionConfiguration: { SkippedIPRangeList: ['10.0.0.0/8'] } }));
      await ca.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: pool, LogConfigurations: [{ LogLevel: 'ERROR', EventSource: 'userNotification', CloudWatchLogsConfiguration: { LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:x' } }] }));
      const cert = (await ca.send(new GetSigningCertificateCommand({ UserPoolId: pool }))).Certificate;
      const job = (await ca.send(new CreateUserImportJobCommand({ UserPoolId: pool, JobName: 'later', CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/r' }))).UserImportJob!.JobId!;
      await fetch(`${a.endpoint}/_emulator/user-import/${job}`, { method: 'PUT', body: 'cognito:username,cognito:mfa_enabled\nbob,false\n' });
      const app = (await ca.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'web', GenerateSecret: true }))).UserPoolClient!;
      const { AddUserPoolClientSecretCommand, CreateManagedLoginBrandingCommand, CreateTermsCommand, DescribeManagedLoginBrandingByClientCommand, ListTermsCommand, ListUserPoolClientSecretsCommand } = await import('@aws-sdk/client-cognito-identity-provider');
      await ca.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: app.ClientId }));
      const style = (await ca.send(new CreateManagedLoginBrandingCommand({ UserPoolId: pool, ClientId: app.ClientId, UseCognitoProvidedValues: true }))).ManagedLoginBranding!;
      await ca.send(new CreateTermsCommand({ UserPoolId: pool, ClientId: app.ClientId, TermsName: 'terms-of-use', TermsSource: 'LINK', Enforcement: 'NONE', Links: { 'cognito:default': 'https://example.com/t' } }));
      await a.close();

      const b = await startEmulator({ port: 0, dataDir: dir });
      try {
        const cb = adminClient(b.endpoint);
        expect((await cb.send(new GetIdentityProviderByIdentifierCommand({ UserPoolId: pool, IdpIdentifier: 'g' }))).IdentityProvider!.ProviderName).toBe('Google');
        await rejects(cb.send(new AdminLinkProviderForUserCommand({ UserPoolId: pool, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'nobody' }, SourceUser: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '42' } })), 'UserNotFoundException');
        await cb.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'carol', MessageAction: 'SUPPRESS' }));
        await rejects(cb.send(new AdminLinkProviderForUserCommand({ UserPoolId: pool, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'carol' }, SourceUser: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '42' } })), 'AliasExistsException');
        expect((await cb.send(new GetUICustomizationCommand({ UserPoolId: pool }))).UICustomization!.CSS).toContain('font-weight');
        expect((await cb.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool }))).RiskConfiguration!.RiskExceptionConfiguration!.SkippedIPRangeList).toEqual(['10.0.0.0/8']);
        expect((await cb.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: pool }))).LogDeliveryConfiguration!.LogConfigurations).toHaveLength(1);
        expect((await cb.send(new GetSigningCertificateCommand({ UserPoolId: pool }))).Certificate).toBe(cert);
        expect((await cb.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool, ClientId: app.ClientId }))).ClientSecrets).toHaveLength(2);
        expect((await cb.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: pool, ClientId: app.ClientId }))).ManagedLoginBranding!.ManagedLoginBrandingId).toBe(style.ManagedLoginBrandingId);
        expect((await cb.send(new ListTermsCommand({ UserPoolId: pool }))).Terms).toHaveLength(1);
        await cb.send(new StartUserImportJobCommand({ UserPoolId: pool, JobId: job }));
        expect((await cb.send(new DescribeUserImportJobCommand({ UserPoolId: pool, JobId: job }))).UserImportJob!.ImportedUsers).toBe(1);
      } finally {
        await b.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
