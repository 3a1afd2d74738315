/**
 * AdminLinkProviderForUser / AdminDisableProviderForUser: links between a pool's users and
 * identities of its third-party providers. Links are kept (and checked: provider, attribute,
 * at most five per user, one user per identity); as nothing signs in through a provider here,
 * they change no sign-in.
 */
import type { Ctx } from './context.js';
import { existingUser } from './context.js';
import { CognitoError, errors } from './errors.js';
import { identityProvider } from './identity-providers.js';
import type { Pool, User } from './model.js';
import { optObject, reqString, poolOf, type Input } from './params.js';

/** One link of a user to an identity of a provider. */
export interface ProviderLink {
  providerName: string;
  attributeName: string;
  value: string;
  at: number;
}

const MAX_LINKS = 5;

function providerUser(input: Input, member: string): { ProviderName: string; ProviderAttributeName?: string; ProviderAttributeValue?: string } {
  const u = optObject(input, member);
  if (!u) throw errors.invalidParameter(`1 validation error detected: Value null at '${member[0]!.toLowerCase()}${member.slice(1)}' failed to satisfy constraint: Member must not be null`);
  const name = reqString(u, 'ProviderName', { max: 32 });
  const attr = u.ProviderAttributeName;
  const value = u.ProviderAttributeValue;
  if ((attr !== undefined && typeof attr !== 'string') || (value !== undefined && typeof value !== 'string')) throw new CognitoError('SerializationException', `Value at '${member[0]!.toLowerCase()}${member.slice(1)}' cannot be read: expected strings.`);
  return { ProviderName: name, ProviderAttributeName: attr as string | undefined, ProviderAttributeValue: value as string | undefined };
}

function linkOwner(pool: Pool, providerName: string, value: string): { user: User; link: ProviderLink } | undefined {
  for (const user of pool.users.values()) {
    const link = user.providerLinks?.find((l) => l.providerName === providerName && l.value === value);
    if (link) return { user, link };
  }
  return undefined;
}

/** AdminLinkProviderForUser: DestinationUser is a Cognito user, SourceUser an identity of a provider. */
export function adminLinkProviderForUser(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const dest = providerUser(input, 'DestinationUser');
  const source = providerUser(input, 'SourceUser');
  if (dest.ProviderName !== 'Cognito') throw errors.invalidParameter('DestinationUser ProviderName must be Cognito.');
  if (!dest.ProviderAttributeValue) throw errors.invalidParameter('DestinationUser ProviderAttributeValue must be the user name of a user of the pool.');
  if (source.ProviderName === 'Cognito') throw errors.invalidParameter('SourceUser must be an identity of an external provider.');
  const provider = identityProvider(pool, source.ProviderName);
  if (!provider) throw errors.invalidParameter(`Invalid SourceUser: provider ${source.ProviderName} does not exist for user pool ${pool.id}.`);
  const attr = source.ProviderAttributeName ?? 'Cognito_Subject';
  if (provider.type !== 'SAML' && attr !== 'Cognito_Subject') throw errors.invalidParameter('Invalid SourceUser: ProviderAttributeName must be Cognito_Subject for social and OIDC providers.');
  if (!source.ProviderAttributeValue) throw errors.invalidParameter('Invalid SourceUser: ProviderAttributeValue is required.');
  const user = existingUser(pool, dest.ProviderAttributeValue);
  if (pool.users.has(`${provider.name}_${source.ProviderAttributeValue}`)) throw errors.invalidParameter('Merging is not currently supported, provide a SourceUser that has not been registered yet.');
  const owner = linkOwner(pool, provider.name, source.ProviderAttributeValue);
  if (owner && owner.user !== user) throw new CognitoError('AliasExistsException', 'The SourceUser is already linked to another user.');
  if (owner) return {};
  const links = (user.providerLinks ??= []);
  if (links.length >= MAX_LINKS) throw new CognitoError('LimitExceededException', `A user can be linked to at most ${MAX_LINKS} identities.`);
  links.push({ providerName: provider.name, attributeName: attr, value: source.ProviderAttributeValue, at: ctx.clock.now() });
  user.modifiedAt = ctx.clock.now();
  return {};
}

/**
 * AdminDisableProviderForUser: removes the link of a provider's identity; with ProviderName
 * Cognito (Cognito_Subject = the user name) the user can no longer sign in with a password,
 * which the emulator models by disabling the user.
 */
export function adminDisableProviderForUser(ctx: Ctx, input: Input) {
  const pool = poolOf(ctx, input);
  const who = providerUser(input, 'User');
  if (!who.ProviderAttributeValue) throw errors.invalidParameter('ProviderAttributeValue is required.');
  if (who.ProviderName === 'Cognito') {
    if (who.ProviderAttributeName !== undefined && who.ProviderAttributeName !== 'Cognito_Subject') throw errors.invalidParameter('ProviderAttributeName must be Cognito_Subject for Cognito users.');
    const user = existingUser(pool, who.ProviderAttributeValue);
    user.enabled = false;
    user.modifiedAt = ctx.clock.now();
    return {};
  }
  const provider = identityProvider(pool, who.ProviderName);
  if (!provider) throw errors.invalidParameter(`Provider ${who.ProviderName} does not exist for user pool ${pool.id}.`);
  if (provider.type !== 'SAML' && (who.ProviderAttributeName ?? 'Cognito_Subject') !== 'Cognito_Subject') throw errors.invalidParameter('ProviderAttributeName must be Cognito_Subject for social and OIDC providers.');
  const owner = linkOwner(pool, provider.name, who.ProviderAttributeValue);
  if (!owner) throw errors.userNotFound();
  owner.user.providerLinks = owner.user.providerLinks!.filter((l) => l !== owner.link);
  owner.user.modifiedAt = ctx.clock.now();
  return {};
}
