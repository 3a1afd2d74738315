/**
 * Third-party identity providers of a pool: Create/Describe/Update/Delete/ListIdentityProviders
 * and GetIdentityProviderByIdentifier, with Cognito's checks (social providers named after
 * their type, the ProviderDetails each type needs, attribute mappings onto the pool's schema,
 * IdP identifiers unique in the pool). Nothing signs users in through them: there is no
 * hosted UI (see the README).
 */
import { epochSeconds, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Pool } from './model.js';
import { paginate } from './pagination.js';
import { optObject, reqString, stringList, poolOf, type Input } from './params.js';

/** One identity provider as stored. */
export interface IdentityProvider {
  name: string;
  type: ProviderType;
  details: Record<string, string>;
  attributeMapping: Record<string, string>;
  idpIdentifiers: string[];
  createdAt: number;
  modifiedAt: number;
}

type ProviderType = 'SAML' | 'OIDC' | 'Facebook' | 'Google' | 'LoginWithAmazon' | 'SignInWithApple';
const TYPES: readonly ProviderType[] = ['SAML', 'Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple', 'OIDC'];
const SOCIAL = new Set<string>(['Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple']);

/** The ProviderDetails keys each type must have (Cognito's documented examples). */
const REQUIRED: Record<ProviderType, string[]> = {
  Google: ['client_id', 'client_secret', 'authorize_scopes'],
  Facebook: ['client_id', 'client_secret', 'authorize_scopes'],
  LoginWithAmazon: ['client_id', 'client_secret', 'authorize_scopes'],
  SignInWithApple: ['client_id', 'team_id', 'key_id', 'private_key', 'authorize_scopes'],
  OIDC: ['client_id', 'attributes_request_method', 'oidc_issuer', 'authorize_scopes'],
  SAML: [],
};

/** The user-name claim Cognito maps by default for each OAuth provider type. */
const DEFAULT_USERNAME_CLAIM: Partial<Record<ProviderType, string>> = { Google: 'sub', Facebook: 'id', LoginWithAmazon: 'user_id', SignInWithApple: 'sub', OIDC: 'sub' };

// ProviderNameTypeV2: no leading/trailing "_" or space, 3..32 characters.
const PROVIDER_NAME = /^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u;
const IDP_IDENTIFIER = /^[\w\s+=.@-]+$/;

function providers(pool: Pool): Map<string, IdentityProvider> {
  // Pools stored before identity providers existed have none.
  return (pool.identityProviders ??= new Map());
}

/** The details Describe answers: what was given plus the endpoints Cognito fills in per type. */
function describedDetails(p: IdentityProvider): Record<string, string> {
  const d = { ...p.details };
  switch (p.type) {
    case 'Google':
      return { attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=', attributes_url_add_attributes: 'true', authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth', oidc_issuer: 'https://accounts.google.com', token_request_method: 'POST', token_url: 'https://www.googleapis.com/oauth2/v4/token', ...d };
    case 'Facebook': {
      const v = d.api_version ?? 'v17.0';
      return { api_version: v, attributes_url: `https://graph.facebook.com/${v}/me?fields=`, attributes_url_add_attributes: 'true', authorize_url: `https://www.facebook.com/${v}/dialog/oauth`, token_request_method: 'GET', token_url: `https://graph.facebook.com/${v}/oauth/access_token`, ...d };
    }
    case 'LoginWithAmazon':
      return { attributes_url: 'https://api.amazon.com/user/profile', attributes_url_add_attributes: 'false', authorize_url: 'https://www.amazon.com/ap/oa', token_request_method: 'POST', token_url: 'https://api.amazon.com/auth/o2/token', ...d };
    case 'SignInWithApple': {
      // The private key is write-only, as in Cognito's describe response.
      const { private_key: _key, ...rest } = d;
      return { attributes_url_add_attributes: 'false', authorize_url: 'https://appleid.apple.com/auth/authorize', oidc_issuer: 'https://appleid.apple.com', token_request_method: 'POST', token_url: 'https://appleid.apple.com/auth/token', ...rest };
    }
    case 'OIDC':
      return { attributes_url_add_attributes: 'false', ...d };
    case 'SAML':
      return { ...samlEndpoints(d.MetadataFile), ...d };
  }
}

