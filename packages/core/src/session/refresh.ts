/**
 * Valid tokens for a user: read the store, refresh when the tokens are expired or about to
 * be. Concurrent callers for one user of one store share one read and one refresh. Expiry is
 * judged on Cognito's clock: the local clock minus the offset measured at sign-in.
 * @module
 */
import { callCognito, secretHashFor, type Engine } from '../engine.js';
import { AuthError } from '../errors.js';
import { toAuthError } from '../fail.js';
import { jwtPayload } from './jwt.js';
import { sessionRecord } from './save.js';
import { endReason, SessionEndedError } from './session-ended.js';
import type { SessionInfo, StoredSession, TokenStore } from './types.js';

/** Refresh this long before `exp`, so a token handed out is still valid when it is used. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * App clients found to rotate refresh tokens (REFRESH_TOKEN_AUTH refused): keyed by the
 * userPool object, which an Auth and its `withStore` views share.
 */
const rotating = new WeakSet<object>();

/** Cognito's answer to REFRESH_TOKEN_AUTH on a client that rotates (the flow must be off there). */
function flowRefused(error: unknown): boolean {
  const e = error as { name?: string; message?: string; kind?: string };
  return e?.kind === 'service' && e.name === 'InvalidParameterException' && /REFRESH_TOKEN|flow/i.test(e.message ?? '');
}

const inflight = new WeakMap<TokenStore, Map<string, { force: boolean; promise: Promise<StoredSession | undefined> }>>();

/** Facts about a session for the hooks (no tokens). */
export function infoOf(engine: Engine, record: Pick<StoredSession, 'userId' | 'username'>): SessionInfo {
  return Object.freeze({ userId: record.userId, username: record.username, userPoolId: engine.userPool.userPoolId, clientId: engine.userPool.clientId });
}

/** True when the tokens expire within the margin, by Cognito's clock. */
export function expiring(engine: Engine, record: StoredSession): boolean {
  const cognitoNow = engine.now() - record.clockOffsetMs;
  let exp = Infinity;
  for (const token of [record.accessToken, record.idToken]) {
    if (!token) continue;
    const e = jwtPayload(token).exp;
    exp = Math.min(exp, typeof e === 'number' ? e * 1000 : 0);
  }
  return cognitoNow >= exp - REFRESH_MARGIN_MS;
}

/**
 * The user's session with valid tokens (refreshed when needed or forced), or undefined when
 * the store holds none. A final refresh failure removes the session and throws
 * {@link SessionEndedError}.
 */
export function validSession(engine: Engine, userId: string, force = false): Promise<StoredSession | undefined> {
  const store = engine.session.store;
  let jobs = inflight.get(store);
  if (!jobs) inflight.set(store, (jobs = new Map()));
  const running = jobs.get(userId);
  // A forced refresh may join a running job only when that job refreshes too.
  if (running && (!force || running.force)) return running.promise;
  const promise = (async () => {
    if (running) await running.promise.catch(() => undefined);
    const record = await store.get(userId);
    if (!record) return undefined;
    if (!force && !expiring(engine, record)) return record;
    if (!store.withLock) return refresh(engine, record);
    // servers (#14): one refresh across processes; a holder before us may have done it.
    return store.withLock(userId, async () => {
      const current = await store.get(userId);
      if (!current) return undefined;
      if (current.accessToken !== record.accessToken) return current;
      return refresh(engine, current);
    });
  })().finally(() => {
    if (jobs.get(userId)?.promise === promise) jobs.delete(userId);
  });
  jobs.set(userId, { force, promise });
  return promise;
}

/** One refresh: REFRESH_TOKEN_AUTH, or GetTokensFromRefreshToken with rotation. */
async function refresh(engine: Engine, record: StoredSession): Promise<StoredSession> {
  const { store, rotation } = engine.session;
  const info = infoOf(engine, record);
  const { clientId, clientSecret } = engine.userPool;
  try {
    if (!record.refreshToken) {
      throw new AuthError('NoRefreshToken', 'The session holds no refresh token.', { kind: 'session' });
    }
    const refreshToken = record.refreshToken;
    const getTokens = async () =>
      (
        await callCognito(engine, 'GetTokensFromRefreshToken', {
          RefreshToken: refreshToken,
          ClientId: clientId,
          ...(clientSecret ? { ClientSecret: clientSecret } : {}),
        }, undefined, undefined, info)
      ).AuthenticationResult as Record<string, any> | undefined;
    let result: Record<string, any> | undefined;
    if (rotation || rotating.has(engine.userPool)) {
      result = await getTokens();
    } else {
      // SECRET_HASH with the token's cognito:username, not what the user typed.
      const hash = await secretHashFor(engine, record.username);
      try {
        const out = await callCognito(engine, 'InitiateAuth', {
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: clientId,
          AuthParameters: { REFRESH_TOKEN: refreshToken, ...(hash ? { SECRET_HASH: hash } : {}) },
        }, undefined, undefined, info); // the session's info lets request taps add e.g. DEVICE_KEY
        result = out.AuthenticationResult;
      } catch (err) {
        // A rotating client has REFRESH_TOKEN_AUTH off: switch to GetTokensFromRefreshToken for good.
        if (!flowRefused(err)) throw err;
        rotating.add(engine.userPool);
        result = await getTokens();
      }
    }
    if (!result?.AccessToken) throw new AuthError('UnexpectedCognitoResponse', 'Cognito answered the refresh without tokens.', { kind: 'service' });
    const next = sessionRecord(
      engine,
      { accessToken: result.AccessToken, idToken: result.IdToken ?? record.idToken, refreshToken: result.RefreshToken ?? record.refreshToken },
      { ...(record.signInDetails ? { signInDetails: record.signInDetails } : {}), refreshedAt: engine.now() },
    );
    // The refresh must answer for the same user; anything else ends the session.
    if (next.userId !== record.userId) throw new AuthError('RefreshedAnotherUser', 'The refreshed tokens belong to another user.', { kind: 'session' });
    await store.set(record.userId, next);
    engine.logger.debug('tokens refreshed', { userId: record.userId, rotated: !!result.RefreshToken });
    engine.hooks.tokenRefreshed.call(info);
    return next;
  } catch (err) {
    const error = toAuthError(err);
    const reason = endReason(error);
    engine.logger.debug('refresh failed', { userId: record.userId, error: error.name, final: !!reason });
    if (!reason) {
      engine.hooks.refreshFailed.call(info, error);
      throw error;
    }
    await store.remove(record.userId);
    const ended = new SessionEndedError(error, reason);
    engine.hooks.refreshFailed.call(info, ended);
    throw ended;
  }
}
