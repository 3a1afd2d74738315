/**
 * The pool and client calls infrastructure-as-code makes beside Create/Describe:
 * UpdateUserPool, ListUserPools, UpdateUserPoolClient, DeleteUserPoolClient,
 * ListUserPoolClients, AddCustomAttributes, and tags (TagResource, UntagResource,
 * ListTagsForResource).
 */
import { applyDeviceConfiguration } from './devices.js';
import { clientDescription, clientFromInput } from './admin.js';
import { epochSeconds, type Ctx } from './context.js';
import { errors } from './errors.js';
import { triggersFromLambdaConfig } from './lambda-config.js';
import type { Pool } from './model.js';
import { paginate } from './pagination.js';
import { optBoolean, optNumber, optObject, optString, reqString, stringList, type Input } from './params.js';
import { addCustomAttributes, applyUpdatableSettings, parseTags } from './pool-settings.js';
import { forgetClientBranding } from './managed-login.js';

/**
 * UpdateUserPool. As in Cognito, members the request leaves out return to their defaults
 * (password policy, MFA, verification, recovery, messages...); the schema, the sign-in
 * attributes and the id stay.
 */
export function updateUserPool(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const mfa = optString(input, 'MfaConfiguration');
  if (mfa !== undefined && !['OFF', 'ON', 'OPTIONAL'].includes(mfa)) throw errors.invalidParameter("1 validation error detected: Value at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]");
  if (mfa !== undefined && mfa !== 'OFF' && (pool.enabledMfas.size === 0 || !pool.settings.mfaConfigured)) throw errors.invalidParameter("Invalid MFA configuration given, can't turn on MFA without any enabled MFA factors.");
  const policies = optObject(input, 'Policies');
  const pp = policies ? optObject(policies, 'PasswordPolicy') : undefined;
  const signIn = policies ? optObject(policies, 'SignInPolicy') : undefined;
  const minimumLength = pp ? optNumber(pp, 'MinimumLength') : undefined;
  if (minimumLength !== undefined && (!Number.isInteger(minimumLength) || minimumLength < 6 || minimumLength > 99)) throw errors.invalidParameter("1 validation error detected: Value at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value between 6 and 99");
  const tempDays = pp ? optNumber(pp, 'TemporaryPasswordValidityDays') : undefined;
  if (tempDays !== undefined && (!Number.isInteger(tempDays) || tempDays < 0 || tempDays > 365)) throw errors.invalidParameter("1 validation error detected: Value at 'policies.passwordPolicy.temporaryPasswordValidityDays' failed to satisfy constraint: Member must have value between 0 and 365");
  const firstFactors = signIn ? stringList(signIn, 'AllowedFirstAuthFactors') : undefined;
  for (const f of firstFactors ?? []) if (!['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'].includes(f)) throw errors.invalidParameter(`Invalid first factor ${f}.`);
  const tags = input.UserPoolTags !== undefined && input.UserPoolTags !== null ? parseTags(input.UserPoolTags, 'userPoolTags') : undefined;
  // LambdaConfig is replaced as a whole: left out, the pool has no LambdaConfig triggers after.
  const lambdaConfig = optObject(input, 'LambdaConfig');
  let lambdaTriggers: Pool['triggers'];
  try {
    lambdaTriggers = triggersFromLambdaConfig(lambdaConfig ?? {}, ctx.lambdas ?? new Map());
  } catch (e) {
    throw errors.invalidParameter((e as Error).message);
  }
  // Everything is checked: apply.
  applyUpdatableSettings(pool.settings, input);
  if (tags) pool.settings.tags = tags;
  pool.passwordPolicy = pp
    ? {
        minimumLength: minimumLength ?? 8,
        requireUppercase: optBoolean(pp, 'RequireUppercase') ?? false,
        requireLowercase: optBoolean(pp, 'RequireLowercase') ?? false,
        requireNumbers: optBoolean(pp, 'RequireNumbers') ?? false,
        requireSymbols: optBoolean(pp, 'RequireSymbols') ?? false,
        temporaryPasswordValidityDays: tempDays ?? 7,
      }
    : { minimumLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: true, temporaryPasswordValidityDays: 7 };
  if (firstFactors) pool.allowedFirstAuthFactors = firstFactors as Pool['allowedFirstAuthFactors'];
  pool.mfa = (mfa ?? 'OFF') as Pool['mfa'];
  applyDeviceConfiguration(pool, input); // like Cognito, an update resets what it leaves out
  applyLambdaConfig(ctx, pool, lambdaConfig, lambdaTriggers);
  pool.settings.lastModifiedAt = ctx.clock.now();
  return {};
}

/**
 * Swaps the pool's LambdaConfig triggers for `next`. Triggers given as functions in the
 * emulator config (not LambdaConfig ARNs) are not part of LambdaConfig and stay.
 */
