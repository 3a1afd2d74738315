/**
 * SECRET_HASH for app clients that have a client secret.
 * @module
 */
import { AuthError } from './errors.js';
import { hmacSha256 } from '#digest';
import { bytesToBase64, utf8 } from './srp/encoding.js';

/**
 * Cognito's SECRET_HASH: base64(HMAC-SHA256(key = clientSecret, message = username ‖ clientId)).
 * Send it with every InitiateAuth / RespondToAuthChallenge (and sign-up, password reset)
 * of a client that has a secret; `username` is the one sent in that request (after SRP,
 * USER_ID_FOR_SRP).
 */
export async function secretHash(clientSecret: string, username: string, clientId: string): Promise<string> {
  for (const [label, value] of [['clientSecret', clientSecret], ['username', username], ['clientId', clientId]] as const) {
    if (typeof value !== 'string' || value === '') {
      throw new AuthError('InvalidSecretHashInput', `SECRET_HASH: ${label} must be a non-empty string.`, {
        kind: 'validation',
        recoverySuggestion: 'Pass the app client secret, the username and the client id.',
      });
    }
  }
  return bytesToBase64(await hmacSha256(utf8(clientSecret), utf8(username + clientId)));
}
