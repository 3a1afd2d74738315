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
import { attributeList, optBoolean, optNumber, optObject, optString, reqString, stringList, stringMap, type Input } from './params.js';
import { customMessage, NO_CLIENT, postConfirmation, preSignUp } from './lambda-triggers.js';
import { triggersFromLambdaConfig } from './lambda-config.js';
import type { MfaChallengeName } from './config.js';
import { checkAliasesFree, checkAttributes } from './attribute-schema.js';
import { clientSettingsDescription, clientSettingsFromInput } from './client-settings.js';
import { forgetMember } from './groups.js';
import { poolSettingsFromInput, settingsDescription } from './pool-settings.js';
import { newPoolId } from './model.js';
import { applyDeviceConfiguration, deviceConfigurationDescription } from './devices.js';
import { tokenPolicyDescription, tokenPolicyFromInput } from './token-policy.js';
import { webAuthnConfigDescription, webAuthnConfigFromInput } from './webauthn.js';

export function poolDescription(ctx: Ctx, pool: Pool) {
  return {
    Id: pool.id,
    Name: pool.name,
    Arn: `arn:aws:cognito-idp:${pool.id.split('_')[0]}:000000000000:userpool/${pool.id}`,
    MfaConfiguration: pool.mfa,
    ...(pool.usernameAttributes.length ? { UsernameAttributes: pool.usernameAttributes } : {}),
    ...(pool.aliasAttributes.length ? { AliasAttributes: pool.aliasAttributes } : {}),
    CreationDate: epochSeconds(pool.createdAt),
    LastModifiedDate: epochSeconds(pool.settings.lastModifiedAt),
    ...settingsDescription(pool.settings),
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
    LambdaConfig: pool.lambdaConfig ?? {},
  };
}

export function clientDescription(client: AppClient) {
  return {
    UserPoolId: client.userPoolId,
    ClientName: client.name,
    ClientId: client.id,
    ...(client.secret ? { ClientSecret: client.secret } : {}),
    ExplicitAuthFlows: client.flowsGiven ? [...client.flowsGiven] : [...client.flows],
    AuthSessionValidity: client.sessionValidityMinutes,
    PreventUserExistenceErrors: client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
    CreationDate: epochSeconds(client.createdAt),
    LastModifiedDate: epochSeconds(client.lastModifiedAt ?? client.createdAt),
    ...clientSettingsDescription(client.settings),
    ...tokenPolicyDescription(client),
  };
}