/** The redirect-binding SSO / SLO locations named in a SAML metadata document. */
function samlEndpoints(metadata: string | undefined): Record<string, string> {
  if (!metadata) return {};
  const out: Record<string, string> = {};
  const find = (element: string) => {
    const re = new RegExp(`<(?:\\w+:)?${element}\\b[^>]*>`, 'g');
    for (const tag of metadata.match(re) ?? []) {
      if (!/Binding="urn:oasis:names:tc:SAML:2\.0:bindings:HTTP-Redirect"/.test(tag)) continue;
      const loc = /Location="([^"]+)"/.exec(tag);
      if (loc) return loc[1];
    }
    return undefined;
  };
  const sso = find('SingleSignOnService');
  const slo = find('SingleLogoutService');
  if (sso) out.SSORedirectBindingURI = sso;
  if (slo) out.SLORedirectBindingURI = slo;
  return out;
}

function providerType(pool: Pool, p: IdentityProvider) {
  return {
    UserPoolId: pool.id,
    ProviderName: p.name,
    ProviderType: p.type,
    ProviderDetails: describedDetails(p),
    AttributeMapping: { ...p.attributeMapping },
    IdpIdentifiers: [...p.idpIdentifiers],
    LastModifiedDate: epochSeconds(p.modifiedAt),
    CreationDate: epochSeconds(p.createdAt),
  };
}

function stringRecord(input: Input, name: string): Record<string, string> | undefined {
  const o = optObject(input, name);
  if (!o) return undefined;
  for (const [k, v] of Object.entries(o)) if (typeof v !== 'string') throw new CognitoError('SerializationException', `Value at '${name[0]!.toLowerCase()}${name.slice(1)}.${k}' cannot be read: expected a string.`);
  return o as Record<string, string>;
}

