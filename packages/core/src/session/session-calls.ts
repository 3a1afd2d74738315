/**
 * Amplify JS v6's session calls as free functions of an Auth: `fetchAuthSession`,
 * `getCurrentUser`, `signOut`.
 * @module
 */
import type { Auth } from '../auth.js';
import { callCognito, type Engine } from '../engine.js';
import { toAuthError } from '../fail.js';
import { toJwt } from './jwt.js';
import { infoOf, validSession } from './refresh.js';
import { registered } from './registry.js';
import type { AuthSession, AuthUser, FetchAuthSessionOptions, SignOutInput, SignOutOutput, StoredSession, UserSelector } from './types.js';
import { requireSession, whose } from './whose.js';
import { validationError } from '../fail.js';

function engineOf(auth: Auth<any>): Engine {
  return registered(auth).engine;
}

/**
 * Valid tokens of the signed-in user (Amplify's `fetchAuthSession`), refreshed when they
 * are expired or about to be (or always, with `forceRefresh`). Resolves to `{}` when nobody
 * is signed in; rejects with {@link SessionEndedError} when the refresh fails for good.
 *
 * ```ts
 * const { tokens } = await fetchAuthSession(auth);
 * fetch(api, { headers: { Authorization: `Bearer ${tokens?.accessToken}` } });
 * ```
 */
export async function fetchAuthSession(auth: Auth<any>, options: FetchAuthSessionOptions = {}): Promise<AuthSession> {
  const engine = engineOf(auth);
  if (options.forceRefresh !== undefined && typeof options.forceRefresh !== 'boolean') {
    throw validationError('InvalidForceRefresh', 'forceRefresh must be a boolean.');
  }
  const userId = await whose(engine, options);
  if (userId === undefined) return {};
  const record = await validSession(engine, userId, options.forceRefresh === true);
  if (!record) return {};
  return sessionOf(record);
}

/** A stored session as Amplify's AuthSession. */
function sessionOf(record: StoredSession): AuthSession {
  return {
    tokens: {
      accessToken: toJwt(record.accessToken),
      ...(record.idToken ? { idToken: toJwt(record.idToken) } : {}),
      ...(record.signInDetails ? { signInDetails: { ...record.signInDetails } } : {}),
    },
    userSub: record.userId,
  };
}

/**
 * The signed-in user (Amplify's `getCurrentUser`): `username` is the token's
 * `cognito:username`, `userId` its `sub`. Rejects with `UserUnAuthenticatedException` when
 * nobody is signed in.
 */
export async function getCurrentUser(auth: Auth<any>, options: UserSelector = {}): Promise<AuthUser> {
  const record = await requireSession(engineOf(auth), options);
  return {
    username: record.username,
    userId: record.userId,
    ...(record.signInDetails ? { signInDetails: { ...record.signInDetails } } : {}),
  };
}

/**
 * Signs the user out (Amplify's `signOut`): RevokeToken for this session, or GlobalSignOut
 * (every session of the user) with `{ global: true }`. The session leaves the store even
 * when Cognito cannot be reached; `revoked` says whether Cognito confirmed.
 */
export async function signOut(auth: Auth<any>, input: SignOutInput = {}): Promise<SignOutOutput> {
  const engine = engineOf(auth);
  const global = input.global === true;
  const userId = await whose(engine, input);
  if (userId === undefined) return { revoked: false, error: 'NoSession' };
  const { store } = engine.session;
  const stored = await store.get(userId);
  if (!stored) return { revoked: false, error: 'NoSession' };
  let out: SignOutOutput;
  try {
    if (global) {
      // GlobalSignOut takes an access token: refresh first when it has expired.
      const record = (await validSession(engine, userId)) ?? stored;
      await callCognito(engine, 'GlobalSignOut', { AccessToken: record.accessToken });
    } else if (stored.refreshToken) {
      const { clientId, clientSecret } = engine.userPool;
      await callCognito(engine, 'RevokeToken', { Token: stored.refreshToken, ClientId: clientId, ...(clientSecret ? { ClientSecret: clientSecret } : {}) });
    } else {
      throw validationError('NoRefreshToken', 'The session holds no refresh token to revoke.');
    }
    out = { revoked: true };
  } catch (err) {
    const error = toAuthError(err);
    engine.logger.debug('sign-out call failed', { userId, error: error.name });
    out = { revoked: false, error: error.name };
  }
  await store.remove(userId);
  engine.hooks.signedOut.call(infoOf(engine, stored), { global, revoked: out.revoked });
  return out;
}
