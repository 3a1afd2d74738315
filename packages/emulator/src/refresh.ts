/**
 * Token refresh: InitiateAuth REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken, with the app
 * client's refresh-token rotation and the binding of a refresh token to its user (by sub)
 * and to the device it was issued on.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Ctx } from './context.js';
import { touchDevice } from './devices.js';
import { CognitoError, errors } from './errors.js';
import type { AppClient, Pool, User } from './model.js';
import { optString, reqString, stringMap, type Input } from './params.js';
import { tokenPolicyOf } from './token-policy.js';
import type { AuthenticationResult } from './tokens.js';

/** The live user a refresh token belongs to; a deleted user's token never serves a namesake. */
function ownerOf(ctx: Ctx, pool: Pool, client: AppClient, token: string, deviceKey: string | undefined): { user: User; entry: ReturnType<Ctx['tokens']['useRefresh']> } {
  const entry = ctx.tokens.useRefresh(token, client.id);
  const user = pool.users.get(entry.username);
  if (!user || user.sub !== entry.sub) throw errors.notAuthorized('Invalid Refresh Token');
  // A token issued on a remembered device refreshes only from that device.
  if (deviceKey !== undefined && entry.deviceKey !== undefined && deviceKey !== entry.deviceKey) throw errors.notAuthorized('Invalid Refresh Token');
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  return { user, entry };
}

/**
 * REFRESH_TOKEN_AUTH (InitiateAuth, AdminInitiateAuth): new ID and access tokens, no new
 * refresh token. Refused for clients that rotate refresh tokens, which must refresh through
 * GetTokensFromRefreshToken. `checkHash` checks SECRET_HASH against the names it is given.
 */
export async function refreshTokenAuth(ctx: Ctx, pool: Pool, client: AppClient, params: Record<string, string>, checkHash: (user: User) => void): Promise<{ ChallengeParameters: Record<string, string>; AuthenticationResult: AuthenticationResult }> {
  const token = params.REFRESH_TOKEN;
  if (!token) throw errors.invalidParameter('Missing required parameter REFRESH_TOKEN');
  if (tokenPolicyOf(client).rotation.enabled) throw errors.invalidParameter('Refresh token rotation is enabled for this app client: refresh with GetTokensFromRefreshToken.');
  const { user, entry } = ownerOf(ctx, pool, client, token, params.DEVICE_KEY);
  checkHash(user);
  if (entry.deviceKey) touchDevice(ctx, user, entry.deviceKey);
  return { ChallengeParameters: {}, AuthenticationResult: await ctx.tokens.issue(pool, client, user, { authTime: entry.authTime, withRefresh: false, originJti: entry.originJti }) };
}

/** Clients with a secret must send it as ClientSecret on these calls (not a SECRET_HASH). */
export function checkClientSecret(client: AppClient, given: string | undefined, error: (m: string) => CognitoError): void {
  if (!client.secret) return;
  if (!given) throw error(`Client ${client.id} is configured for secret but secret was not received`);
  const a = Buffer.from(given);
  const b = Buffer.from(client.secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw error(`Unable to verify secret for client ${client.id}`);
}

/**
 * GetTokensFromRefreshToken. With rotation on, it answers a new refresh token too (expiring
 * when the one it replaces would have) and the old one keeps working for the client's
 * RetryGracePeriodSeconds, then fails with RefreshTokenReuseException.
 */
export async function getTokensFromRefreshToken(ctx: Ctx, input: Input) {
  const token = reqString(input, 'RefreshToken');
  const { pool, client } = ctx.store.client(reqString(input, 'ClientId', { max: 128 }));
  checkClientSecret(client, optString(input, 'ClientSecret'), (m) => errors.notAuthorized(m));
  stringMap(input, 'ClientMetadata');
  const policy = tokenPolicyOf(client);
  if (!policy.rotation.enabled && !client.flows.has('ALLOW_REFRESH_TOKEN_AUTH')) throw errors.invalidParameter('REFRESH_TOKEN_AUTH flow not enabled for this client');
  const { user, entry } = ownerOf(ctx, pool, client, token, optString(input, 'DeviceKey'));
  if (entry.deviceKey) touchDevice(ctx, user, entry.deviceKey);
  if (!policy.rotation.enabled) {
    return { AuthenticationResult: await ctx.tokens.issue(pool, client, user, { authTime: entry.authTime, withRefresh: false, originJti: entry.originJti }) };
  }
  const result = await ctx.tokens.issue(pool, client, user, { authTime: entry.authTime, originJti: entry.originJti, refreshExpiresAt: entry.expiresAt, deviceKey: entry.deviceKey });
  ctx.tokens.retireRefresh(token, policy.rotation.retryGracePeriodSeconds * 1000);
  return { AuthenticationResult: result };
}
