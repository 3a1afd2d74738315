/**
 * Reads (does not verify) the payload of a Cognito JWT. The client trusts tokens it got over
 * TLS from Cognito; servers that accept tokens from a browser must verify them (JWKS).
 * @module
 */
import { validationError } from '../fail.js';
import { base64ToBytes } from '../srp/encoding.js';
import type { JWT } from './types.js';

/** The JSON payload of a JWT; throws `InvalidToken` (without the token) when it is not one. */
export function jwtPayload(token: string): Record<string, unknown> & {
  /** Expiry, epoch seconds. */
  exp?: number;
  /** Issued at, epoch seconds. */
  iat?: number;
  /** The user's `sub`. */
  sub?: string;
} {
  const part = typeof token === 'string' ? token.split('.')[1] : undefined;
  try {
    if (!part) throw new Error('no payload');
    // base64url without padding: the SRP code's decoder takes it once the alphabet is standard.
    const bytes = base64ToBytes(part.replace(/-/g, '+').replace(/_/g, '/'));
    if (!bytes) throw new Error('not base64url');
    const text = new TextDecoder().decode(bytes);
    const payload: unknown = JSON.parse(text);
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('not an object');
    return payload as Record<string, unknown>;
  } catch {
    throw validationError('InvalidToken', 'A token is not a JWT.');
  }
}

/** Amplify's `JWT` shape: the payload, and `toString()` for the token itself. */
export function toJwt(token: string): JWT {
  const payload = Object.freeze(jwtPayload(token));
  return Object.freeze({ payload, toString: () => token });
}