export function userDescription(user: User) {
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
  const settings = poolSettingsFromInput(input, ctx.clock.now());
  const lambdaConfig = optObject(input, 'LambdaConfig');
  let pool: Pool;
  try {
    const triggers = lambdaConfig ? triggersFromLambdaConfig(lambdaConfig, ctx.lambdas ?? new Map()) : {};
    pool = poolFromConfig(
      {
        id: newPoolId(ctx.region),
        name,
        mfa: mfa as Pool['mfa'],
        // Pools made by the API start with SMS and TOTP, as Cognito's; SetUserPoolMfaConfig changes it.
        enabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
        allowedFirstAuthFactors: firstFactors as Pool['allowedFirstAuthFactors'],
        usernameAttributes: usernameAttributes as Pool['usernameAttributes'] | undefined,
        aliasAttributes: aliasAttributes as Pool['aliasAttributes'] | undefined,
        // Without a PasswordPolicy Cognito requires 8 characters with upper, lower, number and symbol.
        passwordPolicy: pp ? {
          minimumLength: optNumber(pp, 'MinimumLength'),
          requireUppercase: optBoolean(pp, 'RequireUppercase'),
          requireLowercase: optBoolean(pp, 'RequireLowercase'),
          requireNumbers: optBoolean(pp, 'RequireNumbers'),
          requireSymbols: optBoolean(pp, 'RequireSymbols'),
          temporaryPasswordValidityDays: optNumber(pp, 'TemporaryPasswordValidityDays'),
        } : { minimumLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: true },
      },
      triggers,
      ctx.clock.now(),
    );
    if (lambdaConfig) pool.lambdaConfig = structuredClone(lambdaConfig);
  } catch (e) {
    throw errors.invalidParameter((e as Error).message.replace(/^Emulator config: /, ''));
  }
  pool.settings = settings;
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
  if (pool.settings.kept.DeletionProtection === 'ACTIVE') throw errors.invalidParameter('The user pool cannot be deleted because deletion protection is activated.');
  // As in Cognito (IaC deletes the aws_cognito_user_pool_domain first).
  if (pool.settings.domain) throw errors.invalidParameter('User pool cannot be deleted. It has a domain configured that should be deleted first.');
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
  checkMfaMessages(sms, email);
  const enabled = new Set<MfaChallengeName>(pool.enabledMfas);
  if (sms !== undefined) enabled.add('SMS_MFA');
  if ('SmsMfaConfiguration' in input && input.SmsMfaConfiguration === null) enabled.delete('SMS_MFA');
  if (totpEnabled === true) enabled.add('SOFTWARE_TOKEN_MFA');
  if (totpEnabled === false) enabled.delete('SOFTWARE_TOKEN_MFA');
  if (email !== undefined) enabled.add('EMAIL_OTP');
  if (mfa !== undefined && mfa !== 'OFF' && enabled.size === 0) throw errors.invalidParameter('At least one MFA method must be enabled when MFA is ON or OPTIONAL.');
  // A pool made by the API has no factor configured until a call names one.
  const namesFactor = sms !== undefined || totpEnabled === true || email !== undefined;
  if (mfa !== undefined && mfa !== 'OFF' && !namesFactor && !pool.settings.mfaConfigured) throw errors.invalidParameter("Invalid MFA configuration given, can't turn on MFA without any enabled MFA factors.");
  if (namesFactor) pool.settings.mfaConfigured = true;
  pool.enabledMfas = enabled;
  if (mfa !== undefined) pool.mfa = mfa as Pool['mfa'];
  if (sms !== undefined) pool.mfaSettings.sms = structuredClone(sms);
  if (email !== undefined) pool.mfaSettings.email = structuredClone(email);
  const webAuthn = webAuthnConfigFromInput(input);
  if (webAuthn) pool.webAuthn = webAuthn;
  return mfaConfigOf(pool);
}

/** Message templates of SetUserPoolMfaConfig must carry the code placeholder, as Cognito requires. */
function checkMfaMessages(sms: Input | undefined, email: Input | undefined): void {
  const smsText = sms ? optString(sms, 'SmsAuthenticationMessage', { min: 6, max: 140 }) : undefined;
  if (smsText !== undefined && !smsText.includes('{####}')) throw errors.invalidParameter('SmsAuthenticationMessage must contain {####}.');
  const smsConfig = sms ? optObject(sms, 'SmsConfiguration') : undefined;
  if (smsConfig && (typeof smsConfig.SnsCallerArn !== 'string' || !/^arn:[\w+=/,.@-]+:iam::\d{12}:role\/[\w+=/,.@-]+$/.test(smsConfig.SnsCallerArn))) throw errors.invalidParameter("1 validation error detected: Value at 'smsMfaConfiguration.smsConfiguration.snsCallerArn' failed to satisfy constraint: Member must be an IAM role ARN");
  const emailText = email ? optString(email, 'Message', { min: 6, max: 20_000 }) : undefined;
  if (emailText !== undefined && !emailText.includes('{####}')) throw errors.invalidParameter('EmailMfaConfiguration Message must contain {####}.');
  if (email) optString(email, 'Subject', { max: 140 });
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
  const client = clientFromInput(ctx, pool, input, name, optBoolean(input, 'GenerateSecret') ?? false);
  ctx.store.addClient(pool, client);
  return { UserPoolClient: clientDescription(client) };
}

