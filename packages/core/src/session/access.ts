/**
 * Cognito calls made with the stored session's access token, refreshed as needed.
 * @module
 */
import type { Auth } from '../auth.js';
import { isAuthError } from '../errors.js';
import { callCognito, type Engine } from '../engine.js';
import { checkControl } from '../guard/call-control.js'; // p15 (issue #15)
import type { CognitoOperation } from '../types.js';
import { registered } from './registry.js';
import type { AccessCallOptions, StoredSession } from './types.js';
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
 * with `UserUnAuthenticatedException` when nobody is signed in. The selector's `signal` /
 * `timeoutMs` apply to each Cognito call (p15).
 */
export async function withAccessToken(auth: Auth<any>, selector: AccessCallOptions | undefined, operation: CognitoOperation, input: Record<string, unknown>): Promise<AccessTokenCall> {
  const { output, record } = await callWithAccessToken(auth, selector, operation, input);
  return { output, session: record };
}

/** @internal {@link withAccessToken} for core's own calls: also the engine. */
export async function callWithAccessToken(
  auth: Auth<any>,
  selector: AccessCallOptions | undefined,
  operation: CognitoOperation,
  input: Record<string, unknown>,
): Promise<{ output: Record<string, any>; record: StoredSession; engine: Engine }> {
  const engine = registered(auth).engine;
  const control = checkControl(selector, operation); // p15 (issue #15): before anything is sent
  let record = await requireSession(engine, selector);
  try {
    return { output: await callCognito(engine, operation, { ...input, AccessToken: record.accessToken }, undefined, control), record, engine };
  } catch (err) {
    if (!(isAuthError(err) && err.name === 'NotAuthorizedException' && /expired/i.test(err.message))) throw err;
    record = await requireSession(engine, { userId: record.userId }, true);
    return { output: await callCognito(engine, operation, { ...input, AccessToken: record.accessToken }, undefined, control), record, engine };
  }
}
