/**
 * Reads the claims of a JWT (the ID token) for display. No signature check: the app only
 * shows what it was given; verifying tokens is the resource server's job.
 */

/** The payload of a JWT as an object; throws a TypeError when the token is not a JWT. */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) throw new TypeError('Not a JWT: expected three dot-separated parts.');
  let json: string;
  try {
    json = Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    throw new TypeError('Not a JWT: the payload is not base64url.');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw new TypeError('Not a JWT: the payload is not JSON.');
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new TypeError('Not a JWT: the payload is not an object.');
  }
  return payload as Record<string, unknown>;
}

/** Claims worth showing a person, with times as ISO dates. */
export function displayClaims(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    out[key] = (key === 'exp' || key === 'iat' || key === 'auth_time') && typeof value === 'number'
      ? `${value} (${new Date(value * 1000).toISOString()})`
      : value;
  }
  return out;
}