/** A client from a Create/UpdateUserPoolClient request (`secret`: generate one, or keep this one). */
export function clientFromInput(ctx: Ctx, pool: Pool, input: Input, name: string, secret: boolean | string | undefined): AppClient {
  const validity = optNumber(input, 'AuthSessionValidity');
  const prevent = optString(input, 'PreventUserExistenceErrors');
  let client: AppClient;
  try {
    client = clientFromConfig(
      pool.id,
      {
        name,
        secret,
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
  client.settings = clientSettingsFromInput(pool, input, !!client.secret);
  client.tokenPolicy = tokenPolicyFromInput(input);
  return client;
}

/** DescribeUserPoolClient. */
export function describeUserPoolClient(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const client = pool.clients.get(reqString(input, 'ClientId'));
  if (!client) throw errors.resourceNotFound(`User pool client ${String(input.ClientId)} does not exist.`);
  return { UserPoolClient: clientDescription(client) };
}

/** AdminCreateUser. */
export async function adminCreateUser(ctx: Ctx, input: Input) {
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
  if (identity) {
    const { sub: _sub, ...given } = identity.attributes;
    checkAttributes(pool, given, 'create');
    checkAliasesFree(pool, undefined, given, optBoolean(input, 'ForceAliasCreation') ?? false);
  }
  // Pre sign-up runs for new users; AdminCreateUser users stay FORCE_CHANGE_PASSWORD whatever it answers.
  const auto = identity ? await preSignUp(ctx, pool, { clientId: NO_CLIENT, source: 'PreSignUp_AdminCreateUser', userName: identity.username, attributes: identity.attributes, validationData: attributeList(input, 'ValidationData'), clientMetadata: stringMap(input, 'ClientMetadata') }) : undefined;
  const user = existing ?? newUser(identity!.username, now, identity!.attributes);
  if (auto?.autoVerifyEmail && user.attributes.email) user.attributes.email_verified = 'true';
  if (auto?.autoVerifyPhone && user.attributes.phone_number) user.attributes.phone_number_verified = 'true';
  user.status = 'FORCE_CHANGE_PASSWORD';
  user.temporaryPasswordAt = now;
  setPassword(pool, user, password, now);
  pool.users.set(user.username, user);
  if (action !== 'SUPPRESS') {
    const byEmail = mediums.includes('EMAIL') && user.attributes.email;
    const medium = byEmail || !user.attributes.phone_number ? 'EMAIL' : 'SMS';
    const destination = medium === 'EMAIL' ? (user.attributes.email ?? '') : user.attributes.phone_number!;
    const text = await customMessage(ctx, pool, { clientId: NO_CLIENT, user, source: 'CustomMessage_AdminCreateUser', medium, code: password, clientMetadata: stringMap(input, 'ClientMetadata') });
    ctx.outbox.send({ userPoolId: pool.id, username: user.username, medium, destination, code: password, purpose: 'INVITATION', ...text, at: now });
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
  forgetMember(pool, user.username);
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
export async function adminConfirmSignUp(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  if (user.status !== 'UNCONFIRMED') throw errors.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  user.status = 'CONFIRMED';
  user.signUpCode = undefined;
  await postConfirmation(ctx, pool, user, NO_CLIENT, 'PostConfirmation_ConfirmSignUp', stringMap(input, 'ClientMetadata'));
  return {};
}

/** AdminResetUserPassword: the user must reset before signing in again. */
export async function adminResetUserPassword(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  // Only a user with a password of their own can be sent to reset it.
  if (user.status === 'UNCONFIRMED' || user.status === 'FORCE_CHANGE_PASSWORD') throw errors.notAuthorized('User password cannot be reset in the current state.');
  user.status = 'RESET_REQUIRED';
  await sendAdminResetCode(ctx, pool, user);
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
  // Cognito matches cognito:user_status in any case; the others exactly.
  const fold = attr === 'cognito:user_status' ? (x: string) => x.toUpperCase() : (x: string) => x;
  const wanted = fold(value);
  return (u) => {
    const v = valueOf(u);
    return v !== undefined && (op === '=' ? fold(v) === wanted : fold(v).startsWith(wanted));
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
