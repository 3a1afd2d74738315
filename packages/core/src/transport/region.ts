/**
 * The AWS region of a user pool, read from its id.
 * @module
 */
import { AuthError } from '../errors.js';

const POOL_ID_RE = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[0-9A-Za-z]+$/;

/** True when `value` looks like a user pool id, `<region>_<id>` (e.g. `us-east-1_AbC123`). */
export function isUserPoolId(value: unknown): value is string {
  return typeof value === 'string' && POOL_ID_RE.test(value);
}

/**
 * The region part of a user pool id: `us-east-1_AbC123` → `us-east-1`.
 * Throws an {@link AuthError} of kind `config` (name `InvalidUserPoolId`) for anything else.
 */
export function regionFromPoolId(userPoolId: string): string {
  const match = typeof userPoolId === 'string' ? POOL_ID_RE.exec(userPoolId) : null;
  if (!match) {
    throw new AuthError('InvalidUserPoolId', 'The user pool id must look like "<region>_<id>", e.g. "us-east-1_AbC123".', {
      kind: 'config',
      recoverySuggestion: 'Copy the pool id from the Cognito console (General settings → Pool Id).',
    });
  }
  return match[1]!;
}

/**
 * The region a transport signs its endpoint with: `userPool.region`, else the pool id's.
 * A pool id without a region (an emulator's, e.g. `local_AbC`) is accepted when an
 * endpoint is given: the region then only names the endpoint, which is overridden.
 */
export function transportRegion(userPool: { userPoolId: string; region?: string; endpoint?: string }): string {
  if (userPool.region) return userPool.region;
  if (!isUserPoolId(userPool.userPoolId) && userPool.endpoint) return 'us-east-1';
  return regionFromPoolId(userPool.userPoolId);
}
