/**
 * Calls a signed-in user (AccessToken) or a sign-in in MFA_SETUP (Session) makes:
 * AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference, GetUser.
 */
import { decodeJwt } from 'jose';
import { readableAttributes } from './client-settings.js';
import { attributeList, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import type { Pool, User } from './model.js';
import { optBoolean, optObject, optString, reqString, type Input } from './params.js';
import { checkTotp, newTotpSecret } from './totp.js';

export async function userOfToken(ctx: Ctx, token: string): Promise<{ pool: Pool; user: User }> {
  const claims = await ctx.tokens.verifyAccess(token, ctx.store.pools.keys());
  const pool = ctx.store.pool(claims.userPoolId);
  const user = pool.users.get(claims.username);
  if (!user || user.sub !== claims.sub) throw errors.notAuthorized('Access Token has been revoked');
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  return { pool, user };
}

function oneOf(input: Input): { session?: string; accessToken?: string } {
  const session = optString(input, 'Session', { min: 20, max: 8192 });
  const accessToken = optString(input, 'AccessToken');
  if (!session && !accessToken) throw errors.invalidParameter('Either AccessToken or Session must be provided.');
  return { session, accessToken };
}

/** The MFA_SETUP sign-in a Session belongs to (any client: the Session binds it). */
function setupState(ctx: Ctx, session: string) {
  // The session names its client; look it up through the state without knowing the client first.
  const state = ctx.sessions.peek(session);
  const live = ctx.sessions.get(session, state.clientId);
  if (ctx.sessions.isBusy(session)) throw errors.sessionUsed();
  if (live.expect !== 'MFA_SETUP') throw errors.notAuthorized('Invalid session for the user.');
  const { pool, client } = ctx.store.client(live.clientId);
  return { state: live, pool, client };
}

/** AssociateSoftwareToken. */
export async function associateSoftwareToken(ctx: Ctx, input: Input) {
  const { session, accessToken } = oneOf(input);
  const secret = newTotpSecret();
  if (accessToken) {
    const { user } = await userOfToken(ctx, accessToken);
    user.mfa.pendingTotpSecret = secret;
    return { SecretCode: secret };
  }
  const { state, pool, client } = setupState(ctx, session!);
  if (!pool.enabledMfas.has('SOFTWARE_TOKEN_MFA')) throw errors.invalidParameter('Software token MFA is not enabled for this user pool.');
  state.setup = { totpSecret: secret };
  // Kept on the user too, so emu.totpCode() can answer for a setup in progress.
  const user = pool.users.get(state.username);
  if (user) user.mfa.pendingTotpSecret = secret;
  ctx.sessions.consume(session!);
  return { SecretCode: secret, Session: ctx.sessions.create(state, client.sessionValidityMinutes) };
}

const mismatch = () => new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');

/** VerifySoftwareToken. */
export async function verifySoftwareToken(ctx: Ctx, input: Input) {
  const { session, accessToken } = oneOf(input);
  const code = reqString(input, 'UserCode', { min: 6, max: 6 });
  const friendly = optString(input, 'FriendlyDeviceName') ?? 'TOTP device';
  if (accessToken) {
    const { user } = await userOfToken(ctx, accessToken);
    const secret = user.mfa.pendingTotpSecret;
    if (!secret) throw errors.invalidParameter('User has not associated a software token (call AssociateSoftwareToken first).');
    if (!checkTotp(secret, code, ctx.clock.now())) throw mismatch();
    user.mfa.totp = { secret, friendlyDeviceName: friendly };
    user.mfa.pendingTotpSecret = undefined;
    user.modifiedAt = ctx.clock.now();
    return { Status: 'SUCCESS' };
  }
  const { state, pool, client } = setupState(ctx, session!);
  const secret = state.setup?.totpSecret;
  if (!secret) throw errors.invalidParameter('Call AssociateSoftwareToken with this Session first.');
  if (!checkTotp(secret, code, ctx.clock.now())) throw mismatch();
  const user = pool.users.get(state.username);
  if (!user) throw errors.sessionInvalid();
  // Setting up TOTP inside sign-in enables it and makes it the preferred factor.
  user.mfa.totp = { secret, friendlyDeviceName: friendly };
  user.mfa.totpEnabled = true;
  user.mfa.preferred = 'TOTP';
  if (user.mfa.pendingTotpSecret === secret) user.mfa.pendingTotpSecret = undefined;
  user.modifiedAt = ctx.clock.now();
  state.setup = { totpSecret: secret, totpVerified: true };
  ctx.sessions.consume(session!);
  return { Status: 'SUCCESS', Session: ctx.sessions.create(state, client.sessionValidityMinutes) };
}

/** Applies SMSMfaSettings / SoftwareTokenMfaSettings / EmailMfaSettings (both the user and admin call). */
export function applyMfaPreference(ctx: Ctx, user: User, input: Input): void {
  const settings = [
    ['SMSMfaSettings', 'SMS'],
    ['SoftwareTokenMfaSettings', 'TOTP'],
    ['EmailMfaSettings', 'EMAIL'],
  ] as const;
  const parsed = settings.map(([key, kind]) => {
    const s = optObject(input, key);
    return { kind, enabled: s ? optBoolean(s, 'Enabled') : undefined, preferred: s ? optBoolean(s, 'PreferredMfa') : undefined };
  });
  // Check everything first, so a refused call changes nothing.
  for (const p of parsed) {
    if (p.enabled !== true && p.preferred !== true) continue;
    if (p.kind === 'SMS' && !user.attributes.phone_number) throw errors.invalidParameter('User does not have a phone number to enable SMS MFA.');
    if (p.kind === 'EMAIL' && !user.attributes.email) throw errors.invalidParameter('User does not have an email address to enable email MFA.');
    if (p.kind === 'TOTP' && !user.mfa.totp) throw errors.invalidParameter('User has not verified software token mfa');
  }
  if (parsed.filter((p) => p.preferred === true).length > 1) throw errors.invalidParameter('Only one MFA method can be preferred.');
  for (const p of parsed) {
    if (p.enabled !== undefined) {
      if (p.kind === 'SMS') user.mfa.sms = p.enabled;
      if (p.kind === 'EMAIL') user.mfa.email = p.enabled;
      if (p.kind === 'TOTP') user.mfa.totpEnabled = p.enabled;
      if (!p.enabled && user.mfa.preferred === p.kind) user.mfa.preferred = undefined;
    }
    if (p.preferred === true) {
      if (p.kind === 'SMS') user.mfa.sms = true;
      if (p.kind === 'EMAIL') user.mfa.email = true;
      if (p.kind === 'TOTP') user.mfa.totpEnabled = true;
      user.mfa.preferred = p.kind;
    } else if (p.preferred === false && user.mfa.preferred === p.kind) user.mfa.preferred = undefined;
  }
  user.modifiedAt = ctx.clock.now();
}

/** SetUserMFAPreference. */
export async function setUserMfaPreference(ctx: Ctx, input: Input) {
  const { user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  applyMfaPreference(ctx, user, input);
  return {};
}

const PREF_NAMES = { SMS: 'SMS_MFA', TOTP: 'SOFTWARE_TOKEN_MFA', EMAIL: 'EMAIL_OTP' } as const;

/** PreferredMfaSetting and UserMFASettingList, as GetUser / AdminGetUser report them. */
export function mfaSettings(user: User): { PreferredMfaSetting?: string; UserMFASettingList?: string[]; MFAOptions?: { DeliveryMedium: string; AttributeName: string }[] } {
  const list: string[] = [];
  if (user.mfa.sms) list.push('SMS_MFA');
  if (user.mfa.totp && user.mfa.totpEnabled) list.push('SOFTWARE_TOKEN_MFA');
  if (user.mfa.email) list.push('EMAIL_OTP');
  const out: { PreferredMfaSetting?: string; UserMFASettingList?: string[]; MFAOptions?: { DeliveryMedium: string; AttributeName: string }[] } = {};
  if (user.mfa.sms && user.mfa.smsByMfaOptions) out.MFAOptions = [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }];
  if (user.mfa.preferred) out.PreferredMfaSetting = PREF_NAMES[user.mfa.preferred];
  if (list.length) out.UserMFASettingList = list;
  return out;
}

/** GetUser. */
export async function getUser(ctx: Ctx, input: Input) {
  const token = reqString(input, 'AccessToken');
  const { pool, user } = await userOfToken(ctx, token);
  // A client with ReadAttributes sees only those.
  const readable = readableAttributes(pool.clients.get(String(decodeJwt(token).client_id)));
  const attributes = attributeList(user).filter((a) => !readable || readable.has(a.Name));
  return { Username: user.username, UserAttributes: attributes, ...mfaSettings(user) };
}
