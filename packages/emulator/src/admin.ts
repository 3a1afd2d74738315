/**
 * Admin calls (SigV4-signed in real Cognito; the emulator accepts any credentials):
 * pools, app clients, users, MFA configuration.
 */
import { randomCode } from './codes.js';
import { attributeList as userAttributeList, epochSeconds, existingUser, lookupUser, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import { API_DEFAULT_FLOWS, checkPolicy, clientFromConfig, newUser, newUserIdentity, poolFromConfig, setPassword, type AppClient, type Pool, type User } from './model.js';
import { applyMfaPreference, mfaSettings } from './account.js';
import { sendAdminResetCode } from './signup.js';
import { attributeList, optBoolean, optNumber, optObject, optString, reqString, stringList, type Input } from './params.js';
import type { MfaChallengeName } from './config.js';
import { applyDeviceConfiguration, deviceConfigurationDescription } from './devices.js';
import { tokenPolicyDescription, tokenPolicyFromInput } from './token-policy.js';
import { webAuthnConfigDescription, webAuthnConfigFromInput } from './webauthn.js';

function poolDescription(ctx: Ctx, pool: Pool) {
  return {
    Id: pool.id,
    Name: pool.name,
    Arn: `arn:aws:cognito-idp:${ctx.region}:000000000000:userpool/${pool.id}`,
    MfaConfiguration: pool.mfa,
    ...(pool.usernameAttributes.length ? { UsernameAttributes: pool.usernameAttributes } : {}),
    ...(pool.aliasAttributes.length ? { AliasAttributes: pool.aliasAttributes } : {}),
    CreationDate: epochSeconds(pool.createdAt),
    LastModifiedDate: epochSeconds(pool.createdAt),
    Policies: {
      PasswordPolicy: {
        MinimumLength: pool.passwordPolicy.minimumLength,
        RequireUppercase: pool.passwordPolicy.requireUppercase,
        RequireLowercase: pool.passwordPolicy.requireLowercase,
        RequireNumbers: pool.passwordPolicy.requireNumbers,
        RequireSymbols: pool.passwordPolicy.requireSymbols,
        TemporaryPasswordValidityDays: pool.passwordPolicy.temporaryPasswordValidityDays,
      },
      SignInPolicy: { AllowedFirstAuthFactors: pool.allowedFirstAuthFactors },
    },
    EstimatedNumberOfUsers: pool.users.size,
    ...deviceConfigurationDescription(pool),
  };
}

function clientDescription(client: AppClient) {
  return {
    UserPoolId: client.userPoolId,
    ClientName: client.name,
    ClientId: client.id,
    ...(client.secret ? { ClientSecret: client.secret } : {}),
    ExplicitAuthFlows: [...client.flows],
    AuthSessionValidity: client.sessionValidityMinutes,
    PreventUserExistenceErrors: client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
    CreationDate: epochSeconds(client.createdAt),
    LastModifiedDate: epochSeconds(client.createdAt),
    ...tokenPolicyDescription(client),
  };
}

function userDescription(user: User) {
  return {
    Username: user.username,
    Attributes: userAttributeList(user),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.modifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** CreateUserPool. */
export function createUserPool(ctx: Ctx, input: Input) {
  const name = reqString(input, 'PoolName', { max: 128 });
  const mfa = optString(input, 'MfaConfiguration') ?? 'OFF';
  if (!['OFF', 'ON', 'OPTIONAL'].includes(mfa)) throw errors.invalidParameter("1 validation error detected: Value at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]");
  const policies = optObject(input, 'Policies');
  const pp = policies ? optObject(policies, 'PasswordPolicy') : undefined;
  const signIn = policies ? optObject(policies, 'SignInPolicy') : undefined;
  const firstFactors = signIn ? stringList(signIn, 'AllowedFirstAuthFactors') : undefined;
  const usernameAttributes = stringList(input, 'UsernameAttributes');
  const aliasAttributes = stringList(input, 'AliasAttributes');
  let pool: Pool;
  try {
    pool = poolFromConfig(
      {
        id: undefined,
        name,
        mfa: mfa as Pool['mfa'],
        // Pools made by the API start with SMS and TOTP, as Cognito's; SetUserPoolMfaConfig changes it.
        enabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
        allowedFirstAuthFactors: firstFactors as Pool['allowedFirstAuthFactors'],
        usernameAttributes: usernameAttributes as Pool['usernameAttributes'] | undefined,
        aliasAttributes: aliasAttributes as Pool['aliasAttributes'] | undefined,
        passwordPolicy: pp && {
          minimumLength: optNumber(pp, 'MinimumLength'),
          requireUppercase: optBoolean(pp, 'RequireUppercase'),
          requireLowercase: optBoolean(pp, 'RequireLowercase'),
          requireNumbers: optBoolean(pp, 'RequireNumbers'),
          requireSymbols: optBoolean(pp, 'RequireSymbols'),
          temporaryPasswordValidityDays: optNumber(pp, 'TemporaryPasswordValidityDays'),
        },
      },
      {},
      ctx.clock.now(),
    );
  } catch (e) {
    throw errors.invalidParameter((e as Error).message.replace(/^Emulator config: /, ''));
  }
  applyDeviceConfiguration(pool, input);
  ctx.store.addPool(pool);
  return { UserPool: poolDescription(ctx, pool) };
}

/** DescribeUserPool. */
export function describeUserPool(ctx: Ctx, input: Input) {
  return { UserPool: poolDescription(ctx, ctx.store.pool(reqString(input, 'UserPoolId'))) };
}

/** DeleteUserPool. */
export function deleteUserPool(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  ctx.store.removePool(pool);
  return {};
}

/** SetUserPoolMfaConfig. */
export function setUserPoolMfaConfig(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const mfa = optString(input, 'MfaConfiguration');
  if (mfa !== undefined && !['OFF', 'ON', 'OPTIONAL'].includes(mfa)) throw errors.invalidParameter("1 validation error detected: Value at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]");
  const sms = optObject(input, 'SmsMfaConfiguration');
  const totp = optObject(input, 'SoftwareTokenMfaConfiguration');
  const email = optObject(input, 'EmailMfaConfiguration');
  const totpEnabled = totp ? optBoolean(totp, 'Enabled') : undefined;
  const enabled = new Set<MfaChallengeName>(pool.enabledMfas);
  if (sms !== undefined) enabled.add('SMS_MFA');
  if ('SmsMfaConfiguration' in input && input.SmsMfaConfiguration === null) enabled.delete('SMS_MFA');
  if (totpEnabled === true) enabled.add('SOFTWARE_TOKEN_MFA');
  if (totpEnabled === false) enabled.delete('SOFTWARE_TOKEN_MFA');
  if (email !== undefined) enabled.add('EMAIL_OTP');
  if (mfa !== undefined && mfa !== 'OFF' && enabled.size === 0) throw errors.invalidParameter('At least one MFA method must be enabled when MFA is ON or OPTIONAL.');
  pool.enabledMfas = enabled;
  if (mfa !== undefined) pool.mfa = mfa as Pool['mfa'];
  if (sms !== undefined) pool.mfaSettings.sms = structuredClone(sms);
  if (email !== undefined) pool.mfaSettings.email = structuredClone(email);
  const webAuthn = webAuthnConfigFromInput(input);
  if (webAuthn) pool.webAuthn = webAuthn;
  return mfaConfigOf(pool);
}

function mfaConfigOf(pool: Pool) {
  return {
    MfaConfiguration: pool.mfa,
    SoftwareTokenMfaConfiguration: { Enabled: pool.enabledMfas.has('SOFTWARE_TOKEN_MFA') },
    ...(pool.enabledMfas.has('SMS_MFA') ? { SmsMfaConfiguration: pool.mfaSettings.sms ?? {} } : {}),
    ...(pool.enabledMfas.has('EMAIL_OTP') ? { EmailMfaConfiguration: pool.mfaSettings.email ?? {} } : {}),
    ...webAuthnConfigDescription(pool),
  };
}

/** GetUserPoolMfaConfig. */
export function getUserPoolMfaConfig(ctx: Ctx, input: Input) {
  return mfaConfigOf(ctx.store.pool(reqString(input, 'UserPoolId')));
}

/** CreateUserPoolClient. */
export function createUserPoolClient(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const name = reqString(input, 'ClientName', { max: 128 });
  const validity = optNumber(input, 'AuthSessionValidity');
  const prevent = optString(input, 'PreventUserExistenceErrors');
  let client: AppClient;
  try {
    client = clientFromConfig(
      pool.id,
      {
        name,
        secret: optBoolean(input, 'GenerateSecret') ?? false,
        explicitAuthFlows: stringList(input, 'ExplicitAuthFlows'),
        authSessionValidity: validity,
        preventUserExistenceErrors: prevent === 'ENABLED',
      },
      ctx.clock.now(),
      API_DEFAULT_FLOWS,
    );
  } catch (e) {
    throw errors.invalidParameter((e as Error).message.replace(/^Emulator config: [^:]*: /, ''));
  }
  client.tokenPolicy = tokenPolicyFromInput(input);
  ctx.store.addClient(pool, client);
  return { UserPoolClient: clientDescription(client) };
}

/** DescribeUserPoolClient. */
export function describeUserPoolClient(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const client = pool.clients.get(reqString(input, 'ClientId'));
  if (!client) throw errors.resourceNotFound(`User pool client ${String(input.ClientId)} does not exist.`);
  return { UserPoolClient: clientDescription(client) };
}

/** AdminCreateUser. */
export function adminCreateUser(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const username = reqString(input, 'Username', { max: 128 });
  const attributes = attributeList(input, 'UserAttributes');
  const temporary = optString(input, 'TemporaryPassword', { max: 256 });
  const action = optString(input, 'MessageAction');
  const mediums = stringList(input, 'DesiredDeliveryMediums') ?? ['SMS'];
  if (action !== undefined && !['RESEND', 'SUPPRESS'].includes(action)) throw errors.invalidParameter("1 validation error detected: Value at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]");
  const now = ctx.clock.now();
  if (attributes.sub !== undefined) throw errors.invalidParameter('Cannot modify the non-mutable attribute sub');
  const existing = lookupUser(pool, username);
  if (action === 'RESEND') {
    if (!existing) throw errors.userNotFound();
    if (existing.status !== 'FORCE_CHANGE_PASSWORD') throw new CognitoError('UnsupportedUserStateException', 'Resend not possible. User is not in FORCE_CHANGE_PASSWORD state.');
  } else if (existing) throw new CognitoError('UsernameExistsException', 'User account already exists.');
  if (temporary !== undefined) checkPolicy(pool, temporary);
  const password = temporary ?? `Tmp${randomCode(8)}!`;
  const identity = existing ? undefined : newUserIdentity(pool, username, attributes);
  const user = existing ?? newUser(identity!.username, now, identity!.attributes);
  user.status = 'FORCE_CHANGE_PASSWORD';
  user.temporaryPasswordAt = now;
  setPassword(pool, user, password, now);
  pool.users.set(user.username, user);
  if (action !== 'SUPPRESS') {
    const byEmail = mediums.includes('EMAIL') && user.attributes.email;
    const medium = byEmail || !user.attributes.phone_number ? 'EMAIL' : 'SMS';
    const destination = medium === 'EMAIL' ? (user.attributes.email ?? '') : user.attributes.phone_number!;
    ctx.outbox.send({ userPoolId: pool.id, username: user.username, medium, destination, code: password, purpose: 'INVITATION', at: now });
  }
  return { User: userDescription(user) };
}

/** AdminSetUserPassword. */
export function adminSetUserPassword(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  const password = reqString(input, 'Password', { max: 256 });
  const permanent = optBoolean(input, 'Permanent') ?? false;
  checkPolicy(pool, password);
  setPassword(pool, user, password, ctx.clock.now());
  user.status = permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
  user.temporaryPasswordAt = permanent ? undefined : ctx.clock.now();
  user.failures = 0;
  user.lockedUntil = 0;
  return {};
}

/** AdminSetUserMFAPreference. */
export function adminSetUserMfaPreference(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  applyMfaPreference(ctx, user, input);
  return {};
}

/** AdminGetUser. */
export function adminGetUser(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  const { Attributes, ...rest } = userDescription(user);
  return { ...rest, UserAttributes: Attributes, ...mfaSettings(user) };
}

/** AdminDeleteUser. */
export function adminDeleteUser(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  pool.users.delete(user.username);
  return {};
}

/** AdminDisableUser / AdminEnableUser. */
export function adminSetEnabled(enabled: boolean) {
  return (ctx: Ctx, input: Input) => {
    const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
    const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
    user.enabled = enabled;
    user.modifiedAt = ctx.clock.now();
    return {};
  };
}

/** AdminConfirmSignUp. */
export function adminConfirmSignUp(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  if (user.status !== 'UNCONFIRMED') throw errors.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  user.status = 'CONFIRMED';
  user.signUpCode = undefined;
  return {};
}

/** AdminResetUserPassword: the user must reset before signing in again. */
export function adminResetUserPassword(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  user.status = 'RESET_REQUIRED';
  sendAdminResetCode(ctx, pool, user);
  return {};
}

const FILTERABLE = new Set(['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'cognito:user_status', 'status', 'sub']);
const MAX_PAGE = 60;

/** A ListUsers Filter: `attr = "value"` (exact) or `attr ^= "value"` (prefix); empty matches all. */
function userFilter(filter: string | undefined): (u: User) => boolean {
  if (filter === undefined || filter.trim() === '') return () => true;
  const m = /^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m || !FILTERABLE.has(m[1]!)) throw errors.invalidParameter('Error while parsing filter.');
  const [, attr, op, raw] = m as unknown as [string, string, string, string];
  const value = raw.replace(/\\(.)/g, '$1');
  const valueOf = (u: User): string | undefined =>
    attr === 'username' ? u.username : attr === 'cognito:user_status' ? u.status : attr === 'status' ? (u.enabled ? 'Enabled' : 'Disabled') : u.attributes[attr];
  return (u) => {
    const v = valueOf(u);
    return v !== undefined && (op === '=' ? v === value : v.startsWith(value));
  };
}

/** ListUsers with Filter, Limit, PaginationToken and AttributesToGet. */
export function listUsers(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const limit = optNumber(input, 'Limit') ?? MAX_PAGE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE) throw errors.invalidParameter(`1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_PAGE}`);
  const token = optString(input, 'PaginationToken');
  const wanted = stringList(input, 'AttributesToGet');
  const matches = [...pool.users.values()].filter(userFilter(optString(input, 'Filter', { min: 0 })));
  // The token is the index of the next user: opaque to clients, enough for a local server.
  const start = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
  if (!Number.isInteger(start) || start < 0) throw errors.invalidParameter('Invalid pagination token.');
  const page = matches.slice(start, start + (limit || MAX_PAGE));
  const users = page.map((u) => {
    const d = userDescription(u);
    return wanted ? { ...d, Attributes: d.Attributes.filter((a) => wanted.includes(a.Name)) } : d;
  });
  const nextStart = start + page.length;
  return { Users: users, ...(nextStart < matches.length ? { PaginationToken: Buffer.from(String(nextStart)).toString('base64url') } : {}) };
}
