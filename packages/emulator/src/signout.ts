/**
 * Token lifecycle calls: RevokeToken, GlobalSignOut, AdminUserGlobalSignOut, and
 * ChangePassword (refresh is in refresh.ts).
 */
import { userOfToken } from './account.js';
import { checkLock, existingUser, recordFailure, type Ctx } from './context.js';
import { CognitoError, errors } from './errors.js';
import { checkPolicy, setPassword } from './model.js';
import { checkClientSecret } from './refresh.js';
import { tokenPolicyOf } from './token-policy.js';
import { optString, reqString, type Input } from './params.js';
import { checkPassword, poolNameOf } from './srp.js';

/** RevokeToken: the refresh token and every token issued with it stop working. */
export function revokeToken(ctx: Ctx, input: Input) {
  const token = reqString(input, 'Token');
  const { client } = ctx.store.client(reqString(input, 'ClientId', { max: 128 }));
  checkClientSecret(client, optString(input, 'ClientSecret'), (m) => new CognitoError('UnauthorizedException', m));
  if (!tokenPolicyOf(client).revocation) throw new CognitoError('UnsupportedOperationException', 'Token revocation is not enabled for this app client.');
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
