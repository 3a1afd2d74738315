/**
 * Cognito calls made with the stored session's access token, refreshed as needed.
 * @module
 */
import type { Auth } from '../auth.js';
import { isAuthError } from '../errors.js';
import { callCognito, type Engine } from '../engine.js';
import type { CognitoOperation } from '../types.js';
import { registered } from './registry.js';
import type { StoredSession, UserSelector } from './types.js';
import { requireSession } from './whose.js';

/**
 * Calls `operation` with `AccessToken` added. When Cognito finds the token expired (a
 * clock that jumped), refreshes once and tries again.
 */
export async function withAccessToken(
  auth: Auth,
  selector: UserSelector | undefined,
  operation: CognitoOperation,
  input: Record<string, unknown>,
): Promise<{ output: Record<string, any>; record: StoredSession; engine: Engine }> {
  const engine = registered(auth).engine;
  let record = await requireSession(engine, selector);
  try {
    return { output: await callCognito(engine, operation, { ...input, AccessToken: record.accessToken }), record, engine };
  } catch (err) {
    if (!(isAuthError(err) && err.name === 'NotAuthorizedException' && /expired/i.test(err.message))) throw err;
    record = await requireSession(engine, { userId: record.userId }, true);
    return { output: await callCognito(engine, operation, { ...input, AccessToken: record.accessToken }), record, engine };
  }
}
