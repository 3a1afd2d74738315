/**
 * App client settings CreateUserPoolClient / UpdateUserPoolClient take and
 * DescribeUserPoolClient returns beside the auth flows: OAuth, attribute permissions,
 * token validity, revocation, analytics. Kept as given after Cognito's checks.
 */
import { CognitoError, errors } from './errors.js';
import type { Pool } from './model.js';
import type { Input } from './params.js';
import { checkSupportedProviders } from './identity-providers.js';

const KEPT = [
  'AllowedOAuthFlows', 'AllowedOAuthScopes', 'AllowedOAuthFlowsUserPoolClient', 'CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI',
  'SupportedIdentityProviders', 'ReadAttributes', 'WriteAttributes', 'RefreshTokenValidity', 'AccessTokenValidity', 'IdTokenValidity',
  'TokenValidityUnits', 'EnableTokenRevocation', 'EnablePropagateAdditionalUserContextData', 'AnalyticsConfiguration', 'RefreshTokenRotation',
] as const;
const STRING_LISTS = ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs', 'LogoutURLs', 'SupportedIdentityProviders', 'ReadAttributes', 'WriteAttributes'];
const OAUTH_FLOWS = ['code', 'implicit', 'client_credentials'];
const STANDARD_SCOPES = ['phone', 'email', 'openid', 'profile', 'aws.cognito.signin.user.admin'];

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

/** What Cognito reports for a client whose request left these out. */
const DEFAULTS = { RefreshTokenValidity: 30, AllowedOAuthFlowsUserPoolClient: false, EnableTokenRevocation: true, EnablePropagateAdditionalUserContextData: false };

/** Checks and keeps the client settings of a Create/UpdateUserPoolClient request. */
export function clientSettingsFromInput(pool: Pool, input: Input, hasSecret: boolean): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const k of KEPT) if (input[k] !== undefined && input[k] !== null) kept[k] = structuredClone(input[k]);
  for (const k of STRING_LISTS) {
    const v = kept[k];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) throw errors.invalidParameter(`1 validation error detected: Value at '${lowerFirst(k)}' failed to satisfy constraint: Member must be a list of strings`);
  }
  checkSupportedProviders(pool, kept.SupportedIdentityProviders);
  const flows = (kept.AllowedOAuthFlows as string[] | undefined) ?? [];
  for (const f of flows) if (!OAUTH_FLOWS.includes(f)) throw errors.invalidParameter("1 validation error detected: Value at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [implicit, client_credentials, code]]");
  if (flows.includes('client_credentials') && !hasSecret) throw errors.invalidParameter('client_credentials flow can not be selected if client does not have a client secret.');
  if (flows.includes('client_credentials') && flows.length > 1) throw errors.invalidParameter('client_credentials flow can not be selected with other flows.');
  for (const scope of (kept.AllowedOAuthScopes as string[] | undefined) ?? []) {
    if (STANDARD_SCOPES.includes(scope)) continue;
    const slash = scope.lastIndexOf('/');
    const server = slash > 0 ? pool.resourceServers.get(scope.slice(0, slash)) : undefined;
    if (!server || !server.scopes.some((s) => s.ScopeName === scope.slice(slash + 1))) throw new CognitoError('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`);
  }
  if (kept.AllowedOAuthFlowsUserPoolClient === true && flows.length === 0) throw errors.invalidParameter('AllowedOAuthFlows can not be empty when AllowedOAuthFlowsUserPoolClient is true.');
  if ((flows.includes('code') || flows.includes('implicit')) && !(kept.CallbackURLs as string[] | undefined)?.length) throw errors.invalidParameter('CallbackURLs can not be empty when AllowedOAuthFlows has code or implicit.');
  const redirect = kept.DefaultRedirectURI as string | undefined;
  if (redirect !== undefined && !((kept.CallbackURLs as string[] | undefined) ?? []).includes(redirect)) throw errors.invalidParameter('DefaultRedirectURI must be one of the CallbackURLs.');
  for (const k of ['ReadAttributes', 'WriteAttributes'] as const) {
    const known = new Set(pool.settings.schema.map((s) => s.Name));
    for (const a of (kept[k] as string[] | undefined) ?? []) {
      if (pool.settings.strictSchema && !known.has(a)) throw errors.invalidParameter(`Invalid ${k === 'ReadAttributes' ? 'read' : 'write'} attributes specified while creating a client`);
    }
  }
  return kept;
}

/** The settings members of DescribeUserPoolClient. */
export function clientSettingsDescription(settings: Record<string, unknown> | undefined): Record<string, unknown> {
  return { ...DEFAULTS, ...structuredClone(settings ?? {}) };
}

/** The attributes a client may read (ReadAttributes), or undefined when it may read all. */
export function readableAttributes(client: { settings?: Record<string, unknown> } | undefined): Set<string> | undefined {
  const read = client?.settings?.ReadAttributes;
  return Array.isArray(read) ? new Set<string>(['sub', ...(read as string[])]) : undefined;
}
