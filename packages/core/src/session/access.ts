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

/** What {@link withAccessToken} resolves to. */
export interface AccessTokenCall {
  /** Cognito's answer. */
  output: Record<string, any>;
  /** The session whose access token was sent (after any refresh). */
  session: StoredSession;
}

/**
 * Calls any Cognito operation that takes an access token, with the stored session's token
 * added (refreshed as needed), through the Auth's hooks and transport. When Cognito finds
 * the token expired anyway (a clock that jumped), refreshes once and tries again. Rejects
 * with `UserUnAuthenticatedException` when nobody is signed in.
 */
export async function withAccessToken(auth: Auth<any>, selector: UserSelector | undefined, operation: CognitoOperation, input: Record<string, unknown>): Promise<AccessTokenCall> {
  const { output, record } = await callWithAccessToken(auth, selector, operation, input);
  return { output, session: record };
}

/** @internal {@link withAccessToken} for core's own calls: also the engine. */
export async function callWithAccessToken(
  auth: Auth<any>,
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
