/**
 * The Lambda triggers around sign-up and sign-in (pre sign-up, post confirmation, pre / post
 * authentication, pre token generation, user migration), with Cognito's trigger sources and
 * event shapes. Custom-auth triggers live in custom-auth.ts.
 */
import { templateMessage } from './message-templates.js';
import type { Ctx } from './context.js';
import type { Pool, User } from './model.js';
import { invokeTrigger, type EventHeader } from './triggers.js';

/** `callerContext.clientId` of admin calls, as Cognito sends it. */
export const NO_CLIENT = 'CLIENT_ID_NOT_APPLICABLE';

function header(ctx: Ctx, pool: Pool, clientId: string, userName: string, triggerSource: string, version = '1'): EventHeader {
  return { version, region: ctx.region, userPoolId: pool.id, userName, callerContext: { awsSdkVersion: 'nextstep-emulator', clientId }, triggerSource };
}

/** The attributes a trigger sees: the user's, plus `cognito:user_status`. */
export function eventAttributes(user: User): Record<string, string> {
  return { ...user.attributes, 'cognito:user_status': user.status };
}

/** What pre sign-up answered. */
export interface PreSignUpResult {
  autoConfirmUser: boolean;
  autoVerifyEmail: boolean;
  autoVerifyPhone: boolean;
}

