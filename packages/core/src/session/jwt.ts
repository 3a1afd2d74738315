/**
 * Reads (does not verify) the payload of a Cognito JWT. The client trusts tokens it got over
 * TLS from Cognito; servers that accept tokens from a browser must verify them (JWKS).
 * @module
 */
import { validationError } from '../fail.js';
import { isObject } from '../guard/shape.js';
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
  let payload: unknown;
  try {
    // base64url without padding: the SRP code's decoder takes it once the alphabet is standard.
    const bytes = part ? base64ToBytes(part.replace(/-/g, '+').replace(/_/g, '/')) : undefined;
    if (bytes) payload = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    // Not JSON: refused below, as a missing payload or one that is not base64url.
  }
  if (!isObject(payload)) {
    throw validationError('InvalidToken', 'A token is not a JWT.');
  }
  return payload;
}

/** Amplify's `JWT` shape: the payload, and `toString()` for the token itself. */
export function toJwt(token: string): JWT {
  const payload = Object.freeze(jwtPayload(token));
  return Object.freeze({ payload, toString: () => token });
}