function checkDetails(type: ProviderType, details: Record<string, string>): void {
  if (type === 'SAML') {
    const url = details.MetadataURL;
    const file = details.MetadataFile;
    if (!url && !file) throw errors.invalidParameter('Either MetadataURL or MetadataFile must be provided in ProviderDetails for a SAML provider.');
    if (url && file) throw errors.invalidParameter('Only one of MetadataURL and MetadataFile may be provided in ProviderDetails.');
    if (url && !/^https:\/\//.test(url)) throw errors.invalidParameter('MetadataURL must be an https URL.');
    if (file && !/EntityDescriptor/.test(file)) throw errors.invalidParameter('MetadataFile is not a valid SAML metadata document.');
    return;
  }
  for (const k of REQUIRED[type]) if (!details[k]) throw errors.invalidParameter(`${k} is required for ${type === 'OIDC' ? 'an OIDC' : `a ${type}`} provider.`);
  if (type === 'OIDC') {
    if (!['GET', 'POST'].includes(details.attributes_request_method!)) throw errors.invalidParameter('attributes_request_method must be GET or POST.');
    if (!/^https:\/\//.test(details.oidc_issuer!)) throw errors.invalidParameter('oidc_issuer must be an https URL.');
    if (!details.authorize_scopes!.split(/[\s,]+/).includes('openid')) throw errors.invalidParameter('authorize_scopes of an OIDC provider must include openid.');
  }
}

/** Attribute mapping keys are pool attributes (or `username`); mapped attributes must be mutable. */
function checkMapping(pool: Pool, mapping: Record<string, string>): void {
  const schema = new Map(pool.settings.schema.map((s) => [s.Name, s]));
  for (const key of Object.keys(mapping)) {
    if (key.length < 1 || key.length > 32) throw errors.invalidParameter("1 validation error detected: Value at 'attributeMapping' failed to satisfy constraint: Map keys must have length between 1 and 32");
    if (key === 'username') continue;
    const attr = schema.get(key);
    if (!attr && !(key.startsWith('custom:') && !pool.settings.strictSchema)) throw errors.invalidParameter(`Invalid attribute mapping: ${key} is not an attribute of the user pool.`);
    if (key === 'sub' || (attr && !attr.Mutable)) throw errors.invalidParameter(`Invalid attribute mapping: ${key} is not mutable.`);
  }
}

function checkIdentifiers(pool: Pool, ids: string[], self: string | undefined): void {
  if (ids.length > 50) throw errors.invalidParameter("1 validation error detected: Value at 'idpIdentifiers' failed to satisfy constraint: Member must have length less than or equal to 50");
  const seen = new Set<string>();
  for (const id of ids) {
    if (id.length < 1 || id.length > 40 || !IDP_IDENTIFIER.test(id)) throw errors.invalidParameter("1 validation error detected: Value at 'idpIdentifiers' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 40, Member must satisfy regular expression pattern: [\\w\\s+=.@-]+]");
    if (seen.has(id)) throw errors.invalidParameter(`Duplicate IdpIdentifier ${id} in the request.`);
    seen.add(id);
    for (const p of providers(pool).values()) {
      if (p.name !== self && p.idpIdentifiers.includes(id)) throw errors.invalidParameter(`IdpIdentifier ${id} is already used by provider ${p.name} in this user pool.`);
    }
  }
}

function existing(ctx: Ctx, input: Input): { pool: Pool; provider: IdentityProvider } {
  const pool = poolOf(ctx, input);
  const name = reqString(input, 'ProviderName', { max: 32 });
  const provider = providers(pool).get(name);
  if (!provider) throw errors.resourceNotFound(`Identity provider ${name} does not exist.`);
  return { pool, provider };
}

/** The names a client's SupportedIdentityProviders may hold: COGNITO and the pool's providers. */
export function checkSupportedProviders(pool: Pool, names: unknown): void {
  if (!Array.isArray(names)) return;
  for (const n of names) {
    if (n === 'COGNITO' || (typeof n === 'string' && providers(pool).has(n))) continue;
    throw errors.invalidParameter(`The provider ${String(n)} does not exist for User Pool ${pool.id}`);
  }
}

/** CreateIdentityProvider. */
export function createIdentityProvider(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const name = reqString(input, 'ProviderName', { max: 32 });
  const type = reqString(input, 'ProviderType') as ProviderType;
  if (!TYPES.includes(type)) throw errors.invalidParameter("1 validation error detected: Value at 'providerType' failed to satisfy constraint: Member must satisfy enum value set: [SAML, Facebook, Google, LoginWithAmazon, SignInWithApple, OIDC]");
  const details = stringRecord(input, 'ProviderDetails');
  if (!details) throw errors.invalidParameter("1 validation error detected: Value null at 'providerDetails' failed to satisfy constraint: Member must not be null");
  if (!PROVIDER_NAME.test(name)) throw errors.invalidParameter("1 validation error detected: Value at 'providerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+");
  if (SOCIAL.has(type) ? name !== type : SOCIAL.has(name)) throw errors.invalidParameter(`Provider ${name} cannot be of type ${type}.`);
  if (name.toUpperCase() === 'COGNITO') throw errors.invalidParameter(`Provider ${name} is a reserved name.`);
  checkDetails(type, details);
  const mapping = stringRecord(input, 'AttributeMapping') ?? {};
  checkMapping(pool, mapping);
  const ids = stringList(input, 'IdpIdentifiers') ?? [];
  if (providers(pool).has(name)) throw new CognitoError('DuplicateProviderException', `${name} already exists in user pool ${pool.id}`);
  checkIdentifiers(pool, ids, undefined);
  if (providers(pool).size >= 300) throw new CognitoError('LimitExceededException', 'A user pool can have at most 300 identity providers.');
  const usernameClaim = DEFAULT_USERNAME_CLAIM[type];
  const now = ctx.clock.now();
  const provider: IdentityProvider = {
    name,
    type,
    details: { ...details },
    attributeMapping: { ...(usernameClaim ? { username: usernameClaim } : {}), ...mapping },
    idpIdentifiers: [...ids],
    createdAt: now,
    modifiedAt: now,
  };
  providers(pool).set(name, provider);
  return { IdentityProvider: providerType(pool, provider) };
}

/** DescribeIdentityProvider. */
export function describeIdentityProvider(ctx: Ctx, input: Input) {
  const { pool, provider } = existing(ctx, input);
  return { IdentityProvider: providerType(pool, provider) };
}

/** UpdateIdentityProvider: what the request gives replaces; what it leaves out stays. */
export function updateIdentityProvider(ctx: Ctx, input: Input) {
  const { pool, provider } = existing(ctx, input);
  const details = stringRecord(input, 'ProviderDetails');
  const mapping = stringRecord(input, 'AttributeMapping');
  const ids = stringList(input, 'IdpIdentifiers');
  // Omitted secrets stay: an update of the scopes alone need not repeat the client secret.
  const nextDetails = details ? { ...provider.details, ...details } : provider.details;
  if (details && provider.type === 'SAML' && (details.MetadataURL || details.MetadataFile)) {
    delete nextDetails.MetadataURL;
    delete nextDetails.MetadataFile;
    Object.assign(nextDetails, details);
  }
  checkDetails(provider.type, nextDetails);
  if (mapping) checkMapping(pool, mapping);
  if (ids) checkIdentifiers(pool, ids, provider.name);
  provider.details = { ...nextDetails };
  if (mapping) provider.attributeMapping = { ...provider.attributeMapping, ...mapping };
  if (ids) provider.idpIdentifiers = [...ids];
  provider.modifiedAt = ctx.clock.now();
  return { IdentityProvider: providerType(pool, provider) };
}

/** DeleteIdentityProvider. */
export function deleteIdentityProvider(ctx: Ctx, input: Input) {
  const { pool, provider } = existing(ctx, input);
  providers(pool).delete(provider.name);
  // Clients stop offering it, as Cognito drops it from SupportedIdentityProviders.
  for (const c of pool.clients.values()) {
    const list = c.settings?.SupportedIdentityProviders;
    if (Array.isArray(list)) c.settings!.SupportedIdentityProviders = list.filter((n) => n !== provider.name);
  }
  return {};
}

/** ListIdentityProviders (MaxResults 1..60, NextToken): names, types and dates. */
export function listIdentityProviders(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const { page, next } = paginate(input, [...providers(pool).values()], { limitMember: 'MaxResults', tokenMember: 'NextToken', max: 60, scope: `idps/${pool.id}` });
  return {
    Providers: page.map((p) => ({ ProviderName: p.name, ProviderType: p.type, LastModifiedDate: epochSeconds(p.modifiedAt), CreationDate: epochSeconds(p.createdAt) })),
    ...(next ? { NextToken: next } : {}),
  };
}

/** GetIdentityProviderByIdentifier. */
export function getIdentityProviderByIdentifier(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const id = reqString(input, 'IdpIdentifier', { max: 40 });
  for (const p of providers(pool).values()) if (p.idpIdentifiers.includes(id)) return { IdentityProvider: providerType(pool, p) };
  throw errors.resourceNotFound(`Identity provider with identifier ${id} does not exist.`);
}

/** A provider of the pool by name, for linking users to it. */
export function identityProvider(pool: Pool, name: string): IdentityProvider | undefined {
  return pool.identityProviders?.get(name);
}
