/**
 * User pool domains: Create/Describe/Update/DeleteUserPoolDomain. A domain is a
 * `<prefix>` of `auth.<region>.amazoncognito.com` or a custom domain with a certificate; names
 * are unique across the emulator's pools, and a pool holds at most one of each kind.
 */
import type { Ctx } from './context.js';
import { errors } from './errors.js';
import type { Pool } from './model.js';
import { optNumber, optObject, optString, reqString, type Input } from './params.js';

const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const CUSTOM = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

function holder(ctx: Ctx, domain: string): Pool | undefined {
  for (const p of ctx.store.pools.values()) if (p.settings.domain === domain) return p;
  return undefined;
}

function cloudFront(domain: string): string {
  // A stable fake distribution name per domain: clients only echo it.
  let h = 0;
  for (const c of domain) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `d${h.toString(36).padStart(12, '0').slice(0, 12)}.cloudfront.net`;
}

function managedLoginVersion(input: Input): number | undefined {
  const v = optNumber(input, 'ManagedLoginVersion');
  if (v !== undefined && v !== 1 && v !== 2) throw errors.invalidParameter('ManagedLoginVersion must be 1 or 2.');
  return v;
}

/** CreateUserPoolDomain. */
export function createUserPoolDomain(ctx: Ctx, input: Input) {
  const domain = reqString(input, 'Domain', { max: 63 });
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const custom = optObject(input, 'CustomDomainConfig');
  const version = managedLoginVersion(input);
  if (custom) {
    optString(custom, 'CertificateArn');
    if (!CUSTOM.test(domain)) throw errors.invalidParameter('The domain name contains an invalid character or is not a valid domain name.');
    if (typeof custom.CertificateArn !== 'string' || !custom.CertificateArn.startsWith('arn:')) throw errors.invalidParameter('CustomDomainConfig needs a CertificateArn.');
  } else {
    if (!PREFIX.test(domain)) throw errors.invalidParameter("1 validation error detected: Value at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$");
    if (/aws|amazon|cognito/.test(domain)) throw errors.invalidParameter('Domain cannot contain reserved word: aws, amazon or cognito.');
  }
  if (holder(ctx, domain)) throw errors.invalidParameter('Domain already exists.');
  if (pool.settings.domain) throw errors.invalidParameter(`User pool ${pool.id} already has a domain configured.`);
  pool.settings.domain = domain;
  pool.settings.customDomain = !!custom;
  pool.settings.domainConfig = custom ? structuredClone(custom) : undefined;
  pool.settings.managedLoginVersion = version ?? 1;
  return { ...(custom ? { CloudFrontDomain: cloudFront(domain) } : {}), ManagedLoginVersion: version ?? 1 };
}

/** DescribeUserPoolDomain: an unknown domain answers an empty description, as Cognito does. */
export function describeUserPoolDomain(ctx: Ctx, input: Input) {
  const domain = reqString(input, 'Domain', { max: 63 });
  const pool = holder(ctx, domain);
  if (!pool) return { DomainDescription: {} };
  const custom = pool.settings.domainConfig;
  return {
    DomainDescription: {
      UserPoolId: pool.id,
      AWSAccountId: '000000000000',
      Domain: domain,
      S3Bucket: 'aws-cognito-prod-auth-assets',
      CloudFrontDistribution: custom ? cloudFront(domain) : `${domain}.auth.${pool.id.split('_')[0]}.amazoncognito.com`,
      Version: '1',
      Status: 'ACTIVE',
      ...(custom ? { CustomDomainConfig: structuredClone(custom) } : {}),
      ManagedLoginVersion: pool.settings.managedLoginVersion ?? 1,
    },
  };
}

function ownedDomain(ctx: Ctx, input: Input): Pool {
  const domain = reqString(input, 'Domain', { max: 63 });
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  if (pool.settings.domain !== domain) throw errors.invalidParameter(`No such domain or user pool exists.`);
  return pool;
}

/** UpdateUserPoolDomain: a new certificate or managed-login version. */
export function updateUserPoolDomain(ctx: Ctx, input: Input) {
  const pool = ownedDomain(ctx, input);
  const custom = optObject(input, 'CustomDomainConfig');
  const version = managedLoginVersion(input);
  if (custom) pool.settings.domainConfig = structuredClone(custom);
  if (version !== undefined) pool.settings.managedLoginVersion = version;
  return { ...(pool.settings.customDomain ? { CloudFrontDomain: cloudFront(pool.settings.domain!) } : {}), ManagedLoginVersion: pool.settings.managedLoginVersion ?? 1 };
}

/** DeleteUserPoolDomain. */
export function deleteUserPoolDomain(ctx: Ctx, input: Input) {
  const pool = ownedDomain(ctx, input);
  pool.settings.domain = undefined;
  pool.settings.customDomain = undefined;
  pool.settings.domainConfig = undefined;
  pool.settings.managedLoginVersion = undefined;
  return {};
}
