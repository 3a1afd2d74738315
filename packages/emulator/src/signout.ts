/**
 * Token lifecycle calls: GetTokensFromRefreshToken, RevokeToken, GlobalSignOut,
 * AdminUserGlobalSignOut, and ChangePassword.
 */
import { timingSafeEqual } from 'node:crypto';
import { userOfToken } from './account.js';
import { checkLock, existingUser, recordFailure, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import { refreshClaims } from './lambda-triggers.js';
import { checkPolicy, setPassword, type AppClient } from './model.js';
import { optString, reqString, type Input } from './params.js';
import { checkPassword, poolNameOf } from './srp.js';

/** Clients with a secret must send it as ClientSecret on these calls (not a SECRET_HASH). */
function checkClientSecret(client: AppClient, given: string | undefined, error: (m: string) => CognitoError): void {
  if (!client.secret) return;
  if (!given) throw error(`Client ${client.id} is configured for secret but secret was not received`);
  const a = Buffer.from(given);
  const b = Buffer.from(client.secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw error(`Unable to verify secret for client ${client.id}`);
}

/** GetTokensFromRefreshToken (what Amplify v6.22+ refreshes with). No rotation: no new refresh token. */
export async function getTokensFromRefreshToken(ctx: Ctx, input: Input) {
  const token = reqString(input, 'RefreshToken');
  const { pool, client } = ctx.store.client(reqString(input, 'ClientId', { max: 128 }));
  checkClientSecret(client, optString(input, 'ClientSecret'), (m) => errors.notAuthorized(m));
  if (!client.flows.has('ALLOW_REFRESH_TOKEN_AUTH')) throw errors.invalidParameter('REFRESH_TOKEN_AUTH flow not enabled for this client');
  const entry = ctx.tokens.useRefresh(token, client.id);
  const user = pool.users.get(entry.username);
  if (!user) throw errors.notAuthorized('Invalid Refresh Token');
  if (!user.enabled) throw errors.notAuthorized('User is disabled.');
  return { AuthenticationResult: await ctx.tokens.issue(pool, client, user, { authTime: entry.authTime, withRefresh: false, originJti: entry.originJti, customize: refreshClaims(ctx, pool, client.id, user) }) };
}

/** RevokeToken: the refresh token and every token issued with it stop working. */
export function revokeToken(ctx: Ctx, input: Input) {
  const token = reqString(input, 'Token');
  const { client } = ctx.store.client(reqString(input, 'ClientId', { max: 128 }));
  checkClientSecret(client, optString(input, 'ClientSecret'), (m) => new CognitoError('UnauthorizedException', m));
  if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) throw new CognitoError('UnsupportedTokenTypeException', 'Unsupported token type: RevokeToken takes a refresh token.');
  const entry = ctx.tokens.peekRefresh(token);
  // As OAuth token revocation (RFC 7009), an unknown token is not an error.
  if (!entry) return {};
  if (entry.clientId !== client.id) throw new CognitoError('UnauthorizedException', 'The refresh token was not issued to this client.');
  ctx.tokens.revokeFamily(entry.originJti);
  return {};
}

/** GlobalSignOut: every token of the user stops working. */
export async function globalSignOut(ctx: Ctx, input: Input) {
  const { pool, user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  ctx.tokens.revokeUser(pool.id, user.username);
  return {};
}

/** AdminUserGlobalSignOut. */
export function adminUserGlobalSignOut(ctx: Ctx, input: Input) {
  const pool = ctx.store.pool(reqString(input, 'UserPoolId'));
  const user = existingUser(pool, reqString(input, 'Username', { max: 128 }));
  ctx.tokens.revokeUser(pool.id, user.username);
  return {};
}

/** ChangePassword (Amplify `updatePassword`). */
export async function changePassword(ctx: Ctx, input: Input) {
  const { pool, user } = await userOfToken(ctx, reqString(input, 'AccessToken'));
  const previous = optString(input, 'PreviousPassword', { max: 256 });
  const proposed = reqString(input, 'ProposedPassword', { max: 256 });
  checkLock(ctx, user);
  if (user.password) {
    if (previous === undefined) throw errors.invalidParameter('Missing required parameter PreviousPassword');
    if (!checkPassword(user.password, poolNameOf(pool.id), user.username, previous)) {
      recordFailure(ctx, user);
      throw errors.notAuthorized();
    }
  }
  checkPolicy(pool, proposed);
  setPassword(pool, user, proposed, ctx.clock.now());
  return {};
}