function applyLambdaConfig(ctx: Ctx, pool: Pool, lambdaConfig: Record<string, unknown> | undefined, next: Pool['triggers']): void {
  const previous = pool.lambdaConfig ? triggersFromLambdaConfig(pool.lambdaConfig, ctx.lambdas ?? new Map()) : {};
  const kept: Record<string, unknown> = {};
  for (const [k, fn] of Object.entries(pool.triggers)) {
    if (fn !== undefined && (previous as Record<string, unknown>)[k] !== fn) kept[k] = fn;
  }
  pool.triggers = { ...next, ...(kept as Pool['triggers']) };
  pool.lambdaConfig = lambdaConfig ? structuredClone(lambdaConfig) : undefined;
}

/** ListUserPools (MaxResults 1..60 required, NextToken): id, name, dates. */
export function listUserPools(ctx: Ctx, input: Input) {
  if (input.MaxResults === undefined || input.MaxResults === null) throw errors.invalidParameter("1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null");
  const { page, next } = paginate(input, [...ctx.store.pools.values()], { limitMember: 'MaxResults', tokenMember: 'NextToken', max: 60, min: 1, scope: 'pools' });
  return {
    UserPools: page.map((p) => ({ Id: p.id, Name: p.name, LambdaConfig: p.lambdaConfig ?? {}, LastModifiedDate: epochSeconds(p.settings.lastModifiedAt), CreationDate: epochSeconds(p.createdAt) })),
    ...(next ? { NextToken: next } : {}),
  };
}

function clientOfPool(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const clientId = reqString(input, 'ClientId', { max: 128 });
  const client = pool.clients.get(clientId);
  if (!client) throw errors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  return { pool, client };
}

/**
 * UpdateUserPoolClient. As in Cognito, settings the request leaves out return to their
 * defaults; id, secret and creation date stay, and so does the name when none is given.
 */
export function updateUserPoolClient(ctx: Ctx, input: Input) {
  const { pool, client } = clientOfPool(ctx, input);
  const name = optString(input, 'ClientName', { max: 128 }) ?? client.name;
  const fresh = clientFromInput(ctx, pool, input, name, client.secret);
  const updated = { ...fresh, id: client.id, createdAt: client.createdAt, lastModifiedAt: ctx.clock.now(), secretCreatedAt: client.secretCreatedAt, extraSecrets: client.extraSecrets };
  if (updated.secret === undefined) delete updated.secret;
  ctx.store.removeClient(pool, client);
  ctx.store.addClient(pool, updated);
  return { UserPoolClient: clientDescription(updated) };
}

/** DeleteUserPoolClient. */
export function deleteUserPoolClient(ctx: Ctx, input: Input) {
  const { pool, client } = clientOfPool(ctx, input);
  ctx.store.removeClient(pool, client);
  forgetClientBranding(pool, client.id);
  return {};
}

/** ListUserPoolClients (MaxResults 1..60, NextToken): ids and names. */
export function listUserPoolClients(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const { page, next } = paginate(input, [...pool.clients.values()], { limitMember: 'MaxResults', tokenMember: 'NextToken', max: 60, min: 1, scope: `clients/${pool.id}` });
  return { UserPoolClients: page.map((c) => ({ ClientId: c.id, UserPoolId: pool.id, ClientName: c.name })), ...(next ? { NextToken: next } : {}) };
}

/** AddCustomAttributes: new `custom:*` attributes (never required; names cannot repeat). */
export function addCustomAttributesOp(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const list = input.CustomAttributes;
  if (!Array.isArray(list) || list.length < 1 || list.length > 25) throw errors.invalidParameter("1 validation error detected: Value at 'customAttributes' failed to satisfy constraint: Member must have length between 1 and 25");
  const schema = structuredClone(pool.settings.schema);
  addCustomAttributes(schema, list, true);
  pool.settings.schema = schema;
  pool.settings.lastModifiedAt = ctx.clock.now();
  return {};
}

/** The pool a user-pool ARN names (the only resource type Cognito tags). */
function poolOfArn(ctx: Ctx, input: Input): Pool {
  const arn = reqString(input, 'ResourceArn', { min: 20, max: 2048 });
  const m = /^arn:aws[\w-]*:cognito-idp:[\w-]+:\d{12}:userpool\/([\w-]+_[0-9a-zA-Z]+)$/.exec(arn);
  const pool = m ? ctx.store.pools.get(m[1]!) : undefined;
  if (!pool) throw errors.resourceNotFound(`The resource ${arn} does not exist.`);
  return pool;
}

/** TagResource. */
export function tagResource(ctx: Ctx, input: Input) {
  const pool = poolOfArn(ctx, input);
  const tags = parseTags(input.Tags ?? {}, 'tags');
  const merged = { ...pool.settings.tags, ...tags };
  if (Object.keys(merged).length > 50) throw errors.invalidParameter('A user pool can have at most 50 tags.');
  pool.settings.tags = merged;
  return {};
}

/** UntagResource. */
export function untagResource(ctx: Ctx, input: Input) {
  const pool = poolOfArn(ctx, input);
  for (const k of stringList(input, 'TagKeys') ?? []) delete pool.settings.tags[k];
  return {};
}

/** ListTagsForResource. */
export function listTagsForResource(ctx: Ctx, input: Input) {
  return { Tags: { ...poolOfArn(ctx, input).settings.tags } };
}