/** Pre sign-up (PreSignUp_SignUp / PreSignUp_AdminCreateUser); a throw refuses the sign-up. */
export async function preSignUp(
  ctx: Ctx,
  pool: Pool,
  args: { clientId: string; source: 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser'; userName: string; attributes: Record<string, string>; validationData: Record<string, string>; clientMetadata: Record<string, string> },
): Promise<PreSignUpResult> {
  const fn = pool.triggers.preSignUp;
  if (!fn) return { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };
  const res = await invokeTrigger(
    fn,
    'PreSignUp',
    header(ctx, pool, args.clientId, args.userName, args.source),
    { userAttributes: { ...args.attributes }, validationData: { ...args.validationData }, clientMetadata: { ...args.clientMetadata } },
    { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    ctx.triggerTimeoutMs,
  );
  return { autoConfirmUser: res.autoConfirmUser === true, autoVerifyEmail: res.autoVerifyEmail === true, autoVerifyPhone: res.autoVerifyPhone === true };
}

/** Post confirmation (PostConfirmation_ConfirmSignUp / PostConfirmation_ConfirmForgotPassword). */
export async function postConfirmation(ctx: Ctx, pool: Pool, user: User, clientId: string, source: 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword', clientMetadata: Record<string, string>): Promise<void> {
  const fn = pool.triggers.postConfirmation;
  if (!fn) return;
  await invokeTrigger(fn, 'PostConfirmation', header(ctx, pool, clientId, user.username, source), { userAttributes: eventAttributes(user), clientMetadata: { ...clientMetadata } }, {}, ctx.triggerTimeoutMs);
}

/**
 * Pre authentication (PreAuthentication_Authentication), before any credential is checked.
 * With PreventUserExistenceErrors an unknown user runs it too, with `userNotFound: true`.
 */
export async function preAuthentication(ctx: Ctx, pool: Pool, clientId: string, userName: string, user: User | undefined, validationData: Record<string, string>): Promise<void> {
  const fn = pool.triggers.preAuthentication;
  if (!fn) return;
  await invokeTrigger(
    fn,
    'PreAuthentication',
    header(ctx, pool, clientId, user?.username ?? userName, 'PreAuthentication_Authentication'),
    { userAttributes: user ? eventAttributes(user) : {}, validationData: { ...validationData }, userNotFound: !user },
    {},
    ctx.triggerTimeoutMs,
  );
}

/** Post authentication (PostAuthentication_Authentication): after the last factor, before tokens; a throw withholds them. */
export async function postAuthentication(ctx: Ctx, pool: Pool, clientId: string, user: User, clientMetadata: Record<string, string>): Promise<void> {
  const fn = pool.triggers.postAuthentication;
  if (!fn) return;
  await invokeTrigger(fn, 'PostAuthentication', header(ctx, pool, clientId, user.username, 'PostAuthentication_Authentication'), { userAttributes: eventAttributes(user), newDeviceUsed: false, clientMetadata: { ...clientMetadata } }, {}, ctx.triggerTimeoutMs);
}

/** Claims the pre token generation trigger may not add, change or suppress (Cognito ignores them). */
const RESERVED_CLAIMS = new Set([
  'acr', 'amr', 'at_hash', 'aud', 'auth_time', 'azp', 'client_id', 'cognito:username', 'event_id', 'exp', 'iat', 'identities',
  'iss', 'jti', 'nbf', 'nonce', 'origin_jti', 'scope', 'sub', 'token_use', 'username',
  'cognito:groups', 'cognito:roles', 'cognito:preferred_role',
]);

export type TokenGenerationSource = 'TokenGeneration_Authentication' | 'TokenGeneration_NewPasswordChallenge' | 'TokenGeneration_RefreshTokens' | 'TokenGeneration_AuthenticateDevice';

function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

function applyClaims(claims: Record<string, unknown>, details: unknown): void {
  if (!details || typeof details !== 'object') return;
  const d = details as Record<string, unknown>;
  if (d.claimsToAddOrOverride && typeof d.claimsToAddOrOverride === 'object') {
    for (const [k, v] of Object.entries(d.claimsToAddOrOverride as Record<string, unknown>)) if (!RESERVED_CLAIMS.has(k) && v !== undefined) claims[k] = v;
  }
  for (const k of stringArray(d.claimsToSuppress) ?? []) if (!RESERVED_CLAIMS.has(k)) delete claims[k];
}

function applyGroups(id: Record<string, unknown>, access: Record<string, unknown>, details: unknown): void {
  if (!details || typeof details !== 'object') return;
  const g = details as Record<string, unknown>;
  const groups = stringArray(g.groupsToOverride);
  if (groups) {
    for (const claims of [id, access]) {
      if (groups.length) claims['cognito:groups'] = groups;
      else delete claims['cognito:groups'];
    }
  }
  const roles = stringArray(g.iamRolesToOverride);
  if (roles) {
    if (roles.length) id['cognito:roles'] = roles;
    else delete id['cognito:roles'];
  }
  if (typeof g.preferredRole === 'string') id['cognito:preferred_role'] = g.preferredRole;
  else if (g.preferredRole === null && 'preferredRole' in g) delete id['cognito:preferred_role'];
}

/**
 * Pre token generation: V1_0 changes the ID token (`claimsOverrideDetails`); V2_0 / V3_0
 * change both (`claimsAndScopeOverrideDetails`, scopes of the access token included). Groups
 * (`groupOverrideDetails`) replace `cognito:groups` in both tokens and the role claims of the ID token.
 * Mutates the claim objects before they are signed.
 */
export async function preTokenGeneration(
  ctx: Ctx,
  pool: Pool,
  args: { clientId: string; user: User; source: TokenGenerationSource; clientMetadata: Record<string, string> },
  id: Record<string, unknown>,
  access: Record<string, unknown>,
): Promise<void> {
  const fn = pool.triggers.preTokenGeneration;
  if (!fn) return;
  const version = pool.triggers.preTokenGenerationVersion ?? 'V1_0';
  const groupConfiguration = {
    groupsToOverride: [...(stringArray(id['cognito:groups']) ?? [])],
    iamRolesToOverride: [...(stringArray(id['cognito:roles']) ?? [])],
    preferredRole: typeof id['cognito:preferred_role'] === 'string' ? id['cognito:preferred_role'] : null,
  };
  const scopes = typeof access.scope === 'string' ? access.scope.split(' ').filter(Boolean) : [];
  const request: Record<string, unknown> = { userAttributes: eventAttributes(args.user), groupConfiguration, clientMetadata: { ...args.clientMetadata } };
  if (version !== 'V1_0') request.scopes = scopes;
  const res = await invokeTrigger(fn, 'PreTokenGeneration', header(ctx, pool, args.clientId, args.user.username, args.source, version === 'V1_0' ? '1' : version === 'V2_0' ? '2' : '3'), request, version === 'V1_0' ? { claimsOverrideDetails: null } : { claimsAndScopeOverrideDetails: null }, ctx.triggerTimeoutMs);
  if (version === 'V1_0') {
    const d = res.claimsOverrideDetails as Record<string, unknown> | null | undefined;
    if (!d || typeof d !== 'object') return;
    applyClaims(id, d);
    applyGroups(id, access, d.groupOverrideDetails);
    return;
  }
  const d = res.claimsAndScopeOverrideDetails as Record<string, unknown> | null | undefined;
  if (!d || typeof d !== 'object') return;
  applyClaims(id, d.idTokenGeneration);
  applyClaims(access, d.accessTokenGeneration);
  const at = d.accessTokenGeneration as Record<string, unknown> | undefined;
  if (at && typeof at === 'object') {
    const set = new Set(scopes);
    for (const s of stringArray(at.scopesToAdd) ?? []) set.add(s);
    for (const s of stringArray(at.scopesToSuppress) ?? []) set.delete(s);
    access.scope = [...set].join(' ');
    if (set.size === 0) delete access.scope;
  }
  applyGroups(id, access, d.groupOverrideDetails);
}

/** What user migration answered: the user to create, or undefined when the trigger knows no such user. */
export interface Migrated {
  attributes: Record<string, string>;
  finalUserStatus?: 'CONFIRMED' | 'RESET_REQUIRED';
  messageAction?: 'SUPPRESS' | 'RESEND';
  desiredDeliveryMediums: ('EMAIL' | 'SMS')[];
}

/**
 * User migration (UserMigration_Authentication with the password, UserMigration_ForgotPassword
 * without): asked for a user the pool does not know. The trigger answers by setting
 * `response.userAttributes`; a throw (e.g. "Bad password") is UserLambdaValidationException.
 */
export async function userMigration(ctx: Ctx, pool: Pool, args: { clientId: string; userName: string; password?: string; source: 'UserMigration_Authentication' | 'UserMigration_ForgotPassword'; validationData: Record<string, string>; clientMetadata: Record<string, string> }): Promise<Migrated | undefined> {
  const fn = pool.triggers.userMigration;
  if (!fn) return undefined;
  const request: Record<string, unknown> = { validationData: { ...args.validationData }, clientMetadata: { ...args.clientMetadata } };
  if (args.password !== undefined) request.password = args.password;
  const res = await invokeTrigger(fn, 'UserMigration', header(ctx, pool, args.clientId, args.userName, args.source), request, { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null }, ctx.triggerTimeoutMs);
  const raw = res.userAttributes;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (k === 'sub' || k === 'username' || k === 'cognito:user_status') continue;
    if (typeof v === 'string') attributes[k] = v;
    else if (typeof v === 'boolean' || typeof v === 'number') attributes[k] = String(v);
  }
  const status = res.finalUserStatus === 'RESET_REQUIRED' ? 'RESET_REQUIRED' : res.finalUserStatus === 'CONFIRMED' ? 'CONFIRMED' : undefined;
  const action = res.messageAction === 'SUPPRESS' ? 'SUPPRESS' : res.messageAction === 'RESEND' ? 'RESEND' : undefined;
  const mediums = (stringArray(res.desiredDeliveryMediums) ?? []).filter((m): m is 'EMAIL' | 'SMS' => m === 'EMAIL' || m === 'SMS');
  return { attributes, finalUserStatus: status, messageAction: action, desiredDeliveryMediums: mediums };
}

/** The pre token generation step of a refresh (TokenGeneration_RefreshTokens). */
export function refreshClaims(ctx: Ctx, pool: Pool, clientId: string, user: User) {
  return (id: Record<string, unknown>, access: Record<string, unknown>) => preTokenGeneration(ctx, pool, { clientId, user, source: 'TokenGeneration_RefreshTokens', clientMetadata: {} }, id, access);
}

export type CustomMessageSource = 'CustomMessage_SignUp' | 'CustomMessage_ResendCode' | 'CustomMessage_ForgotPassword' | 'CustomMessage_AdminCreateUser' | 'CustomMessage_UpdateUserAttribute' | 'CustomMessage_VerifyUserAttribute' | 'CustomMessage_Authentication';

/**
 * The text of a code message: the pool's template (message-templates.ts), which the custom
 * message trigger, when the pool has one, may rewrite: it writes `smsMessage` / `emailMessage`
 * / `emailSubject` around `request.codeParameter` ("{####}", and "{username}" for
 * invitations); the emulator fills in the code and user name.
 */
export async function customMessage(ctx: Ctx, pool: Pool, args: { clientId: string; user: User; source: CustomMessageSource; medium: 'SMS' | 'EMAIL'; code: string; clientMetadata: Record<string, string> }): Promise<{ message: string; subject?: string }> {
  const kind = args.source === 'CustomMessage_AdminCreateUser' ? 'INVITATION' : args.source === 'CustomMessage_Authentication' ? 'AUTHENTICATION' : args.source === 'CustomMessage_SignUp' || args.source === 'CustomMessage_ResendCode' ? 'SIGN_UP' : 'VERIFY';
  const template = templateMessage(pool, kind, args.medium, { code: args.code, username: args.user.username, clientId: args.clientId });
  const fn = pool.triggers.customMessage;
  if (!fn) return template;
  const invitation = args.source === 'CustomMessage_AdminCreateUser';
  const request: Record<string, unknown> = { userAttributes: eventAttributes(args.user), codeParameter: '{####}', linkParameter: '{##Click Here##}', clientMetadata: { ...args.clientMetadata } };
  if (invitation) request.usernameParameter = '{username}';
  const res = await invokeTrigger(fn, 'CustomMessage', header(ctx, pool, args.clientId, args.user.username, args.source), request, { smsMessage: null, emailMessage: null, emailSubject: null }, ctx.triggerTimeoutMs);
  const text = args.medium === 'SMS' ? res.smsMessage : res.emailMessage;
  if (typeof text !== 'string' || text === '') return template;
  const fill = (s: string) => s.split('{####}').join(args.code).split('{username}').join(args.user.username);
  return { message: fill(text), ...(args.medium === 'EMAIL' ? { subject: typeof res.emailSubject === 'string' ? res.emailSubject : template.subject } : {}) };
}
