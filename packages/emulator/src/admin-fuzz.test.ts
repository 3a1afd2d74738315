// Random and hostile inputs for the signed (admin) operations, which the unsigned fuzz never
// reaches: each answers 200 or a Cognito 4xx error, never a 5xx, with real pools, clients,
// users, providers and jobs to hit.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSIGNED_OPERATIONS } from './access.js';
import { startEmulator, type Emulator } from './index.js';
import { operations } from './operations.js';

const POOL = 'us-east-1_adminfuzz';
const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261201/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123';
let emu: Emulator;

async function call(op: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(emu.endpoint + '/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}`, authorization: AUTH },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  emu = await startEmulator({ config: { pools: [{ id: POOL, clients: [{ id: 'fc', secret: true }], users: [{ username: 'u', password: 'Passw0rd!', attributes: { email: 'u@example.com' } }] }] } });
  await call('CreateUserPoolDomain', { UserPoolId: POOL, Domain: 'adminfuzz' });
  await call('CreateIdentityProvider', { UserPoolId: POOL, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'a', client_secret: 'b', authorize_scopes: 'openid' }, IdpIdentifiers: ['g'] });
  await call('CreateUserImportJob', { UserPoolId: POOL, JobName: 'j', CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/r' });
});
afterAll(() => emu.close());

const known = [POOL, 'fc', 'u', 'Google', 'SAML', 'OIDC', 'Cognito', 'Cognito_Subject', 'ALL', 'g', 'terms-of-use', 'LINK', 'NONE', 'ERROR', 'INFO', 'userNotification', 'arn:aws:iam::123456789012:role/r', 'Valid', 'x'.repeat(40)];
const leaf = fc.oneof(fc.constantFrom(...known), fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.oneof(
  leaf,
  fc.array(leaf, { maxLength: 3 }),
  fc.array(fc.dictionary(fc.constantFrom('LogLevel', 'EventSource', 'Category', 'ColorMode', 'Extension', 'Bytes', 'DeliveryMedium', 'AttributeName', 'CloudWatchLogsConfiguration'), leaf), { maxLength: 2 }),
  fc.dictionary(fc.constantFrom('ProviderName', 'ProviderAttributeName', 'ProviderAttributeValue', 'client_id', 'client_secret', 'authorize_scopes', 'MetadataURL', 'MetadataFile', 'Actions', 'EventAction', 'BlockedIPRangeList', 'cognito:default', 'email', 'username'), fc.oneof(leaf, fc.array(leaf, { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 2 }))),
);
const keys = [
  'UserPoolId', 'ClientId', 'Username', 'ProviderName', 'ProviderType', 'ProviderDetails', 'AttributeMapping', 'IdpIdentifiers', 'IdpIdentifier',
  'DestinationUser', 'SourceUser', 'User', 'JobName', 'JobId', 'CloudWatchLogsRoleArn', 'MaxResults', 'NextToken', 'PaginationToken', 'CSS', 'ImageFile',
  'CompromisedCredentialsRiskConfiguration', 'AccountTakeoverRiskConfiguration', 'RiskExceptionConfiguration', 'LogConfigurations', 'EventId', 'FeedbackValue',
  'MFAOptions', 'ManagedLoginBrandingId', 'UseCognitoProvidedValues', 'Settings', 'Assets', 'TermsId', 'TermsName', 'TermsSource', 'Enforcement', 'Links',
  'ClientSecret', 'ClientSecretId', 'SmsMfaConfiguration', 'EmailMfaConfiguration', 'MfaConfiguration', 'VerificationMessageTemplate', 'SmsVerificationMessage',
];
const body = fc.oneof(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 7 }).map((b) => ({ UserPoolId: POOL, ...b })), fc.anything());

describe('fuzzing the signed operations', () => {
  it('answers random inputs with 200 or a 4xx Cognito error, never a 5xx', async () => {
    const ops = Object.keys(operations).filter((op) => !UNSIGNED_OPERATIONS.has(op) && op !== 'DeleteUserPool');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), body, async (op, input) => {
        const { status, json } = await call(op, input);
        if (status !== 200) {
          expect(status, `${op} ${JSON.stringify(json)}`).toBeGreaterThanOrEqual(400);
          expect(status, `${op} ${JSON.stringify(json)}`).toBeLessThan(500);
          expect(typeof json.__type).toBe('string');
        }
      }),
      { numRuns: 1500 },
    );
    const ok = await call('DescribeUserPool', { UserPoolId: POOL });
    expect(ok.status).toBe(200);
  }, 120_000);
});
